import Foundation

/// The repository root, found from this file.
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The `docengine` binary built next to the tests (`swift build --build-tests` builds it).
let docengineBinary: URL = {
    let candidates = [".build/debug/docengine", ".build/x86_64-unknown-linux-gnu/debug/docengine"]
    for candidate in candidates {
        let url = repositoryRoot.appendingPathComponent(candidate)
        if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    return repositoryRoot.appendingPathComponent(candidates[0])
}()

/// What a finished process printed and returned.
struct ProcessResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs a program (a path, or a name looked up on PATH) and waits for it.
@discardableResult
func execute(_ program: String, _ arguments: [String], currentDirectory: URL = repositoryRoot) throws -> ProcessResult {
    let process = Process()
    if program.hasPrefix("/") {
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
    } else {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
    }
    process.currentDirectoryURL = currentDirectory
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read both pipes before waiting so a chatty child cannot block on a full pipe.
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ProcessResult(
        status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errData, as: UTF8.self))
}

/// A fresh empty folder for one test.
func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("docengine-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// pdftotext output with line breaks and runs of spaces folded to single spaces, and words
/// hyphenated across lines joined back, so multi-line cells compare as written.
func extractedText(_ pdf: URL) throws -> String {
    let raw = try execute("pdftotext", ["-enc", "UTF-8", pdf.path, "-"]).stdout
    return fold(raw.replacingOccurrences(of: "-\n", with: "-"))
}

/// Whitespace (including no-break spaces) folded to single spaces.
func fold(_ text: String) -> String {
    text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
}
