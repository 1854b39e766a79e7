import GRDB

/// Gapless document numbers per issuer, document type and year: `СЧ-2026-000043`.
///
/// The counter moves inside the caller's write transaction, so a number is consumed only when the
/// document that carries it commits; a failed render rolls the counter back with it. Write
/// transactions are serialised (one writer in the pool, `BEGIN IMMEDIATE` across processes), so two
/// requests can never read the same `last_value`.
struct NumberSeries: Sendable {
    /// Digits of the running number, zero-padded.
    static let sequenceDigits = 6

    /// Which series to draw from and how to print its numbers.
    struct Rule: Sendable, Equatable {
        /// The issuing legal entity (reseller or platform) whose series this is.
        var issuer: String
        /// The document type (`invoice`, `act`, …): each type has its own series.
        var docType: String
        /// The calendar year; series restart at 1 each year.
        var year: Int
        /// The brand's prefix for this type, e.g. `СЧ`.
        var prefix: String
    }

    let database: ServiceDatabase

    /// Takes the next number of a series in its own transaction.
    /// - Parameters:
    ///   - issuer: the issuing entity.
    ///   - docType: the document type.
    ///   - year: the series' year.
    ///   - prefix: printed before the year.
    /// - Returns: the formatted number, e.g. `СЧ-2026-000043`.
    /// - Throws: `StorageError.invalidArgument` for an empty issuer or type, or `.database`.
    func next(issuer: String, docType: String, year: Int, prefix: String) async throws(StorageError) -> String {
        let rule = Rule(issuer: issuer, docType: docType, year: year, prefix: prefix)
        return try await database.write { db in try Self.next(rule, in: db) }
    }

    /// Takes the next number of a series inside an open write transaction.
    /// - Throws: `StorageError.invalidArgument` for an empty issuer or type, or a `DatabaseError`.
    static func next(_ rule: Rule, in db: Database) throws -> String {
        guard !rule.issuer.isEmpty, !rule.docType.isEmpty else {
            throw StorageError.invalidArgument("a number series needs an issuer and a document type")
        }
        let value = try Int.fetchOne(
            db,
            sql: """
                INSERT INTO number_series (issuer, doc_type, year, last_value) VALUES (?, ?, ?, 1)
                ON CONFLICT (issuer, doc_type, year) DO UPDATE SET last_value = last_value + 1
                RETURNING last_value
                """,
            arguments: [rule.issuer, rule.docType, rule.year])
        guard let value else { throw StorageError.database("the number series returned no value") }
        return format(value, rule: rule)
    }

    /// `PREFIX-YYYY-NNNNNN`, or `YYYY-NNNNNN` when the brand has no prefix.
    static func format(_ value: Int, rule: Rule) -> String {
        let digits = String(value)
        let padded = String(repeating: "0", count: max(0, sequenceDigits - digits.count)) + digits
        let body = "\(rule.year)-\(padded)"
        return rule.prefix.isEmpty ? body : "\(rule.prefix)-\(body)"
    }
}
