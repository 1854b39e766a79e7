import DocTestSupport
import Foundation
import Testing

/// `docengine serve|keys|store …` hand over to `docengine-service` beside the binary: the
/// commands read as they always did, and a missing service executable is one clear line.
@Suite struct ServiceHandOverTests {
    @Test func theServiceCommandsAnswerThroughDocengine() throws {
        let listing = try execute(docengineBinary.path, ["--help"])
        #expect(listing.status == 0)
        for command in ["serve", "keys", "store"] { #expect(listing.stdout.contains("  \(command) "), "\(listing.stdout)") }
        // What only the real commands know (the listing's stand-ins have no options or subcommands).
        for (arguments, usage) in [
            (["serve", "--help"], "--renderers"), (["help", "keys"], "create"), (["store", "--help"], "migrate"),
        ] {
            let result = try execute(docengineBinary.path, arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(result.stdout.contains(usage), "\(arguments): \(result.stdout)")
        }
    }

    @Test func aServeOptionIsCheckedByTheService() throws {
        let result = try execute(docengineBinary.path, ["serve", "--batch-items", "0"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--batch-items must be positive"), "\(result.stderr)")
    }

    @Test func aMissingServiceExecutableIsOneClearLine() throws {
        let folder = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let lonely = folder.appendingPathComponent("docengine")
        try FileManager.default.copyItem(at: docengineBinary, to: lonely)
        let result = try execute(lonely.path, ["serve", "--port", "0"])
        #expect(result.status == 127)
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("docengine serve runs in \(folder.resolvingSymlinksInPath().path)/docengine-service")
            || result.stderr.contains("docengine serve runs in \(folder.path)/docengine-service"), "\(result.stderr)")
        #expect(result.stderr.contains("could not be started"), "\(result.stderr)")
    }
}
