/// Element rules: known names, placement, attributes and required children.
extension Checker {
    mutating func checkElement(_ element: Node.Element, in container: Container) {
        guard let definition = ElementCatalog.element(named: element.name) else {
            let hints = Suggestions.hint(for: element.name, in: ElementCatalog.names).map { [$0] } ?? []
            report(.error("unknown element `\(element.name)`", at: element.nameSpan, hints: hints))
            element.attributes.forEach { checkExpression($0.value) }
            if let children = element.children { checkNodes(children, in: .unknown) }
            return
        }
        checkPlacement(of: definition, at: element.nameSpan, in: container)
        checkAttributes(of: element, against: definition)
        guard let children = element.children else { return }
        checkNodes(children, in: .element(definition))
        if case .only(let allowed) = definition.content, !Self.mayContain(children, oneOf: allowed) {
            let child = allowed[0]
            report(
                .error(
                    "`\(definition.name)` needs at least one `\(child)`", at: element.tagSpan,
                    hints: ["add `{% \(child) %}` … `{% end\(child) %}` inside it"]
                ))
        }
    }

    /// Text or output standing where only specific elements may (inside `table`, `row`, `columns`).
    mutating func checkLooseContent(_ what: String, at span: SourceSpan, in container: Container) {
        guard case .element(let parent) = container, case .only(let allowed) = parent.content else { return }
        report(
            .error(
                "\(what) cannot be placed directly inside `\(parent.name)`", at: span,
                hints: [Self.wrapHint(for: parent.name, allowed: allowed)]
            ))
    }

    private mutating func checkPlacement(of definition: ElementDefinition, at span: SourceSpan, in container: Container)
    {
        let parent: ElementDefinition
        switch container {
        case .unknown: return
        case .topLevel:
            if case .inside(let parents) = definition.placement {
                report(
                    .error(
                        "`\(definition.name)` is only allowed inside \(Self.list(parents)), not at the top level",
                        at: span
                    ))
            }
            return
        case .element(let enclosing): parent = enclosing
        }
        switch definition.placement {
        case .topLevel:
            return report(
                .error(
                    "`\(definition.name)` is only allowed at the top level, not inside `\(parent.name)`", at: span,
                    hints: ["move it out of every element, e.g. to the start of the template"]
                ))
        case .inside(let parents) where !parents.contains(parent.name):
            return report(
                .error(
                    "`\(definition.name)` is only allowed inside \(Self.list(parents)), not inside `\(parent.name)`",
                    at: span))
        default:
            break
        }
        switch parent.content {
        case .only(let allowed) where !allowed.contains(definition.name):
            report(
                .error(
                    "`\(definition.name)` cannot be placed directly inside `\(parent.name)`", at: span,
                    hints: [Self.wrapHint(for: parent.name, allowed: allowed)]
                ))
        case .inline where definition.placement == .block:
            report(
                .error(
                    "`\(definition.name)` is a block element and cannot be placed inside `\(parent.name)`", at: span,
                    hints: ["close `\(parent.name)` with `{% end\(parent.name) %}` before it"]
                ))
        default:
            break
        }
    }

    private mutating func checkAttributes(of element: Node.Element, against definition: ElementDefinition) {
        var seen: [String: SourceSpan] = [:]
        for attribute in element.attributes {
            checkExpression(attribute.value)
            if attribute.isPositional, definition.positional == nil {
                report(
                    .error(
                        "`\(definition.name)` takes no positional value", at: attribute.span,
                        hints: [
                            definition.attributes.isEmpty
                                ? "`\(definition.name)` takes no attributes" : "write it as `name=value`"
                        ]
                    ))
                continue
            }
            guard let attributeDefinition = definition.attribute(named: attribute.name) else {
                let names = definition.attributes.map(\.name)
                let hint =
                    names.isEmpty
                    ? "`\(definition.name)` takes no attributes" : Suggestions.hint(for: attribute.name, in: names)
                report(
                    .error(
                        "unknown attribute `\(attribute.name)` for `\(definition.name)`", at: attribute.nameSpan,
                        hints: hint.map { [$0] } ?? []
                    ))
                continue
            }
            if let first = seen[attribute.name] {
                report(
                    .error(
                        "duplicate attribute `\(attribute.name)`", at: attribute.span,
                        notes: [.init("first given here", at: first)]
                    ))
                continue
            }
            seen[attribute.name] = attribute.span
            checkValue(of: attribute, against: attributeDefinition)
        }
        guard !incompleteTags.contains(element.tagSpan) else { return }
        for required in definition.attributes where required.isRequired && seen[required.name] == nil {
            let example =
                definition.positional == required.name
                ? "write it first, e.g. `{% \(definition.name) \"…\" %}`" : "add `\(required.name)=…`"
            report(.error("`\(definition.name)` needs a `\(required.name)`", at: element.tagSpan, hints: [example]))
        }
    }

    /// Flags on non-boolean attributes, and literal strings outside a fixed set of choices.
    private mutating func checkValue(of attribute: ElementAttribute, against definition: AttributeDefinition) {
        if attribute.isFlag, !definition.type.acceptsFlag {
            return report(
                .error(
                    "attribute `\(attribute.name)` needs a value", at: attribute.span,
                    hints: ["write `\(attribute.name)=…`; only yes/no attributes can stand alone"]
                ))
        }
        guard case .choice(let choices) = definition.type,
            case .literal(.string(let value), let span) = attribute.value,
            !choices.contains(value)
        else { return }
        var hints = Suggestions.hint(for: value, in: choices).map { [$0] } ?? []
        hints.append("`\(attribute.name)` is one of " + choices.map { "`\($0)`" }.joined(separator: ", "))
        report(.error("`\(value)` is not a valid `\(attribute.name)`", at: span, hints: hints))
    }

    /// Whether an element of one of `names` can appear among `nodes`, looking through control
    /// flow. An `include` might supply it, so it counts as a yes.
    static func mayContain(_ nodes: [Node], oneOf names: [String]) -> Bool {
        nodes.contains { node in
            switch node {
            case .element(let element): names.contains(element.name)
            case .include: true
            case .ifBlock(let block):
                block.branches.contains { mayContain($0.body, oneOf: names) }
                    || mayContain(block.elseBody ?? [], oneOf: names)
            case .forLoop(let loop): mayContain(loop.body, oneOf: names)
            case .text, .output, .letBinding, .setBinding: false
            }
        }
    }

    private static func wrapHint(for parent: String, allowed: [String]) -> String {
        switch parent {
        case "table": "put it in `{% row %}{% cell %}` … `{% endcell %}{% endrow %}`"
        case "row": "put it in `{% cell %}` … `{% endcell %}`"
        default: "only \(list(allowed)) may stand directly inside `\(parent)`"
        }
    }

    private static func list(_ names: [String]) -> String {
        names.map { "`\($0)`" }.joined(separator: " or ")
    }
}
