import CBuildIdentity
import Crypto
public import Foundation
import Glibc

/// Template files already lexed, parsed and checked, kept on disk so that the next process takes
/// the tree instead of building it again: a new `docengine render` spends a quarter of its main
/// thread compiling the invoice and its fifteen partials, and the same files come back every time.
///
/// An entry is found by a digest of the build that wrote it (its GNU build ID), the file's name and
/// its whole text; so an edited file, a renamed one or a new build of the engine simply misses, and
/// nothing is ever invalidated by hand. Only files that compiled without a single diagnostic are
/// kept, so a tree from the cache stands for exactly what compiling would give. Each entry carries a
/// digest of its bytes, checked before reading: a torn or damaged entry is a miss and is rewritten.
/// The label and schema checks, which read other files, still run on every compilation.
///
/// Failing to read or write the cache never fails a render: it is only ever slower.
public final class ParsedTemplateCache: Sendable {
    /// The folder the entries are kept in.
    public let directory: URL
    private let directoryPath: String
    private let codeIdentity: [UInt8]

    /// Entries start with these bytes; the number at the end is the entry format's version.
    static let magic: [UInt8] = Array("DocAST\u{0}\u{1}".utf8)

    /// A cache in `directory` for this build of the engine; nil when the build carries no build ID
    /// to tell its entries from another build's, or when the folder is not the user's alone.
    public convenience init?(directory: URL) {
        var identity = [UInt8](repeating: 0, count: 64)
        let length = docengine_build_id(&identity, identity.count)
        guard length > 0, Self.isPrivateFolder(directory) else { return nil }
        self.init(directory: directory, codeIdentity: Array(identity.prefix(length)))
    }

    /// Makes the folder (0700) when it is missing, then whether it is a real folder owned by this
    /// user that no one else may write to. An entry's digest guards against damage, not against a
    /// forger: whoever can write the folder could plant a tree for a known template text.
    static func isPrivateFolder(_ directory: URL) -> Bool {
        _ = try? FileManager.default.createDirectory(
            at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        var status = stat()
        guard lstat(directory.path, &status) == 0 else { return false }
        return (status.st_mode & S_IFMT) == S_IFDIR && status.st_uid == geteuid() && (status.st_mode & 0o022) == 0
    }

    /// A cache whose entries are told apart by `codeIdentity` instead of the build ID.
    init(directory: URL, codeIdentity: [UInt8]) {
        self.directory = directory
        self.directoryPath = directory.path
        self.codeIdentity = codeIdentity
    }

    /// The command line's cache: `$DOCENGINE_CACHE` when it names a folder, none when it is `off`,
    /// else `docengine/parsed-templates` in `$XDG_CACHE_HOME` or `~/.cache`.
    /// - Parameter environment: The process environment.
    public static func forCommandLine(environment: [String: String] = ProcessInfo.processInfo.environment) -> ParsedTemplateCache? {
        let base: URL
        if let setting = environment["DOCENGINE_CACHE"], !setting.isEmpty {
            guard setting != "off" else { return nil }
            base = URL(fileURLWithPath: setting, isDirectory: true)
        } else if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            base = URL(fileURLWithPath: xdg, isDirectory: true).appendingPathComponent("docengine", isDirectory: true)
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            base = URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(".cache/docengine", isDirectory: true)
        } else {
            return nil
        }
        return ParsedTemplateCache(directory: base.appendingPathComponent("parsed-templates", isDirectory: true))
    }

    /// The tree compiling `source` gives, when an entry holds it.
    func tree(for source: Source) -> TemplateAST? {
        guard let bytes = Self.read(entryPath(for: source)) else { return nil }
        let header = Self.magic.count + SHA256.byteCount
        guard bytes.count >= header, bytes.starts(with: Self.magic) else { return nil }
        let payload = Array(bytes[header...])
        guard SHA256.hash(data: payload).elementsEqual(bytes[Self.magic.count..<header]) else { return nil }
        return ASTArchive.decode(payload, source: source.id)
    }

    /// Keeps the tree compiling `source` gave; call only for a file that compiled without a
    /// diagnostic. Written to a temporary file and renamed, so a reader sees all of it or none.
    func store(_ ast: TemplateAST, for source: Source) {
        guard ast.source == source.id, let payload = ASTArchive.encode(ast) else { return }
        let entry = Self.magic + Array(SHA256.hash(data: payload)) + payload
        let path = entryPath(for: source)
        if !Self.write(entry, to: path), errno == ENOENT {
            // The first entry: make the folder (private to the user), then try once more.
            guard (try? FileManager.default.createDirectory(
                at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])) != nil
            else { return }
            _ = Self.write(entry, to: path)
        }
        // Any other failure (a read-only home, a full disk): the next process compiles the file again.
    }

    /// Writes `bytes` to a new temporary file beside `path` and renames it over `path`. Not
    /// flushed to disk: an entry torn by a crash fails its digest and is written again, and
    /// `Data.write(options: .atomic)` spent an fsync on each of a template's sixteen files.
    private static func write(_ bytes: [UInt8], to path: String) -> Bool {
        let temporary = path + ".\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let file = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard file >= 0 else { return false }
        let written = bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = Glibc.write(file, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { return false }
                offset += count
            }
            return true
        }
        close(file)
        guard written, rename(temporary, path) == 0 else {
            unlink(temporary)
            return false
        }
        return true
    }

    /// The entry's file: the hexadecimal digest of the build, the file's name and its text.
    /// Built from bytes, not `URL`s and `String(radix:)`: a render asks for sixteen of them.
    private func entryPath(for source: Source) -> String {
        var hasher = SHA256()
        hasher.update(data: codeIdentity)
        hasher.update(data: [0] + Array(source.name.utf8) + [0])
        var text = source.text
        text.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        let digits = Array("0123456789abcdef".utf8)
        var name: [UInt8] = []
        name.reserveCapacity(2 * SHA256.byteCount + 4)
        for byte in hasher.finalize() {
            name.append(digits[Int(byte >> 4)])
            name.append(digits[Int(byte & 0x0F)])
        }
        name += Array(".ast".utf8)
        return directoryPath + "/" + String(decoding: name, as: UTF8.self)
    }

    /// The whole file at `path`, or nil when it cannot be read.
    private static func read(_ path: String) -> [UInt8]? {
        let file = open(path, O_RDONLY | O_CLOEXEC)
        guard file >= 0 else { return nil }
        defer { close(file) }
        var status = stat()
        guard fstat(file, &status) == 0, status.st_size >= 0 else { return nil }
        let size = Int(status.st_size)
        var bytes = [UInt8](repeating: 0, count: size)
        let complete = bytes.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < size {
                let count = Glibc.read(file, buffer.baseAddress! + offset, size - offset)
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { return false }
                offset += count
            }
            return true
        }
        return complete ? bytes : nil
    }
}
