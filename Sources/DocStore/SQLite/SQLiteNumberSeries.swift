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
        let value = try Int.fetchOne(
            db,
            sql: """
                INSERT INTO number_series (issuer, doc_type, series, last_value) VALUES (?, ?, ?, 1)
                ON CONFLICT (issuer, doc_type, series) DO UPDATE SET last_value = last_value + 1
                RETURNING last_value
                """,
            arguments: [rule.issuer, rule.docType, rule.seriesKey])
        guard let value else { throw StorageError.database("the number series returned no value") }
        return rule.format(value)
    }
}
