import Foundation
import Testing

@testable import Signatures

/// The JSON contract of `signature.schema.json`: structure, types, limits, and error paths.
@Suite("Parsing the captured JSON")
struct ParsingTests {
    private static let validPoints = "[[10, 20, 0], [30, 40, 16], [50, 45, 33]]"

    private func parse(_ json: String) throws(SignatureError) -> SignatureInput {
        try SignatureInput(json: Data(json.utf8))
    }

    private func errorMessage(_ json: String) -> String? {
        thrownError { () throws(SignatureError) in _ = try parse(json) }?.description
    }

    @Test("a full document with every optional field parses")
    func fullDocument() throws {
        let input = try parse(
            """
            {"canvas": {"width": 600, "height": 200},
             "strokes": [{"points": [[10, 20, 0, 0.5], [30.5, 40, 16.7, 0.75]]}, {"points": [[100, 100, 400]]}],
             "capturedAt": "2024-05-17T09:30:00.123+03:00", "device": "Pixel 7", "signer": "Асанов",
             "signedAt": "2024-05-17T06:31:02Z", "timeZone": "Europe/Moscow", "phone": "+7 900 000-00-00",
             "documentSha256": "\(String(repeating: "ab", count: 32))"}
            """)
        #expect(input.canvas == SignatureCanvas(width: 600, height: 200))
        #expect(input.strokes.count == 2)
        #expect(input.strokes[0].points[1] == CapturedPoint(x: 30.5, y: 40, time: 16.7, pressure: 0.75))
        #expect(input.strokes[1].points[0].pressure == nil)
        #expect(input.metadata.signer == "Асанов")
        #expect(input.metadata.documentSha256?.count == 64)
    }

    @Test(
        "structural errors name the JSON path",
        arguments: [
            ("[1, 2]", "signature: expected an object"),
            (#"{"strokes": []}"#, "signature: missing required key `canvas`"),
            (#"{"canvas": {"width": 600, "height": 200}}"#, "signature: missing required key `strokes`"),
            (#"{"canvas": {"width": 600}, "strokes": []}"#, "canvas: missing required key `height`"),
            (
                #"{"canvas": {"width": "600", "height": 200}, "strokes": []}"#,
                "canvas.width: expected a number, found a string"
            ),
            (#"{"canvas": {"width": 600, "height": 200, "dpi": 3}, "strokes": []}"#, "canvas.dpi: unknown key `dpi`"),
            (
                #"{"canvas": {"width": 600, "height": 200}, "strokes": [], "color": "red"}"#,
                "color: unknown key `color`"
            ),
            (#"{"canvas": {"width": 600, "height": 200}, "strokes": {}}"#, "strokes: expected an array"),
            (
                #"{"canvas": {"width": 600, "height": 200}, "strokes": [{"pts": []}]}"#,
                "strokes[0].pts: unknown key `pts`"
            ),
            (
                #"{"canvas": {"width": 600, "height": 200}, "strokes": [{}]}"#,
                "strokes[0]: missing required key `points`"
            ),
            (
                #"{"canvas": {"width": 600, "height": 200}, "strokes": [{"points": [[1, 2, 3], [1, 2]]}]}"#,
                "strokes[0].points[1]: expected [x, y, tMillis] or [x, y, tMillis, pressure], found 2 numbers"
            ),
            (
                #"{"canvas": {"width": 600, "height": 200}, "strokes": [{"points": [[1, 2, 3, 0.5, 9]]}]}"#,
                "strokes[0].points[0]: expected [x, y, tMillis] or [x, y, tMillis, pressure], found 5 numbers"
            ),
            (
                #"{"canvas": {"width": 600, "height": 200}, "strokes": [{"points": [[1, true, 3]]}]}"#,
                "strokes[0].points[0][1]: expected a number, found a boolean"
            ),
            (
                #"{"canvas": {"width": 600, "height": 200}, "#
                    + #""strokes": [{"points": [[1, 2, 3]]}, {"points": [[1, "2", 3]]}]}"#,
                "strokes[1].points[0][1]: expected a number, found a string"
            ),
            (
                #"{"canvas": {"width": 600, "height": 200}, "strokes": [{"points": [[1, 2, null]]}]}"#,
                "strokes[0].points[0][2]: expected a number, found null"
            ),
        ])
    func structuralErrors(json: String, expectedPrefix: String) {
        let message = errorMessage(json) ?? ""
        #expect(message.hasPrefix(expectedPrefix), "got: \(message)")
    }

    @Test(
        "value errors name the field",
        arguments: [
            (#""signer": null"#, "signer: expected a string, found null"),
            (#""signer": 42"#, "signer: expected a string, found a number"),
            (#""device": "\#(String(repeating: "я", count: 201))""#, "device: is 201 characters long; at most 200"),
            (#""phone": "\#(String(repeating: "1", count: 41))""#, "phone: is 41 characters long; at most 40"),
            (#""capturedAt": "yesterday""#, "capturedAt: expected an RFC 3339 date-time"),
            (#""signedAt": "2024-02-30T10:00:00Z""#, "signedAt: expected an RFC 3339 date-time"),
            (#""documentSha256": "ABC""#, "documentSha256: must be 64 lower-case hexadecimal digits"),
            (#""documentSha256": "\#(String(repeating: "AB", count: 32))""#, "documentSha256: must be 64 lower-case"),
        ])
    func metadataErrors(member: String, expectedPrefix: String) {
        let json =
            #"{"canvas": {"width": 600, "height": 200}, "strokes": [{"points": \#(Self.validPoints)}], \#(member)}"#
        let message = errorMessage(json) ?? ""
        #expect(message.hasPrefix(expectedPrefix), "got: \(message)")
    }

    @Test(
        "canvas sizes outside the schema are rejected",
        arguments: ["0", "-5", "10000.5", "20000"])
    func canvasRange(width: String) {
        let json = #"{"canvas": {"width": \#(width), "height": 200}, "strokes": [{"points": \#(Self.validPoints)}]}"#
        let message = errorMessage(json) ?? ""
        #expect(message.hasPrefix("canvas.width: must be a number greater than 0 and at most 10000"), "got: \(message)")
    }

    @Test(
        "malformed JSON is reported as such",
        arguments: [
            "", "{", #"{"canvas": {"width": 600, "height": 200}, "strokes": [{"points": [[1, 2, 1e400]]}]}"#, "nul",
        ])
    func malformedJSON(json: String) {
        let error = thrownError { () throws(SignatureError) in _ = try parse(json) }
        guard case .invalidJSON = error else {
            Issue.record("expected invalidJSON, got \(String(describing: error))")
            return
        }
    }

    @Test(
        "RFC 3339 date-times",
        arguments: [
            ("2024-05-17T09:30:00Z", true), ("2024-05-17t09:30:00z", true), ("2024-05-17T09:30:00.5+03:00", true),
            ("2024-02-29T00:00:00Z", true), ("2023-02-29T00:00:00Z", false), ("2016-12-31T23:59:60Z", true),
            ("2024-05-17 09:30:00Z", false), ("2024-05-17T09:30Z", false), ("2024-05-17T09:30:00", false),
            ("2024-13-01T00:00:00Z", false), ("2024-05-17T24:00:00Z", false), ("2024-05-17T09:30:00.Z", false),
            ("2024-05-17T09:30:00+0300", false),
        ])
    func dateTimes(text: String, isValid: Bool) {
        #expect(RFC3339.isDateTime(text) == isValid)
    }

    @Test("more strokes than the schema allows are rejected before decoding them")
    func tooManyStrokes() {
        let strokes = Array(repeating: #"{"points": [[1, 2, 3]]}"#, count: SignatureLimits.maxStrokes + 1)
        let json = #"{"canvas": {"width": 600, "height": 200}, "strokes": [\#(strokes.joined(separator: ","))]}"#
        expectError(.tooManyStrokes(count: SignatureLimits.maxStrokes + 1, limit: SignatureLimits.maxStrokes)) {
            () throws(SignatureError) in _ = try parse(json)
        }
    }

    @Test("a document over the byte limit is refused without parsing")
    func inputTooLarge() {
        let data = Data(count: SignatureLimits.maxInputBytes + 1)
        expectError(.inputTooLarge(byteCount: SignatureLimits.maxInputBytes + 1, limit: SignatureLimits.maxInputBytes))
        {
            () throws(SignatureError) in _ = try SignatureInput(json: data)
        }
    }

    @Test("validation errors of decoded input carry the point's path")
    func validationAfterDecoding() {
        let json = #"{"canvas": {"width": 600, "height": 200}, "strokes": [{"points": [[1, 2, 30], [3, 4, 20]]}]}"#
        #expect(
            errorMessage(json) == "strokes[0].points[1]: timestamp 20 ms is earlier than the previous point's 30 ms")
    }
}
