import Foundation
import GRDB

extension SQLiteDatabase {
    /// The schema's history. Never edit a shipped migration: add a new one.
    /// - Parameter directory: the data folder, whose files some migrations move into the blob store.
    static func migrator(directory: URL) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-tenants-keys-brands-templates", migrate: createTenantsKeysBrandsTemplates)
        migrator.registerMigration("v2-documents-numbering", migrate: createDocumentsAndNumbering)
        migrator.registerMigration("v3-batches", migrate: createBatches)
        migrator.registerMigration("v4-render-records-batch-kinds", migrate: addRenderRecordsAndBatchKinds)
        migrator.registerMigration("v5-template-origins", migrate: addTemplateOrigins)
        migrator.registerMigration("v6-orderless-documents-brand-blobs") { db in
            try SQLiteMigration6.migrate(db, blobs: FileBlobStore(directory: directory))
        }
        migrator.registerMigration("v7-trust", migrate: SQLiteMigration7.migrate)
        migrator.registerMigration("v8-studio", migrate: SQLiteMigration8.migrate)
        migrator.registerMigration("v9-statements", migrate: addMediaTypes)
        return migrator
    }

    private static func createTenantsKeysBrandsTemplates(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE tenants (
                    id TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    created_at DATETIME NOT NULL
                );
                CREATE TABLE api_keys (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    token_sha256 TEXT NOT NULL UNIQUE,
                    role TEXT NOT NULL CHECK (role IN ('platform', 'reseller', 'client')),
                    tenant_id TEXT NOT NULL REFERENCES tenants(id),
                    client_id TEXT,
                    created_at DATETIME NOT NULL,
                    revoked_at DATETIME
                );
                CREATE TABLE brands (
                    id TEXT PRIMARY KEY NOT NULL,
                    tenant_id TEXT NOT NULL REFERENCES tenants(id),
                    created_at DATETIME NOT NULL
                );
                CREATE TABLE brand_versions (
                    brand_id TEXT NOT NULL REFERENCES brands(id),
                    version INTEGER NOT NULL,
                    brand_json TEXT NOT NULL,
                    sha256 TEXT NOT NULL,
                    created_at DATETIME NOT NULL,
                    PRIMARY KEY (brand_id, version)
                );
                CREATE TABLE templates (
                    name TEXT PRIMARY KEY NOT NULL,
                    tenant_id TEXT REFERENCES tenants(id),
                    created_at DATETIME NOT NULL
                );
                CREATE TABLE template_versions (
                    template_name TEXT NOT NULL REFERENCES templates(name),
                    version INTEGER NOT NULL,
                    source TEXT NOT NULL,
                    sha256 TEXT NOT NULL,
                    created_at DATETIME NOT NULL,
                    PRIMARY KEY (template_name, version)
                );
                """)
    }

    private static func createDocumentsAndNumbering(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE documents (
                    id TEXT PRIMARY KEY NOT NULL,
                    lineage_id TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    supersedes TEXT UNIQUE REFERENCES documents(id),
                    tenant_id TEXT NOT NULL,
                    client_id TEXT,
                    order_id TEXT NOT NULL,
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
                    UNIQUE (lineage_id, version)
                );
                CREATE INDEX documents_by_order ON documents(tenant_id, order_id);
                -- A stored document is a legal record: a reissue is a new row, never an edit.
                CREATE TRIGGER documents_are_immutable BEFORE UPDATE ON documents
                BEGIN SELECT RAISE(ABORT, 'documents are immutable; reissue a new version'); END;
                CREATE TRIGGER documents_are_never_deleted BEFORE DELETE ON documents
                BEGIN SELECT RAISE(ABORT, 'documents are never deleted'); END;

                CREATE TABLE idempotency_keys (
                    tenant_id TEXT NOT NULL,
                    key TEXT NOT NULL,
                    request_sha256 TEXT NOT NULL,
                    document_id TEXT NOT NULL REFERENCES documents(id),
                    created_at DATETIME NOT NULL,
                    PRIMARY KEY (tenant_id, key)
                );
                CREATE TABLE number_series (
                    issuer TEXT NOT NULL,
                    doc_type TEXT NOT NULL,
                    year INTEGER NOT NULL,
                    last_value INTEGER NOT NULL,
                    PRIMARY KEY (issuer, doc_type, year)
                );
                """)
    }

    private static func createBatches(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE batches (
                    id TEXT PRIMARY KEY NOT NULL,
                    tenant_id TEXT NOT NULL,
                    client_id TEXT,
                    status TEXT NOT NULL CHECK (status IN ('running', 'cancelled')),
                    total INTEGER NOT NULL,
                    created_at DATETIME NOT NULL
                );
                CREATE TABLE batch_items (
                    batch_id TEXT NOT NULL REFERENCES batches(id),
                    position INTEGER NOT NULL,
                    item_key TEXT NOT NULL,
                    payload TEXT NOT NULL,
                    status TEXT NOT NULL
                        CHECK (status IN ('pending', 'claimed', 'done', 'unchanged', 'failed')),
                    attempts INTEGER NOT NULL DEFAULT 0,
                    error TEXT,
                    document_id TEXT,
                    updated_at DATETIME NOT NULL,
                    PRIMARY KEY (batch_id, position)
                );
                CREATE INDEX batch_items_by_status ON batch_items(batch_id, status, position);
                """)
    }

    /// What a re-render needs besides the data (its language), and batch jobs that say what they re-render.
    private static func addRenderRecordsAndBatchKinds(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE documents ADD COLUMN locale TEXT;
                CREATE INDEX documents_by_template ON documents(template_name, tenant_id);
                ALTER TABLE batches ADD COLUMN template_name TEXT;
                ALTER TABLE batches ADD COLUMN dry_run INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE batch_items ADD COLUMN changed_pages TEXT;
                """)
    }

    /// Documents that are spreadsheets (a register's table export) beside PDFs: each record says
    /// what its file is. Every earlier document is a PDF.
    private static func addMediaTypes(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE documents ADD COLUMN media_type TEXT NOT NULL DEFAULT 'application/pdf'")
    }

    /// Where each template version came from, so a changed built-in template can replace a
    /// built-in version but never one a platform user published. Version 1 was always built in.
    private static func addTemplateOrigins(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE template_versions ADD COLUMN origin TEXT NOT NULL DEFAULT 'published';
                UPDATE template_versions SET origin = 'built-in' WHERE version = 1;
                """)
    }
}
