public import Foundation
import Glibc

/// The document templates shipped with the engine (`Sources/Templates/BuiltIn/*.doc`).
public enum BuiltInTemplates {
    /// The folder holding them.
    public static var directory: URL? { located }

    private static let located: URL? =
        folderBesideExecutable() ?? Bundle.module.url(forResource: "BuiltIn", withExtension: nil)

    /// `BuiltIn` in the resource folder SwiftPM puts beside the executable that links this module,
    /// where `Bundle.module` looks first, found without `Bundle`: making the main bundle and the
    /// resource bundle was 1.6–2.2 M instructions of a cold render (half a millisecond). Nil when
    /// the executable has no such folder beside it (a copy of the binary elsewhere), and then
    /// `Bundle.module` looks further (its second place is the build folder it was made in).
    static func folderBesideExecutable() -> URL? {
        var path = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &path, path.count - 1)
        guard length > 0 else { return nil }
        let executable = String(decoding: path[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let slash = executable.lastIndex(of: "/") else { return nil }
        let folder = String(executable[..<slash]) + "/DocEngine_Templates.resources/BuiltIn"
        var status = stat()
        guard stat(folder, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else { return nil }
        return URL(fileURLWithPath: folder, isDirectory: true)
    }

    /// Their names, e.g. `invoice`.
    public static var names: [String] {
        guard let directory, let files = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else {
            return []
        }
        return files.filter { $0.hasSuffix(".doc") }.map { String($0.dropLast(4)) }.sorted()
    }

    /// The file of a built-in template, or nil.
    public static func url(named name: String) -> URL? {
        guard let url = directory?.appendingPathComponent(name + ".doc"),
            FileManager.default.fileExists(atPath: url.path)
        else { return nil }
        return url
    }
}
