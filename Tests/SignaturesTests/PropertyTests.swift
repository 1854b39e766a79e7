import Foundation
import Testing

@testable import Signatures

/// perfect-freehand's `getStroke.spec.ts` idea: many random strokes and option sets, checking invariants.
@Suite("Random strokes")
struct PropertyTests {
    static let strokeCount = 500

    /// A random finger-like stroke: a wandering walk with random speed, sampling rate, jitter, pauses
    /// (repeated points), occasional sharp reversals, and sometimes pressure.
    static func randomStroke(_ random: inout SeededRandom) -> [CapturedPoint] {
        let count = random.integer(1...160)
        var x = random.uniform(20...580)
        var y = random.uniform(20...180)
        var heading = random.uniform(0...(2 * .pi))
        let step = random.uniform(0.2...12)
        let interval = [4.17, 8.33, 11.1, 16.7][random.integer(0...3)]
        let hasPressure = random.chance(0.3)
        var time = random.uniform(0...1000)
        var points: [CapturedPoint] = []
        for _ in 0..<count {
            if random.chance(0.05) {
                heading += .pi * random.uniform(0.7...1)  // a cusp
            } else {
                heading += random.uniform(-0.6...0.6)
            }
            if !random.chance(0.08) {  // otherwise the finger rests: same position again
                x = min(620, max(-20, x + cos(heading) * step + random.jitter(sigma: 0.15, limit: 0.3)))
                y = min(220, max(-20, y + sin(heading) * step + random.jitter(sigma: 0.15, limit: 0.3)))
            }
            time += random.chance(0.05) ? 0 : interval
            points.append(
                CapturedPoint(x: x, y: y, time: time, pressure: hasPressure ? random.uniform(0...1) : nil))
        }
        return points
    }

    static func randomOptions(_ random: inout SeededRandom) -> SignatureOptions {
        let minWidth = random.uniform(0.3...3)
        return SignatureOptions(
            minWidth: minWidth, maxWidth: minWidth + random.uniform(0...5), dotWidth: random.uniform(0.5...6),
            fitTolerance: random.uniform(0.2...1), halfWidthSpeed: random.uniform(0.1...3),
            cornerAngleDegrees: random.uniform(45...160))
    }

    @Test("500 random strokes: finite, closed, and inside the stroke's box plus the width")
    func randomStrokes() throws {
        var random = SeededRandom(seed: 20_240_517)
        for index in 0..<Self.strokeCount {
            let options = Self.randomOptions(&random)
            let points = Self.randomStroke(&random)
            let input = SignatureInput(
                canvas: SignatureCanvas(width: 600, height: 200), strokes: [CapturedStroke(points: points)])
            let signature = try SignatureVectorizer(options: options).vectorize(input)
            let stroke = signature.strokes[0]
            #expect(stroke.outline.isFinite, "stroke \(index): NaN or infinity in the outline")
            #expect(stroke.outline.isClosed, "stroke \(index): an open outline")
            #expect(stroke.centerline.allSatisfy { $0.startWidth.isFinite && $0.endWidth.isFinite })
            let box = try #require(SignatureRect(enclosing: points.map(\.position)))
            let outline = try #require(stroke.outline.bounds)
            #expect(
                box.insetBy(-Self.allowedOverhang(points, options)).contains(outline),
                "stroke \(index): \(outline) vs \(box)")
        }
    }

    /// The documented bound: half the widest line (or the dot), plus the fitting tolerance and the bulge a
    /// cubic may take between far-apart samples, plus the outline's own approximation tolerance.
    static func allowedOverhang(_ points: [CapturedPoint], _ options: SignatureOptions) -> Double {
        var largestGap = 0.0
        for index in points.indices.dropFirst() {
            largestGap = max(largestGap, points[index].position.distance(to: points[index - 1].position))
        }
        return max(options.maxWidth, options.dotWidth) / 2 + options.fitTolerance
            + largestGap * CurveFitting.bulgePerGap + Smoothing.maxShift + Outline.tolerance
    }

    @Test("random strokes: same input twice gives the same bytes")
    func randomDeterminism() throws {
        var random = SeededRandom(seed: 99)
        for _ in 0..<25 {
            let options = Self.randomOptions(&random)
            let strokes = (0..<random.integer(1...4)).map { _ in CapturedStroke(points: Self.randomStroke(&random)) }
            let input = SignatureInput(canvas: SignatureCanvas(width: 600, height: 200), strokes: strokes)
            let vectorizer = SignatureVectorizer(options: options)
            #expect(try vectorizer.vectorize(input).jsonData() == vectorizer.vectorize(input).jsonData())
        }
    }

    @Test("random multi-stroke signatures on canvases from 1 to 10 000 units: finite, closed, within 1 unit")
    func randomScales() throws {
        var random = SeededRandom(seed: 1234)
        let vectorizer = SignatureVectorizer()
        for round in 0..<80 {
            let scale = [0.05, 1.0, 4.0, 16.0][round % 4]
            let canvas = SignatureCanvas(width: 600 * scale, height: 200 * scale)
            var time = 0.0
            let strokes = (0..<random.integer(1...4)).map { _ -> CapturedStroke in
                var x = random.uniform(0...canvas.width)
                var y = random.uniform(0...canvas.height)
                let step = random.chance(0.3) ? 0.3 : 10 * scale
                return CapturedStroke(
                    points: (0..<random.integer(1...200)).map { _ in
                        x = min(canvas.width, max(0, x + random.uniform(-1...1) * step))
                        y = min(canvas.height, max(0, y + random.uniform(-1...1) * step))
                        time += random.chance(0.2) ? 0 : random.uniform(0...20)
                        return CapturedPoint(x: x, y: y, time: time)
                    })
            }
            let input = SignatureInput(canvas: canvas, strokes: strokes)
            let signature = try vectorizer.vectorize(input)
            #expect(signature.outline.isFinite && signature.outline.isClosed, "round \(round)")
            #expect(vectorizer.measure(input, against: signature).maxDeviation <= 1, "round \(round)")
            #expect(try signature.placement(in: SignatureBox(width: 100, height: 30)).inkBounds.maxX <= 100 + 1e-9)
        }
    }
}
