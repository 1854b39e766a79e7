/// A stable, compact text form of the tree for tests and debugging.
///
/// Operators print as S-expressions so precedence is visible: `a + b | money` dumps as
/// `(+ a (| b money))`; member access and indexing print as written (`order.items[0]`).
extension TemplateAST {
    /// One node per line, children indented by two spaces.
    public func dump() -> String {
        var lines: [String] = []
        Self.dump(nodes, depth: 0, into: &lines)
        return lines.joined(separator: "\n")
    }

    private static func dump(_ nodes: [Node], depth: Int, into lines: inout [String]) {
        let indent = String(repeating: "  ", count: depth)
        for node in nodes {
            switch node {
            case .text(let text, _):
                lines.append(indent + "text " + text.debugDescription)
            case .output(let expression, _):
                lines.append(indent + "output " + expression.description)
            case .ifBlock(let block):
                for (position, branch) in block.branches.enumerated() {
                    lines.append(indent + (position == 0 ? "if " : "elif ") + branch.condition.description)
                    dump(branch.body, depth: depth + 1, into: &lines)
                }
                if let elseBody = block.elseBody {
                    lines.append(indent + "else")
                    dump(elseBody, depth: depth + 1, into: &lines)
                }
            case .forLoop(let loop):
                lines.append(indent + "for \(loop.variable.name) in \(loop.iterable)")
                dump(loop.body, depth: depth + 1, into: &lines)
            case .letBinding(let binding):
                lines.append(indent + "let \(binding.name.name) = \(binding.value)")
            case .setBinding(let binding):
                lines.append(indent + "set \(binding.name.name) = \(binding.value)")
            case .include(let include):
                let arguments = include.arguments.map { " \($0.name.name)=\($0.value)" }.joined()
                lines.append(indent + "include \(include.name.debugDescription)\(arguments)")
            case .element(let element):
                let attributes = element.attributes.map { " " + $0.dumpForm }.joined()
                lines.append(indent + "element \(element.name)\(attributes)\(element.isVoid ? " (void)" : "")")
                dump(element.children ?? [], depth: depth + 1, into: &lines)
            }
        }
    }
}

extension ElementAttribute {
    /// `name=value`, `name!` for a flag, `name@=value` for the positional value.
    fileprivate var dumpForm: String {
        switch kind {
        case .named: "\(name)=\(value)"
        case .flag: "\(name)!"
        case .positional: "\(name)@=\(value)"
        }
    }
}

extension Expr: CustomStringConvertible {
    /// The S-expression form used by `TemplateAST.dump()`.
    public var description: String {
        switch self {
        case .literal(let literal, _): literal.description
        case .array(let elements, _): "[" + elements.map(\.description).joined(separator: ", ") + "]"
        case .variable(let name, _): name
        case .member(let base, let name, _, _): "\(base).\(name)"
        case .index(let base, let index, _): "\(base)[\(index)]"
        case .unary(let op, let operand, _): "(\(op.rawValue) \(operand))"
        case .binary(let op, let left, let right, _): "(\(op.rawValue) \(left) \(right))"
        case .filter(let base, let name, let arguments, _, _):
            "(| \(base) \(name)" + arguments.map { " \($0)" }.joined() + ")"
        }
    }
}

extension Literal: CustomStringConvertible {
    /// The literal as it could be written in a template.
    public var description: String {
        switch self {
        case .number(let text): text
        case .length(let number, let unit): number + unit.rawValue
        case .string(let text): text.debugDescription
        case .bool(let value): String(value)
        case .null: "null"
        case .auto: "auto"
        }
    }
}
