/// Which value of a captured point an error refers to.
public enum PointComponent: String, Sendable, Hashable, CaseIterable {
    /// The horizontal coordinate.
    case x
    /// The vertical coordinate.
    case y
    /// The timestamp in milliseconds.
    case time
    /// The pressure, 0...1.
    case pressure
}

/// Everything that can go wrong turning captured strokes into a vector signature.
///
/// Each case names the place in the input (a JSON path such as `strokes[2].points[15]`) where it can.
public enum SignatureError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The bytes are not JSON at all; `detail` is the parser's explanation.
    case invalidJSON(detail: String)
    /// The input is larger than ``SignatureLimits/maxInputBytes``.
    case inputTooLarge(byteCount: Int, limit: Int)
    /// The JSON does not follow `signature.schema.json` at `path`.
    case schemaViolation(path: String, message: String)
    /// The signature has no strokes at all.
    case noStrokes
    /// Stroke `stroke` has no points.
    case emptyStroke(stroke: Int)
    /// More strokes than ``SignatureLimits/maxStrokes``.
    case tooManyStrokes(count: Int, limit: Int)
    /// More points in total than ``SignatureLimits/maxTotalPoints``; `count` is how many were seen before stopping.
    case tooManyPoints(count: Int, limit: Int)
    /// A coordinate, timestamp or pressure is NaN or infinite.
    case nonFiniteValue(stroke: Int, point: Int, component: PointComponent)
    /// A point lies far outside the canvas (see ``SignatureLimits/outsideCanvasMarginFraction``).
    case farOutsideCanvas(stroke: Int, point: Int, x: Double, y: Double)
    /// A timestamp is earlier than the one before it in the same stroke.
    case timeWentBackwards(stroke: Int, point: Int, previous: Double, found: Double)
    /// A ``SignatureOptions`` value is out of range.
    case invalidOption(name: String, message: String)
    /// A ``SignatureBox`` has a non-finite or non-positive size, or its baseline lies outside it.
    case invalidBox(message: String)

    /// The JSON path the error refers to, if any, e.g. `strokes[2].points[15]`.
    public var path: String? {
        switch self {
        case .invalidJSON, .inputTooLarge, .tooManyPoints, .invalidOption, .invalidBox: nil
        case .schemaViolation(let path, _): path
        case .noStrokes, .tooManyStrokes: "strokes"
        case .emptyStroke(let stroke): "strokes[\(stroke)].points"
        case .nonFiniteValue(let stroke, let point, _), .farOutsideCanvas(let stroke, let point, _, _),
            .timeWentBackwards(let stroke, let point, _, _):
            Self.pointPath(stroke: stroke, point: point)
        }
    }

    /// A readable message, prefixed with the JSON path when there is one.
    public var description: String {
        guard let path else { return message }
        return "\(path): \(message)"
    }

    /// The message without the path.
    public var message: String {
        switch self {
        case .invalidJSON(let detail):
            "the signature is not valid JSON (\(detail))"
        case .inputTooLarge(let byteCount, let limit):
            "the signature is \(byteCount) bytes; at most \(limit) bytes are accepted"
        case .schemaViolation(_, let message):
            message
        case .noStrokes:
            "the signature has no strokes; ask the signer to sign"
        case .emptyStroke:
            "stroke has no points"
        case .tooManyStrokes(let count, let limit):
            "\(count) strokes; at most \(limit) are accepted"
        case .tooManyPoints(let count, let limit):
            "more than \(limit) points in total (counted \(count)); no real signature is that long"
        case .nonFiniteValue(_, _, let component):
            switch component {
            case .x, .y: "coordinate is not a finite number (\(component.rawValue))"
            case .time: "timestamp is not a finite number"
            case .pressure: "pressure is not a finite number"
            }
        case .farOutsideCanvas(_, _, let x, let y):
            "point (\(Self.format(x)), \(Self.format(y))) is far outside the canvas"
        case .timeWentBackwards(_, _, let previous, let found):
            "timestamp \(Self.format(found)) ms is earlier than the previous point's \(Self.format(previous)) ms"
        case .invalidOption(let name, let message):
            "option `\(name)` \(message)"
        case .invalidBox(let message):
            "signature box \(message)"
        }
    }

    static func pointPath(stroke: Int, point: Int) -> String {
        "strokes[\(stroke)].points[\(point)]"
    }

    /// Numbers in messages: integers without a fraction, others with up to 3 decimals.
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return FixedDecimal.format(value, decimals: 3)
    }
}
