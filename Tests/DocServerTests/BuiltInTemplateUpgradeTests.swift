import Foundation
import Templates
import Testing

@testable import DocServer
import DocStore
import DocPipeline
import DocTestSupport

/// A new engine may ship changed built-in templates. At start the catalog records such a source
/// as the next version, unless the current version is one a platform user published: that one
/// stays, and the change is reported instead of overwriting the user's edit.
@Suite struct BuiltInTemplateUpgradeTests {
    /// A copy of the built-in templates with `invoice.doc` given an extra trailing line.
    func libraryWithChangedInvoice(_ marker: String) throws -> TemplateLibrary {
        let copy = try makeTemporaryDirectory().appendingPathComponent("templates")
        try FileManager.default.copyItem(at: TestService.library.directory, to: copy)
        let invoice = copy.appendingPathComponent("invoice.doc")
        let source = try String(contentsOf: invoice, encoding: .utf8)
        try (source + "{# \(marker) #}\n").write(to: invoice, atomically: true, encoding: .utf8)
        return TemplateLibrary(directory: copy)
    }

    @Test func aChangedBuiltInReplacesABuiltInVersionButNeverAPublishedOne() async throws {
        let store = try SQLiteStore(directory: try makeTemporaryDirectory(), clock: { TestService.now }).templates

        let first = try await TemplateCatalog(store: store, library: TestService.library)
        #expect(first.builtInChanges.isEmpty)
        #expect(try first.current("invoice").version == 1)
        #expect(try first.current("invoice").origin == .builtIn)

        // The same built-ins again: nothing to do.
        #expect(try await TemplateCatalog(store: store, library: TestService.library).builtInChanges.isEmpty)

        // A newer engine with a changed invoice: version 2, built in, current; the rest untouched.
        let upgraded = try libraryWithChangedInvoice("engine 2")
        let second = try await TemplateCatalog(store: store, library: upgraded)
        #expect(second.builtInChanges == [.adopted(name: "invoice", version: 2)])
        #expect(try second.current("invoice").version == 2)
        #expect(try second.current("invoice").source.contains("engine 2"))
        #expect(try second.current("act").version == 1)

        // A platform user publishes version 3; the next engine's change must not replace it.
        let edited = try second.current("invoice").source + "{# edited by the platform #}\n"
        let (published, isNew) = try await second.publish(name: "invoice", source: edited, tenantID: nil)
        #expect(isNew && published.version == 3 && published.origin == .published)
        let third = try await TemplateCatalog(store: store, library: try libraryWithChangedInvoice("engine 3"))
        #expect(third.builtInChanges == [.keptPublished(name: "invoice", currentVersion: 3)])
        #expect(try third.current("invoice").version == 3)
        #expect(try third.current("invoice").source == edited)

        // Every version keeps its origin.
        let origins = try await third.versions(of: "invoice").map(\.origin)
        #expect(origins == [.builtIn, .builtIn, .published])
    }
}
