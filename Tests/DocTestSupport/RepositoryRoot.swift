public import Foundation

/// The repository's root folder, found from this file, so tests run from any working directory.
public let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A file or folder of the repository, e.g. `repositoryFile("SampleData/invoice-kgs.json")`.
public func repositoryFile(_ relativePath: String) -> URL {
    repositoryRoot.appendingPathComponent(relativePath)
}

/// The names of the sample documents (`SampleData/*.json`, without extension), sorted.
///
/// A missing or empty folder is a failure, not a parameterised test with zero cases: a test
/// over "every sample" that runs none proves nothing.
public func sampleNames() -> [String] {
    let folder = repositoryFile("SampleData")
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
        preconditionFailure("SampleData/ is missing at \(folder.path); the sample tests need it")
    }
    let samples = names.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    precondition(!samples.isEmpty, "SampleData/ holds no sample documents")
    return samples
}
