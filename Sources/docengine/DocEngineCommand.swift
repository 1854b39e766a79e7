import ArgumentParser
import Dispatch
import DocEngine

/// The `docengine` command line: render documents, check templates, render the samples.
struct DocEngineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docengine",
        abstract: "Renders freight documents (invoices, acts, requests) to PDF and PNG.",
        subcommands: [RenderCommand.self, CheckCommand.self, SamplesCommand.self, PreviewCommand.self, SignatureCommand.self, KeysCommand.self, StoreCommand.self, ServeCommand.self]
    )
}

/// The entry point: what `AsyncParsableCommand.main()` does, except that a synchronous command
/// (`render`, `check`, …) runs on the main thread.
///
/// Why: an asynchronous `main` hands every command to a thread of Swift's concurrency pool and
/// waits for it; on a busy machine a cold `docengine render` spent longer waiting to be scheduled
/// on those threads than it spent rendering. Asynchronous commands (`serve`, `keys`) still run in
/// a task, with the main thread serving the main queue as an asynchronous `main` does.
@main
enum DocEngineMain {
    static func main() {
        MemoryReuse.keepFreedMemory()
        let command: any ParsableCommand
        do {
            command = try DocEngineCommand.parseAsRoot()
        } catch {
            DocEngineCommand.exit(withError: error)
        }
        guard let found = command as? any AsyncParsableCommand else {
            var synchronous = command
            do {
                try synchronous.run()
            } catch {
                DocEngineCommand.exit(withError: error)
            }
            DocEngineCommand.exit()
        }
        // Handed to the one task below; the main thread does not touch it again.
        nonisolated(unsafe) var asynchronous = found
        Task {
            do {
                try await asynchronous.run()
            } catch {
                DocEngineCommand.exit(withError: error)
            }
            DocEngineCommand.exit()
        }
        dispatchMain()
    }
}
