public import Foundation

extension VectorSignature {
    /// Identifies the JSON layout written by ``jsonString()``; bump when it changes.
    public static let jsonFormatVersion = 1

    /// The signature in its stable JSON form: keys sorted, every coordinate and width with exactly
    /// ``outputDecimals`` decimals, so equal signatures give equal bytes. See `docs/signatures.md`.
    public func jsonString() -> String {
        stableJSON.serialized()
    }

    /// ``jsonString()`` as UTF-8 bytes.
    public func jsonData() -> Data {
        Data(jsonString().utf8)
    }

    var stableJSON: StableJSON {
        let decimals = Self.outputDecimals
        let strokeValues: [StableJSON] = strokes.map { stroke in
            .object([
                "kind": .string(stroke.kind.rawValue),
                "centerline": .array(
                    stroke.centerline.map { segment in
                        .object([
                            "start": .point(segment.start, decimals: decimals),
                            "control1": .point(segment.control1, decimals: decimals),
                            "control2": .point(segment.control2, decimals: decimals),
                            "end": .point(segment.end, decimals: decimals),
                            "startWidth": .number(segment.startWidth, decimals: decimals),
                            "endWidth": .number(segment.endWidth, decimals: decimals),
                        ])
                    }),
                "outline": .string(stroke.outline.svgPathData(decimals: decimals)),
            ])
        }
        return .object([
            "version": .integer(Self.jsonFormatVersion),
            "canvas": .object([
                "width": .number(canvas.width, decimals: decimals),
                "height": .number(canvas.height, decimals: decimals),
            ]),
            "strokes": .array(strokeValues),
            "warnings": .array(warnings.map { .string($0.rawValue) }),
            "statistics": .object([
                "inputPoints": .integer(statistics.inputPointCount),
                "keptPoints": .integer(statistics.keptPointCount),
                "duplicatesRemoved": .integer(statistics.duplicateCount),
                "outliersRemoved": .integer(statistics.outlierCount),
                "segments": .integer(statistics.segmentCount),
                "widthFrom": .string(statistics.usesPressure ? "pressure" : "speed"),
            ]),
        ])
    }
}
