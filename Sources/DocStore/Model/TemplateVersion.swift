package import Foundation

/// One stored version of a template: its `.doc` source, numbered 1, 2, 3… per name.
package struct TemplateVersion: Sendable, Equatable {
    package var name: String
    package var version: Int
    /// The `.doc` text; includes and labels come from the library it compiles against.
    package var source: String
    /// SHA-256 of `source`.
    package var sha256: String
    package var createdAt: Date
    package var origin: Origin

    /// Who made a version: the engine's built-in templates, or a platform user's `PUT`.
    package enum Origin: String, Sendable {
        case builtIn = "built-in"
        case published
    }

    package init(name: String, version: Int, source: String, sha256: String, createdAt: Date, origin: Origin) {
        self.name = name
        self.version = version
        self.source = source
        self.sha256 = sha256
        self.createdAt = createdAt
        self.origin = origin
    }
}

/// What recording the built-in templates did with one whose source changed.
package enum BuiltInTemplateChange: Sendable, Equatable {
    /// The changed built-in source became the current version (the previous one was built in too).
    case adopted(name: String, version: Int)
    /// A published version stays current; the changed built-in is there to adopt with `PUT`.
    case keptPublished(name: String, currentVersion: Int)
}
