import Foundation
import Testing

@testable import Signatures

/// Named edge cases (perfect-freehand `inputs.json`, signature_pad fixtures): each gives a clear error
/// or a correct result, never a crash or a hang.
@Suite("Edge cases")
struct EdgeCaseTests {
    let vectorizer = SignatureVectorizer()

    @Test("no strokes at all is an error")
    func noStrokes() {
        expectError(.noStrokes) { () throws(SignatureError) in _ = try vectorizer.vectorize(makeInput([])) }
    }

    @Test("a stroke without points is an error naming the stroke")
    func emptyStroke() {
        let input = makeInput([[(10, 10, 0), (20, 20, 10)], []])
        expectError(.emptyStroke(stroke: 1)) { () throws(SignatureError) in _ = try vectorizer.vectorize(input) }
        #expect(SignatureError.emptyStroke(stroke: 1).description == "strokes[1].points: stroke has no points")
    }

    @Test("one point is a round dot")
    func onePoint() throws {
        let signature = try vectorizer.vectorize(makeInput([[(100, 50, 0)]]))
        #expect(signature.strokes.map(\.kind) == [.dot])
        #expect(signature.strokes[0].centerline.count == 1)
        #expect(signature.strokes[0].outline.isClosed)
        #expect(signature.warnings.contains(.onlyDots))
    }

    @Test("two equal points are one dot, the copy counted as a duplicate")
    func twoEqualPoints() throws {
        let signature = try vectorizer.vectorize(makeInput([[(100, 50, 0), (100, 50, 16)]]))
        #expect(signature.strokes.map(\.kind) == [.dot])
        #expect(signature.statistics.duplicateCount == 1)
        #expect(signature.statistics.keptPointCount == 1)
    }

    @Test("two distinct points are a short line with round caps")
    func twoPoints() throws {
        let signature = try vectorizer.vectorize(makeInput([[(100, 50, 0), (140, 60, 16)]]))
        #expect(signature.strokes.map(\.kind) == [.line])
        #expect(signature.strokes[0].centerline.count == 1)
        #expect(signature.strokes[0].outline.isClosed)
    }

    @Test("exact duplicates are removed and do not change the geometry")
    func duplicates() throws {
        let base: [(Double, Double, Double)] = (0..<40).map { index in
            let x = Double(index) * 4
            return (50 + x, 100 + 20 * sin(x / 25), Double(index) * 10)
        }
        var doubled: [(Double, Double, Double)] = []
        for point in base {
            doubled.append(point)
            doubled.append((point.0, point.1, point.2 + 1))
        }
        let clean = try vectorizer.vectorize(makeInput([base]))
        let withDuplicates = try vectorizer.vectorize(makeInput([doubled]))
        #expect(withDuplicates.statistics.duplicateCount == base.count)
        // The earliest copy is kept, so what remains is exactly the clean input.
        #expect(clean.strokes == withDuplicates.strokes)
    }

    @Test("zero elapsed time gives the nominal width everywhere, no NaN")
    func zeroElapsedTime() throws {
        let points: [(Double, Double, Double)] = (0..<30).map { index in
            let x = Double(index) * 5 + 20
            let y = 80 + Double(index % 3)
            return (x, y, 1000)
        }
        let signature = try vectorizer.vectorize(makeInput([points]))
        let nominal = (vectorizer.options.minWidth + vectorizer.options.maxWidth) / 2
        for segment in signature.strokes[0].centerline {
            #expect(abs(segment.startWidth - nominal) < 1e-9)
            #expect(abs(segment.endWidth - nominal) < 1e-9)
        }
        #expect(signature.outline.isFinite)
    }

    @Test(
        "NaN and infinite values are errors naming the point and the value",
        arguments: [
            (CapturedPoint(x: .nan, y: 1, time: 20), PointComponent.x),
            (CapturedPoint(x: 1, y: .infinity, time: 20), .y),
            (CapturedPoint(x: 1, y: 1, time: -.infinity), .time),
            (CapturedPoint(x: 1, y: 1, time: 20, pressure: .nan), .pressure),
        ])
    func nonFinite(point: CapturedPoint, component: PointComponent) {
        var input = makeInput([[(10, 10, 0)], [(10, 10, 0), (12, 12, 10)]])
        input.strokes[1].points.append(point)
        let error = thrownError { () throws(SignatureError) in _ = try vectorizer.vectorize(input) }
        #expect(error == .nonFiniteValue(stroke: 1, point: 2, component: component))
        if component == .x {
            #expect(error?.description == "strokes[1].points[2]: coordinate is not a finite number (x)")
        }
    }

    @Test("a point far outside the canvas is an error; a little outside is kept")
    func outsideCanvas() throws {
        let far = makeInput([[(10, 10, 0), (12000, 40, 10), (20, 10, 20)]])
        expectError(.farOutsideCanvas(stroke: 0, point: 1, x: 12000, y: 40)) {
            () throws(SignatureError) in _ = try vectorizer.vectorize(far)
        }
        let slightly = makeInput([[(590, 100, 0), (620, 110, 10), (640, 120, 20)]])
        let signature = try vectorizer.vectorize(slightly)
        #expect(signature.statistics.keptPointCount == 3)
    }

    @Test("timestamps going backwards are an error naming the point")
    func backwardsTime() {
        let input = makeInput([[(10, 10, 0), (20, 10, 16), (30, 10, 33), (40, 10, 20)]])
        expectError(.timeWentBackwards(stroke: 0, point: 3, previous: 33, found: 20)) {
            () throws(SignatureError) in _ = try vectorizer.vectorize(input)
        }
    }

    @Test("200 000 points are refused quickly with the limit error (Swift API)")
    func hugeInputFromSwift() {
        let stroke = CapturedStroke(
            points: (0..<200_000).map { CapturedPoint(x: Double($0 % 500), y: 100, time: Double($0)) })
        let input = SignatureInput(canvas: SignatureCanvas(width: 600, height: 200), strokes: [stroke])
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            expectError(.tooManyPoints(count: 200_000, limit: SignatureLimits.maxTotalPoints)) {
                () throws(SignatureError) in _ = try vectorizer.vectorize(input)
            }
        }
        #expect(elapsed < .seconds(1), "took \(elapsed)")
    }

    @Test("200 000 points in JSON are refused quickly with the limit error")
    func hugeInputFromJSON() {
        var json = #"{"canvas": {"width": 600, "height": 200}, "strokes": [{"points": ["#
        json.reserveCapacity(4_000_000)
        for index in 0..<200_000 {
            if index > 0 { json += "," }
            json += "[\(index % 500),100,\(index)]"
        }
        json += "]}]}"
        let data = Data(json.utf8)
        let clock = ContinuousClock()
        var error: SignatureError?
        let elapsed = clock.measure {
            error = thrownError { () throws(SignatureError) in _ = try vectorizer.vectorize(json: data) }
        }
        #expect(error == .tooManyPoints(count: 200_000, limit: SignatureLimits.maxTotalPoints))
        #expect(elapsed < .seconds(2), "took \(elapsed)")
    }

    @Test("a signature at the point limit finishes within a generous bound")
    func atTheLimit() throws {
        var random = SeededRandom(seed: 7)
        let strokeCount = 40
        let perStroke = SignatureLimits.maxTotalPoints / strokeCount
        var time = 0.0
        let strokes: [CapturedStroke] = (0..<strokeCount).map { strokeIndex in
            var x = 30.0 + Double(strokeIndex % 10) * 50
            var y = 40.0 + Double(strokeIndex / 10) * 35
            var heading = random.uniform(0...(2 * .pi))
            return CapturedStroke(
                points: (0..<perStroke).map { _ in
                    heading += random.uniform(-0.25...0.25)
                    x = min(590, max(10, x + cos(heading) * 0.8))
                    y = min(190, max(10, y + sin(heading) * 0.8))
                    time += 4
                    return CapturedPoint(x: x, y: y, time: time)
                })
        }
        let input = SignatureInput(canvas: SignatureCanvas(width: 600, height: 200), strokes: strokes)
        #expect(input.pointCount == SignatureLimits.maxTotalPoints)
        let clock = ContinuousClock()
        var signature: VectorSignature?
        let elapsed = try clock.measure { signature = try vectorizer.vectorize(input) }
        #expect(signature?.outline.isClosed == true)
        // Debug builds are ~10× slower than release; the bound only catches quadratic blow-ups.
        #expect(elapsed < .seconds(20), "took \(elapsed)")
    }

    @Test("a single-sample glitch far away is dropped and counted")
    func glitchIsRemoved() throws {
        var points: [(Double, Double, Double)] = (0..<20).map { (100 + Double($0) * 3, 100, Double($0) * 8) }
        points[10] = (400, 20, 80)
        let signature = try vectorizer.vectorize(makeInput([points]))
        #expect(signature.statistics.outlierCount == 1)
        let bounds = try #require(signature.inkBounds)
        #expect(bounds.maxX < 200)
    }

    @Test(
        "glitches at the ends and in the middle of short strokes",
        arguments: [
            // The middle one jumps away and back; the first one; the last one; no majority (all kept).
            GlitchCase(points: [(100, 100, 0), (400, 20, 8), (103, 100, 16)], removed: 1, kept: 2),
            GlitchCase(points: [(400, 20, 0), (100, 100, 8), (103, 100, 16)], removed: 1, kept: 2),
            GlitchCase(points: [(100, 100, 0), (103, 100, 8), (400, 20, 16)], removed: 1, kept: 2),
            GlitchCase(points: [(100, 100, 0), (400, 20, 8), (10, 190, 16)], removed: 0, kept: 3),
        ])
    func shortStrokeGlitches(glitch: GlitchCase) throws {
        let points = glitch.points.map { ($0.x, $0.y, $0.t) }
        let removed = glitch.removed
        let kept = glitch.kept
        let signature = try vectorizer.vectorize(makeInput([points]))
        #expect(signature.statistics.outlierCount == removed)
        #expect(signature.statistics.keptPointCount == kept)
    }

    @Test("a fast real cusp is not mistaken for a glitch")
    func fastCuspIsKept() throws {
        // Up 40 units and straight back at 60 Hz: 2.4 units/ms, far below a glitch's speed.
        let points: [(Double, Double, Double)] = [
            (100, 150, 0), (100, 130, 8), (100, 110, 16), (102, 130, 24), (104, 150, 33),
        ]
        let signature = try vectorizer.vectorize(makeInput([points]))
        #expect(signature.statistics.outlierCount == 0)
    }

    @Test("pressure outside 0…1 is clamped, not rejected")
    func pressureIsClamped() throws {
        let stroke = CapturedStroke(
            points: (0..<10).map {
                CapturedPoint(x: 50 + Double($0) * 5, y: 50, time: Double($0) * 10, pressure: $0 % 2 == 0 ? 1.7 : -0.2)
            })
        let signature = try vectorizer.vectorize(
            SignatureInput(canvas: SignatureCanvas(width: 300, height: 100), strokes: [stroke]))
        for segment in signature.strokes[0].centerline {
            #expect(segment.startWidth >= vectorizer.options.minWidth - 1e-9)
            #expect(segment.startWidth <= vectorizer.options.maxWidth + 1e-9)
        }
    }

    @Test(
        "invalid options are rejected by name",
        arguments: [
            (SignatureOptions(minWidth: 0), "minWidth"), (SignatureOptions(maxWidth: .nan), "maxWidth"),
            (SignatureOptions(minWidth: 3, maxWidth: 2), "minWidth"),
            (SignatureOptions(fitTolerance: 0), "fitTolerance"),
            (SignatureOptions(halfWidthSpeed: -1), "halfWidthSpeed"),
            (SignatureOptions(cornerAngleDegrees: 180), "cornerAngleDegrees"),
            (SignatureOptions(dotWidth: .infinity), "dotWidth"),
        ])
    func invalidOptions(options: SignatureOptions, name: String) {
        let error = thrownError { () throws(SignatureError) in
            _ = try SignatureVectorizer(options: options).vectorize(makeInput([[(1, 1, 0)]]))
        }
        guard case .invalidOption(let reported, _) = error else {
            Issue.record("expected invalidOption, got \(String(describing: error))")
            return
        }
        #expect(reported == name)
    }
}

/// A short stroke and what glitch removal should make of it.
struct GlitchCase: Sendable, CustomTestStringConvertible {
    var points: [(x: Double, y: Double, t: Double)]
    var removed: Int
    var kept: Int

    var testDescription: String { "\(points.map { "(\($0.x), \($0.y))" }.joined(separator: " ")) → \(kept) kept" }
}
