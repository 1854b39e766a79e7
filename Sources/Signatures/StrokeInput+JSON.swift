public import Foundation

extension SignatureInput {
    /// Decodes a signature captured by the app (`signature.schema.json`) and validates it.
    /// - Parameter data: The JSON document as UTF-8 bytes.
    /// - Throws: ``SignatureError`` with the JSON path of the first problem, e.g.
    ///   `strokes[2].points[15][0]: expected a number, found a string`.
    public init(json data: Data) throws(SignatureError) {
        guard data.count <= SignatureLimits.maxInputBytes else {
            throw .inputTooLarge(byteCount: data.count, limit: SignatureLimits.maxInputBytes)
        }
        let document: SignatureDocument
        do {
            document = try JSONDecoder().decode(SignatureDocument.self, from: data)
        } catch let error as SignatureError {
            throw error
        } catch let error as DecodingError {
            throw JSONErrorTranslation.translate(error, data: data)
        } catch {
            throw .invalidJSON(detail: String(describing: error))
        }
        self = document.input
        try validate()
    }
}

/// A `CodingKey` for any object member, so unknown keys can be listed and rejected.
struct JSONKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }

    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// The decoding side of the schema: structure and types. Value checks live in `SignatureInput.validate()`.
struct SignatureDocument: Decodable {
    var input: SignatureInput

    private static let topLevelKeys = [
        "canvas", "strokes", "capturedAt", "device", "signer", "signedAt", "timeZone", "phone", "documentSha256",
    ]
    private static let canvasKeys = ["width", "height"]
    private static let strokeKeys = ["points"]
    /// `[x, y, tMillis]` or `[x, y, tMillis, pressure]` (schema: `minItems` 3, `maxItems` 4).
    private static let pointArity = 3...4

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: JSONKey.self)
        try Self.rejectUnknownKeys(in: container, allowed: Self.topLevelKeys)
        let canvasContainer = try container.nestedContainer(keyedBy: JSONKey.self, forKey: JSONKey("canvas"))
        try Self.rejectUnknownKeys(in: canvasContainer, allowed: Self.canvasKeys)
        let canvas = SignatureCanvas(
            width: try canvasContainer.decode(Double.self, forKey: JSONKey("width")),
            height: try canvasContainer.decode(Double.self, forKey: JSONKey("height"))
        )
        let strokes = try Self.decodeStrokes(from: container)
        let metadata = try MetadataDecoding.decode(from: container)
        input = SignatureInput(canvas: canvas, strokes: strokes, metadata: metadata)
    }

    private static func decodeStrokes(from container: KeyedDecodingContainer<JSONKey>) throws -> [CapturedStroke] {
        var strokesContainer = try container.nestedUnkeyedContainer(forKey: JSONKey("strokes"))
        let strokeCount = strokesContainer.count ?? 0
        guard strokeCount <= SignatureLimits.maxStrokes else {
            throw SignatureError.tooManyStrokes(count: strokeCount, limit: SignatureLimits.maxStrokes)
        }
        var strokes: [CapturedStroke] = []
        strokes.reserveCapacity(strokeCount)
        var totalPoints = 0
        while !strokesContainer.isAtEnd {
            let strokeIndex = strokesContainer.currentIndex
            let strokeContainer = try strokesContainer.nestedContainer(keyedBy: JSONKey.self)
            try rejectUnknownKeys(in: strokeContainer, allowed: strokeKeys)
            // Count before decoding, so a huge stroke is refused without building its arrays.
            let pointsContainer = try strokeContainer.nestedUnkeyedContainer(forKey: JSONKey("points"))
            totalPoints += pointsContainer.count ?? 0
            guard totalPoints <= SignatureLimits.maxTotalPoints else {
                throw SignatureError.tooManyPoints(count: totalPoints, limit: SignatureLimits.maxTotalPoints)
            }
            let rows = try strokeContainer.decode([[Double]].self, forKey: JSONKey("points"))
            var points: [CapturedPoint] = []
            points.reserveCapacity(rows.count)
            for (pointIndex, row) in rows.enumerated() {
                guard pointArity.contains(row.count) else {
                    throw SignatureError.schemaViolation(
                        path: SignatureError.pointPath(stroke: strokeIndex, point: pointIndex),
                        message: "expected [x, y, tMillis] or [x, y, tMillis, pressure], found \(row.count) numbers"
                    )
                }
                points.append(CapturedPoint(x: row[0], y: row[1], time: row[2], pressure: row.count > 3 ? row[3] : nil))
            }
            strokes.append(CapturedStroke(points: points))
        }
        return strokes
    }

    /// Schema `additionalProperties: false`: the first unknown key in sorted order is reported.
    static func rejectUnknownKeys(in container: KeyedDecodingContainer<JSONKey>, allowed: [String]) throws {
        let unknown = container.allKeys.map(\.stringValue).filter { !allowed.contains($0) }.sorted()
        guard let first = unknown.first else { return }
        let path = JSONErrorTranslation.path(container.codingPath + [JSONKey(first)])
        throw SignatureError.schemaViolation(
            path: path,
            message: "unknown key `\(first)`; allowed here: \(allowed.map { "`\($0)`" }.joined(separator: ", "))"
        )
    }
}

/// Turns Foundation's decoding errors into ``SignatureError`` with a JSON path.
enum JSONErrorTranslation {
    /// Shown as the path of the document itself.
    static let rootPath = "signature"

    static func translate(_ error: DecodingError, data: Data) -> SignatureError {
        switch error {
        case .typeMismatch(let type, let context):
            return .schemaViolation(
                path: path(context.codingPath),
                message: "expected \(describe(type)), found \(found(in: context.debugDescription))"
            )
        case .valueNotFound(let type, let context):
            return .schemaViolation(path: path(context.codingPath), message: "expected \(describe(type)), found null")
        case .keyNotFound(let key, let context):
            return .schemaViolation(
                path: path(context.codingPath), message: "missing required key `\(key.stringValue)`")
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return .invalidJSON(detail: syntaxDetail(data) ?? context.debugDescription)
        case .dataCorrupted(let context):
            return .schemaViolation(path: path(context.codingPath), message: context.debugDescription)
        @unknown default:
            return .invalidJSON(detail: String(describing: error))
        }
    }

    /// `strokes[2].points[15]` from coding keys; array indices come as integer keys.
    static func path(_ keys: [any CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return text.isEmpty ? rootPath : text
    }

    private static func describe(_ type: Any.Type) -> String {
        if type == Double.self { return "a number" }
        if type == String.self { return "a string" }
        let name = String(describing: type)
        if name.contains("Dictionary") || name.hasPrefix("[String") || name.contains("Keyed") { return "an object" }
        if name.hasPrefix("Array") || name.hasPrefix("[") || name.contains("Unkeyed") { return "an array" }
        return name
    }

    /// Foundation says "… but found a string instead."; keep the "a string" part.
    private static func found(in description: String) -> String {
        guard let range = description.range(of: "found ") else { return "another type" }
        var rest = String(description[range.upperBound...])
        for suffix in [" instead.", "."] where rest.hasSuffix(suffix) {
            rest.removeLast(suffix.count)
        }
        switch rest {
        case "bool": return "a boolean"
        case "number": return "a number"
        default: return rest
        }
    }

    /// JSONSerialization explains syntax errors better than JSONDecoder ("Unexpected end of file …").
    private static func syntaxDetail(_ data: Data) -> String? {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return nil
        } catch {
            let info = (error as NSError).userInfo
            return info[NSDebugDescriptionErrorKey] as? String ?? String(describing: error)
        }
    }
}
