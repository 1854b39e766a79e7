/// Words with a fixed meaning; none of them can name a variable.
public enum Keyword: String, Hashable, Sendable, CaseIterable {
    /// Boolean `and`.
    case and
    /// Boolean `or`.
    case or
    /// Boolean `not`.
    case not
    /// The `in` of `for NAME in EXPR`.
    case `in`
    /// Literal `true`.
    case `true`
    /// Literal `false`.
    case `false`
    /// Literal `null`.
    case null
    /// Literal `auto` (let the layout decide).
    case auto
    /// Starts a conditional.
    case `if`
    /// Another branch of a conditional.
    case elif
    /// The fallback branch of a conditional.
    case `else`
    /// Closes a conditional.
    case endif
    /// Starts a loop.
    case `for`
    /// Closes a loop.
    case endfor
    /// Binds a name.
    case `let`
    /// Changes a name bound by `let`.
    case set
    /// Inserts a partial template.
    case include
}

/// What kind of lexeme a token is.
///
/// Outside tags the lexer produces only `text`, comments and tag openers; inside a tag it produces
/// expression tokens and whitespace. Malformed lexemes become tokens too (`invalidCharacter`,
/// `unterminatedString`, `badUnit`, `unclosedComment`) so that joining all tokens always gives back
/// the source; the parser reports them, which lets it suppress follow-on errors.
public enum TokenKind: Hashable, Sendable {
    /// Literal template text outside tags.
    case text
    /// A whole `{# … #}` comment.
    case comment
    /// A `{#` comment with no `#}`; runs to the end of the file.
    case unclosedComment
    /// `{{`
    case outputOpen
    /// `}}`
    case outputClose
    /// `{%`
    case statementOpen
    /// `%}`
    case statementClose
    /// Spaces, tabs and line breaks inside a tag.
    case whitespace
    /// A name: variable, attribute, element, filter.
    case identifier
    /// A reserved word.
    case keyword(Keyword)
    /// A number such as `12` or `0.125`.
    case number
    /// A number with a unit such as `15mm` or `50%`.
    case length
    /// A quoted string, quotes and escapes included.
    case string
    /// A string missing its closing quote.
    case unterminatedString
    /// A number followed by letters that are not a unit, e.g. `15px`.
    case badUnit
    /// A character that cannot start any token inside a tag.
    case invalidCharacter
    /// `(`
    case leftParen
    /// `)`
    case rightParen
    /// `[`
    case leftBracket
    /// `]`
    case rightBracket
    /// `,`
    case comma
    /// `.`
    case dot
    /// `|`
    case pipe
    /// `=`
    case assign
    /// `==`
    case equal
    /// `!=`
    case notEqual
    /// `<`
    case less
    /// `<=`
    case lessEqual
    /// `>`
    case greater
    /// `>=`
    case greaterEqual
    /// `+`
    case plus
    /// `-`
    case minus
    /// `*`
    case star
    /// `/`
    case slash
    /// The empty token after the last one.
    case endOfFile

    /// Whether the token opens a tag or comment (and therefore ends any tag still open).
    public var isOpener: Bool {
        switch self {
        case .outputOpen, .statementOpen, .comment, .unclosedComment: true
        default: false
        }
    }

    /// Whether the token closes a tag.
    public var isCloser: Bool { self == .outputClose || self == .statementClose }
}

/// One lexeme with its place in the source.
public struct Token: Hashable, Sendable {
    /// The lexeme's kind.
    public var kind: TokenKind
    /// The exact source text, including quotes, whitespace or comment delimiters.
    public var text: Substring
    /// Where the token is.
    public var span: SourceSpan

    /// Creates a token.
    /// - Parameters:
    ///   - kind: The lexeme's kind.
    ///   - text: Its exact source text.
    ///   - span: Its byte range.
    public init(kind: TokenKind, text: Substring, span: SourceSpan) {
        self.kind = kind
        self.text = text
        self.span = span
    }

    /// Whether this is the given keyword.
    /// - Parameter keyword: The keyword to compare with.
    public func isKeyword(_ keyword: Keyword) -> Bool { kind == .keyword(keyword) }

    /// Whether the token asks for the whitespace before it to be trimmed: `{%-`, `{{- ` or `{#-`.
    public var trimsWhitespaceBefore: Bool {
        switch kind {
        case .statementOpen, .outputOpen: text.count == 3
        case .comment, .unclosedComment: text.hasPrefix("{#-")
        default: false
        }
    }

    /// Whether the token asks for the whitespace after it to be trimmed: `-%}`, `-}}` or `-#}`.
    public var trimsWhitespaceAfter: Bool {
        switch kind {
        case .statementClose, .outputClose: text.count == 3
        case .comment: text.hasSuffix("-#}")
        default: false
        }
    }

    /// The token as quoted in messages: "`endif`", or a description for text-less tokens.
    public var quoted: String {
        switch kind {
        case .endOfFile: "end of file"
        case .text: "text"
        case .comment, .unclosedComment: "a comment"
        case .whitespace: text.contains(where: \.isNewline) ? "a line break" : "whitespace"
        default: "`\(text)`"
        }
    }
}
