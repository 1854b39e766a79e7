import ArgumentParser
import Foundation
import Templates

/// `docengine check TEMPLATE_FILE...`: report every template mistake, with positions and carets.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check templates and print every diagnostic (file:line:col with a caret).")

    @Argument(help: "Template files to check.")
    var files: [String]

    @Option(help: "Template library for includes and labels (default: the file's own folder when it has locales/, else the built-in one).")
    var templates: String?

    func run() throws {
        var failed = false
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                FileHandle.standardError.write(Data("error: cannot read \(file)\n".utf8))
                failed = true
                continue
            }
            let url = URL(fileURLWithPath: file)
            let name = url.lastPathComponent
            let library = try? library(for: url)
            let (sources, diagnostics) = CompiledTemplate.check(
                text: String(decoding: data, as: UTF8.self), fileName: name, library: library)
            if !diagnostics.isEmpty {
                print(DiagnosticRenderer(sources: sources).render(diagnostics.sortedBySpan()))
            }
            let errors = diagnostics.filter(\.isError).count
            if errors > 0 { failed = true }
            print("\(name): \(errors) error(s), \(diagnostics.count - errors) warning(s)")
        }
        if failed { throw ExitCode(1) }
    }

    /// The library whose partials and labels a template file uses.
    private func library(for file: URL) throws -> TemplateLibrary {
        if let templates { return TemplateLibrary(directory: URL(fileURLWithPath: templates)) }
        let folder = file.deletingLastPathComponent()
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent("locales").path) {
            return TemplateLibrary(directory: folder)
        }
        return try TemplateLibrary.builtIn()
    }
}
