import Foundation
import PostgresNIO

/// `BlobStore` in an S3-compatible bucket: `PREFIX/files/ab/cd/<sha256>.pdf`,
/// `PREFIX/data/ab/cd/<sha256>.json`, `PREFIX/brand-files/ab/cd/<sha256>` (the data folder's former
/// layout: a bucket has no folders to create, so the keys kept their two levels).
///
/// An object is written before the row that names it: a render's blobs are uploaded inside the
/// document's transaction just before its row (see `TransactionalBlobStore`), so a crash or a
/// failed transaction leaves at worst an object nobody names, which `sweep` removes once it is
/// older than any transaction could be. A write always uploads, even bytes that may be stored
/// already: that refreshes the object's date, so a sweep never takes an object a new row is about to name.
struct S3BlobStore: TransactionalBlobStore {
    let client: S3Client

    init(location: S3Location) {
        client = S3Client(location: location)
    }

    /// The object key of a blob.
    func key(_ sha256: String, kind: BlobKind) -> String {
        let (folder, fileExtension) = FileBlobStore.layout(of: kind)
        let characters = Array(sha256)
        let path = "\(folder)/\(String(characters.prefix(2)))/\(String(characters.dropFirst(2).prefix(2)))/\(sha256)\(fileExtension)"
        return client.location.prefix.isEmpty ? path : "\(client.location.prefix)/\(path)"
    }

    @discardableResult
    func write(_ data: Data, kind: BlobKind) throws(StorageError) -> String {
        if let staging = BlobStaging.current { return staging.stage(data, kind: kind) }
        let store = self
        return try waitBlocking { () throws(StorageError) in try await store.write(data, kind: kind) }
    }

    @discardableResult
    func write(_ data: Data, kind: BlobKind) async throws(StorageError) -> String {
        let sha256 = blobAddress(of: data)
        try await client.put(data, key: key(sha256, kind: kind), sha256: sha256)
        return sha256
    }

    func read(_ sha256: String, kind: BlobKind) throws(StorageError) -> Data {
        let store = self
        return try waitBlocking { () throws(StorageError) in try await store.read(sha256, kind: kind) }
    }

    func read(_ sha256: String, kind: BlobKind) async throws(StorageError) -> Data {
        try FileBlobStore.validate(sha256)
        let data = try await client.get(key(sha256, kind: kind))
        // The bucket is outside the database's guarantees: what comes back must be what was stored.
        guard blobAddress(of: data) == sha256 else {
            throw .file(path: key(sha256, kind: kind), reason: "the object's bytes no longer hash to its name")
        }
        return data
    }

    func exists(_ sha256: String, kind: BlobKind) -> Bool {
        guard SHA256Hex.isValid(sha256) else { return false }
        let (client, key) = (self.client, key(sha256, kind: kind))
        return (try? waitBlocking { () throws(StorageError) in try await client.exists(key) }) ?? false
    }

    func contains(_ sha256: String, kind: BlobKind) async throws(StorageError) -> Bool {
        guard SHA256Hex.isValid(sha256) else { return false }
        return try await client.exists(key(sha256, kind: kind))
    }

    /// Nothing local to remove; unreferenced objects are `sweep`'s.
    func removeLeftovers() -> Int { 0 }

    func persist(_ staging: BlobStaging, in transaction: PostgresQuerier) async throws(StorageError) {
        for blob in staging.blobs {
            try await client.put(blob.data, key: key(blob.sha256, kind: blob.kind), sha256: blob.sha256)
        }
    }

    func sweep(minimumAge: Duration, references: PostgresBlobReferences) async throws(StorageError) -> Int {
        let cutoff = Date().addingTimeInterval(-minimumAge.seconds)
        var removed = 0
        for kind in BlobKind.allCases {
            let (folder, fileExtension) = FileBlobStore.layout(of: kind)
            let prefix = client.location.prefix.isEmpty ? "\(folder)/" : "\(client.location.prefix)/\(folder)/"
            var token: String?
            repeat {
                let page = try await client.list(prefix: prefix, after: token)
                token = page.next
                var old: [String: String] = [:]  // sha256 → key
                for object in page.objects where object.lastModified < cutoff {
                    let name = object.key.split(separator: "/").last.map(String.init) ?? ""
                    let sha256 = String(name.prefix(64))
                    // PDFs and spreadsheets share a folder: each kind takes only its own objects.
                    if SHA256Hex.isValid(sha256), name == sha256 + fileExtension { old[sha256] = object.key }
                }
                let kept = try await references.referenced(Array(old.keys), kind: kind)
                for (sha256, key) in old where !kept.contains(sha256) {
                    // A write refreshes the object's date: one written again since the listing is
                    // about to be named by a new row.
                    if let fresh = try await client.list(prefix: key, after: nil).objects.first(where: { $0.key == key }),
                        fresh.lastModified >= cutoff
                    {
                        continue
                    }
                    try await client.delete(key)
                    removed += 1
                }
            } while token != nil
        }
        return removed
    }
}

extension Duration {
    /// The duration in seconds, with its fraction.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
