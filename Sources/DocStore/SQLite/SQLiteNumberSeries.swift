import GRDB

/// Gapless document numbers on SQLite: the counter moves inside the caller's write transaction, so
/// a number is consumed only when the document that carries it commits; a failed render rolls the
/// counter back with it.
enum SQLiteNumberSeries {
    /// Takes the next number of `rule`'s series inside an open write transaction.
    /// - Throws: `StorageError.invalidArgument` for an empty issuer or type, or a `DatabaseError`.
    static func next(_ rule: NumberingRule, in db: Database) throws -> String {
        guard !rule.issuer.isEmpty, !rule.docType.isEmpty else {
            throw StorageError.invalidArgument("a number series needs an issuer and a document type")
        }
        // A number a document took from its data is skipped: the series never gives it twice,
        // and never sticks on it either.
        while true {
            let value = try Int.fetchOne(
                db.cachedStatement(
                    sql: """
                        INSERT INTO number_series (issuer, doc_type, series, last_value) VALUES (?, ?, ?, 1)
                        ON CONFLICT (issuer, doc_type, series) DO UPDATE SET last_value = last_value + 1
                        RETURNING last_value
                        """),
                arguments: [rule.issuer, rule.docType, rule.seriesKey])
            guard let value else { throw StorageError.database("the number series returned no value") }
            let number = rule.format(value)
            if try holder(of: number, rule, in: db) == nil { return number }
        }
    }

    /// Throws `duplicateNumber` when a document of the rule's issuer, type and series carries `number`.
    static func checkUnused(_ number: String, _ rule: NumberingRule, in db: Database) throws {
        if let holder = try holder(of: number, rule, in: db) {
            throw StorageError.duplicateNumber(number: number, existingDocumentID: holder)
        }
    }

    /// Records that `documentID` carries `number` (after its row is inserted, in the same transaction).
    static func reserve(_ number: String, _ rule: NumberingRule, documentID: String, in db: Database) throws {
        try db.cachedStatement(
            sql: "INSERT INTO document_numbers (issuer, doc_type, series, number, document_id) VALUES (?, ?, ?, ?, ?)"
        ).execute(arguments: [rule.issuer, rule.docType, rule.seriesKey, number, documentID])
    }

    /// The document that carries `number` in the rule's series, if any.
    private static func holder(of number: String, _ rule: NumberingRule, in db: Database) throws -> String? {
        try String.fetchOne(
            db.cachedStatement(
                sql: "SELECT document_id FROM document_numbers WHERE issuer = ? AND doc_type = ? AND series = ? AND number = ?"),
            arguments: [rule.issuer, rule.docType, rule.seriesKey, number])
    }
}
