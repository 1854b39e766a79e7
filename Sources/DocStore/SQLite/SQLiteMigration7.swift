import GRDB
import Foundation

/// Schema v7 (`v7-trust`): who owns an order, which numbers are taken, which brand holds a number
/// prefix or a tax id, and which templates are retired.
///
/// - `orders`: an order belongs to the tenant of its first document; documents of other tenants
///   for it are refused. Existing orders go to the tenant of their oldest document.
/// - `document_numbers`: one row per number given out, per issuer (brand, else tenant), document
///   type and series (the year; `contract:<number>` for supplements numbered within a contract),
///   so a second document can never take a number in use. Existing first versions are recorded;
///   where earlier versions of the service stored a number twice, the oldest keeps it.
/// - `brands.number_prefix_key`, `brands.tax_id_key`: unique, so no two brands share a series or a
///   legal entity. Filled from each brand's current brand.json; where two brands already share
///   one, the older brand keeps it and the other must be corrected by the platform before its
///   next publish succeeds.
/// - `templates.retired_at`: a retired template issues nothing new; its versions stay readable.
enum SQLiteMigration7 {
    static func migrate(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE orders (
                    id TEXT PRIMARY KEY NOT NULL,
                    tenant_id TEXT NOT NULL,
                    created_at DATETIME NOT NULL
                );
                INSERT OR IGNORE INTO orders (id, tenant_id, created_at)
                    SELECT order_id, tenant_id, created_at FROM documents WHERE order_id IS NOT NULL ORDER BY seq;

                CREATE TABLE document_numbers (
                    issuer TEXT NOT NULL,
                    doc_type TEXT NOT NULL,
                    series TEXT NOT NULL,
                    number TEXT NOT NULL,
                    document_id TEXT NOT NULL REFERENCES documents(id),
                    PRIMARY KEY (issuer, doc_type, series, number)
                );
                INSERT OR IGNORE INTO document_numbers (issuer, doc_type, series, number, document_id)
                    SELECT COALESCE(brand_id, tenant_id), doc_type,
                        COALESCE(substr(issued_on, 1, 4), strftime('%Y', created_at)), number, id
                    FROM documents WHERE version = 1 ORDER BY seq;

                ALTER TABLE brands ADD COLUMN number_prefix_key TEXT;
                ALTER TABLE brands ADD COLUMN tax_id_key TEXT;
                CREATE UNIQUE INDEX brands_by_number_prefix ON brands(number_prefix_key);
                CREATE UNIQUE INDEX brands_by_tax_id ON brands(tax_id_key);

                ALTER TABLE templates ADD COLUMN retired_at DATETIME;
                """)
        // Oldest brand first, so where two already share a key the older one keeps it.
        let brands = try Row.fetchAll(
            db,
            sql: """
                SELECT b.id, v.brand_json FROM brands b
                JOIN brand_versions v ON v.brand_id = b.id
                    AND v.version = (SELECT MAX(version) FROM brand_versions WHERE brand_id = b.id)
                ORDER BY b.created_at, b.id
                """)
        for row in brands {
            let id: String = row["id"]
            let manifest: String = row["brand_json"]
            let (prefix, taxID) = identityKeys(manifest: manifest)
            try db.execute(sql: "UPDATE OR IGNORE brands SET number_prefix_key = ? WHERE id = ?", arguments: [prefix, id])
            try db.execute(sql: "UPDATE OR IGNORE brands SET tax_id_key = ? WHERE id = ?", arguments: [taxID, id])
        }
    }

    /// The keys `BrandIdentity` gives a brand.json: the number prefix without surrounding spaces
    /// and trailing hyphens, and `country:inn`.
    static func identityKeys(manifest: String) -> (prefix: String?, taxID: String?) {
        guard let json = try? JSONSerialization.jsonObject(with: Data(manifest.utf8)) as? [String: Any] else {
            return (nil, nil)
        }
        var prefix = (json["numberPrefix"] as? String)?.trimmingCharacters(in: .whitespaces) ?? ""
        while prefix.hasSuffix("-") { prefix.removeLast() }
        let legal = json["legal"] as? [String: Any]
        let inn = (legal?["inn"] as? String)?.trimmingCharacters(in: .whitespaces) ?? ""
        let country = legal?["country"] as? String ?? ""
        return (prefix.isEmpty ? nil : prefix, inn.isEmpty ? nil : "\(country):\(inn)")
    }
}
