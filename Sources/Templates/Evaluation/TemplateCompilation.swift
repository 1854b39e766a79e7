/// One compilation: the template, then every partial it includes (recursively), then the labels
/// every file uses, checked against each language's string table. Collects all diagnostics.
final class TemplateCompilation {
    let library: TemplateLibrary?
    private(set) var sources: [Source] = []
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var partials: [String: CompiledTemplate.Partial] = [:]
    /// Variables each partial reads, for "parameter is never used" warnings.
    private var partialVariables: [String: Set<String>] = [:]
    /// The library's string tables, once the label checks have read them.
    private(set) var labels: [Language: JSONValue] = [:]
    /// Why the string tables could not be read, when they could not.
    private(set) var labelsFailure: TemplateError?
    /// Each file's nodes, with the place in `diagnostics` its label diagnostics belong: the
    /// checks wait for the end, so the library reads its string tables while the files parse.
    private var pendingLabelChecks: [(nodes: [Node], diagnosticIndex: Int)] = []

    init(library: TemplateLibrary?) { self.library = library }

    func compileMain(text: String, fileName: String) -> (Source, TemplateAST?) {
        let source = Source(name: fileName, text: text)
        let ast = compileFile(source, includeChain: [])
        runLabelChecks()
        if let ast, let schema = library?.schema {
            var check = SchemaCheck(schema: schema, partials: partials)
            check.check(ast.nodes)
            diagnostics += check.diagnostics
        }
        return (source, ast)
    }

    private func compileFile(_ source: Source, includeChain: [String]) -> TemplateAST? {
        sources.append(source)
        guard let ast = parsedTree(of: source) else { return nil }
        resolveIncludes(in: ast.nodes, chain: includeChain)
        pendingLabelChecks.append((ast.nodes, diagnostics.count))
        return ast
    }

    /// The file's tree from the library's cache of parsed files, else lexed, parsed and checked
    /// here (its diagnostics collected). Only a file without any diagnostic is cached, so a tree
    /// from the cache is exactly what compiling gives.
    private func parsedTree(of source: Source) -> TemplateAST? {
        let cache = library?.parsedTemplates
        if let cached = cache?.tree(for: source) { return cached }
        let (ast, fileDiagnostics) = TemplateFrontEnd.compile(source, filters: FilterLibrary.shared.signatures)
        diagnostics += fileDiagnostics
        if let ast, fileDiagnostics.isEmpty { cache?.store(ast, for: source) }
        return ast
    }

    // MARK: - Includes

    private func resolveIncludes(in nodes: [Node], chain: [String]) {
        for node in nodes {
            switch node {
            case .include(let include):
                resolve(include, chain: chain)
            case .ifBlock(let block):
                for branch in block.branches { resolveIncludes(in: branch.body, chain: chain) }
                if let elseBody = block.elseBody { resolveIncludes(in: elseBody, chain: chain) }
            case .forLoop(let loop):
                resolveIncludes(in: loop.body, chain: chain)
            case .element(let element):
                resolveIncludes(in: element.children ?? [], chain: chain)
            default:
                break
            }
        }
    }

    private func resolve(_ include: Node.Include, chain: [String]) {
        let name = include.name
        if chain.contains(name) {
            diagnostics.append(.error(
                "`\(name)` includes itself (\((chain + [name]).joined(separator: " → ")))", at: include.nameSpan))
            return
        }
        guard chain.count < TemplateLibrary.maximumIncludeDepth else {
            diagnostics.append(.error("includes nest deeper than \(TemplateLibrary.maximumIncludeDepth) levels", at: include.nameSpan))
            return
        }
        if partials[name] == nil {
            guard let library, let text = library.partialText(name) else {
                diagnostics.append(.error(
                    "no partial named `\(name)`", at: include.nameSpan,
                    hints: library == nil ? ["this template was compiled without a template library"] : []))
                return
            }
            let source = Source(name: name + ".doc", text: text)
            guard let ast = compileFile(source, includeChain: chain + [name]) else { return }
            partials[name] = CompiledTemplate.Partial(source: source, ast: ast)
            partialVariables[name] = Self.variables(in: ast.nodes)
        }
        let used = partialVariables[name] ?? []
        for argument in include.arguments where !used.contains(argument.name.name) {
            diagnostics.append(.warning(
                "parameter `\(argument.name.name)` is never used by `\(name)`", at: argument.name.span,
                hints: ["remove it, or use it in \(name).doc"]))
        }
    }

    /// Every variable name an expression in the nodes reads.
    static func variables(in nodes: [Node]) -> Set<String> {
        var names = Set<String>()
        func visit(_ expr: Expr) {
            if case .variable(let name, _) = expr { names.insert(name) }
            expr.subexpressions.forEach(visit)
        }
        NodeWalker.expressions(in: nodes, visit)
        return names
    }

    // MARK: - Labels

    /// Runs every file's label checks, each file's diagnostics put where its check used to run
    /// (after its partials'), so the order is the same as checking file by file.
    private func runLabelChecks() {
        let checks = pendingLabelChecks
        pendingLabelChecks = []
        guard let library, !checks.isEmpty else { return }
        do { labels = try library.labels() } catch {
            labelsFailure = error
            if let main = sources.first {
                diagnostics.append(.error(
                    "the string tables cannot be read: \(error)", at: SourceSpan(source: main.id, range: 0..<0),
                    hints: ["fix the file named; every label is checked against every language's table"]))
            }
            return
        }
        var checked: [[Diagnostic]] = []
        for check in checks {
            let before = diagnostics.count
            checkLabels(in: check.nodes)
            checked.append(Array(diagnostics[before...]))
            diagnostics.removeSubrange(before...)
        }
        // From the last place back, so the earlier places stay where they were.
        for (check, found) in zip(checks, checked).reversed() {
            diagnostics.insert(contentsOf: found, at: check.diagnosticIndex)
        }
    }

    /// `labels.invoice.title` must be a string in every language's table, so that no language
    /// prints a blank or a Russian label by accident.
    private func checkLabels(in nodes: [Node]) {
        NodeWalker.expressions(in: nodes) { expr in self.checkLabelChains(expr) }
    }

    private func checkLabelChains(_ expr: Expr) {
        // labels.request.bodyTypes[code]: a group looked up by a computed key must exist as a group.
        if case .index(let base, let index, _) = expr, let (path, span) = Self.labelPath(base) {
            for language in Language.allCases where Self.value(at: path, in: labels[language])?.objectValue == nil {
                let key = path.joined(separator: ".")
                diagnostics.append(.error("label group `\(key)` is missing in \(Self.tableFile(path, language))", at: span))
            }
            checkLabelChains(index)
            return
        }
        if let (path, span) = Self.labelPath(expr) {
            for language in Language.allCases {
                guard let table = labels[language] else {
                    diagnostics.append(.error("there is no string table for `\(language.rawValue)` (locales/\(language.rawValue)/)", at: span))
                    continue
                }
                let value = Self.value(at: path, in: table)
                if value?.stringValue == nil {
                    let key = path.joined(separator: ".")
                    diagnostics.append(.error(
                        "label `\(key)` is missing in \(Self.tableFile(path, language))", at: span,
                        hints: value == nil ? [] : ["`\(key)` is a group of labels; name one of its entries"]))
                }
            }
            return
        }
        expr.subexpressions.forEach { checkLabelChains($0) }
    }

    private static func value(at path: [String], in table: JSONValue?) -> JSONValue? {
        var value = table
        for part in path { value = value?[part] }
        return value
    }

    /// The file a label's group lives in: `locales/ru/invoice.json` for `invoice.title`.
    private static func tableFile(_ path: [String], _ language: Language) -> String {
        "locales/\(language.rawValue)/\(path.first ?? "").json"
    }

    /// The names of a `labels.a.b` chain after `labels` (`["a", "b"]`), when the expression is one.
    static func labelPath(_ expr: Expr) -> (path: [String], span: SourceSpan)? {
        // Every expression of every file is asked, and most member chains are data paths: find
        // the chain's root before building anything.
        var current = expr
        var depth = 0
        while case .member(let base, _, _, _) = current {
            current = base
            depth += 1
        }
        guard depth > 0, case .variable("labels", _) = current else { return nil }
        var parts: [String] = []
        parts.reserveCapacity(depth)
        current = expr
        while case .member(let base, let name, _, _) = current {
            parts.append(name)
            current = base
        }
        return (parts.reversed(), expr.span)
    }
}

/// Visits every expression in a node tree, including element attributes and include arguments.
enum NodeWalker {
    static func expressions(in nodes: [Node], _ visit: (Expr) -> Void) {
        for node in nodes {
            switch node {
            case .text: break
            case .output(let expr, _): visit(expr)
            case .ifBlock(let block):
                for branch in block.branches {
                    visit(branch.condition)
                    expressions(in: branch.body, visit)
                }
                if let elseBody = block.elseBody { expressions(in: elseBody, visit) }
            case .forLoop(let loop):
                visit(loop.iterable)
                expressions(in: loop.body, visit)
            case .letBinding(let binding), .setBinding(let binding): visit(binding.value)
            case .include(let include): include.arguments.forEach { visit($0.value) }
            case .element(let element):
                element.attributes.forEach { visit($0.value) }
                expressions(in: element.children ?? [], visit)
            }
        }
    }
}
