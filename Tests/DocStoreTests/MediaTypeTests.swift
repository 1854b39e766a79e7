import DocTestSupport
import Foundation
import GRDB
import Testing

@testable import DocStore

/// Documents know what their file is (v9): every document stored before is a PDF; a spreadsheet
/// keeps its media type and its blob lives as `.xlsx` beside the PDFs.
@Suite struct MediaTypeTests {
    @Test func documentsStoredBeforeV9AreReadAsPDFs() async throws {
        let directory = try makeTemporaryDirectory()
        let pool = try DatabasePool(path: directory.appendingPathComponent(SQLiteDatabase.fileName).path)
        try SQLiteDatabase.migrator(directory: directory).migrate(pool, upTo: "v6-orderless-documents-brand-blobs")
        try await pool.write { db in
            try db.execute(sql: "INSERT INTO tenants (id, name, created_at) VALUES ('alatoo', 'Ала-Тоо', ?)", arguments: [Date()])
            try db.execute(
                sql: """
                    INSERT INTO documents (id, lineage_id, version, tenant_id, order_id, doc_type, template_name,
                        template_version, data_sha256, fonts_fingerprint, engine_version, pdf_sha256, pages, number,
                        file_name, created_at, locale, issued_on)
                    VALUES ('doc-1', 'doc-1', 1, 'alatoo', 'ORD-1', 'invoice', 'invoice', '1', ?, 'f', '0.7.0', ?, 1,
                        'СЧ-2026-000001', 'x.pdf', ?, 'ru', '2026-11-22')
                    """,
                arguments: [String(repeating: "d", count: 64), String(repeating: "a", count: 64), Date()])
        }
        try pool.close()
        let store = try SQLiteStore(directory: directory)
        let document = try await store.documents.document(id: "doc-1")
        #expect(document.mediaType == "application/pdf" && document.blobKind == .pdf)
    }

    @Test func aSpreadsheetKeepsItsMediaTypeAndItsBlobIsAnXLSXFile() async throws {
        let directory = try makeTemporaryDirectory()
        let store = try SQLiteStore(directory: directory)
        let bytes = Data("PK\u{3}\u{4} a workbook".utf8)
        let xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        let created = try await store.documents.create(
            DocumentDraft(
                tenantID: "alatoo", clientID: "shop-1", orderID: nil, docType: "order-register", templateName: "order-register",
                templateVersion: "1", dataSHA256: String(repeating: "d", count: 64), fontsFingerprint: "f", engineVersion: "test",
                number: "РЗ-2026-000001")
        ) { _ in
            RenderedDocument(pdfSHA256: try store.blobs.write(bytes, kind: .spreadsheet), pages: 1, fileName: "r.xlsx", mediaType: xlsx)
        }
        let stored = try await store.documents.document(id: created.document.id)
        #expect(stored.mediaType == xlsx && stored.blobKind == .spreadsheet)
        #expect(try await store.blobs.read(stored.pdfSha256, kind: stored.blobKind) == bytes)
        let path = FileBlobStore(directory: directory).url(forSHA256: stored.pdfSha256, kind: .spreadsheet).path
        #expect(path.hasSuffix(".xlsx") && path.contains("/files/"))
        #expect(!store.blobs.exists(stored.pdfSha256, kind: .pdf), "a spreadsheet is not a PDF")
    }
}
