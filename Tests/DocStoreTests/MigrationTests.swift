import DocTestSupport
import Foundation
import GRDB
import Testing

@testable import DocStore

/// An installation of the previous schema (v5) opens under v6 with nothing lost: its documents
/// keep their ids, numbers and order, learn their issue dates; its series continue; its brand
/// folders become blobs.
@Suite struct MigrationTests {
    @Test func aVersion5InstallationMovesUpWithNothingLost() async throws {
        let directory = try makeTemporaryDirectory()
        let blobs = FileBlobStore(directory: directory)
        let data = Data(#"{"document": {"number": "СЧ-2026-000007", "date": "2026-11-22"}}"#.utf8)
        let dataSHA = try await blobs.write(data, kind: .data)
        let brandJSON = Data(#"{"id": "alatoo"}"#.utf8)
        let legacy = directory.appendingPathComponent("brands/alatoo/v1/alatoo")
        try FileManager.default.createDirectory(at: legacy, withIntermediateDirectories: true)
        try brandJSON.write(to: legacy.appendingPathComponent("brand.json"))
        try Data("<svg/>".utf8).write(to: legacy.appendingPathComponent("logo.svg"))

        let pool = try DatabasePool(path: directory.appendingPathComponent(SQLiteDatabase.fileName).path)
        try SQLiteDatabase.migrator(directory: directory).migrate(pool, upTo: "v5-template-origins")
        let created = Date(timeIntervalSince1970: 1_795_000_000)
        try await pool.write { db in
            try db.execute(sql: "INSERT INTO tenants (id, name, created_at) VALUES ('alatoo', 'Ала-Тоо', ?)", arguments: [created])
            for (index, id) in ["doc-b", "doc-a"].enumerated() {
                try db.execute(
                    sql: """
                        INSERT INTO documents (id, lineage_id, version, tenant_id, order_id, doc_type, template_name,
                            template_version, data_sha256, fonts_fingerprint, engine_version, pdf_sha256, pages, number,
                            file_name, created_at, locale)
                        VALUES (?, ?, 1, 'alatoo', 'ORD-1', 'invoice', 'invoice', '1', ?, 'f', '0.7.0', ?, 1, ?, 'x.pdf', ?, 'ru')
                        """,
                    arguments: [
                        id, id, dataSHA, String(repeating: "a", count: 64), "СЧ-2026-00000\(7 + index)",
                        created.addingTimeInterval(Double(index)),
                    ])
            }
            try db.execute(
                sql: "INSERT INTO number_series (issuer, doc_type, year, last_value) VALUES ('alatoo', 'invoice', 2026, 8)")
            try db.execute(sql: "INSERT INTO brands (id, tenant_id, created_at) VALUES ('alatoo', 'alatoo', ?)", arguments: [created])
            try db.execute(
                sql: """
                    INSERT INTO brand_versions (brand_id, version, brand_json, sha256, created_at)
                    VALUES ('alatoo', 1, '{"id": "alatoo"}', 'sha256:0123', ?)
                    """,
                arguments: [created])
        }
        try pool.close()

        let store = try SQLiteStore(directory: directory)
        let owner = Principal(tenantID: "alatoo", role: .reseller)
        let listed = try await store.documents.documents(matching: DocumentQuery(), visibleTo: owner).documents
        #expect(listed.map(\.id) == ["doc-b", "doc-a"], "the listing keeps the order the documents were issued in")
        #expect(listed.map(\.issuedOn) == ["2026-11-22", "2026-11-22"], "issue dates are read from the stored data")
        #expect(listed.map(\.orderId) == ["ORD-1", "ORD-1"])
        #expect(Set(listed.compactMap(\.sequence)).count == 2)

        let rule = NumberingRule(issuer: "alatoo", docType: "invoice", year: 2026, prefix: "СЧ")
        let next = try await store.documents.create(
            DocumentDraft(
                tenantID: "alatoo", orderID: nil, docType: "invoice", templateName: "invoice", templateVersion: "1",
                dataSHA256: dataSHA, fontsFingerprint: "f", engineVersion: "test"),
            numbering: rule
        ) { number in RenderedDocument(pdfSHA256: String(repeating: "b", count: 64), pages: 1, fileName: "\(number).pdf") }
        #expect(next.document.number == "СЧ-2026-000009", "the series continues where it stood")

        let brand = try #require(try await store.brands.version("alatoo", 1))
        #expect(Set(brand.files.keys) == ["brand.json", "logo.svg"])
        #expect(try await store.blobs.read(try #require(brand.files["brand.json"]), kind: .brandFile) == brandJSON)

        await #expect(throws: (any Error).self) {
            try await store.database.pool.write { db in try db.execute(sql: "DELETE FROM documents") }
        }
    }

    /// Issue 11's migration (v7-trust): an installation where two tenants had documents for one
    /// order, a number was stored twice and two brands shared a prefix keeps everything, and from
    /// then on the order is its first tenant's, the number the oldest document's, the prefix the
    /// older brand's.
    @Test func aVersion6InstallationLearnsOwnersNumbersAndIdentities() async throws {
        let directory = try makeTemporaryDirectory()
        let pool = try DatabasePool(path: directory.appendingPathComponent(SQLiteDatabase.fileName).path)
        try SQLiteDatabase.migrator(directory: directory).migrate(pool, upTo: "v6-orderless-documents-brand-blobs")
        let created = Date(timeIntervalSince1970: 1_795_000_000)
        try await pool.write { db in
            for tenant in ["alatoo", "silkway"] {
                try db.execute(sql: "INSERT INTO tenants (id, name, created_at) VALUES (?, ?, ?)", arguments: [tenant, tenant, created])
            }
            for (index, (id, tenant)) in [("doc-1", "alatoo"), ("doc-2", "silkway"), ("doc-3", "alatoo")].enumerated() {
                try db.execute(
                    sql: """
                        INSERT INTO documents (id, lineage_id, version, tenant_id, order_id, doc_type, template_name,
                            template_version, brand_id, data_sha256, fonts_fingerprint, engine_version, pdf_sha256, pages,
                            number, file_name, created_at, locale, issued_on)
                        VALUES (?, ?, 1, ?, 'ORD-1', 'invoice', 'invoice', '1', ?, ?, 'f', '0.7.0', ?, 1, ?, 'x.pdf', ?, 'ru',
                            '2026-11-22')
                        """,
                    arguments: [
                        id, id, tenant, tenant, String(repeating: "c", count: 64), String(repeating: "a", count: 64),
                        tenant == "alatoo" ? "АТЛ-СЧ-2026-000001" : "SWC-СЧ-2026-000001", created.addingTimeInterval(Double(index)),
                    ])
            }
            for (index, brand) in ["alatoo", "silkway"].enumerated() {
                let at = created.addingTimeInterval(Double(index))
                try db.execute(sql: "INSERT INTO brands (id, tenant_id, created_at) VALUES (?, ?, ?)", arguments: [brand, brand, at])
                try db.execute(
                    sql: """
                        INSERT INTO brand_versions (brand_id, version, brand_json, sha256, files, created_at)
                        VALUES (?, 1, ?, 'sha256:0123', '{}', ?)
                        """,
                    arguments: [brand, #"{"id": "\#(brand)", "numberPrefix": "АТЛ-", "legal": {"country": "KG", "inn": "1\#(index)"}}"#, at])
            }
        }
        try pool.close()

        let store = try SQLiteStore(directory: directory)
        #expect(try await store.documents.owner(ofOrder: "ORD-1") == "alatoo", "the tenant of the oldest document")
        let rule = NumberingRule(issuer: "alatoo", docType: "invoice", year: 2026, prefix: "АТЛ-СЧ")
        let draft = DocumentDraft(
            tenantID: "alatoo", orderID: nil, docType: "invoice", templateName: "invoice", templateVersion: "1",
            brandID: "alatoo", dataSHA256: String(repeating: "c", count: 64), fontsFingerprint: "f", engineVersion: "test",
            number: "АТЛ-СЧ-2026-000001")
        let render: @Sendable (String) throws -> RenderedDocument = { number in
            RenderedDocument(pdfSHA256: String(repeating: "b", count: 64), pages: 1, fileName: "\(number).pdf")
        }
        await #expect(throws: StorageError.self) { try await store.documents.create(draft, numbering: rule, render: render) }
        do {
            _ = try await store.documents.create(draft, numbering: rule, render: render)
        } catch StorageError.duplicateNumber(_, let holder) {
            #expect(holder == "doc-1", "the oldest document keeps the number it was stored with twice")
        }
        var foreign = draft
        foreign.tenantID = "silkway"
        foreign.orderID = "ORD-1"
        foreign.number = "SWC-СЧ-2026-000002"
        foreign.brandID = "silkway"
        await #expect(throws: StorageError.self, "silkway's documents no longer join alatoo's order") {
            try await store.documents.create(foreign, numbering: nil, render: render)
        }
        let keys = try await store.database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, number_prefix_key, tax_id_key FROM brands ORDER BY id")
                .map { [$0["id"] as String, $0["number_prefix_key"] as String? ?? "-", $0["tax_id_key"] as String? ?? "-"] }
        }
        #expect(keys == [["alatoo", "АТЛ", "KG:10"], ["silkway", "-", "KG:11"]], "the older brand keeps the shared prefix")
    }
}
