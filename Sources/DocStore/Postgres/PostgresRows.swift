import Foundation
import PostgresNIO

// How the store's plain records are read from PostgreSQL rows: the same column names as on SQLite.

extension DocumentRecord {
    /// Every column of `documents`, in the order `init(postgres:)` reads them.
    static let postgresColumns = """
        seq, id, lineage_id, version, supersedes, tenant_id, client_id, order_id, doc_type, template_name,
        template_version, brand_id, brand_version, data_sha256, fonts_fingerprint, engine_version, pdf_sha256, pages,
        number, file_name, created_at, locale, issued_on, media_type
        """

    /// Reads a row selected with `postgresColumns`.
    /// - Throws: `StorageError.database` when a column does not decode.
    init(postgres row: PostgresRow) throws(StorageError) {
        do {
            let r = row.makeRandomAccess()
            self.init(
                id: try r.value("id"), lineageId: try r.value("lineage_id"), version: try r.value("version"),
                supersedes: try r.value("supersedes"), tenantId: try r.value("tenant_id"), clientId: try r.value("client_id"),
                orderId: try r.value("order_id"), docType: try r.value("doc_type"),
                templateName: try r.value("template_name"), templateVersion: try r.value("template_version"),
                brandId: try r.value("brand_id"), brandVersion: try r.value("brand_version"),
                dataSha256: try r.value("data_sha256"), fontsFingerprint: try r.value("fonts_fingerprint"),
                engineVersion: try r.value("engine_version"), pdfSha256: try r.value("pdf_sha256"),
                pages: try r.value("pages"), number: try r.value("number"), fileName: try r.value("file_name"),
                createdAt: try r.value("created_at"), locale: try r.value("locale"), issuedOn: try r.value("issued_on"),
                sequence: try r.value("seq", as: Int64.self), mediaType: try r.value("media_type"))
        } catch {
            throw PostgresDatabase.storageError(error)
        }
    }
}

extension BatchItem {
    /// The columns of `batch_items` a `BatchItem` has.
    static let postgresColumns = """
        batch_id, position, item_key, payload, status, attempts, error, document_id, updated_at, changed_pages
        """

    /// Reads a row selected with `postgresColumns`.
    /// - Throws: `StorageError.database` when a column does not decode.
    init(postgres row: PostgresRow) throws(StorageError) {
        do {
            let r = row.makeRandomAccess()
            let status: String = try r.value("status")
            guard let known = Status(rawValue: status) else { throw StorageError.database("batch item with status `\(status)`") }
            self.init(
                batchId: try r.value("batch_id"), position: try r.value("position"), itemKey: try r.value("item_key"),
                payload: try r.value("payload"), status: known, attempts: try r.value("attempts"),
                error: try r.value("error"), documentId: try r.value("document_id"), updatedAt: try r.value("updated_at"),
                changedPages: try r.value("changed_pages"))
        } catch {
            throw PostgresDatabase.storageError(error)
        }
    }
}

/// Runs queries on an open transaction's connection, or on the pool when there is none.
struct PostgresQuerier: Sendable {
    let database: PostgresDatabase
    /// `@unchecked Sendable` box: a connection is only used by the task that leased it.
    let connection: UncheckedBox<PostgresConnection>?

    init(_ database: PostgresDatabase, _ connection: PostgresConnection? = nil) {
        self.database = database
        self.connection = connection.map(UncheckedBox.init)
    }

    /// Every row of `query`.
    /// - Throws: `StorageError.database`.
    func rows(_ query: PostgresQuery) async throws(StorageError) -> [PostgresRow] {
        do {
            return try await rawRows(query)
        } catch {
            throw PostgresDatabase.storageError(error)
        }
    }

    /// `rows`, its errors as postgres-nio threw them: for a caller that tells constraint
    /// violations apart (`PostgresDatabase.isUniqueViolation`).
    func rawRows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        guard let connection else { return try await database.client.query(query, logger: database.logger).collect() }
        return try await connection.value.query(query, logger: database.logger).collect()
    }
}
