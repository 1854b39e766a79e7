import Foundation
import Testing

@testable import Signatures

/// Taps become round dots; suspicious signatures are flagged.
@Suite("Dots and warnings")
struct DotsAndWarningsTests {
    let vectorizer = SignatureVectorizer()

    @Test(
        "a tap becomes a round dot",
        arguments: [
            [(200.0, 100.0, 0.0)],
            [(200.0, 100.0, 0.0), (200.3, 100.2, 8), (199.8, 99.9, 16)],
            [(200.0, 100.0, 0.0), (200.0, 100.0, 8), (200.6, 100.6, 16)],
        ])
    func tapIsRoundDot(points: [(Double, Double, Double)]) throws {
        let signature = try vectorizer.vectorize(makeInput([points]))
        let stroke = signature.strokes[0]
        #expect(stroke.kind == .dot)
        let segment = try #require(stroke.centerline.first)
        #expect(segment.start == segment.end && segment.startWidth == vectorizer.options.dotWidth)
        // Four quarter arcs around the centre: every on-curve point at the radius.
        let radius = vectorizer.options.dotWidth / 2
        var cubics = 0
        var current = SignaturePoint.zero
        for element in stroke.outline.elements {
            switch element {
            case .moveTo(let point):
                current = point
            case .cubicTo(let c1, let c2, let end):
                cubics += 1
                let curve = CubicBezier(p0: current, p1: c1, p2: c2, p3: end)
                for step in 0...8 {
                    let distance = curve.point(at: Double(step) / 8).distance(to: segment.start)
                    #expect(abs(distance - radius) < radius * 0.001)
                }
                current = end
            case .close:
                break
            default:
                Issue.record("unexpected element \(element) in a dot")
            }
        }
        #expect(cubics == 4)
        #expect(stroke.outline.isClosed)
        // Every kept point lies within the dot radius of its centre (the dot's "centreline").
        for (x, y, _) in points {
            #expect(SignaturePoint(x: x, y: y).distance(to: segment.start) <= SignatureVectorizer.dotRadius)
        }
    }

    @Test("the dot over the i and the full stop in J. Smith are dots, the rest lines")
    func sampleDots() throws {
        let (_, signature) = try OutputFormatTests.sample("j-smith.json")
        let dots = signature.strokes.filter { $0.kind == .dot }
        #expect(dots.count == 2)
        #expect(signature.warnings.isEmpty)
    }

    @Test("the committed samples raise no warnings")
    func samplesAreNotSuspicious() throws {
        for url in try sampleFiles() {
            let signature = try vectorizer.vectorize(json: Data(contentsOf: url))
            #expect(signature.warnings.isEmpty, "\(url.lastPathComponent): \(signature.warnings)")
        }
    }

    @Test("a tiny scribble is too small")
    func tooSmall() throws {
        let points: [(Double, Double, Double)] = (0..<30).map { index in
            let step = Double(index)
            let x = 300 + 8 * cos(step * 0.5) + step * 0.5
            let y = 100 + 6 * sin(step * 0.5)
            return (x, y, step * 16)
        }
        let signature = try vectorizer.vectorize(makeInput([points]))
        #expect(signature.warnings == [.tooSmall])
    }

    @Test("a straight swipe is a straight line, even with jitter and in two strokes")
    func straightLine() throws {
        var random = SeededRandom(seed: 3)
        func point(_ index: Int, timeOffset: Double) -> (Double, Double, Double) {
            let step = Double(index)
            let noise = random.jitter(sigma: 0.15, limit: 0.3)
            return (50 + step * 6, 120 + step * 0.8 + noise, timeOffset + step * 16)
        }
        let first = (0..<40).map { point($0, timeOffset: 0) }
        let second = (42..<62).map { point($0, timeOffset: 1000) }
        let signature = try vectorizer.vectorize(makeInput([first, second]))
        #expect(signature.warnings == [.straightLine])
    }

    @Test("taps only are flagged")
    func onlyDots() throws {
        let signature = try vectorizer.vectorize(makeInput([[(100, 100, 0)], [(300, 150, 200)]]))
        #expect(signature.warnings == [.onlyDots])
        let single = try vectorizer.vectorize(makeInput([[(100, 100, 0)]]))
        #expect(single.warnings == [.tooSmall, .onlyDots])
    }

    @Test("a real signature drawn small is flagged, drawn normally it is not")
    func scaledSample() throws {
        let (input, _) = try OutputFormatTests.sample("asanov.json")
        var small = input
        small.strokes = input.strokes.map { stroke in
            CapturedStroke(
                points: stroke.points.map { CapturedPoint(x: 100 + $0.x * 0.08, y: 50 + $0.y * 0.08, time: $0.time) })
        }
        #expect(try vectorizer.vectorize(small).warnings.contains(.tooSmall))
        #expect(try vectorizer.vectorize(input).warnings.isEmpty)
    }
}
