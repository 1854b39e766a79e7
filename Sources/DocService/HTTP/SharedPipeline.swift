import Crypto
import DocEngine
import Foundation
import Templates

/// The render pipeline every request shares, used by one render at a time.
///
/// `@unchecked Sendable`: `DocumentPipeline` is not thread-safe (its `TemplateStore` caches by
/// path, fonts and shaping caches mutate), so every access goes through `lock`. Renders are
/// therefore serialised; a pool of pipelines is the next step when throughput matters.
final class SharedPipeline: @unchecked Sendable {
    private let lock = NSLock()
    private let pipeline: DocumentPipeline
    /// SHA-256 over the bundled fonts' fingerprints, recorded with each document.
    let fontsFingerprint: String

    /// Wraps `pipeline`; nothing else may use it afterwards.
    init(_ pipeline: DocumentPipeline) {
        self.pipeline = pipeline
        let fingerprints = pipeline.fonts.fingerprints().sorted { $0.key < $1.key }
            .map { "\($0.key)=\($0.value)" }.joined(separator: "\n")
        fontsFingerprint = SHA256.hash(data: Data(fingerprints.utf8)).hexString
    }

    /// Runs `body` with exclusive use of the pipeline.
    func withPipeline<T>(_ body: (DocumentPipeline) throws -> T) rethrows -> T {
        try lock.withLock { try body(pipeline) }
    }

    /// A version of the template: SHA-256 (first 16 hex digits) over its sources and partials,
    /// so any edit of the template or an include it uses gives a new version.
    /// - Throws: `TemplateError` when the template does not exist or does not compile.
    func templateVersion(of name: String) throws -> String {
        try withPipeline { pipeline in
            let sources = try pipeline.templates.template(name).sources.sorted { $0.name < $1.name }
            var hasher = SHA256()
            for source in sources {
                hasher.update(data: Data(source.name.utf8))
                hasher.update(data: Data([0]))
                hasher.update(data: Data(source.text.utf8))
                hasher.update(data: Data([0]))
            }
            return String(hasher.finalize().hexString.prefix(16))
        }
    }
}
