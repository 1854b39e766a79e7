import Foundation
import Testing

@testable import Signatures

/// `SampleData/signatures`, found from this file so tests run from any working directory.
let sampleDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()
    .appendingPathComponent("../../SampleData/signatures")
    .standardizedFileURL

/// The committed sample signatures, sorted by file name.
func sampleFiles() throws -> [URL] {
    try FileManager.default.contentsOfDirectory(at: sampleDirectory, includingPropertiesForKeys: nil)
        .filter { $0.pathExtension == "json" }
        .sorted { $0.lastPathComponent < $1.lastPathComponent }
}

/// Builds an input from plain `(x, y, t)` tuples per stroke.
func makeInput(
    width: Double = 600, height: Double = 200, _ strokes: [[(Double, Double, Double)]]
) -> SignatureInput {
    SignatureInput(
        canvas: SignatureCanvas(width: width, height: height),
        strokes: strokes.map { CapturedStroke(points: $0.map { CapturedPoint(x: $0.0, y: $0.1, time: $0.2) }) }
    )
}

/// Runs `body` and expects it to throw exactly `expected`.
func expectError(
    _ expected: SignatureError, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws(SignatureError) -> Void
) {
    do {
        try body()
        Issue.record("expected \(expected), but nothing was thrown", sourceLocation: sourceLocation)
    } catch {
        #expect(error == expected, sourceLocation: sourceLocation)
    }
}

/// Runs `body` and returns the error it throws, recording an issue when it does not throw.
func thrownError(
    sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws(SignatureError) -> Void
) -> SignatureError? {
    do {
        try body()
        Issue.record("expected an error, but nothing was thrown", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

/// Closest distance from `point` to the cubic (sampled then refined, via the module's own routine).
func distance(from point: SignaturePoint, to segment: CenterlineSegment) -> Double {
    CubicBezier(p0: segment.start, p1: segment.control1, p2: segment.control2, p3: segment.end).distance(to: point)
}
