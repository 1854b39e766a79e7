import Foundation
import Testing

@testable import Signatures

/// The promises over the committed samples: every kept point within 1 unit of the centreline, and at
/// least 4× fewer segments than input points.
@Suite("Fidelity over SampleData/signatures")
struct FidelityTests {
    static let maxAllowedDeviation = 1.0
    static let minPointsPerSegment = 4.0

    static func sampleInputs() throws -> [(String, SignatureInput)] {
        try sampleFiles().map { ($0.lastPathComponent, try SignatureInput(json: Data(contentsOf: $0))) }
    }

    @Test("there are at least five samples")
    func enoughSamples() throws {
        #expect(try sampleFiles().count >= 5)
    }

    @Test("report: max deviation ≤ 1 unit and points/segments ≥ 4 for every sample")
    func report() throws {
        let samples = try Self.sampleInputs()
        let report = try SignatureVectorizer().fidelityReport(for: samples.map(\.1))
        for ((name, _), figures) in zip(samples, report.signatures) {
            print(
                "\(name): \(figures.pointCount) points, \(figures.segmentCount) segments, "
                    + "ratio \(FixedDecimal.format(figures.pointsPerSegment, decimals: 2)), "
                    + "max deviation \(FixedDecimal.format(figures.maxDeviation, decimals: 3))")
            #expect(figures.maxDeviation <= Self.maxAllowedDeviation, "\(name)")
            #expect(figures.pointsPerSegment >= Self.minPointsPerSegment, "\(name)")
        }
        #expect(report.maxDeviation <= Self.maxAllowedDeviation)
        #expect(report.minPointsPerSegment >= Self.minPointsPerSegment)
        #expect(report.overallPointsPerSegment >= Self.minPointsPerSegment)
    }

    /// An independent check of the report's distance: sample every cubic densely and take the nearest sample.
    @Test("the report's deviation agrees with brute-force sampling", arguments: ["j-smith.json", "petrova.json"])
    func bruteForceDeviation(fileName: String) throws {
        let input = try SignatureInput(json: Data(contentsOf: sampleDirectory.appendingPathComponent(fileName)))
        let vectorizer = SignatureVectorizer()
        let signature = try vectorizer.vectorize(input)
        let reported = vectorizer.measure(input, against: signature).maxDeviation
        let samplesPerSegment = 400
        var worst = 0.0
        for (stroke, vector) in zip(input.strokes, signature.strokes) {
            let dense = vector.centerline.flatMap { segment in
                (0...samplesPerSegment).map { segment.curve.point(at: Double($0) / Double(samplesPerSegment)) }
            }
            for point in Cleaning.clean(stroke).samples.map(\.position) {
                worst = max(worst, dense.map { $0.distance(to: point) }.min()!)
            }
        }
        #expect(worst <= Self.maxAllowedDeviation)
        #expect(abs(worst - reported) < 0.01, "brute force \(worst), report \(reported)")
    }

    @Test("joints are G1 except at detected corners and straight fall-back pieces")
    func smoothJoints() throws {
        let vectorizer = SignatureVectorizer()
        let threshold = vectorizer.options.cornerAngleDegrees * .pi / 180
        for (name, input) in try Self.sampleInputs() {
            let signature = try vectorizer.vectorize(input)
            var smooth = 0
            var kinks = 0
            for (captured, stroke) in zip(input.strokes, signature.strokes) where stroke.kind == .line {
                let points = Cleaning.clean(captured).samples.map(\.position)
                let corners = Set(CornerDetection.corners(in: points, threshold: threshold).map { points[$0] })
                for (a, b) in zip(stroke.centerline, stroke.centerline.dropFirst()) {
                    #expect(a.end == b.start, "\(name): a gap in the centreline")
                    let arriving = try #require(a.curve.tangent(at: 1))
                    let leaving = try #require(b.curve.tangent(at: 0))
                    if SignaturePoint.angle(between: arriving, and: leaving) < 1e-6 {
                        smooth += 1
                        continue
                    }
                    kinks += 1
                    let isStraight = { (segment: CenterlineSegment) in
                        abs((segment.end - segment.start).cross(segment.control1 - segment.start)) < 1e-9
                            && abs((segment.end - segment.start).cross(segment.control2 - segment.start)) < 1e-9
                    }
                    #expect(corners.contains(a.end) || isStraight(a) || isStraight(b), "\(name): a kink at \(a.end)")
                }
            }
            #expect(smooth > kinks, "\(name): \(smooth) smooth joints, \(kinks) corners")
        }
    }
}
