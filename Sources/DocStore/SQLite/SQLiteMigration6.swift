import Foundation
import GRDB

/// Schema v6: documents that belong to no order, listed by client, template and issue date with a
/// cursor; number series per contract; brand files as blobs.
///
/// - `documents` is rebuilt (SQLite cannot drop NOT NULL): `order_id` becomes optional, `seq` (an
///   insertion sequence that listings page through) and `issued_on` (the printed `document.date`,
///   read back from each document's stored data) are added, with indexes for the new filters.
/// - `number_series` is keyed by a text `series` (a year, or `contract:<number>` for supplements).
/// - `brand_versions.files` lists each version's files by blob address; the files of versions stored
///   as folders under `DATA/brands/<id>/v<N>/<id>/` are copied into the blob store (the folders stay).
enum SQLiteMigration6 {
    static func migrate(_ db: Database, blobs: FileBlobStore) throws {
        try rebuildDocuments(db, blobs: blobs)
        try rebuildNumberSeries(db)
        try moveBrandFilesToBlobs(db, blobs: blobs)
    }

    private static func rebuildDocuments(_ db: Database, blobs: FileBlobStore) throws {
        try db.execute(
            sql: """
                CREATE TABLE documents_v6 (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    lineage_id TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    supersedes TEXT UNIQUE REFERENCES documents_v6(id),
                    tenant_id TEXT NOT NULL,
                    client_id TEXT,
                    order_id TEXT,
                    doc_type TEXT NOT NULL,
                    template_name TEXT NOT NULL,
                    template_version TEXT NOT NULL,
                    brand_id TEXT,
                    brand_version INTEGER,
                    data_sha256 TEXT NOT NULL,
                    fonts_fingerprint TEXT NOT NULL,
                    engine_version TEXT NOT NULL,
                    pdf_sha256 TEXT NOT NULL,
                    pages INTEGER NOT NULL,
                    number TEXT NOT NULL,
                    file_name TEXT NOT NULL,
                    created_at DATETIME NOT NULL,
                    locale TEXT,
                    issued_on TEXT,
                    UNIQUE (lineage_id, version)
                );
                """)
        // Oldest first, so the new sequence keeps the listing order the rows had.
        let rows = try Row.fetchAll(db, sql: "SELECT * FROM documents ORDER BY created_at, rowid")
        for row in rows {
            let issuedOn = issueDate(dataSHA256: row["data_sha256"], blobs: blobs)
            try db.execute(
                sql: """
                    INSERT INTO documents_v6 (id, lineage_id, version, supersedes, tenant_id, client_id, order_id,
                        doc_type, template_name, template_version, brand_id, brand_version, data_sha256,
                        fonts_fingerprint, engine_version, pdf_sha256, pages, number, file_name, created_at, locale,
                        issued_on)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    row["id"], row["lineage_id"], row["version"], row["supersedes"], row["tenant_id"],
                    row["client_id"], row["order_id"], row["doc_type"], row["template_name"], row["template_version"],
                    row["brand_id"], row["brand_version"], row["data_sha256"], row["fonts_fingerprint"],
                    row["engine_version"], row["pdf_sha256"], row["pages"], row["number"], row["file_name"],
                    row["created_at"], row["locale"], issuedOn,
                ])
        }
        // Foreign keys are off during migrations, so dropping the old table checks nothing; the
        // rename rewrites the self-reference, and idempotency_keys refers to `documents` by name.
        try db.execute(
            sql: """
                DROP TABLE documents;
                ALTER TABLE documents_v6 RENAME TO documents;
                CREATE INDEX documents_by_order ON documents(tenant_id, order_id);
                CREATE INDEX documents_by_template ON documents(template_name, tenant_id);
                CREATE INDEX documents_by_client ON documents(tenant_id, client_id);
                CREATE INDEX documents_by_issue_date ON documents(tenant_id, issued_on);
                -- A stored document is a legal record: a reissue is a new row, never an edit.
                CREATE TRIGGER documents_are_immutable BEFORE UPDATE ON documents
                BEGIN SELECT RAISE(ABORT, 'documents are immutable; reissue a new version'); END;
                CREATE TRIGGER documents_are_never_deleted BEFORE DELETE ON documents
                BEGIN SELECT RAISE(ABORT, 'documents are never deleted'); END;
                """)
    }

    /// `document.date` of a stored document's data, when it reads as `YYYY-MM-DD`.
    static func issueDate(dataSHA256: String, blobs: FileBlobStore) -> String? {
        guard let data = try? blobs.read(dataSHA256, kind: .data),
            let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let document = root["document"] as? [String: Any], let date = document["date"] as? String
        else { return nil }
        return DocumentDraft.issueDay(of: date)
    }

    private static func rebuildNumberSeries(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE number_series_v6 (
                    issuer TEXT NOT NULL,
                    doc_type TEXT NOT NULL,
                    series TEXT NOT NULL,
                    last_value INTEGER NOT NULL,
                    PRIMARY KEY (issuer, doc_type, series)
                );
                INSERT INTO number_series_v6 (issuer, doc_type, series, last_value)
                    SELECT issuer, doc_type, CAST(year AS TEXT), last_value FROM number_series;
                DROP TABLE number_series;
                ALTER TABLE number_series_v6 RENAME TO number_series;
                """)
    }

    private static func moveBrandFilesToBlobs(_ db: Database, blobs: FileBlobStore) throws {
        try db.execute(sql: "ALTER TABLE brand_versions ADD COLUMN files TEXT")
        let legacyRoot = blobs.directory.appendingPathComponent("brands", isDirectory: true)
        for row in try Row.fetchAll(db, sql: "SELECT brand_id, version FROM brand_versions") {
            let id: String = row["brand_id"]
            let version: Int = row["version"]
            let folder = legacyRoot.appendingPathComponent(id).appendingPathComponent("v\(version)")
                .appendingPathComponent(id)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            var files: [String: String] = [:]
            for name in names.sorted() where !name.hasPrefix(".") {
                guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else {
                    throw StorageError.file(path: folder.appendingPathComponent(name).path, reason: "cannot be read")
                }
                files[name] = try blobs.write(data, kind: .brandFile)
            }
            guard files["brand.json"] != nil else {
                throw StorageError.file(
                    path: folder.path, reason: "brand \(id) version \(version) has no brand.json to move into the blob store")
            }
            try db.execute(
                sql: "UPDATE brand_versions SET files = ? WHERE brand_id = ? AND version = ?",
                arguments: [try SQLiteBrandStore.encode(files), id, version])
        }
    }
}
