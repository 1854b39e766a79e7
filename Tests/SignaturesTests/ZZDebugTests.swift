import Foundation
import Testing
@testable import Signatures

@Test func zzDebugSegments() throws {
  for th in [100.0] { for tol in [0.75] {
    var total = 0
    for url in try sampleFiles() {
        let input = try SignatureInput(json: Data(contentsOf: url))
        var runs = 0, segs = 0, pts = 0
        var perRun: [Int] = []
        for stroke in input.strokes {
            let cleaned = Cleaning.clean(stroke)
            let positions = cleaned.samples.map(\.position)
            pts += positions.count
            if SignatureVectorizer.dotCenter(positions) != nil { continue }
            let corners = CornerDetection.corners(in: positions, threshold: th * .pi / 180)
            let b = [0] + corners + [positions.count - 1]
            let arc = Polyline.arcLengths(positions)
            for (f, l) in zip(b, b.dropFirst()) {
                runs += 1
                let sm = Smoothing.smooth(positions, arc: arc, range: f...l)
                let fit = CurveFitting.fit(smoothed: sm, raw: Array(positions[f...l]), tolerance: tol, indexOffset: f)
                segs += fit.count
                perRun.append(fit.count)
            }
        }
        total += segs
        _ = perRun
        print(th, tol, url.lastPathComponent, "pts", pts, "runs", runs, "segs", segs, String(format: "%.2f", Double(pts)/Double(segs)))
    }
    print(th, tol, "total", total)
  }}
}
