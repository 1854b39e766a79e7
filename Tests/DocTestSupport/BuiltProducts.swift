public import Foundation

/// Where SwiftPM put the products of this build, asked of SwiftPM itself
/// (`swift build --show-bin-path`), so tests never guess a triple-specific folder.
public let binPath: URL = {
    if let path = ProcessInfo.processInfo.environment["DOCENGINE_BIN_PATH"], !path.isEmpty {
        return URL(fileURLWithPath: path)
    }
    let result: ProcessResult
    do {
        result = try execute("swift", ["build", "--show-bin-path"], currentDirectory: repositoryRoot)
    } catch {
        preconditionFailure("cannot run `swift build --show-bin-path`: \(error)")
    }
    let path = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    precondition(result.status == 0 && !path.isEmpty, "`swift build --show-bin-path` failed: \(result.stderr)")
    return URL(fileURLWithPath: path)
}()

/// The `docengine` command line of this build (`swift build --build-tests` builds it too).
public let docengineBinary: URL = binPath.appendingPathComponent("docengine")
