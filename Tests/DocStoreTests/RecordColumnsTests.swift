import Foundation
import GRDB
import Testing

@testable import DocStore
import DocTestSupport

/// The store's records are read and written column by column, by hand (`GRDBRecords.swift`):
/// these hold the hand-written mappings to every stored property of the record and to every
/// column of its table, so that a field added to one side and not the other fails here instead
/// of being dropped on the way to the disk.
@Suite struct RecordColumnsTests {
    @Test func aDocumentKeepsEveryFieldInItsOwnColumn() throws {
        let record = DocumentRecord(
            id: "doc-1", lineageId: "doc-0", version: 2, supersedes: "doc-0", tenantId: "alatoo", clientId: "shop-1",
            orderId: "ORD-1", docType: "invoice", templateName: "invoice", templateVersion: "3", brandId: "alatoo",
            brandVersion: 4, dataSha256: String(repeating: "a", count: 64), fontsFingerprint: "fonts",
            engineVersion: "engine 1", pdfSha256: String(repeating: "b", count: 64), pages: 5, number: "СЧ-1",
            fileName: "СЧ-1.xlsx", createdAt: Date(timeIntervalSince1970: 1_790_000_000.125), locale: "ky",
            issuedOn: "2026-12-07", sequence: 41, mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        try expectEveryField(of: record, table: "documents", renamed: ["sequence": "seq"])
        // Without a sequence, the table gives the next one.
        var unnumbered = record
        (unnumbered.id, unnumbered.version, unnumbered.supersedes) = ("doc-2", 3, "doc-1")
        (unnumbered.sequence, unnumbered.number) = (nil, "СЧ-2")
        try Self.database().write { db in
            try record.insert(db)
            try unnumbered.insert(db)
            #expect(try DocumentRecord.fetchOne(db, key: ["id": "doc-2"])?.sequence == 42)
        }
    }

    @Test func aBatchItemKeepsEveryFieldInItsOwnColumn() throws {
        let item = BatchItem(
            batchId: "batch-1", position: 7, itemKey: "order-7", payload: #"{"n": 7}"#, status: .failed, attempts: 3,
            error: "missing field", documentId: "doc-7", updatedAt: Date(timeIntervalSince1970: 1_790_000_001.5),
            changedPages: "2,3")
        try expectEveryField(of: item, table: "batch_items")
        for status in BatchItem.Status.allCases {
            var changed = item
            changed.status = status
            #expect(try changed.databaseDictionary["status"] == status.rawValue.databaseValue)
        }
    }

    /// Writes `record` into a fresh database, then checks that every stored property landed in the column of its snake_case name, that
    /// reading the row gives the record back, and that the record writes every column.
    private func expectEveryField<Record: FetchableRecord & PersistableRecord & Equatable>(
        of record: Record, table: String, renamed: [String: String] = [:]
    ) throws {
        try Self.database().write { db in
            try record.insert(db)
            let row = try #require(try Row.fetchOne(db, sql: "SELECT * FROM \(table)"))
            let properties = Mirror(reflecting: record).children.compactMap { child in
                child.label.map { ($0, child.value) }
            }
            #expect(properties.count >= 10, "Mirror sees the stored properties")
            for (label, value) in properties {
                let column = renamed[label] ?? Self.snakeCase(label)
                #expect(row.hasColumn(column), "\(label) has no column `\(column)` in \(table)")
                let stored = try #require(Self.databaseValue(of: value), "\(label): a type this test cannot compare")
                #expect(row[column] as DatabaseValue == stored, "\(label) → \(column)")
            }
            #expect(try Record(row: row) == record, "the row reads back as the record")
            let columns = Set(try db.columns(in: table).map(\.name))
            #expect(Set(try record.databaseDictionary.keys) == columns, "the record writes exactly its table's columns")
            #expect(columns.count == properties.count, "every column of \(table) is a property of the record")
        }
    }

    /// An empty database at the current schema, without foreign key checks: the records name
    /// rows (a replaced version, a brand) that these tests have no need of.
    private static func database() throws -> DatabaseQueue {
        let directory = try makeTemporaryDirectory()
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        let queue = try DatabaseQueue(path: directory.appendingPathComponent("db.sqlite").path, configuration: configuration)
        try SQLiteDatabase.migrator(directory: directory).migrate(queue)
        return queue
    }

    private static func snakeCase(_ name: String) -> String {
        name.reduce(into: "") { result, character in
            if character.isUppercase { result += "_" + character.lowercased() } else { result.append(character) }
        }
    }

    private static func databaseValue(of value: Any) -> DatabaseValue? {
        switch value {
        case let status as BatchItem.Status: status.rawValue.databaseValue
        case let value as any DatabaseValueConvertible: value.databaseValue
        default: nil
        }
    }
}
