package import DocEngine
package import Foundation
import Signatures
import Templates

/// What each libFuzzer target does with one input, shared by the fuzzers (`Fuzz/Targets`) and the
/// regression tests that replay every crash a fuzzer found (`Fuzz/Regressions/<target>/`).
///
/// Each entry must return normally for any input: a refusal is a thrown error, caught here; a
/// crash, a hang or a broken property (checked with `precondition`) is a finding.
package enum FuzzEntries {
    /// The targets, by the name of their executable and regression folder.
    package static let targets: [String: @Sendable ([UInt8]) -> Void] = [
        "FuzzTemplateParser": templateParser, "FuzzJSONParser": jsonParser, "FuzzSignatureInput": signatureInput,
        "FuzzImageHeaders": imageHeaders,
    ]

    /// The template front end (lexer, parser, checker) and the diagnostics renderer over any text.
    package static func templateParser(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let (sources, diagnostics) = CompiledTemplate.check(text: text, fileName: "fuzz.doc")
        let renderer = DiagnosticRenderer(sources: sources)
        for diagnostic in diagnostics.prefix(8) {
            _ = renderer.render(diagnostic)
        }
        if diagnostics.allSatisfy({ !$0.isError }) {
            // What checks clean must compile.
            _ = try? CompiledTemplate(text: text, fileName: "fuzz.doc")
        }
    }

    /// The strict JSON parser; what it accepts must print back to text that parses to the same value.
    package static func jsonParser(_ bytes: [UInt8]) {
        guard let value = try? JSONParser.parse(bytes) else { return }
        let text = value.jsonText
        guard let again = try? JSONParser.parse(text) else {
            preconditionFailure("jsonText of a parsed value does not parse: \(text.prefix(200))")
        }
        precondition(again == value, "jsonText does not round-trip: \(text.prefix(200))")
    }

    /// Captured strokes (signature.schema.json) to a vector signature, its SVG and JSON.
    package static func signatureInput(_ bytes: [UInt8]) {
        guard let signature = try? SignatureVectorizer().vectorize(json: Data(bytes)) else { return }
        _ = signature.svg()
        _ = signature.jsonData()
    }

    /// The image sniffers and header readers behind `ImageAsset` (PNG, JPEG, SVG), under each name
    /// a brand file may have.
    package static func imageHeaders(_ bytes: [UInt8]) {
        let data = Data(bytes)
        for name in ["logo.png", "logo.jpg", "stamp.svg"] {
            _ = try? ImageAsset(data: data, name: name)
        }
    }
}
