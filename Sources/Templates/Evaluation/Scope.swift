/// Variables visible while a template runs: a chain of frames, innermost last.
/// `let` declares in the innermost frame; `set` assigns to the nearest frame that has the name,
/// which is how totals are accumulated inside a loop.
///
/// The frames above the globals hold a handful of names each (a loop's variable and `loop`, a
/// partial's parameters), so they live in one flat list searched from its end: comparing a few
/// short names costs less than hashing the name once per frame, and a loop's frame needs no
/// dictionary of its own on every iteration.
struct Scope {
    private var globals: [String: Value]
    private var bindings: [(name: String, value: Value)] = []
    /// Where each pushed frame's bindings begin in `bindings`.
    private var frameStarts: [Int] = []

    init(globals: [String: Value]) { self.globals = globals }

    func lookup(_ name: String) -> Value? {
        if let index = bindings.lastIndex(where: { $0.name == name }) { return bindings[index].value }
        return globals[name]
    }

    mutating func declare(_ name: String, _ value: Value) {
        guard let frameStart = frameStarts.last else {
            globals[name] = value
            return
        }
        if let index = bindings[frameStart...].lastIndex(where: { $0.name == name }) {
            bindings[index].value = value
        } else {
            bindings.append((name, value))
        }
    }

    /// Assigns to an existing variable; false when no frame has it.
    mutating func assign(_ name: String, _ value: Value) -> Bool {
        if let index = bindings.lastIndex(where: { $0.name == name }) {
            bindings[index].value = value
            return true
        }
        guard globals[name] != nil else { return false }
        globals[name] = value
        return true
    }

    mutating func push() { frameStarts.append(bindings.count) }
    mutating func pop() { bindings.removeSubrange(frameStarts.removeLast()...) }

    /// Every visible name, for "did you mean" hints.
    var names: [String] { Array(globals.keys) + bindings.map(\.name) }
}
