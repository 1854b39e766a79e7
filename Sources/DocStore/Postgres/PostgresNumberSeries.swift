import PostgresNIO

/// Gapless document numbers on PostgreSQL: the counter moves inside the caller's transaction with an
/// upsert that locks the series row until that transaction ends. A concurrent document of the same
/// series, on any node, waits for the lock and then reads the committed value; if the first
/// transaction rolled back (a failed render), the second takes the number the first gave up.
///
/// Numbers are unique per issuer, type and series (`document_numbers`, as SQLite's v7): a new
/// document reserves its number in its transaction, the primary key refuses a second holder on any
/// node, and the series skips numbers that documents took from their data.
enum PostgresNumberSeries {
    /// Takes the next number of `rule`'s series inside an open transaction, skipping numbers in use.
    /// - Throws: `StorageError.invalidArgument` for an empty issuer or type, `.database`.
    static func next(_ rule: NumberingRule, with transaction: PostgresQuerier) async throws(StorageError) -> String {
        guard !rule.issuer.isEmpty, !rule.docType.isEmpty else {
            throw .invalidArgument("a number series needs an issuer and a document type")
        }
        while true {
            let rows = try await transaction.rows(
                """
                INSERT INTO number_series (issuer, doc_type, series, last_value) VALUES (\(rule.issuer), \(rule.docType), \(rule.seriesKey), 1)
                ON CONFLICT (issuer, doc_type, series) DO UPDATE SET last_value = number_series.last_value + 1
                RETURNING last_value
                """)
            guard let row = rows.first, let value = try? row.decode(Int.self) else {
                throw .database("the number series returned no value")
            }
            let number = rule.format(value)
            if try await holder(of: number, rule, with: transaction) == nil { return number }
        }
    }

    /// Throws `duplicateNumber` when a document of the rule's issuer, type and series carries `number`.
    static func checkUnused(_ number: String, _ rule: NumberingRule, with querier: PostgresQuerier) async throws(StorageError) {
        if let holder = try await holder(of: number, rule, with: querier) {
            throw .duplicateNumber(number: number, existingDocumentID: holder)
        }
    }

    /// Records that `documentID` carries `number` (after its row is inserted, in the same
    /// transaction). A concurrent holder makes this fail with a unique violation of
    /// `document_numbers_pkey`, which the caller answers with `duplicateNumber`.
    static func reserve(
        _ number: String, _ rule: NumberingRule, documentID: String, with transaction: PostgresQuerier
    ) async throws {
        _ = try await transaction.rawRows(
            """
            INSERT INTO document_numbers (issuer, doc_type, series, number, document_id)
            VALUES (\(rule.issuer), \(rule.docType), \(rule.seriesKey), \(number), \(documentID))
            """)
    }

    /// The document that carries `number` in the rule's series, if any.
    private static func holder(
        of number: String, _ rule: NumberingRule, with querier: PostgresQuerier
    ) async throws(StorageError) -> String? {
        let rows = try await querier.rows(
            """
            SELECT document_id FROM document_numbers
            WHERE issuer = \(rule.issuer) AND doc_type = \(rule.docType) AND series = \(rule.seriesKey) AND number = \(number)
            """)
        do {
            return try rows.first?.decode(String.self)
        } catch {
            throw PostgresDatabase.storageError(error)
        }
    }
}
