import DocEngine
import Foundation

/// The repository root, found from this file so tests run from any directory.
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The bundled fonts, loaded once for all tests.
let bundledFonts: FontBook = {
    do {
        return try FontBook(directory: repositoryRoot.appendingPathComponent("Fonts"))
    } catch {
        fatalError("bundled fonts failed to load: \(error)")
    }
}()

func text(_ string: String, size: Double = 10, bold: Bool = false) -> Inline {
    .text(string, TextStyle(size: size, isBold: bold), origin: nil)
}

func paragraph(_ string: String, size: Double = 10, alignment: Alignment = .left) -> Block {
    .paragraph(Paragraph([text(string, size: size)], alignment: alignment))
}

/// Runs a command-line tool and returns its standard output.
func run(_ tool: String, _ arguments: [String], input: Data? = nil) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [tool] + arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = Pipe()
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}

/// Writes bytes to a fresh temporary file and returns its path.
func temporaryFile(_ data: Data, suffix: String) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("docengine-\(UUID().uuidString)\(suffix)")
    try data.write(to: url)
    return url.path
}
