import ArgumentParser
import DocCommandLine

/// `docengine-service`: the document service and the commands that manage its store. People run
/// it as `docengine serve|keys|store …`, which hands over to this executable (the command names
/// in its help are the ones they type).
struct DocEngineServiceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docengine",
        abstract: "The document service: serves documents over HTTP, manages its keys and its store.",
        subcommands: [ServeCommand.self, KeysCommand.self, StoreCommand.self]
    )
}

@main
enum DocEngineServiceMain {
    static func main() {
        CommandMain.run(DocEngineServiceCommand.self)
    }
}
