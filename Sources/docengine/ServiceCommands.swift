import ArgumentParser
import DocCommandLine
import Foundation

/// `docengine serve|keys|store …`: the service's commands, run by `docengine-service`.
///
/// The arguments are handed over whole, before parsing (`execv`: same process id, same signals,
/// same exit status), so every option, `--help` and `docengine help serve` read as they always
/// did. The structs below only list the commands in `docengine --help`.
enum ServiceCommands {
    static let executableName = "docengine-service"
    static let names: Set = ["serve", "keys", "store"]

    /// Replaces this process with `docengine-service` when the first argument (or the one after
    /// `help`) names one of its commands; returns otherwise.
    static func becomeServiceIfNamed(_ arguments: [String]) {
        let rest = Array(arguments.dropFirst())
        let named = rest.first == "help" ? rest.dropFirst().first : rest.first
        guard let named, names.contains(named) else { return }
        let executable = sibling()
        var argv: [UnsafeMutablePointer<CChar>?] = ([executable] + rest).map { strdup($0) } + [nil]
        execv(executable, &argv)
        let reason = String(cString: strerror(errno))
        FileHandle.standardError.write(
            Data("error: docengine \(named) runs in \(executable), which could not be started: \(reason)\n".utf8))
        exit(127)
    }

    /// `docengine-service` in the folder of the running executable (symlinks resolved, so a link
    /// to `docengine` on the PATH still finds it).
    private static func sibling() -> String {
        let running = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
        return URL(fileURLWithPath: running).deletingLastPathComponent().appendingPathComponent(executableName).path
    }

    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve", abstract: "Runs the document service over HTTP (docengine serve --help).")
    }

    struct Keys: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "keys", abstract: "Manages API keys of the document service (docengine keys --help).")
    }

    struct Store: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "store", abstract: "Copies, migrates and sweeps the service's store (docengine store --help).")
    }
}
