import Foundation
public import Templates

/// A sample document's data (`SampleData/NAME.json`), decimals kept exactly.
/// - Throws: when the file is missing or not JSON.
public func sampleData(_ name: String) throws -> JSONValue {
    try JSONParser.parse(try Data(contentsOf: repositoryFile("SampleData/\(name).json")))
}

/// A test's own failure with a message, for `guard … else { throw TestFailure("…") }`.
public struct TestFailure: Error, CustomStringConvertible {
    public let description: String

    public init(_ message: String) { description = message }
}
