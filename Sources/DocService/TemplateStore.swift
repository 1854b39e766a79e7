import Foundation
import Templates

/// Finds and compiles templates by name: a folder given on the command line first, then the
/// built-in templates shipped in the Templates module. Each template compiles once per process.
final class TemplateStore {
    private let directory: URL?
    private var compiled: [String: CompiledTemplate] = [:]

    init(directory: URL?) { self.directory = directory }

    /// A template by name (`invoice`) or by path (`my/invoice.doc`).
    func template(_ nameOrPath: String) throws -> CompiledTemplate {
        if let hit = compiled[nameOrPath] { return hit }
        let url = try locate(nameOrPath)
        let text = try String(contentsOf: url, encoding: .utf8)
        let template = try CompiledTemplate(text: text, fileName: url.lastPathComponent)
        compiled[nameOrPath] = template
        return template
    }

    private func locate(_ nameOrPath: String) throws -> URL {
        let fileManager = FileManager.default
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".doc") {
            guard fileManager.fileExists(atPath: nameOrPath) else { throw CLIError("no template file at \(nameOrPath)") }
            return URL(fileURLWithPath: nameOrPath)
        }
        if let directory {
            let candidate = directory.appendingPathComponent(nameOrPath + ".doc")
            if fileManager.fileExists(atPath: candidate.path) { return candidate }
        }
        if let builtIn = BuiltInTemplates.url(named: nameOrPath) { return builtIn }
        let known = BuiltInTemplates.names.joined(separator: ", ")
        throw CLIError("unknown template '\(nameOrPath)'; built-in templates: \(known)")
    }
}

/// A command-line failure with a one-line message.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
