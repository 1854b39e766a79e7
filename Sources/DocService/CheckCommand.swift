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

    func run() throws {
        var failed = false
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                FileHandle.standardError.write(Data("error: cannot read \(file)\n".utf8))
                failed = true
                continue
            }
            let name = URL(fileURLWithPath: file).lastPathComponent
            let (source, diagnostics) = CompiledTemplate.check(text: String(decoding: data, as: UTF8.self), fileName: name)
            if !diagnostics.isEmpty {
                print(DiagnosticRenderer(source: source).render(diagnostics.sortedBySpan()))
            }
            let errors = diagnostics.filter(\.isError).count
            if errors > 0 { failed = true }
            print("\(name): \(errors) error(s), \(diagnostics.count - errors) warning(s)")
        }
        if failed { throw ExitCode(1) }
    }
}
