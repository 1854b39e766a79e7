public import Foundation

/// What a finished process printed and returned.
public struct ProcessResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs a program (a path, or a name looked up on PATH) and waits for it.
/// - Parameters:
///   - program: an absolute path, or a name found through `/usr/bin/env`.
///   - arguments: the program's arguments.
///   - currentDirectory: where it runs; the repository root by default.
///   - input: bytes written to its standard input, if any.
/// - Returns: its exit status and both outputs.
/// - Throws: when the program cannot be started.
@discardableResult
public func execute(
    _ program: String, _ arguments: [String], currentDirectory: URL = repositoryRoot, input: Data? = nil
) throws -> ProcessResult {
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
    let inPipe = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input == nil ? FileHandle.nullDevice : inPipe
    try process.run()
    if let input {
        inPipe.fileHandleForWriting.write(input)
        try? inPipe.fileHandleForWriting.close()
    }
    // Read both pipes before waiting, stderr on another thread, so a chatty child cannot block on a full pipe.
    let errors = PipeContents()
    let group = DispatchGroup()
    DispatchQueue.global().async(group: group) { errors.data = err.fileHandleForReading.readDataToEndOfFile() }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return ProcessResult(
        status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errors.data, as: UTF8.self))
}

/// A fresh empty folder for one test.
/// - Throws: when the temporary folder cannot be created.
public func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("docengine-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// pdftotext output with line breaks and runs of spaces folded to single spaces, and words
/// hyphenated across lines joined back, so multi-line cells compare as written.
/// - Throws: when pdftotext cannot be started.
public func extractedText(_ pdf: URL) throws -> String {
    let raw = try execute("pdftotext", ["-enc", "UTF-8", pdf.path, "-"]).stdout
    return fold(raw.replacingOccurrences(of: "-\n", with: "-"))
}

/// Whitespace (including no-break spaces) folded to single spaces.
public func fold(_ text: String) -> String {
    text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
}

/// What one pipe delivered, filled by the thread that reads it.
///
/// `@unchecked Sendable`: written once by the reading thread before `DispatchGroup.leave`, read
/// only after `wait`, which orders the two.
private final class PipeContents: @unchecked Sendable {
    var data = Data()
}
