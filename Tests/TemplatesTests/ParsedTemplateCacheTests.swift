import Foundation
import Testing

@testable import Templates

/// The archive of parsed trees and the cache that keeps them between processes: a tree read back
/// is the tree the parser built, a damaged or foreign entry is never used, and only files that
/// compiled without a diagnostic are kept.
@Suite struct ParsedTemplateCacheTests {
    /// Every `.doc` file of the built-in library (templates and partials), as the compiler sees it.
    static func builtInSources() throws -> [Source] {
        let library = try TemplateLibrary.builtIn()
        let root = library.directory
        let partials = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("partials").path)
            .filter { $0.hasSuffix(".doc") }.map { "partials/" + $0.dropLast(4) }
        let templates = library.templateNames.map { Source(name: $0 + ".doc", text: try! String(contentsOf: root.appendingPathComponent($0 + ".doc"), encoding: .utf8)) }
        return templates + partials.sorted().map { Source(name: $0 + ".doc", text: library.partialText($0)!) }
    }

    func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("parsed-\(UUID().uuidString)", isDirectory: true)
    }

    func entries(in cache: ParsedTemplateCache) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: cache.directory.path)) ?? []).filter { $0.hasSuffix(".ast") }.sorted()
    }

    @Test func everyBuiltInFileComesBackFromTheArchiveAsTheParserBuiltIt() throws {
        let sources = try Self.builtInSources()
        #expect(sources.count > 40)
        for source in sources {
            let (ast, diagnostics) = TemplateFrontEnd.compile(source, filters: FilterLibrary.shared.signatures)
            #expect(diagnostics.isEmpty, "\(source.name)")
            let tree = try #require(ast)
            let bytes = try #require(ASTArchive.encode(tree), "\(source.name)")
            #expect(ASTArchive.decode(bytes, source: source.id) == tree, "\(source.name)")
        }
    }

    @Test func cutOrDamagedArchivesNeverTrapAndCutOnesAreRefused() throws {
        let source = try #require(try Self.builtInSources().first { $0.name == "partials/items-and-totals.doc" })
        let tree = try #require(TemplateFrontEnd.compile(source, filters: FilterLibrary.shared.signatures).0)
        let bytes = try #require(ASTArchive.encode(tree))
        for length in stride(from: 0, to: bytes.count, by: 3) {
            #expect(ASTArchive.decode(Array(bytes.prefix(length)), source: source.id) == nil)
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            var damaged = bytes
            damaged[Int.random(in: 0..<damaged.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            _ = ASTArchive.decode(damaged, source: source.id)  // any answer but a trap
        }
        // A span into another file cannot be written as two numbers: such a tree is not archived.
        let foreign = TemplateAST(source: source.id, nodes: [.text("x", SourceSpan(source: SourceID(7), range: 0..<1))])
        #expect(ASTArchive.encode(foreign) == nil)
    }

    @Test func aLibraryTakesItsFilesFromTheCacheAndCompilesTheSameTemplate() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = ParsedTemplateCache(directory: folder, codeIdentity: [1, 2, 3])
        let plain = try TemplateLibrary.builtIn().template(named: "invoice")
        let writing = try TemplateLibrary.builtIn(parsedTemplates: cache).template(named: "invoice")
        #expect(entries(in: cache).count == 1 + plain.partials.count)
        // Nothing but entries: every temporary file was renamed.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).count == entries(in: cache).count)
        let reading = try TemplateLibrary.builtIn(parsedTemplates: cache).template(named: "invoice")
        for template in [writing, reading] {
            #expect(template.ast == plain.ast)
            #expect(template.partials.mapValues(\.ast) == plain.partials.mapValues(\.ast))
        }

        // What the entry holds is what the library uses: an entry swapped for another file's
        // tree (under the invoice's name, so its spans fit) shows through.
        let invoice = try #require(plain.sources.first { $0.name == "invoice.doc" })
        let other = Source(name: "invoice.doc", text: #"{% page size="A4" %}{% p %}from the cache{% endp %}"#)
        cache.store(try #require(TemplateFrontEnd.compile(other, filters: FilterLibrary.shared.signatures).0), for: invoice)
        let swapped = try TemplateLibrary.builtIn(parsedTemplates: cache).template(named: "invoice")
        #expect(swapped.ast.nodes.count == 2)
    }

    @Test func aDamagedEntryIsAMissAndIsWrittenAgain() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = ParsedTemplateCache(directory: folder, codeIdentity: [9])
        let plain = try TemplateLibrary.builtIn().template(named: "act")
        _ = try TemplateLibrary.builtIn(parsedTemplates: cache).template(named: "act")
        for name in entries(in: cache) {
            let url = folder.appendingPathComponent(name)
            let original = try Data(contentsOf: url)
            var damaged = original
            damaged[damaged.count - 1] ^= 0x01
            try damaged.write(to: url)
            let again = try TemplateLibrary.builtIn(parsedTemplates: cache).template(named: "act")
            #expect(again.ast == plain.ast)
            #expect(again.partials.mapValues(\.ast) == plain.partials.mapValues(\.ast))
            #expect(try Data(contentsOf: url) == original, "\(name) was not written again")
        }
    }

    @Test func anotherBuildsEntriesAreNotRead() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try #require(try Self.builtInSources().first { $0.name == "invoice.doc" })
        let tree = try #require(TemplateFrontEnd.compile(source, filters: FilterLibrary.shared.signatures).0)
        ParsedTemplateCache(directory: folder, codeIdentity: [1]).store(tree, for: source)
        #expect(ParsedTemplateCache(directory: folder, codeIdentity: [1]).tree(for: source) == tree)
        #expect(ParsedTemplateCache(directory: folder, codeIdentity: [2]).tree(for: source) == nil)
        // An edited file is another entry.
        #expect(ParsedTemplateCache(directory: folder, codeIdentity: [1]).tree(for: Source(name: "invoice.doc", text: source.text + " ")) == nil)
        // The real build has an identity, and it is this process's, every time.
        #expect(ParsedTemplateCache(directory: folder) != nil)
    }

    @Test func filesWithADiagnosticAreNotKeptAndKeepReportingIt() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = ParsedTemplateCache(directory: folder, codeIdentity: [4])
        let library = try TemplateLibrary.builtIn(parsedTemplates: cache)
        let warned = "{% page %}{{-x}}"
        let broken = "{% page %}{% if %}"
        let firstWarnings = CompiledTemplate.check(text: warned, fileName: "w.doc", library: library).1
        let firstErrors = CompiledTemplate.check(text: broken, fileName: "b.doc", library: library).1
        #expect(firstWarnings.contains { $0.message.contains("reads as a minus sign") && !$0.isError })
        #expect(firstErrors.contains { $0.isError })
        #expect(CompiledTemplate.check(text: warned, fileName: "w.doc", library: library).1 == firstWarnings)
        #expect(CompiledTemplate.check(text: broken, fileName: "b.doc", library: library).1 == firstErrors)
        #expect(entries(in: cache).isEmpty)
    }

    @Test func theCommandLineFindsItsFolderInTheEnvironment() {
        #expect(ParsedTemplateCache.forCommandLine(environment: ["DOCENGINE_CACHE": "off", "HOME": "/home/a"]) == nil)
        #expect(ParsedTemplateCache.forCommandLine(environment: ["DOCENGINE_CACHE": "/c", "HOME": "/home/a"])?.directory.path == "/c/parsed-templates")
        #expect(ParsedTemplateCache.forCommandLine(environment: ["XDG_CACHE_HOME": "/x", "HOME": "/home/a"])?.directory.path
            == "/x/docengine/parsed-templates")
        #expect(ParsedTemplateCache.forCommandLine(environment: ["HOME": "/home/a"])?.directory.path == "/home/a/.cache/docengine/parsed-templates")
        #expect(ParsedTemplateCache.forCommandLine(environment: ["XDG_CACHE_HOME": "relative"]) == nil)
        #expect(ParsedTemplateCache.forCommandLine(environment: [:]) == nil)
    }

    @Test func aFolderOthersCanWriteIsNotUsed() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(ParsedTemplateCache(directory: folder) != nil)  // made, 0700
        let mode = try FileManager.default.attributesOfItem(atPath: folder.path)[.posixPermissions] as? Int
        #expect(mode == 0o700)
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: folder.path)
        #expect(ParsedTemplateCache(directory: folder) == nil)
        try FileManager.default.setAttributes([.posixPermissions: 0o720], ofItemAtPath: folder.path)
        #expect(ParsedTemplateCache(directory: folder) == nil)
        // A link to a folder is not the folder.
        let target = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: target) }
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let link = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: link) }
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        #expect(ParsedTemplateCache(directory: link) == nil)
        // Someone else's folder, where the tests may give one away (they run as root in CI).
        if getuid() == 0 {
            try FileManager.default.setAttributes([.posixPermissions: 0o700, .ownerAccountID: 65_534], ofItemAtPath: folder.path)
            #expect(ParsedTemplateCache(directory: folder) == nil)
        }
    }

    @Test func anUnwritableFolderOnlyMeansNoCache() throws {
        let cache = ParsedTemplateCache(directory: URL(fileURLWithPath: "/proc/no-such-folder"), codeIdentity: [5])
        let template = try TemplateLibrary.builtIn(parsedTemplates: cache).template(named: "request")
        #expect(template.ast == (try TemplateLibrary.builtIn().template(named: "request")).ast)
    }
}
