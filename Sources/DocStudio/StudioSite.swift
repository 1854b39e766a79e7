package import Foundation

/// The studio's page: plain HTML, CSS and JavaScript shipped as this target's resources (no build
/// step, no CDN; works offline), served by `docengine serve` at `/studio/`.
package enum StudioSite {
    /// One file of the site.
    package struct File: Sendable {
        package var data: Data
        package var contentType: String
    }

    /// The files, read once from the resource bundle, by name.
    package static let files: [String: File] = {
        guard let folder = Bundle.module.url(forResource: "Site", withExtension: nil),
            let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path)
        else { return [:] }
        var files: [String: File] = [:]
        for name in names where !name.hasPrefix(".") {
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else { continue }
            files[name] = File(data: data, contentType: contentType(of: name))
        }
        return files
    }()

    /// The file called `name` (`index.html`, `studio.js`, …), or nil.
    package static func file(named name: String) -> File? {
        files[name]
    }

    private static func contentType(of name: String) -> String {
        switch URL(fileURLWithPath: name).pathExtension {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        default: "application/octet-stream"
        }
    }
}
