/// A schema's `pattern`: whether a string holds a match of it anywhere, as `Regex.firstMatch`
/// with Unicode-scalar semantics answers.
///
/// The contract's patterns are plain ones (anchors at the ends, literals, classes, groups,
/// alternation, counted repeats), and those are matched by a table automaton compiled here.
/// A `Regex` parses its pattern and generates its program on its first match: for the
/// contract's ten patterns about 5 M of a cold render's 128 M instructions, against about 2 M
/// for these tables; and a match is one table lookup per scalar, with no backtracking on any
/// input (the 400-item invoice's validation: 30.7 M instructions with `Regex`, 19.8 M). A
/// pattern outside that subset (`\d`, `.`, lookaround, a `^` in the middle…) is handed to
/// `Regex` as before, so every pattern means what it meant; `SchemaPatternTests` holds the two
/// to the same answers.
///
/// `@unchecked Sendable` for the `Regex`, which is not declared `Sendable`: it is never changed
/// after `init`, and the standard library publishes the program it generates on first use
/// atomically (the validator shared its regexes across renders this way before).
struct SchemaPattern: @unchecked Sendable {
    /// The pattern as the schema writes it, for messages.
    let source: String
    private let matcher: Matcher

    private enum Matcher {
        case automaton(PatternAutomaton)
        case regex(Regex<AnyRegexOutput>)
    }

    /// Compiles `source`.
    /// - Throws: the `Regex` error when the pattern is not one (`[a-`, `(x`).
    init(_ source: String) throws {
        self.source = source
        if let automaton = PatternAutomaton(source) {
            matcher = .automaton(automaton)
        } else {
            matcher = .regex(try Regex(source).matchingSemantics(.unicodeScalar))
        }
    }

    /// Whether the automaton answers (false: `Regex` does).
    var isAutomaton: Bool {
        if case .automaton = matcher { true } else { false }
    }

    /// Whether `text` contains a match.
    func matches(_ text: String) -> Bool {
        switch matcher {
        case .automaton(let automaton): automaton.matches(text)
        case .regex(let regex): (try? regex.firstMatch(in: text)) != nil
        }
    }
}

/// A plain pattern as a deterministic automaton: one table lookup per scalar.
///
/// Built in two steps: the pattern's Thompson automaton (states that read one scalar of a set,
/// or fork), then the sets of its states that can be live together, each a state of the table
/// (subset construction). Scalars are grouped into classes no pattern set tells apart, so the
/// table has a column per class rather than per scalar.
struct PatternAutomaton: Sendable {
    /// The table: `transitions[state * classCount + class]`.
    private let transitions: [Int32]
    private let classCount: Int
    /// Where each class starts; class `i` is `[boundaries[i], boundaries[i + 1])`.
    private let boundaries: [UInt32]
    /// The class of each ASCII scalar, looked up directly.
    private let asciiClasses: [UInt8]
    /// Whether a match ends in each state; whether no match can come from it any more.
    private let accepting: [Bool]
    private let dead: [Bool]
    /// `$`: a match must end at the last scalar.
    private let anchoredEnd: Bool

    /// The most table states a pattern may need; past it, `Regex` answers.
    static let stateLimit = 2_048

    /// Compiles `source`, or nil when it is not a plain pattern (or is not a pattern at all).
    init?(_ source: String) {
        var scalars = Array(source.unicodeScalars)
        var anchoredStart = false
        var anchoredEnd = false
        if scalars.first == "^" {
            anchoredStart = true
            scalars.removeFirst()
        }
        // An unescaped `$` ends the pattern: an even run of backslashes before it.
        if scalars.last == "$" {
            let backslashes = scalars.dropLast().reversed().prefix { $0 == "\\" }.count
            if backslashes % 2 == 0 {
                anchoredEnd = true
                scalars.removeLast()
            }
        }
        var parser = PatternParser(scalars)
        guard let tree = parser.parse() else { return nil }
        // `^a|b$` anchors each end to one branch only: not plain.
        if case .alternation = tree, anchoredStart || anchoredEnd { return nil }
        guard let nfa = ThompsonAutomaton(tree) else { return nil }

        // Classes: cut the scalars wherever a set's range starts or ends.
        var cuts: Set<UInt32> = [0]
        for set in nfa.sets {
            for range in set.ranges {
                cuts.insert(range.lowerBound)
                if range.upperBound < UInt32.max { cuts.insert(range.upperBound + 1) }
            }
        }
        let boundaries = cuts.sorted()
        guard boundaries.count <= Int(UInt8.max) else { return nil }
        let classCount = boundaries.count

        // Subset construction. Unanchored, a new match may start at every scalar: the start's
        // closure joins every state.
        let startClosure = nfa.closure(of: nfa.start)
        struct Live: Hashable {
            var reads: [Int]
            var accepts: Bool
        }
        var ids: [Live: Int32] = [:]
        var members: [[Int]] = []
        var accepting: [Bool] = []
        var transitions: [Int32] = []
        func id(of closure: (reads: [Int], accepts: Bool)) -> Int32? {
            let live = Live(reads: closure.reads, accepts: closure.accepts)
            if let known = ids[live] { return known }
            guard members.count < Self.stateLimit else { return nil }
            let new = Int32(members.count)
            ids[live] = new
            members.append(closure.reads)
            accepting.append(closure.accepts)
            return new
        }
        guard id(of: startClosure) != nil else { return nil }
        // What follows each read, worked out once rather than for every state it is live in.
        let after = nfa.nexts.map { nfa.closure(of: $0) }
        var marks = [Int](repeating: -1, count: nfa.sets.count)
        var index = 0
        while index < members.count {
            let reads = members[index]
            for classIndex in 0..<classCount {
                let representative = boundaries[classIndex]
                var targets = anchoredStart ? [] : startClosure.reads
                var accepts = anchoredStart ? false : startClosure.accepts
                let generation = index * classCount + classIndex
                for read in targets { marks[read] = generation }
                for read in reads where nfa.sets[read].contains(representative) {
                    for target in after[read].reads where marks[target] != generation {
                        marks[target] = generation
                        targets.append(target)
                    }
                    accepts = accepts || after[read].accepts
                }
                guard let target = id(of: (targets.sorted(), accepts)) else { return nil }
                transitions.append(target)
            }
            index += 1
        }
        self.transitions = transitions
        self.classCount = classCount
        self.boundaries = boundaries
        self.asciiClasses = (0..<128).map { value in UInt8(boundaries.lastIndex { $0 <= UInt32(value) } ?? 0) }
        self.accepting = accepting
        // Anchored at the start, a state with nothing left to read can never accept again.
        self.dead = zip(members, accepting).map { reads, accepts in anchoredStart && reads.isEmpty && !accepts }
        self.anchoredEnd = anchoredEnd
    }

    /// Whether `text` contains a match.
    func matches(_ text: String) -> Bool {
        var state = 0
        if accepting[0] && !anchoredEnd { return true }
        for scalar in text.unicodeScalars {
            state = Int(transitions[state * classCount + classIndex(of: scalar.value)])
            if dead[state] { return false }
            if accepting[state] && !anchoredEnd { return true }
        }
        return accepting[state]
    }

    private func classIndex(of value: UInt32) -> Int {
        if value < 128 { return Int(asciiClasses[Int(value)]) }
        // The last boundary at or below `value`.
        var low = 0
        var high = boundaries.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if boundaries[middle] <= value { low = middle } else { high = middle - 1 }
        }
        return low
    }
}

/// The pattern's Thompson automaton: each state reads one scalar of a set and goes on, forks,
/// or accepts. Only compiled, never run: `PatternAutomaton` is built from it.
struct ThompsonAutomaton {
    private enum State {
        case read(Int)  // an index into `sets` and `nexts`
        case fork(Int, Int)
        case accept
    }

    private var states: [State] = []
    /// For each read: its set and the state after it.
    private(set) var sets: [ScalarSet] = []
    private(set) var nexts: [Int] = []
    private(set) var start = 0

    /// The most states a pattern may expand to (counted repeats are copies).
    static let stateLimit = 4_096

    init?(_ tree: PatternNode) {
        states.append(.accept)
        guard let first = compile(tree, then: 0) else { return nil }
        start = first
    }

    /// The reads reachable from `state` through forks (by read index, sorted), and whether the
    /// accept is.
    func closure(of state: Int) -> (reads: [Int], accepts: Bool) {
        var seen = [Bool](repeating: false, count: states.count)
        var reads: [Int] = []
        var accepts = false
        var pending = [state]
        while let current = pending.popLast() {
            guard !seen[current] else { continue }
            seen[current] = true
            switch states[current] {
            case .read(let index): reads.append(index)
            case .fork(let first, let second): pending += [second, first]
            case .accept: accepts = true
            }
        }
        return (reads.sorted(), accepts)
    }

    /// The states of `node`, built back to front: they go on to `then`. Nil past `stateLimit`.
    private mutating func compile(_ node: PatternNode, then: Int) -> Int? {
        guard states.count < Self.stateLimit else { return nil }
        switch node {
        case .set(let set):
            sets.append(set)
            nexts.append(then)
            return append(.read(sets.count - 1))
        case .sequence(let items):
            var entry = then
            for item in items.reversed() {
                guard let previous = compile(item, then: entry) else { return nil }
                entry = previous
            }
            return entry
        case .alternation(let branches):
            var entries: [Int] = []
            for branch in branches {
                guard let entry = compile(branch, then: then) else { return nil }
                entries.append(entry)
            }
            return entries.dropLast().reversed().reduce(entries[entries.count - 1]) { rest, entry in
                append(.fork(entry, rest))
            }
        case .repeated(let body, let minimum, let maximum):
            var entry = then
            if let maximum {
                for _ in minimum..<maximum {
                    guard let once = compile(body, then: entry) else { return nil }
                    entry = append(.fork(once, entry))
                }
            } else {
                // The loop: a fork to the body, whose end comes back to the fork.
                let loop = append(.accept)
                guard let once = compile(body, then: loop) else { return nil }
                states[loop] = .fork(once, entry)
                entry = loop
            }
            for _ in 0..<minimum {
                guard let once = compile(body, then: entry) else { return nil }
                entry = once
            }
            return entry
        }
    }

    private mutating func append(_ state: State) -> Int {
        states.append(state)
        return states.count - 1
    }
}

/// A set of scalars: ranges, or everything outside them.
struct ScalarSet: Sendable, Hashable {
    var ranges: [ClosedRange<UInt32>]
    var isInverted = false

    func contains(_ value: UInt32) -> Bool {
        ranges.contains { $0.contains(value) } != isInverted
    }
}

/// A plain pattern, parsed.
indirect enum PatternNode: Sendable {
    case set(ScalarSet)
    case sequence([PatternNode])
    case alternation([PatternNode])
    case repeated(PatternNode, minimum: Int, maximum: Int?)
}

/// Reads the plain subset of the pattern syntax; nil for anything else, which `Regex` then reads.
struct PatternParser {
    private let scalars: [Unicode.Scalar]
    private var position = 0

    /// The largest count a `{n,m}` may give.
    static let countLimit = 1_000

    /// Punctuation that stands for itself outside a class (every other ASCII punctuation mark
    /// either means something or differs between regex dialects).
    private static let plainPunctuation = Set("-:,/_ @#%='\"<>~!&;`".unicodeScalars)
    /// Punctuation that stands for itself inside a class.
    private static let plainClassPunctuation = Set(":,/_ @#%='\"<>!;`.+*?(){}|$".unicodeScalars)

    init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

    mutating func parse() -> PatternNode? {
        guard let tree = alternation(), position == scalars.count else { return nil }
        return tree
    }

    private var current: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

    private mutating func alternation() -> PatternNode? {
        var branches: [PatternNode] = []
        repeat {
            if !branches.isEmpty { position += 1 }  // the `|`
            guard let branch = sequence() else { return nil }
            branches.append(branch)
        } while current == "|"
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func sequence() -> PatternNode? {
        var items: [PatternNode] = []
        while let scalar = current, scalar != "|", scalar != ")" {
            guard let atom = atom(), let item = quantified(atom) else { return nil }
            items.append(item)
        }
        return items.count == 1 ? items[0] : .sequence(items)
    }

    private mutating func atom() -> PatternNode? {
        guard let scalar = current else { return nil }
        position += 1
        switch scalar {
        case "(":
            if current == "?" {
                // Only `(?:`; lookaround and named groups are left to `Regex`.
                guard position + 1 < scalars.count, scalars[position + 1] == ":" else { return nil }
                position += 2
            }
            guard let inner = alternation(), current == ")" else { return nil }
            position += 1
            return .sequence([inner])  // still a group, so `^(a|b)$` is not taken for `^a|b$`
        case "[":
            return characterClass()
        case "\\":
            return escaped().map { .set(ScalarSet(ranges: [$0.value...$0.value])) }
        default:
            guard Self.isPlain(scalar, in: Self.plainPunctuation) else { return nil }
            return .set(ScalarSet(ranges: [scalar.value...scalar.value]))
        }
    }

    /// The scalar after a backslash, when it is a mark that then stands for itself (`\.`, `\-`).
    private mutating func escaped() -> Unicode.Scalar? {
        guard let scalar = current, Self.escapable.contains(scalar) else { return nil }
        position += 1
        return scalar
    }

    /// Marks a backslash makes literal in every dialect; `\d`, `\<` and the like are left to `Regex`.
    private static let escapable = Set(#".-\/^$*+?()[]{}|"#.unicodeScalars)

    private mutating func characterClass() -> PatternNode? {
        var set = ScalarSet(ranges: [])
        if current == "^" {
            set.isInverted = true
            position += 1
        }
        while current != nil, current != "]" {
            guard let low = classMember() else { return nil }
            if current == "-", position + 1 < scalars.count, scalars[position + 1] != "]" {
                position += 1
                guard let high = classMember(), low.value <= high.value else { return nil }
                set.ranges.append(low.value...high.value)
            } else {
                set.ranges.append(low.value...low.value)
            }
        }
        guard current == "]", !set.ranges.isEmpty else { return nil }
        position += 1
        return .set(set)
    }

    /// One scalar of a class: a literal, an escaped mark, or a `-` at the class's end.
    private mutating func classMember() -> Unicode.Scalar? {
        guard let scalar = current else { return nil }
        if scalar == "\\" {
            position += 1
            return escaped()
        }
        if scalar == "-" {
            // Only as the last member: `--` and `a-` in the middle differ between dialects.
            guard position + 1 < scalars.count, scalars[position + 1] == "]" else { return nil }
            position += 1
            return scalar
        }
        guard Self.isPlain(scalar, in: Self.plainClassPunctuation) else { return nil }
        position += 1
        return scalar
    }

    /// Letters, digits and other non-ASCII scalars stand for themselves; ASCII marks only when listed.
    private static func isPlain(_ scalar: Unicode.Scalar, in punctuation: Set<Unicode.Scalar>) -> Bool {
        if !scalar.isASCII { return !scalar.properties.isWhitespace && scalar.properties.generalCategory != .control }
        if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) { return true }
        return punctuation.contains(scalar)
    }

    private mutating func quantified(_ atom: PatternNode) -> PatternNode? {
        let bounds: (minimum: Int, maximum: Int?)
        switch current {
        case "?": bounds = (0, 1)
        case "*": bounds = (0, nil)
        case "+": bounds = (1, nil)
        case "{":
            guard let counted = counts() else { return nil }
            return lazyMarkSkipped(.repeated(atom, minimum: counted.0, maximum: counted.1))
        default: return atom
        }
        position += 1
        return lazyMarkSkipped(.repeated(atom, minimum: bounds.minimum, maximum: bounds.maximum))
    }

    /// A lazy mark does not change whether there is a match; a second quantifier is not plain.
    private mutating func lazyMarkSkipped(_ node: PatternNode) -> PatternNode? {
        if current == "?" { position += 1 }
        if let next = current, "?*+{".unicodeScalars.contains(next) { return nil }
        return node
    }

    /// `{n}`, `{n,}` or `{n,m}`, read past; nil when malformed or too large.
    private mutating func counts() -> (Int, Int?)? {
        position += 1  // `{`
        guard let minimum = number() else { return nil }
        var maximum: Int? = minimum
        if current == "," {
            position += 1
            maximum = current == "}" ? nil : number()
            if maximum == nil, current != "}" { return nil }
        }
        guard current == "}" else { return nil }
        position += 1
        if let maximum, maximum < minimum { return nil }
        return (minimum, maximum)
    }

    private mutating func number() -> Int? {
        var value = 0
        var digits = 0
        while let scalar = current, ("0"..."9").contains(scalar) {
            value = value * 10 + Int(scalar.value - 48)
            digits += 1
            position += 1
            guard value <= Self.countLimit else { return nil }
        }
        return digits > 0 ? value : nil
    }
}
