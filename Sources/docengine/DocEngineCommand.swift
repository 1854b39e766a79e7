import ArgumentParser

/// The `docengine` command line: render documents, check templates, render the samples.
@main
struct DocEngineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docengine",
        abstract: "Renders freight documents (invoices, acts, requests) to PDF and PNG.",
        subcommands: [RenderCommand.self, CheckCommand.self, SamplesCommand.self, PreviewCommand.self, SignatureCommand.self, KeysCommand.self, StoreCommand.self, ServeCommand.self]
    )
}
