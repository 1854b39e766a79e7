import DocTestSupport
import Foundation
import Templates
import Testing

/// Locates test data next to this file, so it works with and without SwiftPM resource bundles.
enum TestData {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let templates = directory.appendingPathComponent("Fixtures/Templates")
    static let snapshots = directory.appendingPathComponent("Snapshots")

    /// The names of every fixture template, sorted.
    static func fixtureNames() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: templates.path)) ?? []
        return names.filter { $0.hasSuffix(".doc") }.sorted()
    }

    static func source(named name: String) throws -> Source {
        let text = try String(contentsOf: templates.appendingPathComponent(name), encoding: .utf8)
        return Source(name: name, text: text)
    }
}

/// Compares text with `Snapshots/<name>.txt`. With `RECORD_SNAPSHOTS=1` (or when the file is
/// missing) it writes the file and fails, so a person reviews the diff before committing.
func assertSnapshot(_ actual: String, named name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation)
    throws
{
    let url = TestData.snapshots.appendingPathComponent(name + ".txt")
    let recording = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
    guard !recording, let expected = try? String(contentsOf: url, encoding: .utf8) else {
        try FileManager.default.createDirectory(at: TestData.snapshots, withIntermediateDirectories: true)
        try actual.write(to: url, atomically: true, encoding: .utf8)
        Issue.record(
            "recorded snapshot \(name).txt; review it and run again without RECORD_SNAPSHOTS",
            sourceLocation: sourceLocation)
        return
    }
    #expect(
        actual == expected, "snapshot \(name).txt differs; RECORD_SNAPSHOTS=1 rewrites it",
        sourceLocation: sourceLocation)
}

/// Random templates built from the language's own pieces plus arbitrary Unicode.
enum RandomTemplate {
    static let pieces: [String] = [
        "{{", "}}", "{%", "%}", "{#", "#}", "{", "}", "%", "#", " ", "  ", "\n", "\r\n", "\r", "\t",
        "if", "elif", "else", "endif", "for", "endfor", "in", "let", "include", "and", "or", "not",
        "true", "null", "auto", "x", "order.total", "loop.index", "p", "endp", "table", "row", "cell",
        "|", "money", "(", ")", "[", "]", ",", ".", "=", "==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "!",
        "0", "12", "0.12", "15mm", "1fr", "50%", "2in", "6pt", "15px", "1.", "\"str\"", "'s'", "\"", "'",
        "\"a\\\"b\"", "\\", "\\u{41}", "\\q", "@", ":", ";", "Счёт", "№", "«", "»", "\u{0301}", "漢字", "😀",
        "\u{00A0}", "сумма", "Итого:", "_name", "end", "{%-", "-%}", "{{-", "-}}", "{#-", "-#}", "{{- ", " -",
    ]

    static func make(using generator: inout SeededGenerator) -> String {
        var text = ""
        for _ in 0..<Int.random(in: 0...40, using: &generator) {
            if Int.random(in: 0..<8, using: &generator) == 0 {
                text.unicodeScalars.append(randomScalar(using: &generator))
            } else {
                text += pieces.randomElement(using: &generator)!
            }
        }
        return text
    }

    private static func randomScalar(using generator: inout SeededGenerator) -> Unicode.Scalar {
        while true {
            let value = UInt32.random(in: 0...0x1_FFFF, using: &generator)
            if let scalar = Unicode.Scalar(value) { return scalar }
        }
    }
}
