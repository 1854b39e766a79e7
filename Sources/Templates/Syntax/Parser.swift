/// Parses a template into a `TemplateAST`, collecting every syntax error.
///
/// The parser is recursive descent for expressions and a block stack for tags. After an error
/// inside a tag it reports nothing more for that tag and resynchronises at the tag's end (or at
/// the next `{{`/`{%`/`{#` when the tag was never closed), in the spirit of typst's `after_error`.
/// Block structure survives errors: a `{% for %}` with a broken header still opens a block, so its
/// `{% endfor %}` does not become a second, misleading error. Unclosed blocks are reported at their
/// opening tag; a mismatched end tag names the innermost open block and its line.
///
/// Placeholders: where a tag's expression failed to parse, the tree holds `null` at that spot.
/// The tree is only handed to the evaluator when there are no errors, so it never sees them.
public struct Parser {
    /// Marks that a diagnostic was already recorded and the current tag should be skipped.
    struct Failure: Error {}

    /// Deepest nesting of blocks (`if`, `for`, elements). The checker and the evaluator recurse
    /// once per level, so this keeps hostile input from overflowing the stack; real documents
    /// nest about ten deep.
    static let maxBlockDepth = 100
    /// Deepest nesting of parentheses, brackets, filter arguments and prefix operators.
    static let maxExpressionDepth = 64
    /// Most expression nodes one tag may create. Operator chains (`a + a + …`) build deep trees
    /// without nesting, so the node count is what bounds the tree's depth.
    static let maxExpressionNodes = 500

    let source: Source
    let tokens: [Token]
    var index = 0
    var diagnostics: [Diagnostic] = []
    /// The opener of the tag being parsed, for "never closed" messages.
    var currentOpener: Token
    private var stack: [Frame]
    /// Names `X` that appear as `{% endX %}` somewhere: an unknown element is a container iff its
    /// end tag exists, which keeps a misspelt container from unbalancing everything after it.
    private let closedNames: Set<String>
    /// Opening tags whose attribute list failed to parse. The checker skips "missing attribute"
    /// for them, because what is missing may be what failed to parse.
    private var incompleteTags: Set<SourceSpan> = []
    /// Current expression nesting, against `maxExpressionDepth`.
    var expressionDepth = 0
    /// Expression nodes created in the current tag, against `maxExpressionNodes`.
    var expressionNodes = 0
    /// Blocks not opened because they were nested too deeply; their end tags are dropped quietly.
    private var droppedBlocks = 0

    private init(source: Source) {
        self.source = source
        self.tokens = Lexer.tokenize(source)
        self.currentOpener = tokens[0]
        self.stack = [Frame(kind: .root, name: "", openTag: source.span(0..<0))]
        self.closedNames = Self.endTagNames(in: tokens)
    }

    /// Parses a template.
    /// - Parameter source: The template.
    /// - Returns: The tree (complete even after errors, with placeholders) and every diagnostic,
    ///   in source order.
    public static func parse(_ source: Source) -> (TemplateAST, [Diagnostic]) {
        let result = parseWithRecoveryInfo(source)
        return (result.ast, result.diagnostics)
    }

    /// `parse(_:)` plus the opening tags of elements whose attributes failed to parse.
    static func parseWithRecoveryInfo(_ source: Source) -> (
        ast: TemplateAST, diagnostics: [Diagnostic], incompleteTags: Set<SourceSpan>
    ) {
        var parser = Parser(source: source)
        let nodes = parser.parseTemplate()
        return (TemplateAST(source: source.id, nodes: nodes), parser.diagnostics.sortedBySpan(), parser.incompleteTags)
    }

    // MARK: - Top level

    private mutating func parseTemplate() -> [Node] {
        while true {
            let token = tokens[index]
            switch token.kind {
            case .endOfFile:
                closeUnclosedBlocks(at: token.span)
                return stack[0].body
            case .text:
                index += 1
                if let (text, span) = trimmedText(at: index - 1) { append(.text(text, span)) }
            case .comment:
                index += 1
            case .unclosedComment:
                index += 1
                report(
                    .error(
                        "comment is never closed", at: source.span(token.span.start..<token.span.start + 2),
                        hints: ["add `#}` where the comment should end"]
                    ))
            case .outputOpen:
                parseOutputTag()
            case .statementOpen:
                parseStatementTag()
            default:
                index += 1  // unreachable: tag tokens only follow an opener
            }
        }
    }

    /// A text token without the whitespace its neighbours' `-` markers trim (`-%}` before it,
    /// `{%-` after it), or nil when nothing is left. Only ASCII spaces, tabs and line breaks are
    /// trimmed: a no-break space in a template is there on purpose. The span shrinks with the
    /// text, so anything reported about it points at what is actually kept.
    private func trimmedText(at position: Int) -> (String, SourceSpan)? {
        let token = tokens[position]
        let bytes = token.text.utf8
        var start = token.span.start
        var end = token.span.end
        if position > 0, tokens[position - 1].trimsWhitespaceAfter {
            start += bytes.prefix(while: Self.isTrimmableWhitespace).count
        }
        if tokens[position + 1].trimsWhitespaceBefore {
            end -= bytes.reversed().prefix(while: Self.isTrimmableWhitespace).count
        }
        guard start < end else { return nil }
        if start == token.span.start, end == token.span.end { return (String(token.text), token.span) }
        let span = source.span(start..<end)
        return (String(source.text(in: span)), span)
    }

    private static func isTrimmableWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
            || byte == UInt8(ascii: "\r")
    }

    private mutating func parseOutputTag() {
        currentOpener = tokens[index]
        index += 1
        expressionNodes = 0
        warnIfMinusReadsAsTrim()
        do {
            let expression = try parseExpression()
            try finishTag(after: "the expression")
            append(.output(expression, tagSpan()))
        } catch {
            recover()
        }
    }

    private mutating func parseStatementTag() {
        currentOpener = tokens[index]
        index += 1
        expressionNodes = 0
        let head = peek()
        switch head.kind {
        case .keyword(.if): parseIf()
        case .keyword(.elif): parseElif()
        case .keyword(.else): parseElse()
        case .keyword(.for): parseFor()
        case .keyword(.let): parseLet(isAssignment: false)
        case .keyword(.set): parseLet(isAssignment: true)
        case .keyword(.include): parseInclude()
        case .keyword(.endif): parseEndTag(closing: "if")
        case .keyword(.endfor): parseEndTag(closing: "for")
        case .identifier:
            let name = String(head.text)
            if ElementCatalog.element(named: name) == nil, name.hasPrefix("end"), name.count > 3 {
                parseEndTag(closing: String(name.dropFirst(3)))
            } else {
                parseElement()
            }
        default:
            _ = unexpected(head, expected: "a statement or element name")
            recover()
        }
    }

    // MARK: - Statements

    private mutating func parseIf() {
        index += 1  // `if`
        let condition = parseHeader { parser throws(Failure) in
            try parser.parseExpression(expecting: "a condition after `if`")
        }
        let tag = tagSpan()
        push(
            Frame(
                kind: .ifBlock(branches: [], condition: condition ?? placeholder(tag), conditionTag: tag, elseTag: nil),
                name: "if", openTag: tag))
    }

    private mutating func parseElif() {
        let keyword = advance()
        let condition = parseHeader { parser throws(Failure) in
            try parser.parseExpression(expecting: "a condition after `elif`")
        }
        let tag = tagSpan()
        guard case .ifBlock(var branches, let previous, let previousTag, let elseTag) = stack.last?.kind else {
            return reportMisplacedBranch(keyword)
        }
        if let elseTag {
            return report(
                .error(
                    "`elif` cannot follow `else`", at: keyword.span,
                    hints: ["move this branch above `{% else %}`"], notes: [.init("`else` is here", at: elseTag)]
                ))
        }
        branches.append(.init(condition: previous, body: stack[stack.count - 1].body, tagSpan: previousTag))
        stack[stack.count - 1].kind = .ifBlock(
            branches: branches, condition: condition ?? placeholder(tag), conditionTag: tag, elseTag: nil)
        stack[stack.count - 1].body = []
    }

    private mutating func parseElse() {
        let keyword = advance()
        _ = parseHeader { _ throws(Failure) in () }
        let tag = tagSpan()
        guard case .ifBlock(var branches, let condition, let conditionTag, let elseTag) = stack.last?.kind else {
            return reportMisplacedBranch(keyword)
        }
        if let elseTag {
            let line = source.lines.line(ofByte: elseTag.start)
            return report(
                .error(
                    "this `if` already has an `else` (line \(line))", at: keyword.span,
                    notes: [.init("the first `else` is here", at: elseTag)]
                ))
        }
        branches.append(.init(condition: condition, body: stack[stack.count - 1].body, tagSpan: conditionTag))
        stack[stack.count - 1].kind = .ifBlock(
            branches: branches, condition: condition, conditionTag: conditionTag, elseTag: tag)
        stack[stack.count - 1].body = []
    }

    private mutating func reportMisplacedBranch(_ keyword: Token) {
        let word = String(keyword.text)
        if stack.count > 1 {
            let inner = stack[stack.count - 1].name
            let ifIsOpen = stack.contains { if case .ifBlock = $0.kind { true } else { false } }
            var hints = ifIsOpen ? ["close `\(inner)` with `{% end\(inner) %}` before this tag"] : []
            if inner == "for", word == "else" {
                hints.append("there is no `for … else`; put the loop inside `{% if list %}` … `{% else %}` instead")
            }
            report(mismatch(found: word, at: keyword.span, hints: hints))
        } else {
            report(.error("`\(word)` without a matching `{% if %}`", at: keyword.span))
        }
    }

    private mutating func parseFor() {
        index += 1  // `for`
        var variable: Identifier?
        let iterable = parseHeader { parser throws(Failure) in
            variable = try parser.parseBindingName(after: "`for`")
            try parser.expect(.keyword(.in), "`in`", after: "the loop variable")
            return try parser.parseExpression(expecting: "an expression after `in`")
        }
        let tag = tagSpan()
        let header = Frame.Kind.forLoop(
            variable: variable ?? Identifier("_", span: tag), iterable: iterable ?? placeholder(tag)
        )
        push(Frame(kind: header, name: "for", openTag: tag))
    }

    private mutating func parseLet(isAssignment: Bool) {
        let keyword = advance()
        do {
            let name = try parseBindingName(after: "`\(keyword.text)`")
            try expect(.assign, "`=`", after: "`\(name.name)`")
            let value = try parseExpression(expecting: "a value after `=`")
            try finishTag(after: "the value")
            let binding = Node.LetBinding(name: name, value: value, span: tagSpan())
            append(isAssignment ? .setBinding(binding) : .letBinding(binding))
        } catch {
            recover()
        }
    }

    private mutating func parseInclude() {
        index += 1  // `include`
        do {
            let nameToken = peek()
            guard nameToken.kind == .string else {
                throw unexpected(
                    nameToken, expected: "the partial's name as a string, e.g. `{% include \"parts/footer\" %}`")
            }
            index += 1
            let name = decodeString(nameToken)
            var arguments: [Node.Include.Argument] = []
            while !atTagEnd() {
                let key = peek()
                guard key.kind == .identifier, peek(second: true).kind == .assign else {
                    throw unexpected(key, expected: "an argument `key=value`")
                }
                index += 1
                try expect(.assign, "`=`", after: "`\(key.text)`")
                let value = try parseExpression()
                arguments.append(
                    .init(
                        name: Identifier(String(key.text), span: key.span), value: value,
                        span: key.span.joined(with: value.span)))
            }
            try finishTag(after: "the include")
            append(.include(.init(name: name, nameSpan: nameToken.span, arguments: arguments, span: tagSpan())))
        } catch {
            recover()
        }
    }

    /// The name after `for`, `let` or `set`. Keywords are accepted here so the checker can report them
    /// as reserved names with a better message than "expected a name".
    private mutating func parseBindingName(after context: String) throws(Failure) -> Identifier {
        let token = peek()
        switch token.kind {
        case .identifier: break
        case .keyword(let keyword) where keyword != .in: break
        default: throw unexpected(token, expected: "a name after \(context)")
        }
        index += 1
        return Identifier(String(token.text), span: token.span)
    }

    // MARK: - Elements

    private mutating func parseElement() {
        let nameToken = advance()
        let name = String(nameToken.text)
        let definition = ElementCatalog.element(named: name)
        var attributes: [ElementAttribute] = []
        let isComplete =
            parseHeader { parser throws(Failure) in
                try parser.parseAttributes(of: definition, into: &attributes)
            } != nil
        let tag = tagSpan()
        if !isComplete { incompleteTags.insert(tag) }
        let isVoid = definition?.isVoid ?? !closedNames.contains(name)
        if isVoid {
            append(
                .element(
                    .init(
                        name: name, nameSpan: nameToken.span, attributes: attributes, children: nil, tagSpan: tag,
                        span: tag)))
        } else {
            push(Frame(kind: .element(nameSpan: nameToken.span, attributes: attributes), name: name, openTag: tag))
        }
    }

    /// `name=EXPR`, bare flags, and one leading positional value.
    ///
    /// A bare identifier that nothing could continue (`{% row header %}`) is a flag, except as the
    /// first argument of an element with a positional attribute, unless it names one of that
    /// element's boolean attributes: there it is the positional value (`{% image logo %}` reads
    /// the variable `logo`).
    private mutating func parseAttributes(of definition: ElementDefinition?, into attributes: inout [ElementAttribute])
        throws(Failure)
    {
        while !atTagEnd() {
            let isFirst = attributes.isEmpty
            let token = peek()
            let next = peek(second: true)
            if token.kind == .identifier, next.kind == .assign {
                index += 1
                try expect(.assign, "`=`", after: token.quoted)
                let value = try parseExpression(expecting: "a value for \(token.quoted)")
                attributes.append(
                    .init(
                        name: String(token.text), nameSpan: token.span, value: value,
                        span: token.span.joined(with: value.span), kind: .named))
                continue
            }
            if token.kind == .identifier, !Self.canContinueExpression(next) {
                let name = String(token.text)
                if isFirst, let positional = definition?.positional,
                    definition?.attribute(named: name)?.type.acceptsFlag != true
                {
                    index += 1
                    attributes.append(
                        .init(
                            name: positional, nameSpan: token.span, value: .variable(name, token.span),
                            span: token.span, kind: .positional))
                } else {
                    index += 1
                    attributes.append(
                        .init(
                            name: name, nameSpan: token.span, value: .literal(.bool(true), token.span),
                            span: token.span, kind: .flag))
                }
                continue
            }
            guard isFirst else {
                if Self.isMalformedLexeme(token) { throw unexpected(token, expected: "an attribute") }
                throw fail(
                    .error(
                        "expected an attribute `name=value`, found \(token.quoted)", at: token.span,
                        hints: ["only the first argument may be written without `name=`"]
                    ))
            }
            let value = try parseExpression(expecting: "an attribute")
            let name = definition?.positional ?? ""
            attributes.append(
                .init(name: name, nameSpan: value.span, value: value, span: value.span, kind: .positional))
        }
    }

    /// Tokens the lexer marked as malformed; their own message beats "expected …".
    static func isMalformedLexeme(_ token: Token) -> Bool {
        [.invalidCharacter, .badUnit, .unterminatedString].contains(token.kind)
    }

    /// Tokens that extend an expression, so an identifier followed by one is not a flag.
    static func canContinueExpression(_ token: Token) -> Bool {
        switch token.kind {
        case .dot, .leftBracket, .leftParen, .pipe, .plus, .minus, .star, .slash,
            .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual, .keyword(.and), .keyword(.or):
            true
        default: false
        }
    }

    // MARK: - Block stack

    private mutating func parseEndTag(closing name: String) {
        let keyword = advance()
        let word = String(keyword.text)
        _ = parseHeader { _ throws(Failure) in () }
        let endTag = tagSpan()
        guard let target = stack.lastIndex(where: { $0.kind.isBlock && $0.name == name }) else {
            return reportStrayEndTag(word, name: name, at: keyword.span)
        }
        if target < stack.count - 1 {
            let inner = stack[stack.count - 1]
            report(mismatch(found: word, at: keyword.span, hints: ["add `{% end\(inner.name) %}` before this tag"]))
            while stack.count - 1 > target { closeTopFrame(endingAt: endTag.startPoint) }
        }
        closeTopFrame(endingAt: endTag)
    }

    private mutating func reportStrayEndTag(_ word: String, name: String, at span: SourceSpan) {
        if droppedBlocks > 0 {
            droppedBlocks -= 1  // it closes a block that was too deep to open; already reported
            return
        }
        if let definition = ElementCatalog.element(named: name), definition.isVoid {
            return report(
                .error("`\(name)` is a void element and has no end tag", at: span, hints: ["remove `{% \(word) %}`"]))
        }
        guard stack.count > 1 else {
            return report(.error("`\(word)` without a matching `{% \(name) %}`", at: span, hints: ["remove this tag"]))
        }
        let hints = Suggestions.hint(for: word, in: ["end" + stack[stack.count - 1].name]).map { [$0] } ?? []
        report(mismatch(found: word, at: span, hints: hints))
    }

    /// "found `endif`, but the innermost open block is `for` (line 8)".
    private func mismatch(found word: String, at span: SourceSpan, hints: [String]) -> Diagnostic {
        let inner = stack[stack.count - 1]
        let line = source.lines.line(ofByte: inner.openTag.start)
        return .error(
            "found `\(word)`, but the innermost open block is `\(inner.name)` (line \(line))", at: span,
            hints: hints, notes: [.init("`\(inner.name)` opened here", at: inner.openTag)]
        )
    }

    private mutating func closeUnclosedBlocks(at end: SourceSpan) {
        while stack.count > 1 {
            let frame = stack[stack.count - 1]
            report(
                .error(
                    "`\(frame.name)` opened here is never closed", at: frame.openTag,
                    hints: ["add `{% end\(frame.name) %}` where the block should end"]
                ))
            closeTopFrame(endingAt: end)
        }
    }

    /// Pops the innermost frame, builds its node and appends it to the parent.
    private mutating func closeTopFrame(endingAt end: SourceSpan) {
        let frame = stack.removeLast()
        let span = frame.openTag.joined(with: end)
        switch frame.kind {
        case .root:
            preconditionFailure("the root frame is never closed")
        case .ifBlock(var branches, let condition, let conditionTag, let elseTag):
            if elseTag == nil {
                branches.append(.init(condition: condition, body: frame.body, tagSpan: conditionTag))
            }
            append(.ifBlock(.init(branches: branches, elseBody: elseTag == nil ? nil : frame.body, span: span)))
        case .forLoop(let variable, let iterable):
            append(
                .forLoop(
                    .init(variable: variable, iterable: iterable, body: frame.body, tagSpan: frame.openTag, span: span))
            )
        case .element(let nameSpan, let attributes):
            append(
                .element(
                    .init(
                        name: frame.name, nameSpan: nameSpan, attributes: attributes, children: frame.body,
                        tagSpan: frame.openTag, span: span)))
        }
    }

    /// Opens a block, unless that would nest deeper than `maxBlockDepth`.
    private mutating func push(_ frame: Frame) {
        guard stack.count <= Self.maxBlockDepth else {
            if droppedBlocks == 0 {
                report(
                    .error(
                        "blocks are nested too deeply (more than \(Self.maxBlockDepth) levels)", at: frame.openTag,
                        hints: ["split the template with `{% include %}`"]
                    ))
            }
            droppedBlocks += 1
            return
        }
        stack.append(frame)
    }

    private mutating func append(_ node: Node) {
        stack[stack.count - 1].body.append(node)
    }

    private static func endTagNames(in tokens: [Token]) -> Set<String> {
        var names: Set<String> = []
        for (position, token) in tokens.enumerated() where token.kind == .statementOpen {
            guard let head = tokens[(position + 1)...].first(where: { $0.kind != .whitespace }),
                head.kind == .identifier, head.text.hasPrefix("end"), head.text.count > 3
            else { continue }
            names.insert(String(head.text.dropFirst(3)))
        }
        return names
    }

    // MARK: - Tag plumbing

    /// Runs the rest of a tag's header and its closing, recovering on failure; nil after an error.
    private mutating func parseHeader<T>(_ body: (inout Parser) throws(Failure) -> T) -> T? {
        do {
            let value = try body(&self)
            try finishTag(after: "`\(peekBack().text)`")
            return value
        } catch {
            recover()
            return nil
        }
    }

    /// The last significant token consumed, for "after `x`" in messages.
    private func peekBack() -> Token {
        var position = index - 1
        while position > 0, tokens[position].kind == .whitespace { position -= 1 }
        return tokens[max(position, 0)]
    }

    /// Expects the closer matching the current opener.
    mutating func finishTag(after context: String) throws(Failure) {
        let expected: TokenKind = currentOpener.kind == .outputOpen ? .outputClose : .statementClose
        let closer = expected == .outputClose ? "}}" : "%}"
        let token = peek()
        if token.kind == expected {
            index += 1
            return
        }
        if token.kind.isCloser {
            index += 1
            throw fail(
                .error(
                    "expected `\(closer)` to close `\(currentOpener.text)`, found \(token.quoted)", at: token.span,
                    hints: ["`{{ … }}` prints a value; `{% … %}` holds a statement or element"]
                ))
        }
        throw unexpected(token, expected: "`\(closer)` after \(context)")
    }

    /// Skips the rest of a broken tag: through its closer, or up to the next opener.
    mutating func recover() {
        while true {
            let kind = tokens[index].kind
            if kind.isCloser {
                index += 1
                return
            }
            if kind.isOpener || kind == .endOfFile || kind == .text { return }
            index += 1
        }
    }

    /// The span from the current opener through the last token consumed.
    private func tagSpan() -> SourceSpan {
        currentOpener.span.joined(with: tokens[max(index - 1, 0)].span)
    }

    private func placeholder(_ span: SourceSpan) -> Expr { .literal(.null, span) }
}

/// One open block while parsing.
private struct Frame {
    enum Kind {
        case root
        case ifBlock(branches: [Node.IfBlock.Branch], condition: Expr, conditionTag: SourceSpan, elseTag: SourceSpan?)
        case forLoop(variable: Identifier, iterable: Expr)
        case element(nameSpan: SourceSpan, attributes: [ElementAttribute])

        var isBlock: Bool {
            if case .root = self { false } else { true }
        }
    }

    var kind: Kind
    /// `if`, `for` or the element name, as used in messages and end tags.
    var name: String
    var openTag: SourceSpan
    var body: [Node] = []
}
