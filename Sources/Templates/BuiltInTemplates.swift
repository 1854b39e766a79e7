public import Foundation

/// The document templates shipped with the engine (`Sources/Templates/BuiltIn/*.doc`).
public enum BuiltInTemplates {
    /// The folder holding them.
    public static var directory: URL? { Bundle.module.url(forResource: "BuiltIn", withExtension: nil) }

    /// Their names, e.g. `invoice`.
    public static var names: [String] {
        guard let directory, let files = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else {
            return []
        }
        return files.filter { $0.hasSuffix(".doc") }.map { String($0.dropLast(4)) }.sorted()
    }

    /// The file of a built-in template, or nil.
    public static func url(named name: String) -> URL? {
        guard let url = directory?.appendingPathComponent(name + ".doc"),
            FileManager.default.fileExists(atPath: url.path)
        else { return nil }
        return url
    }
}
