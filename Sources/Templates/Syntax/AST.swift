/// A parsed template: the contract between the front end and the evaluator.
///
/// Every node and expression carries a `SourceSpan`, so evaluation errors (a missing field, a
/// string where a number was expected) can point at the exact source text. Comments are dropped.
/// Text nodes hold the raw text between tags, whitespace and line breaks included; deciding how
/// whitespace collapses is the evaluator's job.
public struct TemplateAST: Hashable, Sendable {
    /// The file the template was parsed from.
    public var source: SourceID
    /// The top-level nodes, in source order.
    public var nodes: [Node]

    /// Creates a tree.
    /// - Parameters:
    ///   - source: The file the spans point into.
    ///   - nodes: The top-level nodes.
    public init(source: SourceID, nodes: [Node]) {
        self.source = source
        self.nodes = nodes
    }
}

/// A name written in the template, such as a loop variable, with its location.
public struct Identifier: Hashable, Sendable {
    /// The name.
    public var name: String
    /// Where it is written.
    public var span: SourceSpan

    /// Creates an identifier.
    /// - Parameters:
    ///   - name: The name.
    ///   - span: Where it is written.
    public init(_ name: String, span: SourceSpan) {
        self.name = name
        self.span = span
    }
}

/// One piece of a template.
public enum Node: Hashable, Sendable {
    /// Literal text between tags, exactly as written (no escapes apply).
    case text(String, SourceSpan)
    /// `{{ EXPR }}`; the span covers the whole tag.
    case output(Expr, SourceSpan)
    /// `{% if %}` … `{% elif %}` … `{% else %}` … `{% endif %}`.
    case ifBlock(IfBlock)
    /// `{% for NAME in EXPR %}` … `{% endfor %}`.
    case forLoop(ForLoop)
    /// `{% let NAME = EXPR %}`, visible from here to the end of the enclosing node list.
    case letBinding(LetBinding)
    /// `{% set NAME = EXPR %}`: changes the nearest enclosing `let` (or loop) variable, which is
    /// how a total is accumulated inside a loop.
    case setBinding(LetBinding)
    /// `{% include "name" key=EXPR %}`.
    case include(Include)
    /// `{% NAME attrs %}` … `{% endNAME %}`, or a void element without an end tag.
    case element(Element)

    /// The whole node, from its opening tag to its closing tag.
    public var span: SourceSpan {
        switch self {
        case .text(_, let span), .output(_, let span): span
        case .ifBlock(let block): block.span
        case .forLoop(let loop): loop.span
        case .letBinding(let binding), .setBinding(let binding): binding.span
        case .include(let include): include.span
        case .element(let element): element.span
        }
    }

    /// A conditional with one or more `if`/`elif` branches and an optional `else`.
    public struct IfBlock: Hashable, Sendable {
        /// One `if` or `elif` with its body.
        public struct Branch: Hashable, Sendable {
            /// The condition; the evaluator decides truthiness.
            public var condition: Expr
            /// The nodes shown when the condition holds.
            public var body: [Node]
            /// The `{% if … %}` or `{% elif … %}` tag.
            public var tagSpan: SourceSpan

            /// Creates a branch.
            /// - Parameters:
            ///   - condition: The condition.
            ///   - body: The nodes shown when it holds.
            ///   - tagSpan: The `if`/`elif` tag.
            public init(condition: Expr, body: [Node], tagSpan: SourceSpan) {
                self.condition = condition
                self.body = body
                self.tagSpan = tagSpan
            }
        }

        /// The `if` branch followed by every `elif`, in order; never empty.
        public var branches: [Branch]
        /// The `else` body, or nil when there is no `else`.
        public var elseBody: [Node]?
        /// From `{% if %}` to the end of `{% endif %}`.
        public var span: SourceSpan

        /// Creates a conditional.
        /// - Parameters:
        ///   - branches: `if` and `elif` branches.
        ///   - elseBody: The `else` body.
        ///   - span: The whole block.
        public init(branches: [Branch], elseBody: [Node]?, span: SourceSpan) {
            self.branches = branches
            self.elseBody = elseBody
            self.span = span
        }
    }

    /// A loop over a finite array. The evaluator binds `variable` and `loop`
    /// (`loop.index`, `loop.index0`, `loop.first`, `loop.last`, `loop.length`) in the body.
    public struct ForLoop: Hashable, Sendable {
        /// The loop variable (never `loop` or a keyword once checked).
        public var variable: Identifier
        /// The array to iterate.
        public var iterable: Expr
        /// The repeated nodes.
        public var body: [Node]
        /// The `{% for … %}` tag.
        public var tagSpan: SourceSpan
        /// From `{% for %}` to the end of `{% endfor %}`.
        public var span: SourceSpan

        /// Creates a loop.
        /// - Parameters:
        ///   - variable: The loop variable.
        ///   - iterable: The array expression.
        ///   - body: The repeated nodes.
        ///   - tagSpan: The opening tag.
        ///   - span: The whole block.
        public init(variable: Identifier, iterable: Expr, body: [Node], tagSpan: SourceSpan, span: SourceSpan) {
            self.variable = variable
            self.iterable = iterable
            self.body = body
            self.tagSpan = tagSpan
            self.span = span
        }
    }

    /// `{% let NAME = EXPR %}` or `{% set NAME = EXPR %}`.
    public struct LetBinding: Hashable, Sendable {
        /// The bound (or, for `set`, the changed) name.
        public var name: Identifier
        /// The value, evaluated once where the tag stands.
        public var value: Expr
        /// The whole tag.
        public var span: SourceSpan

        /// Creates a binding.
        /// - Parameters:
        ///   - name: The bound name.
        ///   - value: The value.
        ///   - span: The tag.
        public init(name: Identifier, value: Expr, span: SourceSpan) {
            self.name = name
            self.value = value
            self.span = span
        }
    }

    /// `{% include "partial/name" key=EXPR … %}`.
    public struct Include: Hashable, Sendable {
        /// One `key=EXPR` argument.
        public struct Argument: Hashable, Sendable {
            /// The key, bound as a variable inside the partial.
            public var name: Identifier
            /// The value.
            public var value: Expr
            /// From the key to the end of the value.
            public var span: SourceSpan

            /// Creates an argument.
            /// - Parameters:
            ///   - name: The key.
            ///   - value: The value.
            ///   - span: Key through value.
            public init(name: Identifier, value: Expr, span: SourceSpan) {
                self.name = name
                self.value = value
                self.span = span
            }
        }

        /// The partial's name, from the string literal (escapes decoded).
        public var name: String
        /// The string literal.
        public var nameSpan: SourceSpan
        /// The arguments, in source order.
        public var arguments: [Argument]
        /// The whole tag.
        public var span: SourceSpan

        /// Creates an include.
        /// - Parameters:
        ///   - name: The partial's name.
        ///   - nameSpan: The string literal.
        ///   - arguments: The arguments.
        ///   - span: The tag.
        public init(name: String, nameSpan: SourceSpan, arguments: [Argument], span: SourceSpan) {
            self.name = name
            self.nameSpan = nameSpan
            self.arguments = arguments
            self.span = span
        }
    }

    /// A layout element such as `p`, `table` or `image`.
    public struct Element: Hashable, Sendable {
        /// The element name, e.g. `table`.
        public var name: String
        /// The name in the opening tag.
        public var nameSpan: SourceSpan
        /// The attributes in source order. After checking, a positional value carries its
        /// declared name and flags carry `true`, so the evaluator can look everything up by name.
        public var attributes: [ElementAttribute]
        /// The children of a container; nil for a void element.
        public var children: [Node]?
        /// The opening tag.
        public var tagSpan: SourceSpan
        /// From the opening tag to the end of the end tag (the opening tag for void elements).
        public var span: SourceSpan

        /// Creates an element.
        /// - Parameters:
        ///   - name: The element name.
        ///   - nameSpan: The name in the opening tag.
        ///   - attributes: The attributes.
        ///   - children: Children, or nil for a void element.
        ///   - tagSpan: The opening tag.
        ///   - span: The whole element.
        public init(
            name: String, nameSpan: SourceSpan, attributes: [ElementAttribute], children: [Node]?,
            tagSpan: SourceSpan, span: SourceSpan
        ) {
            self.name = name
            self.nameSpan = nameSpan
            self.attributes = attributes
            self.children = children
            self.tagSpan = tagSpan
            self.span = span
        }

        /// Whether the element has no end tag.
        public var isVoid: Bool { children == nil }

        /// The first attribute with the given name.
        /// - Parameter name: The attribute name, e.g. `align`.
        public func attribute(named name: String) -> ElementAttribute? {
            attributes.first { $0.name == name }
        }
    }
}

/// One attribute of an element: `name=EXPR`, a bare `flag`, or the positional value.
public struct ElementAttribute: Hashable, Sendable {
    /// How the attribute was written.
    public enum Kind: Hashable, Sendable {
        /// `name=EXPR`.
        case named
        /// A bare name, meaning `name=true`.
        case flag
        /// The first argument without `name=`; `name` is the element's declared positional.
        case positional
    }

    /// The attribute name. For a positional value this is the catalogue's positional name, or ""
    /// when the element declares none (which the checker reports).
    public var name: String
    /// Where the name is written; for a positional value, the value's span.
    public var nameSpan: SourceSpan
    /// The value; `true` for a flag.
    public var value: Expr
    /// The whole attribute.
    public var span: SourceSpan
    /// How it was written.
    public var kind: Kind

    /// Creates an attribute.
    /// - Parameters:
    ///   - name: The attribute name.
    ///   - nameSpan: Where the name is.
    ///   - value: The value.
    ///   - span: The whole attribute.
    ///   - kind: How it was written.
    public init(name: String, nameSpan: SourceSpan, value: Expr, span: SourceSpan, kind: Kind) {
        self.name = name
        self.nameSpan = nameSpan
        self.value = value
        self.span = span
        self.kind = kind
    }

    /// Whether it was written as a bare flag.
    public var isFlag: Bool { kind == .flag }
    /// Whether it was written as the positional value.
    public var isPositional: Bool { kind == .positional }
}
