public import Foundation
public import Testing

/// Reviewed references, text or PNG, compared by tests.
///
/// One switch for all of them: `RECORD_SNAPSHOTS=1` rewrites every reference a test compares
/// with and *fails* that test, so a person looks at the diff (or the image) before committing. A
/// missing reference is recorded the same way and fails too.
public enum Snapshot {
    /// Whether this run rewrites references instead of comparing with them.
    public static var isRecording: Bool { ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" }

    /// The reference for `name` in `folder`, or nil (after recording `actual` and failing) when
    /// recording or when there is none yet.
    static func reference(
        for actual: Data, at url: URL, sourceLocation: SourceLocation
    ) throws -> Data? {
        if !isRecording, let expected = try? Data(contentsOf: url) { return expected }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try actual.write(to: url, options: .atomic)
        Issue.record(
            "recorded \(url.lastPathComponent); review it and run again without RECORD_SNAPSHOTS",
            sourceLocation: sourceLocation)
        return nil
    }
}

/// Compares `actual` with the text reference `folder/name.txt`.
/// - Parameters:
///   - actual: the text to compare, e.g. a layout dump.
///   - name: the reference's name without `.txt`.
///   - folder: the folder of references, usually `Snapshots/` beside the test file.
/// - Throws: when the reference cannot be written while recording.
public func assertSnapshot(
    _ actual: String, named name: String, in folder: URL, sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let url = folder.appendingPathComponent(name + ".txt")
    guard let expected = try Snapshot.reference(for: Data(actual.utf8), at: url, sourceLocation: sourceLocation) else {
        return
    }
    let expectedText = String(decoding: expected, as: UTF8.self)
    guard actual != expectedText else { return }
    let message =
        "snapshot \(name).txt differs (first difference: \(firstDifference(expectedText, actual))); "
        + "RECORD_SNAPSHOTS=1 rewrites it"
    Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
}

/// `line N: expected «…», found «…»` for the first line that differs.
func firstDifference(_ expected: String, _ actual: String) -> String {
    let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
    for index in 0..<max(expectedLines.count, actualLines.count) {
        let left = index < expectedLines.count ? String(expectedLines[index]) : "<end>"
        let right = index < actualLines.count ? String(actualLines[index]) : "<end>"
        if left != right { return "line \(index + 1): expected «\(left)», found «\(right)»" }
    }
    return "none"
}
