import DocEngine

extension Evaluator {
    /// Evaluates an expression.
    func evaluate(_ expr: Expr) throws(EvaluationFailure) -> Value {
        switch expr {
        case .literal(let literal, let span):
            return try evaluate(literal, span: span)
        case .array(let elements, _):
            var values: [Value] = []
            for element in elements { values.append(try evaluate(element)) }
            return .array(values)
        case .variable(let name, let span):
            if let value = scope.lookup(name) { return value }
            var hints: [String] = []
            if let suggestion = Suggestions.closest(to: name, in: scope.names) {
                hints.append("did you mean `\(suggestion)`?")
            }
            throw EvaluationFailure(message: "unknown variable `\(name)`", span: span, hints: hints)
        case .member(let base, let name, _, let span):
            return try member(of: try evaluate(base), name: name, span: span)
        case .index(let base, let indexExpr, let span):
            let container = try evaluate(base)
            let index = try evaluate(indexExpr).resolved()
            if case .string(let key) = index { return try member(of: container, name: key, span: span) }
            return try element(of: container, at: try integer(index, span: indexExpr.span), span: span)
        case .unary(let op, let operand, let span):
            let value = try evaluate(operand)
            switch op {
            case .not: return .bool(!value.isTruthy)
            case .negate:
                // Offsets such as y=-14pt negate a length.
                if case .length(let points) = value { return .length(-points) }
                return .number(try number(value, span: span).negated())
            }
        case .binary(let op, let left, let right, let span):
            return try binary(op, left, right, span: span)
        case .filter(let base, let name, let arguments, let nameSpan, let span):
            return try applyFilter(name, base: base, arguments: arguments, nameSpan: nameSpan, span: span)
        }
    }

    private func evaluate(_ literal: Literal, span: SourceSpan) throws(EvaluationFailure) -> Value {
        switch literal {
        case .number(let text):
            do { return .number(try ExactDecimal(text)) } catch {
                throw EvaluationFailure(message: "bad number `\(text)`: \(error)", span: span)
            }
        case .length(let text, let unit):
            guard let amount = Double(text) else { throw EvaluationFailure(message: "bad length `\(text)`", span: span) }
            switch unit {
            case .pt: return .length(amount)
            case .mm: return .length(amount * Units.pointsPerMillimetre)
            case .cm: return .length(amount * Units.pointsPerMillimetre * 10)
            case .inch: return .length(amount * 72)
            case .fr: return .fraction(amount)
            case .percent: return .percent(amount / 100)
            }
        case .string(let text): return .string(text)
        case .bool(let flag): return .bool(flag)
        case .null: return .null
        case .auto: return .auto
        }
    }

    func member(of value: Value, name: String, span: SourceSpan) throws(EvaluationFailure) -> Value {
        switch value {
        case .missing(let path): return .missing(path.appending(key: name))
        case .data(.object(let object), let path):
            let childPath = path.appending(key: name)
            guard let child = object[name] else { return .missing(childPath) }
            return .data(child, childPath)
        case .data(.null, let path): return .missing(path.appending(key: name))
        case .record(let fields):
            if let field = fields[name] { return field }
            throw EvaluationFailure(message: "no field `\(name)`; it has \(fields.keys.sorted().joined(separator: ", "))", span: span)
        case .null: return .null
        default:
            let place = value.path.map { "\($0): " } ?? ""
            throw EvaluationFailure(message: "\(place)cannot take `.\(name)` of \(value.kindDescription)", span: span)
        }
    }

    func element(of value: Value, at index: Int, span: SourceSpan) throws(EvaluationFailure) -> Value {
        switch value {
        case .missing(let path): return .missing(path.appending(index: index))
        case .array(let items):
            guard items.indices.contains(index) else { return .null }
            return items[index]
        case .data(.array(let items), let path):
            guard items.indices.contains(index) else { return .missing(path.appending(index: index)) }
            return .data(items[index], path.appending(index: index))
        default:
            throw EvaluationFailure(message: "cannot index \(value.kindDescription)", span: span)
        }
    }

    private func binary(_ op: BinaryOperator, _ leftExpr: Expr, _ rightExpr: Expr, span: SourceSpan)
        throws(EvaluationFailure) -> Value
    {
        let left = try evaluate(leftExpr)
        switch op {
        case .and: return left.isTruthy ? .bool(try evaluate(rightExpr).isTruthy) : .bool(false)
        case .or: return left.isTruthy ? .bool(true) : .bool(try evaluate(rightExpr).isTruthy)
        default: break
        }
        let right = try evaluate(rightExpr)
        switch op {
        case .equal: return .bool(try equal(left, right))
        case .notEqual: return .bool(!(try equal(left, right)))
        case .less, .lessEqual, .greater, .greaterEqual:
            let order = try compare(left, right, leftSpan: leftExpr.span, rightSpan: rightExpr.span)
            let result: Bool = switch op {
            case .less: order < 0
            case .lessEqual: order <= 0
            case .greater: order > 0
            default: order >= 0
            }
            return .bool(result)
        case .add:
            // Data decimals may arrive as JSON strings ("12"): those add as numbers. Template
            // strings and non-numeric data text concatenate.
            if isText(left) || isText(right) {
                return .string((try display(left, span: leftExpr.span)) + (try display(right, span: rightExpr.span)))
            }
            return try arithmetic(left, right, leftSpan: leftExpr.span, rightSpan: rightExpr.span, span: span) { a, b throws(ExactDecimal.ArithmeticError) in try a.adding(b) }
        case .subtract:
            return try arithmetic(left, right, leftSpan: leftExpr.span, rightSpan: rightExpr.span, span: span) { a, b throws(ExactDecimal.ArithmeticError) in try a.subtracting(b) }
        case .multiply:
            return try arithmetic(left, right, leftSpan: leftExpr.span, rightSpan: rightExpr.span, span: span) { a, b throws(ExactDecimal.ArithmeticError) in try a.multiplied(by: b) }
        case .divide:
            return try arithmetic(left, right, leftSpan: leftExpr.span, rightSpan: rightExpr.span, span: span) { a, b throws(ExactDecimal.ArithmeticError) in
                try a.divided(by: b, scale: Self.divisionScale)
            }
        case .and, .or: fatalError("handled above")
        }
    }

    private func isText(_ value: Value) -> Bool {
        switch value {
        case .string: true
        case .data(.string(let text), _): (try? ExactDecimal(text)) == nil
        default: false
        }
    }

    /// Fraction digits kept by `/`; money is rounded explicitly with `round(2)` afterwards.
    static let divisionScale = 12

    private func arithmetic(
        _ left: Value, _ right: Value, leftSpan: SourceSpan, rightSpan: SourceSpan, span: SourceSpan,
        _ operation: (ExactDecimal, ExactDecimal) throws(ExactDecimal.ArithmeticError) -> ExactDecimal
    ) throws(EvaluationFailure) -> Value {
        let a = try number(left, span: leftSpan)
        let b = try number(right, span: rightSpan)
        do { return .number(try operation(a, b)) } catch {
            throw EvaluationFailure(message: "arithmetic error: \(error)", span: span)
        }
    }

    private func equal(_ left: Value, _ right: Value) throws(EvaluationFailure) -> Bool {
        switch (left.resolved(), right.resolved()) {
        case (.null, .null), (.missing, .null), (.null, .missing), (.missing, .missing): true
        case (.bool(let a), .bool(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.string(let a), .number(let b)): (try? ExactDecimal(a)) == b
        case (.number(let a), .string(let b)): (try? ExactDecimal(b)) == a
        default: false
        }
    }

    private func compare(_ left: Value, _ right: Value, leftSpan: SourceSpan, rightSpan: SourceSpan)
        throws(EvaluationFailure) -> Int
    {
        if case .string(let a) = left.resolved(), case .string(let b) = right.resolved(),
            (try? ExactDecimal(a)) == nil || (try? ExactDecimal(b)) == nil
        {
            return a < b ? -1 : (a == b ? 0 : 1)
        }
        let a = try number(left, span: leftSpan)
        let b = try number(right, span: rightSpan)
        return a < b ? -1 : (a == b ? 0 : 1)
    }

    // MARK: - Conversions with precise errors

    /// A decimal from a number, or from a string holding one (the schema allows both).
    func number(_ value: Value, span: SourceSpan) throws(EvaluationFailure) -> ExactDecimal {
        switch value.resolved() {
        case .number(let number): return number
        case .string(let text):
            if let number = try? ExactDecimal(text) { return number }
        case .missing(let path):
            throw EvaluationFailure(message: "\(path): missing, expected a decimal", span: span,
                                    hints: ["the data has no such field; use `| default(0)` if it may be absent"])
        default: break
        }
        let place = value.path.map { "\($0): " } ?? ""
        throw EvaluationFailure(message: "\(place)expected a decimal, found \(value.kindDescription)", span: span)
    }

    func integer(_ value: Value, span: SourceSpan) throws(EvaluationFailure) -> Int {
        let decimal = try number(value, span: span)
        guard decimal.scale == 0 || decimal.rounded(toScale: 0) == decimal, let int = Int(decimal.rounded(toScale: 0).description) else {
            throw EvaluationFailure(message: "expected a whole number, found \(decimal)", span: span)
        }
        return int
    }

    func string(_ value: Value, span: SourceSpan) throws(EvaluationFailure) -> String {
        switch value.resolved() {
        case .string(let text): return text
        case .missing(let path):
            throw EvaluationFailure(message: "\(path): missing, expected text", span: span,
                                    hints: ["the data has no such field; use `| default(\"\")` if it may be absent"])
        default:
            let place = value.path.map { "\($0): " } ?? ""
            throw EvaluationFailure(message: "\(place)expected text, found \(value.kindDescription)", span: span)
        }
    }

    /// A list of values, from a template list or a data array.
    func list(_ value: Value, span: SourceSpan) throws(EvaluationFailure) -> [Value] {
        switch value {
        case .array(let items): return items
        case .data(.array(let items), let path):
            return items.enumerated().map { .data($1, path.appending(index: $0)) }
        case .missing(let path):
            throw EvaluationFailure(message: "\(path): missing, expected a list", span: span,
                                    hints: ["use `| default([])` if it may be absent"])
        default:
            let place = value.path.map { "\($0): " } ?? ""
            throw EvaluationFailure(message: "\(place)expected a list, found \(value.kindDescription)", span: span)
        }
    }

    /// A decimal's ASCII text with its point as a comma. Byte by byte: Foundation's
    /// `replacingOccurrences` bridged every printed number (each table row's `loop.index`)
    /// through `NSString`, a twentieth of a long table's evaluation.
    static func withDecimalComma(_ text: String) -> String {
        guard text.hasUTF8Byte(UInt8(ascii: ".")) else { return text }
        return String(decoding: text.utf8.map { $0 == UInt8(ascii: ".") ? UInt8(ascii: ",") : $0 }, as: UTF8.self)
    }

    /// How a value prints in the document when no filter formats it.
    func display(_ value: Value, span: SourceSpan) throws(EvaluationFailure) -> String {
        switch value.resolved() {
        case .string(let text): return text
        case .number(let number):
            // Plain digits with the language's decimal mark; grouping is `number`'s job.
            return language == .en ? number.description : Self.withDecimalComma(number.description)
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return ""
        case .missing(let path):
            throw EvaluationFailure(message: "\(path): missing", span: span,
                                    hints: ["the data has no such field; use `| default(\"—\")` to print something else"])
        default:
            let place = value.path.map { "\($0): " } ?? ""
            throw EvaluationFailure(message: "\(place)cannot print \(value.kindDescription)", span: span)
        }
    }
}

import Foundation
