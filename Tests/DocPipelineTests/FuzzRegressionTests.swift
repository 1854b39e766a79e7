import DocTestSupport
import Foundation
import FuzzEntries
import Testing

/// Replays every input a fuzzer found (Fuzz/Regressions/<target>/) through the target's entry, and
/// the seed corpus `make fuzz` starts from, so a fixed crash stays fixed without a fuzzing run.
@Suite struct FuzzRegressionTests {
    @Test func everyFoundInputStillPasses() throws {
        let root = repositoryRoot.appendingPathComponent("Fuzz/Regressions")
        for (target, entry) in FuzzEntries.targets.sorted(by: { $0.key < $1.key }) {
            let folder = root.appendingPathComponent(target)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for name in names.sorted() {
                entry([UInt8](try Data(contentsOf: folder.appendingPathComponent(name))))
            }
        }
    }

    @Test func theSeedsPass() throws {
        let seeds: [(String, [String])] = [
            ("FuzzJSONParser", sampleNames().map { "SampleData/\($0).json" }),
            ("FuzzSignatureInput", ["SampleData/signatures/asanov.json", "SampleData/brands/alatoo/signature.json"]),
            ("FuzzImageHeaders", ["SampleData/brands/alatoo/stamp.png", "SampleData/brands/silkway/logo.jpg",
                                  "SampleData/brands/alatoo/logo.svg", "Tests/DocEngineTests/Fixtures/truncated.jpg"]),
            ("FuzzTemplateParser", ["Sources/Templates/BuiltIn/invoice.doc", "Sources/Templates/BuiltIn/partials/parties.doc"]),
        ]
        for (target, files) in seeds {
            for file in files { FuzzEntries.targets[target]!([UInt8](try Data(contentsOf: repositoryFile(file)))) }
        }
    }
}
