import PostgresNIO

/// Gapless document numbers on PostgreSQL: the counter moves inside the caller's transaction with an
/// upsert that locks the series row until that transaction ends. A concurrent document of the same
/// series, on any node, waits for the lock and then reads the committed value; if the first
/// transaction rolled back (a failed render), the second takes the number the first gave up.
enum PostgresNumberSeries {
    /// Takes the next number of `rule`'s series inside an open transaction.
    /// - Throws: `StorageError.invalidArgument` for an empty issuer or type, `.database`.
    static func next(_ rule: NumberingRule, with transaction: PostgresQuerier) async throws(StorageError) -> String {
        guard !rule.issuer.isEmpty, !rule.docType.isEmpty else {
            throw .invalidArgument("a number series needs an issuer and a document type")
        }
        let rows = try await transaction.rows(
            """
            INSERT INTO number_series (issuer, doc_type, series, last_value) VALUES (\(rule.issuer), \(rule.docType), \(rule.seriesKey), 1)
            ON CONFLICT (issuer, doc_type, series) DO UPDATE SET last_value = number_series.last_value + 1
            RETURNING last_value
            """)
        guard let row = rows.first, let value = try? row.decode(Int.self) else {
            throw .database("the number series returned no value")
        }
        return rule.format(value)
    }
}
