/// An expression inside `{{ }}`, a condition, a loop source or an attribute value.
///
/// Every case carries the span of the whole expression as written; parentheses are not kept as
/// nodes, but a parenthesised operand's enclosing expression starts at the `(`.
public indirect enum Expr: Hashable, Sendable {
    /// A constant.
    case literal(Literal, SourceSpan)
    /// `[a, b, c]`.
    case array([Expr], SourceSpan)
    /// A variable path root, e.g. `order` in `order.total`.
    case variable(String, SourceSpan)
    /// `base.name`; `nameSpan` covers `name`.
    case member(Expr, name: String, nameSpan: SourceSpan, span: SourceSpan)
    /// `base[index]`.
    case index(Expr, Expr, SourceSpan)
    /// `-x` or `not x`.
    case unary(UnaryOperator, Expr, SourceSpan)
    /// `a + b`, `a and b`, `a == b`, …
    case binary(BinaryOperator, Expr, Expr, SourceSpan)
    /// `base | name` or `base | name(arguments)`; `nameSpan` covers `name`.
    case filter(Expr, name: String, arguments: [Expr], nameSpan: SourceSpan, span: SourceSpan)

    /// The whole expression.
    public var span: SourceSpan {
        switch self {
        case .literal(_, let span), .array(_, let span), .variable(_, let span), .index(_, _, let span),
            .unary(_, _, let span), .binary(_, _, _, let span):
            span
        case .member(_, _, _, let span), .filter(_, _, _, _, let span):
            span
        }
    }

    /// The direct subexpressions, in source order (for walkers such as the checker).
    public var subexpressions: [Expr] {
        switch self {
        case .literal, .variable: []
        case .array(let elements, _): elements
        case .member(let base, _, _, _): [base]
        case .index(let base, let index, _): [base, index]
        case .unary(_, let operand, _): [operand]
        case .binary(_, let left, let right, _): [left, right]
        case .filter(let base, _, let arguments, _, _): [base] + arguments
        }
    }
}

/// A constant value written in the template.
public enum Literal: Hashable, Sendable {
    /// A number, kept as its exact decimal text (`0.12`, `100`) so money never goes through
    /// binary floating point.
    case number(String)
    /// A number immediately followed by a unit: `15mm`, `1fr`, `50%`.
    case length(String, LengthUnit)
    /// A string with its escapes decoded.
    case string(String)
    /// `true` or `false`.
    case bool(Bool)
    /// `null`.
    case null
    /// `auto`: let the layout choose.
    case auto
}

/// The unit of a length literal.
public enum LengthUnit: String, Hashable, Sendable, CaseIterable {
    /// Points, 1/72 in.
    case pt
    /// Millimetres.
    case mm
    /// Centimetres.
    case cm
    /// Inches (written `in`).
    case inch = "in"
    /// A fraction of the remaining space, for column widths.
    case fr
    /// A percentage of the available width (written `%`).
    case percent = "%"
}

/// A prefix operator.
public enum UnaryOperator: String, Hashable, Sendable {
    /// Arithmetic negation, `-x`.
    case negate = "-"
    /// Boolean negation, `not x`.
    case not
}

/// An infix operator. Comparisons do not chain (`a < b < c` is an error).
public enum BinaryOperator: String, Hashable, Sendable, CaseIterable {
    /// `or`, short-circuiting.
    case or
    /// `and`, short-circuiting.
    case and
    /// `==`
    case equal = "=="
    /// `!=`
    case notEqual = "!="
    /// `<`
    case less = "<"
    /// `<=`
    case lessEqual = "<="
    /// `>`
    case greater = ">"
    /// `>=`
    case greaterEqual = ">="
    /// `+`
    case add = "+"
    /// `-`
    case subtract = "-"
    /// `*`
    case multiply = "*"
    /// `/`
    case divide = "/"

    /// Whether this is one of the six comparison operators.
    public var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: true
        default: false
        }
    }
}
