/// A compact binary form of one file's parsed and checked tree, so that a new process can take a
/// template from ``ParsedTemplateCache`` instead of lexing, parsing and checking it again.
///
/// Every span of a file's tree points into that file, so spans are written as two numbers and the
/// file's ``SourceID`` is given back when reading. Numbers are LEB128, strings their UTF-8 bytes
/// after their length. Reading checks every length and tag and gives nil for anything it does not
/// recognise; it never traps. (The cache also checks a digest of the bytes before they get here.)
enum ASTArchive {
    /// Raised while writing a tree that cannot be archived; the caller just does not cache it.
    struct NotArchivable: Error {}

    /// Nesting deeper than this is refused when reading, so that no input can exhaust the stack.
    /// The parser never builds trees a tenth as deep.
    static let maximumDepth = 400

    /// The tree as bytes, or nil when a span points into another file (never the case for a tree
    /// the parser built from one source, but then it could not be read back faithfully).
    static func encode(_ ast: TemplateAST) -> [UInt8]? {
        var writer = Writer(source: ast.source)
        do {
            try writer.nodes(ast.nodes)
        } catch {
            return nil
        }
        return writer.bytes
    }

    /// The tree the bytes hold, its spans in `source`; nil when the bytes are not a whole tree.
    static func decode(_ bytes: [UInt8], source: SourceID) -> TemplateAST? {
        bytes.withUnsafeBytes { buffer in
            var reader = Reader(bytes: buffer, source: source)
            guard let nodes = reader.nodes(depth: 0), reader.isAtEnd else { return nil }
            return TemplateAST(source: source, nodes: nodes)
        }
    }
}

// MARK: - Writing

extension ASTArchive {
    private struct Writer {
        let source: SourceID
        var bytes: [UInt8] = []

        init(source: SourceID) {
            self.source = source
            bytes.reserveCapacity(16_384)
        }

        mutating func number(_ value: Int) {
            var rest = UInt64(value)
            while rest >= 0x80 {
                bytes.append(UInt8(rest & 0x7F) | 0x80)
                rest >>= 7
            }
            bytes.append(UInt8(rest))
        }

        mutating func string(_ text: String) {
            number(text.utf8.count)
            bytes.append(contentsOf: text.utf8)
        }

        mutating func span(_ span: SourceSpan) throws(NotArchivable) {
            guard span.source == source, span.start >= 0, span.end >= span.start else { throw NotArchivable() }
            number(span.start)
            number(span.end - span.start)
        }

        mutating func identifier(_ identifier: Identifier) throws(NotArchivable) {
            string(identifier.name)
            try span(identifier.span)
        }

        mutating func nodes(_ nodes: [Node]) throws(NotArchivable) {
            number(nodes.count)
            for node in nodes { try self.node(node) }
        }

        mutating func node(_ node: Node) throws(NotArchivable) {
            switch node {
            case .text(let text, let span):
                bytes.append(0)
                string(text)
                try self.span(span)
            case .output(let expr, let span):
                bytes.append(1)
                try expression(expr)
                try self.span(span)
            case .ifBlock(let block):
                bytes.append(2)
                number(block.branches.count)
                for branch in block.branches {
                    try expression(branch.condition)
                    try nodes(branch.body)
                    try span(branch.tagSpan)
                }
                try optionalNodes(block.elseBody)
                try span(block.span)
            case .forLoop(let loop):
                bytes.append(3)
                try identifier(loop.variable)
                try expression(loop.iterable)
                try nodes(loop.body)
                try span(loop.tagSpan)
                try span(loop.span)
            case .letBinding(let binding):
                bytes.append(4)
                try self.binding(binding)
            case .setBinding(let binding):
                bytes.append(5)
                try self.binding(binding)
            case .include(let include):
                bytes.append(6)
                string(include.name)
                try span(include.nameSpan)
                number(include.arguments.count)
                for argument in include.arguments {
                    try identifier(argument.name)
                    try expression(argument.value)
                    try span(argument.span)
                }
                try span(include.span)
            case .element(let element):
                bytes.append(7)
                string(element.name)
                try span(element.nameSpan)
                number(element.attributes.count)
                for attribute in element.attributes {
                    string(attribute.name)
                    try span(attribute.nameSpan)
                    try expression(attribute.value)
                    try span(attribute.span)
                    bytes.append(attribute.kind.archiveTag)
                }
                try optionalNodes(element.children)
                try span(element.tagSpan)
                try span(element.span)
            }
        }

        mutating func optionalNodes(_ nodes: [Node]?) throws(NotArchivable) {
            guard let nodes else { return bytes.append(0) }
            bytes.append(1)
            try self.nodes(nodes)
        }

        mutating func binding(_ binding: Node.LetBinding) throws(NotArchivable) {
            try identifier(binding.name)
            try expression(binding.value)
            try span(binding.span)
        }

        mutating func expressions(_ list: [Expr]) throws(NotArchivable) {
            number(list.count)
            for expr in list { try expression(expr) }
        }

        mutating func expression(_ expr: Expr) throws(NotArchivable) {
            switch expr {
            case .literal(let literal, let span):
                bytes.append(0)
                self.literal(literal)
                try self.span(span)
            case .array(let elements, let span):
                bytes.append(1)
                try expressions(elements)
                try self.span(span)
            case .variable(let name, let span):
                bytes.append(2)
                string(name)
                try self.span(span)
            case .member(let base, let name, let nameSpan, let span):
                bytes.append(3)
                try expression(base)
                string(name)
                try self.span(nameSpan)
                try self.span(span)
            case .index(let base, let index, let span):
                bytes.append(4)
                try expression(base)
                try expression(index)
                try self.span(span)
            case .unary(let op, let operand, let span):
                bytes.append(5)
                let tag: UInt8 = switch op {
                case .negate: 0
                case .not: 1
                }
                bytes.append(tag)
                try expression(operand)
                try self.span(span)
            case .binary(let op, let left, let right, let span):
                bytes.append(6)
                bytes.append(UInt8(BinaryOperator.allCases.firstIndex(of: op)!))
                try expression(left)
                try expression(right)
                try self.span(span)
            case .filter(let base, let name, let arguments, let nameSpan, let span):
                bytes.append(7)
                try expression(base)
                string(name)
                try expressions(arguments)
                try self.span(nameSpan)
                try self.span(span)
            }
        }

        mutating func literal(_ literal: Literal) {
            switch literal {
            case .number(let text):
                bytes.append(0)
                string(text)
            case .length(let text, let unit):
                bytes.append(1)
                string(text)
                bytes.append(UInt8(LengthUnit.allCases.firstIndex(of: unit)!))
            case .string(let text):
                bytes.append(2)
                string(text)
            case .bool(let value):
                bytes.append(value ? 4 : 3)
            case .null:
                bytes.append(5)
            case .auto:
                bytes.append(6)
            }
        }
    }
}

extension ElementAttribute.Kind {
    fileprivate var archiveTag: UInt8 {
        switch self {
        case .named: 0
        case .flag: 1
        case .positional: 2
        }
    }
}

// MARK: - Reading

extension ASTArchive {
    /// Reads what ``Writer`` wrote. Every method gives nil (and the whole read fails) at the
    /// first byte that does not fit.
    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        let source: SourceID
        var offset = 0

        init(bytes: UnsafeRawBufferPointer, source: SourceID) {
            self.bytes = bytes
            self.source = source
        }

        var isAtEnd: Bool { offset == bytes.count }

        mutating func byte() -> UInt8? {
            guard offset < bytes.count else { return nil }
            defer { offset += 1 }
            return bytes[offset]
        }

        mutating func number() -> Int? {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while let byte = byte() {
                value |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { return value <= UInt64(Int32.max) ? Int(value) : nil }
                shift += 7
                guard shift < 35 else { return nil }
            }
            return nil
        }

        /// A count of things that each take at least one byte: never more than the bytes left.
        mutating func count() -> Int? {
            guard let count = number(), count <= bytes.count - offset else { return nil }
            return count
        }

        mutating func string() -> String? {
            guard let length = count() else { return nil }
            defer { offset += length }
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length]), as: UTF8.self)
        }

        mutating func span() -> SourceSpan? {
            guard let start = number(), let length = number() else { return nil }
            return SourceSpan(source: source, range: start..<start + length)
        }

        mutating func identifier() -> Identifier? {
            guard let name = string(), let span = span() else { return nil }
            return Identifier(name, span: span)
        }

        mutating func nodes(depth: Int) -> [Node]? {
            guard depth < ASTArchive.maximumDepth, let count = count() else { return nil }
            var nodes: [Node] = []
            nodes.reserveCapacity(count)
            for _ in 0..<count {
                guard let node = node(depth: depth + 1) else { return nil }
                nodes.append(node)
            }
            return nodes
        }

        mutating func optionalNodes(depth: Int) -> [Node]?? {
            switch byte() {
            case 0: return .some(nil)
            case 1: return nodes(depth: depth).map { .some($0) }
            default: return nil
            }
        }

        mutating func node(depth: Int) -> Node? {
            switch byte() {
            case 0:
                guard let text = string(), let span = span() else { return nil }
                return .text(text, span)
            case 1:
                guard let expr = expression(depth: depth), let span = span() else { return nil }
                return .output(expr, span)
            case 2:
                guard let count = count() else { return nil }
                var branches: [Node.IfBlock.Branch] = []
                for _ in 0..<count {
                    guard let condition = expression(depth: depth), let body = nodes(depth: depth), let tagSpan = span()
                    else { return nil }
                    branches.append(Node.IfBlock.Branch(condition: condition, body: body, tagSpan: tagSpan))
                }
                guard let elseBody = optionalNodes(depth: depth), let span = span() else { return nil }
                return .ifBlock(Node.IfBlock(branches: branches, elseBody: elseBody, span: span))
            case 3:
                guard let variable = identifier(), let iterable = expression(depth: depth), let body = nodes(depth: depth),
                    let tagSpan = span(), let span = span()
                else { return nil }
                return .forLoop(Node.ForLoop(variable: variable, iterable: iterable, body: body, tagSpan: tagSpan, span: span))
            case 4:
                return binding(depth: depth).map(Node.letBinding)
            case 5:
                return binding(depth: depth).map(Node.setBinding)
            case 6:
                guard let name = string(), let nameSpan = span(), let count = count() else { return nil }
                var arguments: [Node.Include.Argument] = []
                for _ in 0..<count {
                    guard let argumentName = identifier(), let value = expression(depth: depth), let span = span()
                    else { return nil }
                    arguments.append(Node.Include.Argument(name: argumentName, value: value, span: span))
                }
                guard let span = span() else { return nil }
                return .include(Node.Include(name: name, nameSpan: nameSpan, arguments: arguments, span: span))
            case 7:
                guard let name = string(), let nameSpan = span(), let count = count() else { return nil }
                var attributes: [ElementAttribute] = []
                attributes.reserveCapacity(count)
                for _ in 0..<count {
                    guard let attributeName = string(), let attributeNameSpan = span(), let value = expression(depth: depth),
                        let span = span(), let kind = attributeKind()
                    else { return nil }
                    attributes.append(ElementAttribute(name: attributeName, nameSpan: attributeNameSpan, value: value, span: span, kind: kind))
                }
                guard let children = optionalNodes(depth: depth), let tagSpan = span(), let span = span() else { return nil }
                return .element(Node.Element(
                    name: name, nameSpan: nameSpan, attributes: attributes, children: children, tagSpan: tagSpan, span: span))
            default:
                return nil
            }
        }

        mutating func attributeKind() -> ElementAttribute.Kind? {
            switch byte() {
            case 0: .named
            case 1: .flag
            case 2: .positional
            default: nil
            }
        }

        mutating func binding(depth: Int) -> Node.LetBinding? {
            guard let name = identifier(), let value = expression(depth: depth), let span = span() else { return nil }
            return Node.LetBinding(name: name, value: value, span: span)
        }

        mutating func expressions(depth: Int) -> [Expr]? {
            guard let count = count() else { return nil }
            var list: [Expr] = []
            list.reserveCapacity(count)
            for _ in 0..<count {
                guard let expr = expression(depth: depth) else { return nil }
                list.append(expr)
            }
            return list
        }

        mutating func expression(depth: Int) -> Expr? {
            guard depth < ASTArchive.maximumDepth else { return nil }
            let depth = depth + 1
            switch byte() {
            case 0:
                guard let literal = literal(), let span = span() else { return nil }
                return .literal(literal, span)
            case 1:
                guard let elements = expressions(depth: depth), let span = span() else { return nil }
                return .array(elements, span)
            case 2:
                guard let name = string(), let span = span() else { return nil }
                return .variable(name, span)
            case 3:
                guard let base = expression(depth: depth), let name = string(), let nameSpan = span(), let span = span()
                else { return nil }
                return .member(base, name: name, nameSpan: nameSpan, span: span)
            case 4:
                guard let base = expression(depth: depth), let index = expression(depth: depth), let span = span()
                else { return nil }
                return .index(base, index, span)
            case 5:
                let op: UnaryOperator
                switch byte() {
                case 0: op = .negate
                case 1: op = .not
                default: return nil
                }
                guard let operand = expression(depth: depth), let span = span() else { return nil }
                return .unary(op, operand, span)
            case 6:
                guard let tag = byte(), Int(tag) < BinaryOperator.allCases.count,
                    let left = expression(depth: depth), let right = expression(depth: depth), let span = span()
                else { return nil }
                return .binary(BinaryOperator.allCases[Int(tag)], left, right, span)
            case 7:
                guard let base = expression(depth: depth), let name = string(), let arguments = expressions(depth: depth),
                    let nameSpan = span(), let span = span()
                else { return nil }
                return .filter(base, name: name, arguments: arguments, nameSpan: nameSpan, span: span)
            default:
                return nil
            }
        }

        mutating func literal() -> Literal? {
            switch byte() {
            case 0:
                return string().map(Literal.number)
            case 1:
                guard let text = string(), let tag = byte(), Int(tag) < LengthUnit.allCases.count else { return nil }
                return .length(text, LengthUnit.allCases[Int(tag)])
            case 2:
                return string().map(Literal.string)
            case 3: return .bool(false)
            case 4: return .bool(true)
            case 5: return .null
            case 6: return .auto
            default: return nil
            }
        }
    }
}
