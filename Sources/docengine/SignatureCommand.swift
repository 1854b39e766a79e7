import ArgumentParser
import DocCommandLine
import DocEngine
import DocPipeline
import Foundation
import Signatures

/// `docengine signature vectorise strokes.json -o sig.svg|sig.pdf|sig.json`
struct SignatureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signature",
        abstract: "Work with finger-drawn signatures.",
        subcommands: [Vectorise.self])

    struct Vectorise: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "vectorise",
            abstract: "Turn captured strokes into a smooth vector signature (SVG, PDF or stable JSON).",
            aliases: ["vectorize"])

        @OptionGroup var common: CommonOptions

        @Argument(help: "Captured strokes (signature.schema.json).")
        var strokes: String

        @Option(name: [.short, .customLong("output")], help: "Output: .svg, .pdf or .json.")
        var output: String

        func validate() throws {
            guard [".svg", ".pdf", ".json"].contains(where: output.lowercased().hasSuffix) else {
                throw ValidationError("-o must end in .svg, .pdf or .json")
            }
        }

        func run() throws {
            try reportingFailures {
                guard let data = FileManager.default.contents(atPath: strokes) else { throw CLIError("cannot read \(strokes)") }
                let signature = try SignatureVectorizer().vectorize(json: data)
                let bytes: Data
                switch URL(fileURLWithPath: output).pathExtension.lowercased() {
                case "svg": bytes = Data(signature.svg().utf8)
                case "json": bytes = signature.jsonData()
                default: bytes = try pdf(signature)
                }
                try AtomicFile.write(bytes, to: URL(fileURLWithPath: output))
                for warning in signature.warnings {
                    FileHandle.standardError.write(Data("warning: suspicious signature: \(warning)\n".utf8))
                }
            }
        }

        /// A one-page PDF holding the signature as vector paths, 60 mm wide.
        private func pdf(_ signature: VectorSignature) throws -> Data {
            let fonts = try FontBook(directory: try common.fontsDirectory())
            let drawing = SignatureDrawing.drawing(from: signature)
            let width = 60 * Units.pointsPerMillimetre
            let margin = 5 * Units.pointsPerMillimetre
            let height = width * drawing.size.height / max(drawing.size.width, 1)
            let document = Document(
                metadata: DocumentMetadata(title: "Signature"),
                page: PageSetup(size: Size(width: width + 2 * margin, height: height + 2 * margin), margins: EdgeInsets(all: margin)),
                body: [.drawing(DrawingBlock(drawing, width: width))])
            return try PDFRenderer().render(try LayoutEngine(fonts: fonts).layout(document))
        }
    }
}
