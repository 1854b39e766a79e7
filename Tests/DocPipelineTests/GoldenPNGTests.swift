import DocTestSupport
import DocEngine
import Foundation
import Testing

/// Page 1 of every sample, rasterised by the command line and compared with a reviewed
/// reference image per channel with a small tolerance. `RECORD_SNAPSHOTS=1` rewrites the
/// references and fails, so that someone looks at the new images before they are committed.
@Suite struct GoldenPNGTests {
    /// Low resolution keeps references small (about 20 KiB) while still catching layout shifts.
    static let dpi = 40

    /// One page of each document (and each invoice variant), in all three languages between them.
    static let samples = [
        "invoice-kgs", "invoice-usd", "invoice-400", "invoice-ky", "act-en", "request-ru", "driver-assignment-ky",
        "contract-supplement-en", "contract-ru",
    ]
    static let templates = ["contract-supplement", "driver-assignment", "invoice", "request", "contract", "act"]

    @Test(arguments: samples)
    func firstPageMatchesTheReference(name: String) throws {
        let template = Self.templates.first { name.hasPrefix($0 + "-") } ?? "invoice"
        let directory = try makeTemporaryDirectory()
        let png = directory.appendingPathComponent("\(name).png")
        let data = repositoryRoot.appendingPathComponent("SampleData/\(name).json")
        let result = try execute(docengineBinary.path, [
            "render", template, "--data", data.path, "-o", png.path, "--dpi", "\(Self.dpi)",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let actual = try Data(contentsOf: png)
        try assertGoldenPNG(actual, named: name, in: repositoryFile("Tests/DocPipelineTests/Goldens"))
    }
}
