import Foundation
import Testing
@testable import Signatures

@Test func zzDebugProperty() throws {
    var random = SeededRandom(seed: 20_240_517)
    for index in 0..<PropertyTests.strokeCount {
        let options = PropertyTests.randomOptions(&random)
        let points = PropertyTests.randomStroke(&random)
        let input = SignatureInput(canvas: SignatureCanvas(width: 600, height: 200), strokes: [CapturedStroke(points: points)])
        let signature = try SignatureVectorizer(options: options).vectorize(input)
        let stroke = signature.strokes[0]
        let box = SignatureRect(enclosing: points.map(\.position))!
        let outline = stroke.outline.bounds!
        let allowed = box.insetBy(-PropertyTests.allowedOverhang(points, options))
        if !allowed.contains(outline) {
            var cl = stroke.centerline[0].curve.bounds
            for s in stroke.centerline { cl = cl.union(s.curve.bounds) }
            print("#\(index) n=\(points.count) kind=\(stroke.kind) segs=\(stroke.centerline.count) box=\(box) centerline=\(cl) outline=\(outline) maxW=\(options.maxWidth) tol=\(options.fitTolerance)")
            for s in stroke.centerline where !box.insetBy(-5).contains(s.curve.bounds) { print("   wild seg", s) }
        }
    }
}
