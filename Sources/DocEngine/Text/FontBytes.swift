import Foundation

/// Font bytes that C libraries borrow for the life of a face.
enum FontBytes {
    case mapped(MappedFile)
    case owned(OwnedBytes)

    var region: (count: Int, base: UnsafeMutableRawPointer) {
        switch self {
        case .mapped(let file): (file.count, file.base)
        case .owned(let bytes): (bytes.count, bytes.base)
        }
    }
}

/// A heap copy of some bytes at a fixed address, freed on deinit.
///
/// `@unchecked Sendable`: written once in `init`, only read afterwards.
final class OwnedBytes: @unchecked Sendable {
    let base: UnsafeMutableRawPointer
    let count: Int

    init(_ bytes: [UInt8]) {
        count = bytes.count
        base = UnsafeMutableRawPointer.allocate(byteCount: max(1, count), alignment: 16)
        bytes.withUnsafeBytes { source in
            if let address = source.baseAddress { base.copyMemory(from: address, byteCount: count) }
        }
    }

    deinit { base.deallocate() }
}

/// A read-only memory mapping of a whole file, unmapped on deinit.
///
/// `@unchecked Sendable`: the mapping is read-only and never changes while it exists.
final class MappedFile: @unchecked Sendable {
    let base: UnsafeMutableRawPointer
    let count: Int

    init(path: String) throws(FontError) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw .unreadable(file: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_size > 0 else { throw .unreadable(file: path, reason: "empty file") }
        count = Int(info.st_size)
        guard let pointer = mmap(nil, count, PROT_READ, MAP_PRIVATE, descriptor, 0), pointer != MAP_FAILED else {
            throw .unreadable(file: path, reason: String(cString: strerror(errno)))
        }
        base = pointer
    }

    deinit { munmap(base, count) }

    /// FNV-1a of the bytes with their count: a stable fingerprint for render records.
    var fingerprint: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        let bytes = UnsafeRawBufferPointer(start: base, count: count)
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return "\(count)-\(String(hash, radix: 16))"
    }
}
