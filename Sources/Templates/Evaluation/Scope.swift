/// Variables visible while a template runs: a chain of frames, innermost last.
/// `let` declares in the innermost frame; `set` assigns to the nearest frame that has the name,
/// which is how totals are accumulated inside a loop.
struct Scope {
    private var frames: [[String: Value]]

    init(globals: [String: Value]) { frames = [globals] }

    func lookup(_ name: String) -> Value? {
        for frame in frames.reversed() {
            if let value = frame[name] { return value }
        }
        return nil
    }

    mutating func declare(_ name: String, _ value: Value) {
        frames[frames.count - 1][name] = value
    }

    /// Assigns to an existing variable; false when no frame has it.
    mutating func assign(_ name: String, _ value: Value) -> Bool {
        for index in frames.indices.reversed() where frames[index][name] != nil {
            frames[index][name] = value
            return true
        }
        return false
    }

    mutating func push() { frames.append([:]) }
    mutating func pop() { frames.removeLast() }

    /// Every visible name, for "did you mean" hints.
    var names: [String] { frames.flatMap(\.keys) }
}
