import Foundation
import Testing

@testable import Signatures

/// The committed samples are exactly what the generator writes; `RECORD_SAMPLES=1` rewrites them (and fails,
/// so someone looks at the diff).
@Suite("Sample signatures")
struct SampleDataTests {
    @Test("committed samples match the generator", arguments: SampleSignatureGenerator.specs.map(\.fileName))
    func samplesMatchGenerator(fileName: String) throws {
        let spec = try #require(SampleSignatureGenerator.specs.first { $0.fileName == fileName })
        let expected = SampleSignatureGenerator.json(for: spec)
        let url = sampleDirectory.appendingPathComponent(fileName)
        if ProcessInfo.processInfo.environment["RECORD_SAMPLES"] == "1" {
            try FileManager.default.createDirectory(at: sampleDirectory, withIntermediateDirectories: true)
            try Data(expected.utf8).write(to: url)
            Issue.record("rewrote \(fileName); review the diff and run again without RECORD_SAMPLES")
            return
        }
        let committed = try String(contentsOf: url, encoding: .utf8)
        #expect(committed == expected, "\(fileName) differs from the generator; run with RECORD_SAMPLES=1")
    }
}
