import Foundation
import Testing

@testable import Signatures

/// The line width follows speed or pressure; corners are found by turning angle.
@Suite("Width and corners")
struct WidthAndCornerTests {
    let vectorizer = SignatureVectorizer()

    /// A gentle wave along x; `timeStep(index)` gives the milliseconds between samples.
    static func wave(count: Int = 120, timeStep: (Int) -> Double, pressure: ((Int) -> Double)? = nil) -> SignatureInput
    {
        var time = 0.0
        let points = (0..<count).map { index -> CapturedPoint in
            time += index == 0 ? 0 : timeStep(index)
            let x = 40 + Double(index) * 4
            return CapturedPoint(x: x, y: 100 + 15 * sin(x / 40), time: time, pressure: pressure?(index))
        }
        return SignatureInput(
            canvas: SignatureCanvas(width: 600, height: 200), strokes: [CapturedStroke(points: points)])
    }

    /// The width model's width at every kept sample, and the samples' x.
    private func widths(_ input: SignatureInput) -> [(x: Double, width: Double)] {
        let cleaned = input.strokes.map(Cleaning.clean)
        let model = WidthModel(options: vectorizer.options, strokes: cleaned)
        return zip(cleaned[0].samples, model.widths(for: cleaned[0].samples)).map { ($0.position.x, $1) }
    }

    private func widths(_ all: [(x: Double, width: Double)], whereX range: ClosedRange<Double>) -> [Double] {
        all.filter { range.contains($0.x) }.map(\.width)
    }

    @Test("faster is thinner")
    func speedThinsTheLine() throws {
        // Slow (40 ms per 4 units) on the left half, fast (4 ms per 4 units) on the right half.
        let input = Self.wave { $0 < 60 ? 40 : 4 }
        #expect(try !vectorizer.vectorize(input).statistics.usesPressure)
        let all = widths(input)
        let slowest = try #require(widths(all, whereX: 60...220).min())
        let fastest = try #require(widths(all, whereX: 320...470).max())
        #expect(slowest > fastest + 0.5, "slow \(slowest), fast \(fastest)")
    }

    @Test("varying pressure drives the width, constant pressure does not")
    func pressure() throws {
        let varying = Self.wave(timeStep: { _ in 8 }, pressure: { $0 < 60 ? 0.9 : 0.2 })
        #expect(try vectorizer.vectorize(varying).statistics.usesPressure)
        let all = widths(varying)
        let firmest = try #require(widths(all, whereX: 60...220).min())
        let lightest = try #require(widths(all, whereX: 320...470).max())
        #expect(firmest > lightest + 0.5, "firm \(firmest), light \(lightest)")

        let constant = Self.wave(timeStep: { $0 < 60 ? 40 : 4 }, pressure: { _ in 1 })
        #expect(try !vectorizer.vectorize(constant).statistics.usesPressure)
    }

    @Test("segment end widths are the model's widths at those samples")
    func segmentWidthsFollowTheModel() throws {
        let input = Self.wave { $0 < 60 ? 40 : 4 }
        let all = widths(input)
        let signature = try vectorizer.vectorize(input)
        for segment in signature.strokes[0].centerline {
            let nearest = all.min { abs($0.x - segment.start.x) < abs($1.x - segment.start.x) }!
            #expect(abs(nearest.width - segment.startWidth) < 1e-9)
        }
    }

    @Test("widths stay within the configured range")
    func widthRange() throws {
        let signature = try vectorizer.vectorize(Self.wave { $0 % 7 == 0 ? 0 : Double($0 % 5) * 9 })
        for segment in signature.strokes[0].centerline {
            #expect(
                segment.startWidth >= vectorizer.options.minWidth && segment.startWidth <= vectorizer.options.maxWidth)
        }
    }

    @Test("a V has one corner at its tip; a circle has none")
    func corners() throws {
        let v = (0...40).map { index -> SignaturePoint in
            let step = Double(index)
            let y = index <= 20 ? 50 + step * 4 : 130 - (step - 20) * 4
            return SignaturePoint(x: 100 + step * 2, y: y)
        }
        #expect(CornerDetection.corners(in: v, threshold: 100 * .pi / 180) == [20])
        let circle = (0...80).map { index -> SignaturePoint in
            let angle = Double(index) * 0.08
            return SignaturePoint(x: 200 + 20 * cos(angle), y: 100 + 20 * sin(angle))
        }
        #expect(CornerDetection.corners(in: circle, threshold: 100 * .pi / 180).isEmpty)
    }

    @Test("a cusp splits the outline into two capped runs; a smooth curve stays one")
    func outlineRuns() throws {
        let cusp = makeInput([
            (0...30).map { index -> (Double, Double, Double) in
                let step = Double(index)
                let y = index <= 15 ? 150 - step * 5 : 75 + (step - 15) * 5
                return (100 + step * 3, y, step * 10)
            }
        ])
        let signature = try vectorizer.vectorize(cusp)
        #expect(signature.strokes[0].outline.subpathCount == 2)
        let smooth = try vectorizer.vectorize(Self.wave { _ in 10 })
        #expect(smooth.strokes[0].outline.subpathCount == 1)
    }

    @Test("exact cubic bounds match dense sampling")
    func cubicBounds() {
        var random = SeededRandom(seed: 5)
        for _ in 0..<200 {
            func point() -> SignaturePoint { SignaturePoint(x: random.uniform(-50...50), y: random.uniform(-50...50)) }
            let curve = CubicBezier(p0: point(), p1: point(), p2: point(), p3: point())
            let bounds = curve.bounds
            let sampled = SignatureRect(enclosing: (0...2000).map { curve.point(at: Double($0) / 2000) })!
            #expect(bounds.contains(sampled))
            #expect(sampled.insetBy(-0.01).contains(bounds))
        }
    }
}
