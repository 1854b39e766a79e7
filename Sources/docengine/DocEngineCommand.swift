import ArgumentParser
import DocCommandLine

/// The `docengine` command line: render documents, check templates, render the samples.
///
/// The service's commands (`serve`, `keys`, `store`) live in `docengine-service`, the executable
/// beside this one, which `docengine serve …` becomes (`ServiceCommands`). A document render thus
/// never loads the HTTP server, the database drivers and their runtime metadata: they were half of
/// the binary, and a cold `docengine render` paid for mapping and scanning them.
struct DocEngineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docengine",
        abstract: "Renders freight documents (invoices, acts, requests) to PDF and PNG.",
        subcommands: [
            RenderCommand.self, CheckCommand.self, SamplesCommand.self, PreviewCommand.self, SignatureCommand.self,
            ServiceCommands.Keys.self, ServiceCommands.Store.self, ServiceCommands.Serve.self,
        ]
    )
}

@main
enum DocEngineMain {
    static func main() {
        ServiceCommands.becomeServiceIfNamed(CommandLine.arguments)
        CommandMain.run(DocEngineCommand.self)
    }
}
