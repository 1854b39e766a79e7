package import Foundation
import Templates

/// The files of a brand folder, read and sorted by role. Anything unexpected is a problem, never
/// silently skipped: a `logo.jpeg` that vanished would print documents without a logo.
package struct BrandFolder {
    /// What a file is for.
    package enum Role: String, CaseIterable {
        case manifest = "brand.json"
        case logo = "logo"
        case stamp = "stamp"
        case signature = "signature"
    }

    /// Every file name a brand may contain, and its role.
    package static let knownFiles: [(name: String, role: Role)] = [
        ("brand.json", .manifest),
        ("logo.png", .logo), ("logo.jpg", .logo), ("logo.svg", .logo),
        ("stamp.png", .stamp), ("stamp.svg", .stamp),
        ("signature.json", .signature), ("signature.png", .signature),
    ]

    /// The largest brand file read, in bytes; checked before reading.
    package static let maximumFileBytes = 20 << 20

    /// Contents of the known files present, by name.
    package private(set) var files: [String: Data] = [:]
    /// One message per problem, each starting with the file's name.
    package private(set) var problems: [String] = []

    /// Lists and reads `url`.
    /// - Parameter url: the brand folder.
    package init(reading url: URL) {
        let manager = FileManager.default
        let names: [String]
        do {
            names = try manager.contentsOfDirectory(atPath: url.path).sorted()
        } catch {
            problems.append("\(url.lastPathComponent): cannot list the brand folder (\(error.localizedDescription))")
            return
        }
        for name in names where !Self.isIgnored(name) {
            read(name, at: url.appendingPathComponent(name), manager: manager)
        }
        checkOnePerRole()
    }

    /// Takes the files of a brand already in memory (an upload, a stored version), with the same
    /// checks as a folder on disk: known names only, sizes, one file per role.
    /// - Parameter files: file name to bytes; README files and `.DS_Store` are ignored.
    package init(files: [String: Data]) {
        for name in files.keys.sorted() where !Self.isIgnored(name) {
            guard Self.knownFiles.contains(where: { $0.name == name }) else {
                problems.append(Self.unexpectedFileMessage(name))
                continue
            }
            guard let data = files[name], data.count <= Self.maximumFileBytes else {
                problems.append("\(name): \(files[name]?.count ?? 0) bytes is more than the \(Self.maximumFileBytes >> 20) MiB limit")
                continue
            }
            self.files[name] = data
        }
        checkOnePerRole()
    }

    /// The present file playing `role`, if exactly one does (duplicates are already a problem).
    package func file(for role: Role) -> (name: String, data: Data)? {
        let present = Self.knownFiles.filter { $0.role == role && files[$0.name] != nil }
        guard present.count == 1, let name = present.first?.name, let data = files[name] else { return nil }
        return (name, data)
    }

    /// Every file read, in name order, for the fingerprint.
    package var allFiles: [(name: String, data: Data)] {
        files.keys.sorted().compactMap { name in files[name].map { (name, $0) } }
    }

    /// README files (any extension) and Finder's `.DS_Store` are notes, not brand content.
    package static func isIgnored(_ name: String) -> Bool {
        name == ".DS_Store" || name.uppercased().hasPrefix("README")
    }

    private mutating func read(_ name: String, at url: URL, manager: FileManager) {
        guard Self.knownFiles.contains(where: { $0.name == name }) else {
            problems.append(Self.unexpectedFileMessage(name))
            return
        }
        // attributesOfItem does not follow a final symbolic link, so a link is seen as one.
        let attributes = (try? manager.attributesOfItem(atPath: url.path)) ?? [:]
        guard attributes[.type] as? FileAttributeType == .typeRegular else {
            problems.append("\(name): not a regular file (brand files must not be folders or symbolic links)")
            return
        }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        guard size <= Self.maximumFileBytes else {
            problems.append("\(name): \(size) bytes is more than the \(Self.maximumFileBytes >> 20) MiB limit")
            return
        }
        guard let data = manager.contents(atPath: url.path) else {
            problems.append("\(name): cannot be read")
            return
        }
        files[name] = data
    }

    private static func unexpectedFileMessage(_ name: String) -> String {
        if let closest = Suggestions.closest(to: name, in: knownFiles.map(\.name)) {
            return "\(name): unexpected file; did you mean \"\(closest)\"?"
        }
        return "\(name): unexpected file; a brand folder holds brand.json, logo.png|jpg|svg, stamp.png|svg, "
            + "signature.json|png and README files"
    }

    /// Two logos (or stamps, or signatures) leave it unclear which one to print.
    private mutating func checkOnePerRole() {
        for role in Role.allCases {
            let present = Self.knownFiles.filter { $0.role == role && files[$0.name] != nil }.map(\.name)
            if present.count > 1 {
                problems.append("\(present.joined(separator: ", ")): more than one \(role.rawValue); keep only one")
            }
        }
    }
}
