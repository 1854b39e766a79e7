import DocPipeline
package import DocStore
import Foundation
import Synchronization
package import Templates

/// The service's templates: every version kept in the store, the latest one current, each compiled
/// once and shared by every pipeline (`CompiledTemplate` is immutable).
///
/// On first start each built-in template is recorded as version 1. When a later engine ships a
/// changed built-in template, it becomes the next version at start, unless the current version was
/// published by a user: that one stays (see `builtInChanges`). `publish` accepts a new version only
/// if it compiles (against the built-in partials, string tables and data schema), so the current
/// version of every template always renders.
package final class TemplateCatalog: Sendable {
    package let store: any TemplateVersionStore
    /// Partials, string tables and schema that every version compiles against.
    package let library: TemplateLibrary
    private let current: Mutex<[String: TemplateVersion]>
    private let compiled = Mutex<[String: CompiledTemplate]>([:])
    /// Built-in templates whose source differed from the current version at start.
    package let builtInChanges: [BuiltInTemplateChange]

    /// Records the library's templates (see the type's summary) and loads the current versions.
    /// - Throws: `StorageError` when the store fails, `TemplateError` when a built-in source is unreadable.
    package init(store: any TemplateVersionStore, library: TemplateLibrary) async throws {
        self.store = store
        self.library = library
        let builtIn = try library.templateNames.map { name in
            let url = library.directory.appendingPathComponent(name + ".doc")
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw TemplateError.notFound(name: name, known: library.templateNames)
            }
            return (name: name, source: String(decoding: data, as: UTF8.self))
        }
        let (latest, changes) = try await store.recordBuiltIn(builtIn)
        current = Mutex(latest)
        builtInChanges = changes
    }

    /// Names with a current version, sorted.
    package var names: [String] { current.withLock { $0.keys.sorted() } }

    /// The current version of `name`.
    /// - Throws: `TemplateError.notFound` naming the known templates.
    package func current(_ name: String) throws(TemplateError) -> TemplateVersion {
        guard let version = current.withLock({ $0[name] }) else {
            throw TemplateError.notFound(name: name, known: names)
        }
        return version
    }

    /// A stored version of `name`, or nil when there is no such version.
    package func version(_ name: String, _ number: Int) async throws(StorageError) -> TemplateVersion? {
        try await store.version(name, number)
    }

    /// Every version of `name`, oldest first; empty for an unknown name.
    package func versions(of name: String) async throws(StorageError) -> [TemplateVersion] {
        try await store.versions(of: name)
    }

    /// The compiled form of `version`, compiled once per name and version.
    /// - Throws: `TemplateError` (a stored version always compiled when it was published, but the
    ///   library may have changed since).
    package func compiled(_ version: TemplateVersion) throws(TemplateError) -> CompiledTemplate {
        let key = "\(version.name)#\(version.version)"
        if let hit = compiled.withLock({ $0[key] }) { return hit }
        let template = try library.compile(text: version.source, fileName: version.name + ".doc")
        compiled.withLock { $0[key] = template }
        return template
    }

    /// Makes current what other nodes recorded since (a newer version of a name), once it compiles
    /// here, and drops what they retired. Called when the store announces a template change.
    ///
    /// During a rolling upgrade a newer node may record a changed built-in template that uses
    /// partials or fields this node's engine lacks: such a version stays not current here (the
    /// previous one keeps rendering) until this node is upgraded too.
    /// - Returns: the names whose current version changed, and those whose newer version does not
    ///   compile with this engine.
    /// - Throws: `StorageError`.
    @discardableResult
    package func refresh() async throws(StorageError) -> (changed: [String], incompatible: [String]) {
        let known = current.withLock { $0 }
        var changed: [String] = []
        var incompatible: [String] = []
        let latest = try await store.currentVersions()
        // A name retired on another node is no longer current here either.
        for name in known.keys.sorted() where latest[name] == nil {
            if current.withLock({ $0.removeValue(forKey: name) }) != nil { changed.append(name) }
        }
        for (name, version) in latest.sorted(by: { $0.key < $1.key })
        where (known[name]?.version ?? 0) < version.version {
            do {
                _ = try compiled(version)
            } catch {
                incompatible.append(name)
                continue
            }
            let isNewer = current.withLock { versions in
                guard (versions[name]?.version ?? 0) < version.version else { return false }
                versions[name] = version
                return true
            }
            if isNewer { changed.append(name) }
        }
        return (changed, incompatible)
    }

    /// Whether `name` has a current version (it exists and is not retired).
    package func isCurrent(_ name: String) -> Bool { current.withLock { $0[name] != nil } }

    /// Retires `name`: nothing new is issued with it; its versions stay readable.
    /// - Returns: false when `name` has no version.
    package func retire(_ name: String) async throws(StorageError) -> Bool {
        let known = try await store.retire(name)
        current.withLock { $0[name] = nil }
        return known
    }

    /// Records `source` as the next version of `name` if it compiles, and makes it current. The same
    /// source as the current version is not a new version.
    /// - Returns: the version and whether it is new.
    /// - Throws: `TemplateError.compile` with every diagnostic; `StorageError`.
    package func publish(name: String, source: String, tenantID: String?) async throws
        -> (version: TemplateVersion, isNew: Bool)
    {
        let template = try library.compile(text: source, fileName: name + ".doc")
        let (version, isNew) = try await store.publish(name: name, source: source, tenantID: tenantID)
        compiled.withLock { $0["\(name)#\(version.version)"] = template }
        current.withLock { versions in
            if (versions[name]?.version ?? 0) < version.version { versions[name] = version }
        }
        return (version, isNew)
    }
}
