import PostgresNIO

/// Which blobs the records in PostgreSQL still name: what a sweep of object storage must keep.
struct PostgresBlobReferences: Sendable {
    let database: PostgresDatabase

    /// The hashes among `hashes` that some record names as a blob of `kind`.
    /// - Throws: `StorageError.database`.
    func referenced(_ hashes: [String], kind: BlobKind) async throws(StorageError) -> Set<String> {
        guard !hashes.isEmpty else { return [] }
        let query: PostgresQuery =
            switch kind {
            // A spreadsheet's address is in `pdf_sha256` too (the column is older than spreadsheets).
            case .pdf, .spreadsheet: "SELECT DISTINCT pdf_sha256 FROM documents WHERE pdf_sha256 = ANY(\(hashes))"
            case .data: "SELECT DISTINCT data_sha256 FROM documents WHERE data_sha256 = ANY(\(hashes))"
            case .brandFile:
                // Files of a studio draft are kept like those of a version.
                """
                SELECT f.value FROM brand_versions, jsonb_each_text(files) f WHERE f.value = ANY(\(hashes))
                UNION SELECT f.value FROM brand_drafts, jsonb_each_text(files) f WHERE f.value = ANY(\(hashes))
                """
            }
        var found: Set<String> = []
        for row in try await database.rows(query) {
            do {
                found.insert(try row.decode(String.self))
            } catch {
                throw PostgresDatabase.storageError(error)
            }
        }
        return found
    }
}
