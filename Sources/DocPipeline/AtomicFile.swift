package import Foundation

/// Writes a file so that it either appears whole or not at all: a temporary file in the same
/// folder, flushed to disk, then renamed over the target.
package enum AtomicFile {
    package static func write(_ data: Data, to url: URL) throws {
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw PipelineError.cannotWrite(path: directory.path, reason: "cannot create a file there")
        }
        do {
            let handle = try FileHandle(forWritingTo: temporary)
            defer { try? handle.close() }
            try handle.write(contentsOf: data)
            try handle.synchronize()
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw PipelineError.cannotWrite(path: url.path, reason: error.localizedDescription)
        }
        guard rename(temporary.path, url.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw PipelineError.cannotWrite(path: url.path, reason: String(cString: strerror(errno)))
        }
    }
}
