import DocTestSupport
import Foundation
import Testing

@Suite struct SignatureCommandTests {
    let sample = repositoryRoot.appendingPathComponent("SampleData/signatures/ivanova.json").path

    @Test(arguments: ["svg", "json", "pdf"])
    func vectorisesToEveryFormat(format: String) throws {
        let output = try makeTemporaryDirectory().appendingPathComponent("sig.\(format)")
        let result = try execute(docengineBinary.path, ["signature", "vectorise", sample, "-o", output.path])
        #expect(result.status == 0, "\(result.stderr)")
        let bytes = try Data(contentsOf: output)
        switch format {
        case "svg": #expect(String(decoding: bytes, as: UTF8.self).contains("<path"))
        case "json": #expect(String(decoding: bytes, as: UTF8.self).contains("\"centerline\""))
        default:
            #expect(try execute("qpdf", ["--check", output.path]).status == 0)
            // Vector paths only: no raster image in the PDF.
            let images = try execute("pdfimages", ["-list", output.path]).stdout.split(separator: "\n")
            #expect(images.count == 2, "\(images)")
        }
    }

    @Test func identicalInputGivesIdenticalOutput() throws {
        let directory = try makeTemporaryDirectory()
        for name in ["a.json", "b.json", "a.pdf", "b.pdf"] {
            try execute(docengineBinary.path, ["signature", "vectorise", sample, "-o", directory.appendingPathComponent(name).path])
        }
        #expect(try Data(contentsOf: directory.appendingPathComponent("a.json")) == Data(contentsOf: directory.appendingPathComponent("b.json")))
        #expect(try Data(contentsOf: directory.appendingPathComponent("a.pdf")) == Data(contentsOf: directory.appendingPathComponent("b.pdf")))
    }

    /// JSON cannot carry NaN; an overflowing number is refused as invalid JSON, a point far
    /// off the canvas by its path. Neither leaves a file.
    @Test(arguments: [("[1e999, 5, 16]", "not valid JSON"), ("[1, 99999, 16]", "strokes[0].points[1]")])
    func badPointsAreClearErrorsAndLeaveNoFile(point: String, expected: String) throws {
        let directory = try makeTemporaryDirectory()
        let input = directory.appendingPathComponent("bad.json")
        try Data(#"{"canvas": {"width": 300, "height": 100}, "strokes": [{"points": [[1, 2, 0], \#(point)]}]}"#.utf8).write(to: input)
        let output = directory.appendingPathComponent("sig.svg")
        let result = try execute(docengineBinary.path, ["signature", "vectorise", input.path, "-o", output.path])
        #expect(result.status != 0)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.contains(expected), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }
}
