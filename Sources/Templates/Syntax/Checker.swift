/// Checks a parsed template against the element catalogue and the known filters.
///
/// The checker walks the tree once, tracking the enclosing element (for placement), whether it is
/// inside a `for` (for `loop`), and the names bound by `let` and `for` in nested scopes. Unknown
/// *variables* are deliberately not reported yet: that needs the data schema. A schema pass can
/// hook into `checkVariable(_:span:)`, where `isBound(_:)` already tells template-local names
/// from data fields.
public struct Checker {
    /// Where the nodes being checked stand.
    enum Container {
        /// Outside every element.
        case topLevel
        /// Directly inside a catalogued element.
        case element(ElementDefinition)
        /// Inside an element the catalogue does not know; its content is not checked further.
        case unknown
    }

    private let filters: [String: FilterSignature]
    /// Opening tags the parser could not read completely; "missing attribute" is not reported for them.
    let incompleteTags: Set<SourceSpan>
    private(set) var diagnostics: [Diagnostic] = []
    /// Names bound by `let` and `for`, innermost scope last.
    private var scopes: [[String]] = [[]]
    /// How many `for` loops enclose the current node.
    private var loopDepth = 0

    private init(filters: [FilterSignature], incompleteTags: Set<SourceSpan>) {
        self.incompleteTags = incompleteTags
        self.filters = Dictionary(filters.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Checks a template.
    /// - Parameters:
    ///   - ast: The parsed template (possibly with parse errors; placeholders are harmless).
    ///   - filters: The filters the evaluator provides.
    /// - Returns: Every problem found, in source order.
    public static func check(_ ast: TemplateAST, filters: [FilterSignature]) -> [Diagnostic] {
        check(ast, filters: filters, incompleteTags: [])
    }

    /// `check(_:filters:)`, skipping "missing attribute" rules for tags that failed to parse.
    static func check(_ ast: TemplateAST, filters: [FilterSignature], incompleteTags: Set<SourceSpan>) -> [Diagnostic] {
        var checker = Checker(filters: filters, incompleteTags: incompleteTags)
        checker.checkNodes(ast.nodes, in: .topLevel)
        return checker.diagnostics.sortedBySpan()
    }

    // MARK: - Nodes

    /// Checks a node list in its own scope: a `let` is visible to the end of its list.
    mutating func checkNodes(_ nodes: [Node], in container: Container, binding names: [String] = []) {
        scopes.append(names)
        defer { scopes.removeLast() }
        for node in nodes {
            checkNode(node, in: container)
        }
    }

    private mutating func checkNode(_ node: Node, in container: Container) {
        switch node {
        case .text(let text, let span):
            if let range = Self.nonWhitespaceRange(of: text, at: span) {
                checkLooseContent("text", at: SourceSpan(source: span.source, range: range), in: container)
            }
        case .output(let expression, let span):
            checkExpression(expression)
            checkLooseContent("`{{ … }}` output", at: span, in: container)
        case .ifBlock(let block):
            for branch in block.branches {
                checkExpression(branch.condition)
                checkNodes(branch.body, in: container)
            }
            if let elseBody = block.elseBody { checkNodes(elseBody, in: container) }
        case .forLoop(let loop):
            checkExpression(loop.iterable)
            checkBindingName(loop.variable)
            loopDepth += 1
            checkNodes(loop.body, in: container, binding: [loop.variable.name])
            loopDepth -= 1
        case .letBinding(let binding):
            checkExpression(binding.value)
            checkBindingName(binding.name)
            scopes[scopes.count - 1].append(binding.name.name)
        case .setBinding(let binding):
            checkExpression(binding.value)
            checkAssignmentTarget(binding.name)
        case .include(let include):
            checkIncludeArguments(include.arguments)
        case .element(let element):
            checkElement(element, in: container)
        }
    }

    private mutating func checkIncludeArguments(_ arguments: [Node.Include.Argument]) {
        var seen: [String: SourceSpan] = [:]
        for argument in arguments {
            checkExpression(argument.value)
            checkBindingName(argument.name)
            if let first = seen[argument.name.name] {
                report(
                    .error(
                        "duplicate argument `\(argument.name.name)`", at: argument.name.span,
                        notes: [.init("first given here", at: first)]
                    ))
            } else {
                seen[argument.name.name] = argument.name.span
            }
        }
    }

    /// `let` and `for` names, and include keys, must not shadow keywords or `loop`.
    private mutating func checkBindingName(_ name: Identifier) {
        if name.name == "loop" {
            report(
                .error(
                    "`loop` is reserved for the loop state (`loop.index`, `loop.first`, …)", at: name.span,
                    hints: ["choose another name, e.g. `item`"]
                ))
        } else if Keyword(rawValue: name.name) != nil {
            report(.error("`\(name.name)` is a reserved word and cannot be used as a name", at: name.span))
        }
    }

    /// `set` may only change a variable the template declared; data fields are read-only.
    private mutating func checkAssignmentTarget(_ name: Identifier) {
        if name.name == "loop" {
            return report(.error("`loop` is the loop state and cannot be changed with `set`", at: name.span))
        }
        if Keyword(rawValue: name.name) != nil { return checkBindingName(name) }
        guard !isBound(name.name) else { return }
        var hints = ["declare it first with `{% let \(name.name) = … %}` in an enclosing block"]
        if let suggestion = Suggestions.hint(for: name.name, in: scopes.joined()) { hints.insert(suggestion, at: 0) }
        report(
            .error(
                "`set` can only change a variable declared with `let`; `\(name.name)` is not", at: name.span,
                hints: hints))
    }

    // MARK: - Expressions

    mutating func checkExpression(_ expression: Expr) {
        switch expression {
        case .variable(let name, let span):
            checkVariable(name, span: span)
        case .filter(_, let name, let arguments, let nameSpan, let span):
            expression.subexpressions.forEach { checkExpression($0) }
            checkFilter(
                name, argumentCount: arguments.count, nameSpan: nameSpan, callSpan: nameSpan.joined(with: span.endPoint)
            )
        default:
            expression.subexpressions.forEach { checkExpression($0) }
        }
    }

    /// The hook for variable checks. Today only `loop` outside a `for` is an error; a schema pass
    /// will report unknown data fields here for names that `isBound` does not claim.
    private mutating func checkVariable(_ name: String, span: SourceSpan) {
        if name == "loop", loopDepth == 0, !isBound(name) {
            report(
                .error(
                    "`loop` is only available inside `{% for %}`", at: span,
                    hints: ["`loop.index`, `loop.first` and friends describe the innermost `for` loop"]
                ))
        }
    }

    /// Whether a `let` or `for` in scope binds `name`.
    func isBound(_ name: String) -> Bool {
        scopes.contains { $0.contains(name) }
    }

    private mutating func checkFilter(_ name: String, argumentCount: Int, nameSpan: SourceSpan, callSpan: SourceSpan) {
        guard let signature = filters[name] else {
            let hints = Suggestions.hint(for: name, in: filters.keys.sorted()).map { [$0] } ?? []
            return report(.error("unknown filter `\(name)`", at: nameSpan, hints: hints))
        }
        if let message = signature.arityMessage(found: argumentCount) {
            report(.error(message, at: callSpan))
        }
    }

    // MARK: - Helpers

    mutating func report(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    /// The byte range of `text` without leading and trailing whitespace, or nil if it is blank.
    static func nonWhitespaceRange(of text: String, at span: SourceSpan) -> Range<Int>? {
        guard let first = text.firstIndex(where: { !$0.isWhitespace }),
            let last = text.lastIndex(where: { !$0.isWhitespace })
        else { return nil }
        let utf8 = text.utf8
        let start = utf8.distance(from: utf8.startIndex, to: first)
        let end = utf8.distance(from: utf8.startIndex, to: text.index(after: last))
        return span.start + start..<span.start + end
    }
}
