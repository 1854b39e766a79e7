import Foundation
import Testing

@testable import Signatures

/// Fitting the ink into the document's signature box, on the signature line.
@Suite("Box fitting")
struct BoxFittingTests {
    static let tolerance = 1e-9

    @Test(
        "every sample fits inside the box, aspect kept, baseline on the line",
        arguments: ["asanov.json", "ivanova.json", "j-smith.json", "petrova.json", "tina-holm.json"])
    func samplesFit(fileName: String) throws {
        let (_, signature) = try OutputFormatTests.sample(fileName)
        let box = SignatureBox(width: 180, height: 50)
        let placement = try signature.placement(in: box)
        let ink = placement.inkBounds
        #expect(ink.minX >= -Self.tolerance && ink.maxX <= box.width + Self.tolerance)
        #expect(ink.minY >= -Self.tolerance && ink.maxY <= box.height + Self.tolerance)
        // One of the constraints is tight: the fit is as large as it can be.
        let tight = [ink.minX, box.width - ink.maxX, ink.minY, box.height - ink.maxY].contains { abs($0) < 1e-6 }
        #expect(tight)
        #expect(placement.isBaselineAligned)
        let baseline = try #require(signature.estimatedBaseline)
        #expect(abs(placement.transform.apply(to: SignaturePoint(x: 0, y: baseline)).y - box.baseline) < 1e-9)
        // The transformed outline has the same bounds as the reported ink bounds.
        let moved = try #require(signature.outline.applying(placement.transform).bounds)
        #expect(abs(moved.minX - ink.minX) < 1e-6 && abs(moved.maxY - ink.maxY) < 1e-6)
    }

    @Test("the estimated baseline runs along the bottoms of the letters, above descenders")
    func baselineEstimate() throws {
        // "J. Smith": the J's descender goes well below; the baseline sits near y = 140 where letters end.
        let (_, signature) = try OutputFormatTests.sample("j-smith.json")
        let baseline = try #require(signature.estimatedBaseline)
        let ink = try #require(signature.inkBounds)
        #expect(abs(baseline - 140) < 6, "baseline \(baseline)")
        #expect(ink.maxY > baseline + 20)
    }

    @Test("alignment moves the ink to the left, centre or right", arguments: SignatureAlignment.allCases)
    func alignment(alignment: SignatureAlignment) throws {
        let (_, signature) = try OutputFormatTests.sample("asanov.json")
        // A wide box: height limits the scale, so horizontal alignment matters.
        let box = SignatureBox(width: 1000, height: 40, alignment: alignment)
        let ink = try signature.placement(in: box).inkBounds
        switch alignment {
        case .leading: #expect(abs(ink.minX) < 1e-9)
        case .center: #expect(abs(ink.minX - (box.width - ink.maxX)) < 1e-9)
        case .trailing: #expect(abs(ink.maxX - box.width) < 1e-9)
        }
    }

    @Test("a baseline at the very bottom leaves no room for descenders: bottom-aligned plain fit instead")
    func baselineFallback() throws {
        let (_, signature) = try OutputFormatTests.sample("j-smith.json")
        let box = SignatureBox(width: 180, height: 50, baseline: 50)
        let placement = try signature.placement(in: box)
        #expect(!placement.isBaselineAligned)
        #expect(abs(placement.inkBounds.maxY - 50) < 1e-9)
        #expect(placement.inkBounds.minY >= -1e-9)
    }

    @Test("scale and translation map points exactly")
    func transform() {
        let transform = SignatureTransform(scale: 0.5, translation: SignaturePoint(x: 10, y: -4))
        #expect(transform.apply(to: SignaturePoint(x: 4, y: 8)) == SignaturePoint(x: 12, y: 0))
        #expect(SignatureTransform.identity.apply(to: SignaturePoint(x: 3, y: 7)) == SignaturePoint(x: 3, y: 7))
    }

    @Test(
        "bad boxes are errors",
        arguments: [
            SignatureBox(width: 0, height: 10), SignatureBox(width: 10, height: .nan),
            SignatureBox(width: 10, height: 10, baseline: 11), SignatureBox(width: .infinity, height: 10),
        ])
    func badBoxes(box: SignatureBox) throws {
        let (_, signature) = try OutputFormatTests.sample("asanov.json")
        let error = thrownError { () throws(SignatureError) in _ = try signature.placement(in: box) }
        guard case .invalidBox = error else {
            Issue.record("expected invalidBox, got \(String(describing: error))")
            return
        }
    }
}
