/// Expressions, from lowest to highest precedence:
///
/// ```
/// expression  = or
/// or          = and ("or" and)*
/// and         = not ("and" not)*
/// not         = "not" not | comparison
/// comparison  = additive (("==" | "!=" | "<" | "<=" | ">" | ">=") additive)?    -- no chaining
/// additive    = multiplicative (("+" | "-") multiplicative)*
/// multiplicative = unary (("*" | "/") unary)*
/// unary       = "-" unary | filtered
/// filtered    = postfix ("|" NAME ("(" arguments? ")")?)*
/// postfix     = primary ("." NAME | "[" expression "]")*
/// primary     = NUMBER | LENGTH | STRING | "true" | "false" | "null" | "auto"
///             | "[" arguments? "]" | "(" expression ")" | NAME
/// arguments   = expression ("," expression)* ","?
/// ```
///
/// An expression ends at the first token that cannot continue it, which is what lets attribute
/// lists run together: `{% p align="right" size=9pt bold %}`.
extension Parser {
    mutating func parseExpression(expecting description: String = "an expression") throws(Failure) -> Expr {
        let token = peek()
        if !Self.canStartExpression(token) { throw unexpected(token, expected: description) }
        try enterNesting(at: token)
        defer { expressionDepth -= 1 }
        return try parseOr()
    }

    /// Counts one level of recursion, failing past `maxExpressionDepth`.
    private mutating func enterNesting(at token: Token) throws(Failure) {
        guard expressionDepth < Self.maxExpressionDepth else {
            throw fail(
                .error(
                    "expression is nested too deeply (more than \(Self.maxExpressionDepth) levels)", at: token.span,
                    hints: ["split it into steps with `{% let %}`"]
                ))
        }
        expressionDepth += 1
    }

    /// Counts one tree node, failing past `maxExpressionNodes` for the current tag.
    private mutating func countNode(at span: SourceSpan) throws(Failure) {
        expressionNodes += 1
        guard expressionNodes <= Self.maxExpressionNodes else {
            throw fail(
                .error(
                    "expression is too long (more than \(Self.maxExpressionNodes) parts in one tag)", at: span,
                    hints: ["split it into steps with `{% let %}`"]
                ))
        }
    }

    private mutating func parseOr() throws(Failure) -> Expr {
        var left = try parseAnd()
        while peek().isKeyword(.or) {
            index += 1
            let right = try parseAnd()
            try countNode(at: right.span)
            left = .binary(.or, left, right, left.span.joined(with: right.span))
        }
        return left
    }

    private mutating func parseAnd() throws(Failure) -> Expr {
        var left = try parseNot()
        while peek().isKeyword(.and) {
            index += 1
            let right = try parseNot()
            try countNode(at: right.span)
            left = .binary(.and, left, right, left.span.joined(with: right.span))
        }
        return left
    }

    private mutating func parseNot() throws(Failure) -> Expr {
        guard peek().isKeyword(.not) else { return try parseComparison() }
        let keyword = advance()
        try enterNesting(at: keyword)
        defer { expressionDepth -= 1 }
        try countNode(at: keyword.span)
        let operand = try parseNot()
        return .unary(.not, operand, keyword.span.joined(with: operand.span))
    }

    private mutating func parseComparison() throws(Failure) -> Expr {
        let left = try parseAdditive()
        guard let op = Self.comparisonOperator(peek()) else { return left }
        index += 1
        let right = try parseAdditive()
        if Self.comparisonOperator(peek()) != nil {
            throw fail(
                .error(
                    "comparison operators cannot be chained", at: peek().span,
                    hints: ["combine two comparisons with `and`, e.g. `a < b and b < c`"]
                ))
        }
        return .binary(op, left, right, left.span.joined(with: right.span))
    }

    private mutating func parseAdditive() throws(Failure) -> Expr {
        var left = try parseMultiplicative()
        while true {
            let op: BinaryOperator
            switch peek().kind {
            case .plus: op = .add
            case .minus: op = .subtract
            default: return left
            }
            index += 1
            let right = try parseMultiplicative()
            try countNode(at: right.span)
            left = .binary(op, left, right, left.span.joined(with: right.span))
        }
    }

    private mutating func parseMultiplicative() throws(Failure) -> Expr {
        var left = try parseUnary()
        while true {
            let op: BinaryOperator
            switch peek().kind {
            case .star: op = .multiply
            case .slash: op = .divide
            default: return left
            }
            index += 1
            let right = try parseUnary()
            try countNode(at: right.span)
            left = .binary(op, left, right, left.span.joined(with: right.span))
        }
    }

    private mutating func parseUnary() throws(Failure) -> Expr {
        guard peek().kind == .minus else { return try parseFiltered() }
        let minus = advance()
        try enterNesting(at: minus)
        defer { expressionDepth -= 1 }
        try countNode(at: minus.span)
        let operand = try parseUnary()
        return .unary(.negate, operand, minus.span.joined(with: operand.span))
    }

    /// Filters bind tighter than every binary operator and looser than `.`/`[]`, as in Jinja:
    /// `a + b | money` is `a + (b | money)`.
    private mutating func parseFiltered() throws(Failure) -> Expr {
        var base = try parsePostfix()
        var filtered = false
        while peek().kind == .pipe {
            index += 1
            let name = peek()
            guard name.kind == .identifier else {
                if name.kind == .pipe {
                    throw fail(
                        .error(
                            "expected a filter name after `|`, found `|`", at: name.span,
                            hints: ["write `or` for “either”"]))
                }
                throw unexpected(name, expected: "a filter name after `|`")
            }
            index += 1
            try countNode(at: name.span)
            var arguments: [Expr] = []
            var end = name.span
            if peek().kind == .leftParen {
                index += 1
                (arguments, end) = try parseList(closing: .rightParen, "`)`", in: "the arguments of `\(name.text)`")
            }
            base = .filter(
                base, name: String(name.text), arguments: arguments, nameSpan: name.span,
                span: base.span.joined(with: end))
            filtered = true
        }
        let next = peek()
        if filtered, next.kind == .dot || next.kind == .leftBracket {
            throw fail(
                .error(
                    "a filter's result cannot be indexed directly", at: next.span,
                    hints: ["wrap the filter in parentheses, e.g. `(items | sort)[0]`"]
                ))
        }
        return base
    }

    private mutating func parsePostfix() throws(Failure) -> Expr {
        var expression = try parsePrimary()
        while true {
            let token = peek()
            switch token.kind {
            case .dot:
                index += 1
                let name = peek()
                switch name.kind {
                case .identifier, .keyword:
                    // Data keys are not ours to restrict, so `order.in` or `x.auto` are fine.
                    index += 1
                    try countNode(at: name.span)
                    expression = .member(
                        expression, name: String(name.text), nameSpan: name.span,
                        span: expression.span.joined(with: name.span))
                case .number:
                    throw fail(
                        .error(
                            "expected a field name after `.`, found \(name.quoted)", at: name.span,
                            hints: ["index arrays with brackets, e.g. `items[0]`"]))
                default:
                    throw unexpected(name, expected: "a field name after `.`")
                }
            case .leftBracket:
                index += 1
                try countNode(at: token.span)
                let subscriptExpression = try parseExpression()
                let close = peek()
                guard close.kind == .rightBracket else { throw unexpected(close, expected: "`]`") }
                index += 1
                expression = .index(expression, subscriptExpression, expression.span.joined(with: close.span))
            case .leftParen:
                throw fail(
                    .error(
                        "function calls are not supported", at: expression.span.joined(with: token.span),
                        hints: ["filters are written `value | name(arguments)`"]
                    ))
            default:
                return expression
            }
        }
    }

    private mutating func parsePrimary() throws(Failure) -> Expr {
        let token = peek()
        try countNode(at: token.span)
        switch token.kind {
        case .number:
            index += 1
            warnIfPercentClosesTag(after: token)
            return .literal(.number(String(token.text)), token.span)
        case .length:
            index += 1
            let number = token.text.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            let unit = LengthUnit(rawValue: String(token.text.dropFirst(number.count))) ?? .pt
            return .literal(.length(String(number), unit), token.span)
        case .string:
            index += 1
            return .literal(.string(decodeString(token)), token.span)
        case .identifier:
            index += 1
            return .variable(String(token.text), token.span)
        case .leftBracket:
            index += 1
            let (elements, close) = try parseList(closing: .rightBracket, "`]`", in: "the array")
            return .array(elements, token.span.joined(with: close))
        case .leftParen:
            index += 1
            let inner = try parseExpression()
            let close = peek()
            guard close.kind == .rightParen else { throw unexpected(close, expected: "`)`") }
            index += 1
            return inner.withSpan(token.span.joined(with: close.span))
        case .keyword(let keyword):
            let literal: Literal
            switch keyword {
            case .true: literal = .bool(true)
            case .false: literal = .bool(false)
            case .null: literal = .null
            case .auto: literal = .auto
            case .and, .or, .in, .not: throw unexpected(token, expected: "an expression")
            default:
                throw fail(
                    .error(
                        "`\(keyword.rawValue)` is a reserved word and cannot be used as a variable name", at: token.span
                    ))
            }
            index += 1
            return .literal(literal, token.span)
        default:
            throw unexpected(token, expected: "an expression")
        }
    }

    /// Comma-separated expressions up to `closing` (a trailing comma is allowed); returns the
    /// items and the closing token's span.
    private mutating func parseList(
        closing: TokenKind, _ closingText: String, in context: String
    ) throws(Failure) -> ([Expr], SourceSpan) {
        var items: [Expr] = []
        while true {
            if peek().kind == closing { return (items, advance().span) }
            items.append(try parseExpression())
            let separator = peek()
            if separator.kind == .comma {
                index += 1
            } else if separator.kind != closing {
                throw unexpected(separator, expected: "`,` or \(closingText) in \(context)")
            }
        }
    }

    /// `{% space 50%}`: the `%` closes the tag, so `50` silently loses its unit. Worth a warning.
    private mutating func warnIfPercentClosesTag(after number: Token) {
        let next = tokens[index]
        // `50-%}` is a trimming closer, not a lost percent sign.
        guard next.kind == .statementClose, !next.trimsWhitespaceAfter, next.span.start == number.span.end
        else { return }
        report(
            .warning(
                "`\(number.text)%}` ends the tag, so `\(number.text)` is read without `%`",
                at: number.span.joined(with: next.span),
                hints: ["write `\(number.text)% %}` for a percentage, or `\(number.text) %}` to silence this"]
            ))
    }

    static func canStartExpression(_ token: Token) -> Bool {
        switch token.kind {
        case .number, .length, .string, .unterminatedString, .identifier, .leftBracket, .leftParen, .minus,
            .badUnit, .invalidCharacter:
            true
        case .keyword(let keyword): keyword != .and && keyword != .or && keyword != .in
        default: false
        }
    }

    static func comparisonOperator(_ token: Token) -> BinaryOperator? {
        switch token.kind {
        case .equal: .equal
        case .notEqual: .notEqual
        case .less: .less
        case .lessEqual: .lessEqual
        case .greater: .greater
        case .greaterEqual: .greaterEqual
        default: nil
        }
    }
}

// MARK: - Token plumbing and reporting

extension Parser {
    /// The next significant token (whitespace inside tags is skipped).
    mutating func peek() -> Token {
        while tokens[index].kind == .whitespace { index += 1 }
        return tokens[index]
    }

    /// The significant token after the next one.
    mutating func peek(second: Bool) -> Token {
        guard peek().kind != .endOfFile else { return tokens[index] }
        var position = index + 1
        while tokens[position].kind == .whitespace { position += 1 }
        return tokens[position]
    }

    /// Consumes and returns the next significant token.
    mutating func advance() -> Token {
        let token = peek()
        if token.kind != .endOfFile { index += 1 }
        return token
    }

    /// Whether the tag has no more content: a closer, a new opener or the end of the file.
    mutating func atTagEnd() -> Bool {
        let kind = peek().kind
        return kind.isCloser || kind.isOpener || kind == .endOfFile || kind == .text
    }

    /// Consumes a token of the given kind or fails with "expected … after …".
    mutating func expect(_ kind: TokenKind, _ description: String, after context: String) throws(Failure) {
        let token = peek()
        guard token.kind == kind else { throw unexpected(token, expected: "\(description) after \(context)") }
        index += 1
    }

    /// Records a diagnostic.
    mutating func report(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    /// Records an error and returns the failure to throw.
    mutating func fail(_ diagnostic: Diagnostic) -> Failure {
        report(diagnostic)
        return Failure()
    }

    /// Reports an unexpected token, preferring the lexical problem or the unclosed tag it reveals
    /// over a generic "expected X, found Y".
    mutating func unexpected(_ token: Token, expected: String) -> Failure {
        switch token.kind {
        case .endOfFile, .outputOpen, .statementOpen, .comment, .unclosedComment, .text:
            let closer = currentOpener.kind == .outputOpen ? "}}" : "%}"
            return fail(
                .error(
                    "`\(currentOpener.text)` is never closed", at: currentOpener.span,
                    hints: ["add `\(closer)` to end the tag"]
                ))
        case .invalidCharacter:
            return fail(LexicalErrors.invalidCharacter(token))
        case .badUnit:
            return fail(LexicalErrors.badUnit(token))
        case .unterminatedString:
            return fail(LexicalErrors.unterminatedString(token))
        default:
            return fail(
                .error(
                    "expected \(expected), found \(token.quoted)", at: token.span,
                    hints: whitespaceControlHint(at: token)))
        }
    }

    /// A `-` that was meant as a whitespace-control marker but stands apart from the tag's
    /// bracket (`{{ x - }}`, `{% - if %}`, `{% endif - %}`) is read as a minus sign; say how to
    /// write the marker.
    private func whitespaceControlHint(at token: Token) -> [String] {
        let trimAfter = "to trim the whitespace after the tag, write `-%}` or `-}}` with no space before the bracket"
        if token.kind.isCloser, significantToken(before: index)?.kind == .minus { return [trimAfter] }
        guard token.kind == .minus else { return [] }
        if significantToken(after: index)?.kind.isCloser == true { return [trimAfter] }
        if significantToken(before: index)?.kind.isOpener == true, !currentOpener.trimsWhitespaceBefore {
            return ["to trim the whitespace before the tag, write `\(currentOpener.text)-` with no space after it"]
        }
        return []
    }

    /// The nearest non-whitespace token before `position`.
    private func significantToken(before position: Int) -> Token? {
        var position = position - 1
        while position >= 0, tokens[position].kind == .whitespace { position -= 1 }
        return position >= 0 ? tokens[position] : nil
    }

    /// The nearest non-whitespace token after `position`.
    private func significantToken(after position: Int) -> Token? {
        var position = position + 1
        while position < tokens.count, tokens[position].kind == .whitespace { position += 1 }
        return position < tokens.count ? tokens[position] : nil
    }

    /// `{{-x }}` is a negation (only `{{-` followed by whitespace trims); warn, since someone used
    /// to Jinja probably meant to trim.
    mutating func warnIfMinusReadsAsTrim() {
        let dash = tokens[index]
        guard dash.kind == .minus, dash.span.start == currentOpener.span.end else { return }
        report(
            .warning(
                "`\(currentOpener.text)-` reads as a minus sign here", at: currentOpener.span.joined(with: dash.span),
                hints: [
                    "write `\(currentOpener.text) -x` for a negative value, "
                        + "or `\(currentOpener.text)- x` (with a space) to trim the whitespace before the tag"
                ]
            ))
    }

    /// Decodes a string literal's escapes, reporting bad ones without failing the tag: the
    /// string's extent is known, so parsing can go on. (An unterminated string fails the tag
    /// instead, through `unexpected`, because what follows it is rarely meaningful.)
    mutating func decodeString(_ token: Token) -> String {
        var decoder = StringLiteralDecoder(token: token, source: source)
        let value = decoder.decode()
        diagnostics += decoder.diagnostics
        return value
    }
}

extension Expr {
    /// The same expression with its outermost span replaced (used for parentheses).
    func withSpan(_ span: SourceSpan) -> Expr {
        switch self {
        case .literal(let literal, _): .literal(literal, span)
        case .array(let elements, _): .array(elements, span)
        case .variable(let name, _): .variable(name, span)
        case .member(let base, let name, let nameSpan, _): .member(base, name: name, nameSpan: nameSpan, span: span)
        case .index(let base, let index, _): .index(base, index, span)
        case .unary(let op, let operand, _): .unary(op, operand, span)
        case .binary(let op, let left, let right, _): .binary(op, left, right, span)
        case .filter(let base, let name, let arguments, let nameSpan, _):
            .filter(base, name: name, arguments: arguments, nameSpan: nameSpan, span: span)
        }
    }
}
