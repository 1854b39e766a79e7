/// Walks a compiled template and its partials and reports data fields that the data contract
/// does not have (`order.cargo.weigthKg`), with the closest real field as a hint. Only paths
/// the schema can vouch for are checked: template variables of unknown shape pass.
struct SchemaCheck {
    let schema: DataSchema
    let partials: [String: CompiledTemplate.Partial]
    private(set) var diagnostics: [Diagnostic] = []
    /// Include chains already walked with the same argument shapes are not walked again.
    private var visited = Set<String>()

    /// Variables the engine itself provides besides the data.
    static let hostGlobals = ["labels", "theme", "brand", "language", "loop"]

    init(schema: DataSchema, partials: [String: CompiledTemplate.Partial]) {
        self.schema = schema
        self.partials = partials
    }

    mutating func check(_ nodes: [Node]) {
        var scope = [[String: DataSchema.Node?]()]
        walk(nodes, &scope)
    }

    private mutating func walk(_ nodes: [Node], _ scope: inout [[String: DataSchema.Node?]]) {
        for node in nodes {
            switch node {
            case .text: break
            case .output(let expr, _): _ = type(expr, scope)
            case .ifBlock(let block):
                for branch in block.branches {
                    _ = type(branch.condition, scope)
                    scoped(branch.body, &scope)
                }
                if let elseBody = block.elseBody { scoped(elseBody, &scope) }
            case .forLoop(let loop):
                let element = type(loop.iterable, scope).flatMap { schema.items($0) }
                scope.append([loop.variable.name: element])
                walk(loop.body, &scope)
                scope.removeLast()
            case .letBinding(let binding):
                scope[scope.count - 1][binding.name.name] = type(binding.value, scope)
            case .setBinding(let binding):
                _ = type(binding.value, scope)
            case .include(let include):
                var arguments: [String: DataSchema.Node?] = [:]
                for argument in include.arguments { arguments[argument.name.name] = type(argument.value, scope) }
                let key = include.name + "|" + arguments.keys.sorted().map { "\($0)=\(arguments[$0]??.name ?? "?")" }.joined(separator: ",")
                if let partial = partials[include.name], visited.insert(key).inserted {
                    var inner: [[String: DataSchema.Node?]] = [arguments]
                    walk(partial.ast.nodes, &inner)
                }
            case .element(let element):
                for attribute in element.attributes { _ = type(attribute.value, scope) }
                scoped(element.children ?? [], &scope)
            }
        }
    }

    private mutating func scoped(_ nodes: [Node], _ scope: inout [[String: DataSchema.Node?]]) {
        scope.append([:])
        walk(nodes, &scope)
        scope.removeLast()
    }

    /// `theme.mutted` is a typo, not a colour: say so when the template compiles.
    private mutating func checkThemeRole(_ name: String, at span: SourceSpan) {
        let known = Theme.roleNames + ["isBranded"]
        guard !known.contains(name) else { return }
        var hints: [String] = []
        if let close = Suggestions.closest(to: name, in: known) { hints.append("did you mean `\(close)`?") }
        diagnostics.append(.error("`theme` has no role `\(name)`", at: span, hints: hints))
    }

    /// The schema node an expression reads, checking every field access on the way.
    private mutating func type(_ expr: Expr, _ scope: [[String: DataSchema.Node?]]) -> DataSchema.Node? {
        switch expr {
        case .variable(let name, let span):
            for frame in scope.reversed() where frame.keys.contains(name) { return frame[name] ?? nil }
            if let root = schema.rootNode(name) { return root }
            if !Self.hostGlobals.contains(name) {
                let known = scope.flatMap(\.keys) + Evaluator.dataRoots + Self.hostGlobals
                var hints: [String] = []
                if let close = Suggestions.closest(to: name, in: known) { hints.append("did you mean `\(close)`?") }
                diagnostics.append(.error("unknown variable `\(name)`", at: span, hints: hints))
            }
            return nil
        case .member(let base, let name, let nameSpan, _):
            if case .variable("theme", _) = base, !scope.contains(where: { $0.keys.contains("theme") }) {
                checkThemeRole(name, at: nameSpan)
                return nil
            }
            guard let owner = type(base, scope) else { return nil }
            switch schema.member(owner, name) {
            case .success(let node): return node
            case .failure(let unknown):
                var hints: [String] = []
                if let close = Suggestions.closest(to: name, in: unknown.known) { hints.append("did you mean `\(close)`?") }
                diagnostics.append(.error("the data has no field `\(name)` in \(unknown.owner)", at: nameSpan, hints: hints))
                return nil
            }
        case .index(let base, let index, _):
            _ = type(index, scope)
            return type(base, scope).flatMap { schema.items($0) }
        case .filter(let base, let name, let arguments, _, _):
            let input = type(base, scope)
            for argument in arguments { _ = type(argument, scope) }
            return name == "default" ? input : nil
        default:
            for sub in expr.subexpressions { _ = type(sub, scope) }
            return nil
        }
    }
}
