import DocEngine
import Sheets
import Synchronization

/// Runs a compiled template against data and builds the unpositioned `Document`.
/// One evaluator serves one render; it is not shared between threads.
final class Evaluator {
    let template: CompiledTemplate
    private let sources: [SourceID: Source]
    /// The data and the library's labels: what a partial sees besides its parameters.
    private let globals: [String: Value]
    var scope: Scope
    var language: Language
    var style = StyleState()
    let assets: RenderAssets
    var document = Document()
    /// The table export's worksheets: nil in a PDF render, which skips `{% sheet %}` entirely.
    var sheets: [Worksheet]?
    /// The `sheet` whose rows are being evaluated (its columns type the cells).
    var openSheet: FlowBuilder?
    /// Loop iterations so far; a render stops past `iterationLimit` instead of running away.
    private var iterations = 0
    /// Positions and literals worked out from the template's text, by this render and earlier ones.
    private var memo: EvaluationMemo
    /// Whether this render added to `memo`, which the template then keeps (`rememberForNextRenders`).
    private var memoGrew = false
    /// What the typography rules found of each word met so far (`Typography.glue`), and of the
    /// words earlier renders met.
    let typographyWords = Typography.WordCache(shared: .process)
    let iterationLimit: Int
    /// Checked at every loop iteration, where a long render spends its time.
    let cancellation: RenderCancellation?

    init(
        template: CompiledTemplate, data: JSONValue, language: Language, assets: RenderAssets, iterationLimit: Int,
        cancellation: RenderCancellation? = nil
    ) {
        self.template = template
        self.memo = template.memo.withLock { $0 }
        self.sources = Dictionary(template.sources.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.language = language
        self.assets = assets
        self.iterationLimit = iterationLimit
        self.cancellation = cancellation
        var globals: [String: Value] = [:]
        if case .object(let object) = data {
            for (key, value) in object { globals[key] = .data(value, JSONPath.root.appending(key: key)) }
        }
        // Fields the data may leave out are still known names, so `{% if order %}` works.
        for name in Self.dataRoots where globals[name] == nil {
            globals[name] = .missing(JSONPath.root.appending(key: name))
        }
        globals["language"] = .string(language.rawValue)
        globals["theme"] = .record(assets.theme.values)
        if let brand = assets.brand { globals["brand"] = .data(brand, JSONPath.root.appending(key: "brand")) }
        if let table = template.labels[language] { globals["labels"] = .data(table, JSONPath.root.appending(key: "labels")) }
        self.globals = globals
        scope = Scope(globals: globals)
    }

    /// Top-level names of the document data contract (schema/document.schema.json).
    static let dataRoots = [
        "locale", "document", "issuer", "recipient", "order", "currency", "vat", "items", "period", "contract",
        "tariffs", "signatures", "confirmation", "brand", "orders", "clients", "settlements",
    ]

    /// Runs the whole template.
    func run(_ ast: TemplateAST) throws(EvaluationFailure) -> Document {
        let body = FlowBuilder(.flow)
        try run(ast.nodes, into: body)
        flushParagraph(body)
        document.body = body.blocks
        document.defaultStyle = style.text
        // Shaping and line breaking follow the language the template renders in.
        document.language = LanguageTag(language.rawValue) ?? .undetermined
        return document
    }

    /// Hands what this render worked out from the template's text to the template, for the next.
    func rememberForNextRenders() {
        guard memoGrew else { return }
        let memo = self.memo
        template.memo.withLock { $0.merge(memo) }
    }

    /// Runs nodes in a fresh scope frame.
    func runScoped(_ nodes: [Node], into builder: FlowBuilder) throws(EvaluationFailure) {
        scope.push()
        defer { scope.pop() }
        try run(nodes, into: builder)
    }

    func run(_ nodes: [Node], into builder: FlowBuilder) throws(EvaluationFailure) {
        for node in nodes {
            try run(node, into: builder)
        }
    }

    private func run(_ node: Node, into builder: FlowBuilder) throws(EvaluationFailure) {
        switch node {
        case .text(let text, let span):
            try appendLiteral(text, span: span, to: builder)
        case .output(let expr, let span):
            let value = try evaluate(expr)
            let text = try display(value, span: expr.span)
            guard builder.acceptsInline else {
                throw EvaluationFailure(message: "text cannot stand directly inside this element", span: span)
            }
            builder.pending.append((.text(text, style.text, origin: value.path?.description ?? position(span)), false))
        case .ifBlock(let block):
            for branch in block.branches where try evaluate(branch.condition).isTruthy {
                try runScoped(branch.body, into: builder)
                return
            }
            if let elseBody = block.elseBody { try runScoped(elseBody, into: builder) }
        case .forLoop(let loop):
            try runLoop(loop, into: builder)
        case .letBinding(let binding):
            scope.declare(binding.name.name, try evaluate(binding.value))
        case .setBinding(let binding):
            let value = try evaluate(binding.value)
            guard scope.assign(binding.name.name, value) else {
                throw EvaluationFailure(message: "`set` needs a variable declared with `let` first: `\(binding.name.name)`",
                                        span: binding.name.span)
            }
        case .include(let include):
            try runInclude(include, into: builder)
        case .element(let element):
            try runElement(element, into: builder)
        }
    }

    /// A partial sees the data, the labels and its parameters, never the caller's variables.
    private func runInclude(_ include: Node.Include, into builder: FlowBuilder) throws(EvaluationFailure) {
        guard let partial = template.partials[include.name] else {
            throw EvaluationFailure(message: "no partial named `\(include.name)`", span: include.nameSpan)
        }
        var arguments: [(String, Value)] = []
        for argument in include.arguments { arguments.append((argument.name.name, try evaluate(argument.value))) }
        let callerScope = scope
        let callerStyle = style
        defer {
            scope = callerScope
            style = callerStyle
        }
        scope = Scope(globals: globals)
        scope.push()
        for (name, value) in arguments { scope.declare(name, value) }
        try run(partial.ast.nodes, into: builder)
    }

    private func runLoop(_ loop: Node.ForLoop, into builder: FlowBuilder) throws(EvaluationFailure) {
        let items = try list(try evaluate(loop.iterable), span: loop.iterable.span)
        for (index, item) in items.enumerated() {
            iterations += 1
            guard iterations <= iterationLimit else {
                throw EvaluationFailure(message: "more than \(iterationLimit) loop iterations in one document", span: loop.tagSpan)
            }
            if cancellation?.isCancelled == true { throw EvaluationFailure.cancelled(at: loop.tagSpan) }
            scope.push()
            scope.declare(loop.variable.name, item)
            scope.declare("loop", .record([
                "index": .number(ExactDecimal(index + 1)), "index0": .number(ExactDecimal(index)),
                "first": .bool(index == 0), "last": .bool(index == items.count - 1),
                "length": .number(ExactDecimal(items.count)),
            ]))
            defer { scope.pop() }
            try run(loop.body, into: builder)
        }
    }

    /// Literal template text: whitespace collapses, a blank line ends an implicit paragraph.
    private func appendLiteral(_ text: String, span: SourceSpan, to builder: FlowBuilder) throws(EvaluationFailure) {
        guard builder.acceptsInline else {
            if Whitespace.isBlank(text) { return }
            throw EvaluationFailure(message: "text cannot stand directly inside this element", span: span)
        }
        // Partials and loop bodies set the same literal again and again; collapse it once.
        let key = EvaluationMemo.LiteralKey(span: span, isFlow: builder.kind == .flow)
        let pieces: [EvaluationMemo.LiteralPiece]
        if let known = memo.literals[key] {
            pieces = known
        } else {
            pieces = Self.literalPieces(text, isFlow: key.isFlow)
            memo.literals[key] = pieces
            memoGrew = true
        }
        for piece in pieces {
            if piece.startsParagraph { flushParagraph(builder) }
            if !piece.text.isEmpty {
                builder.pending.append((.text(piece.text, style.text, origin: position(span)), true))
            }
        }
    }

    /// Splits a literal at blank lines (in a flow) and collapses each part's whitespace.
    private static func literalPieces(_ text: String, isFlow: Bool) -> [EvaluationMemo.LiteralPiece] {
        let paragraphs = isFlow ? splitAtBlankLines(text) : [Substring(text)]
        return paragraphs.enumerated().map { index, chunk in
            let collapsed = chunk.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            let leading = chunk.first?.isWhitespace == true ? " " : ""
            let trailing = chunk.last?.isWhitespace == true && !collapsed.isEmpty ? " " : ""
            let literal = collapsed.isEmpty ? leading : leading + collapsed + trailing
            return EvaluationMemo.LiteralPiece(startsParagraph: index > 0, text: literal)
        }
    }

    /// Splits text where a line holds nothing but spaces: the paragraph breaks of literal text.
    static func splitAtBlankLines(_ text: String) -> [Substring] {
        var chunks: [Substring] = []
        var chunkStart = text.startIndex
        var lastNewline: String.Index?
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "\n" || character == "\r\n" {
                if let previous = lastNewline {
                    chunks.append(text[chunkStart..<previous])
                    chunkStart = text.index(after: index)
                    lastNewline = nil
                } else {
                    lastNewline = index
                }
            } else if character != " " && character != "\t" {
                lastNewline = nil
            }
            index = text.index(after: index)
        }
        chunks.append(text[chunkStart...])
        return chunks
    }

    /// Turns pending inline content of a flow into a paragraph in the current style.
    func flushParagraph(_ builder: FlowBuilder) {
        guard builder.kind == .flow else { return }
        guard builder.hasVisiblePending else {
            builder.pending = []
            return
        }
        let inlines = Typography.glue(builder.takeInlines(), language: language, words: typographyWords)
        builder.blocks.append(.paragraph(Paragraph(inlines, alignment: style.alignment, leading: style.leading)))
    }

    /// "invoice.doc:14:9", naming where literal text came from.
    ///
    /// Remembered per span (`EvaluationMemo`): loops and partials set the same literal many
    /// times, and finding a column means counting the scalars of its line.
    func position(_ span: SourceSpan) -> String {
        if let known = memo.positions[span] { return known }
        guard let source = sources[span.source] else { return "template" }
        let start = source.lines.location(ofByte: span.start)
        let text = "\(source.name):\(start.line):\(start.column)"
        memo.positions[span] = text
        memoGrew = true
        return text
    }
}

import Foundation
