/// The migrations after p1, each following one SQLite migration (same tables, same columns).
extension PostgresSchema {
    /// p2, as SQLite's v7 (`v7-trust`): who owns an order, which numbers are taken per issuer, type
    /// and series, which brand holds a number prefix or a tax id, and which templates are retired.
    /// Existing rows are filled as v7 fills them: an order goes to the tenant of its oldest document,
    /// a number to the oldest first version carrying it, a prefix or tax id to the oldest brand.
    static let version2Trust: [String] = [
        """
        CREATE TABLE orders (
            id TEXT PRIMARY KEY,
            tenant_id TEXT NOT NULL,
            created_at TIMESTAMPTZ NOT NULL
        )
        """,
        """
        INSERT INTO orders (id, tenant_id, created_at)
        SELECT DISTINCT ON (order_id) order_id, tenant_id, created_at FROM documents
        WHERE order_id IS NOT NULL ORDER BY order_id, seq
        """,
        """
        CREATE TABLE document_numbers (
            issuer TEXT NOT NULL,
            doc_type TEXT NOT NULL,
            series TEXT NOT NULL,
            number TEXT NOT NULL,
            document_id TEXT NOT NULL REFERENCES documents(id),
            PRIMARY KEY (issuer, doc_type, series, number)
        )
        """,
        """
        INSERT INTO document_numbers (issuer, doc_type, series, number, document_id)
        SELECT COALESCE(brand_id, tenant_id), doc_type,
            COALESCE(substr(issued_on, 1, 4), to_char(created_at AT TIME ZONE 'UTC', 'YYYY')), number, id
        FROM documents WHERE version = 1 ORDER BY seq
        ON CONFLICT DO NOTHING
        """,
        "ALTER TABLE brands ADD COLUMN number_prefix_key TEXT UNIQUE, ADD COLUMN tax_id_key TEXT UNIQUE",
        // The keys BrandIdentity gives the current brand.json (as SQLiteMigration7.identityKeys).
        """
        WITH latest AS (
            SELECT DISTINCT ON (brand_id) brand_id, brand_json::jsonb AS j FROM brand_versions
            ORDER BY brand_id, version DESC
        ), keys AS (
            SELECT b.id, b.created_at,
                NULLIF(rtrim(btrim(l.j ->> 'numberPrefix'), '-'), '') AS prefix,
                CASE WHEN NULLIF(btrim(l.j -> 'legal' ->> 'inn'), '') IS NULL THEN NULL
                    ELSE COALESCE(l.j -> 'legal' ->> 'country', '') || ':' || btrim(l.j -> 'legal' ->> 'inn') END AS tax
            FROM brands b JOIN latest l ON l.brand_id = b.id
        ), ranked AS (
            SELECT id, prefix, tax,
                row_number() OVER (PARTITION BY prefix ORDER BY created_at, id) AS prefix_rank,
                row_number() OVER (PARTITION BY tax ORDER BY created_at, id) AS tax_rank
            FROM keys
        )
        UPDATE brands SET
            number_prefix_key = CASE WHEN ranked.prefix_rank = 1 THEN ranked.prefix END,
            tax_id_key = CASE WHEN ranked.tax_rank = 1 THEN ranked.tax END
        FROM ranked WHERE ranked.id = brands.id
        """,
        "ALTER TABLE templates ADD COLUMN retired_at TIMESTAMPTZ",
    ]

    /// p3, as SQLite's v8 (`v8-studio`): studio sessions (the SHA-256 of the cookie value, tied to
    /// the API key that opened them), one draft per brand, who published each brand version.
    static let version3Studio: [String] = [
        """
        CREATE TABLE studio_sessions (
            token_sha256 TEXT PRIMARY KEY,
            key_id BIGINT NOT NULL REFERENCES api_keys(id),
            created_at TIMESTAMPTZ NOT NULL,
            expires_at TIMESTAMPTZ NOT NULL
        )
        """,
        "CREATE INDEX studio_sessions_by_expiry ON studio_sessions (expires_at)",
        """
        CREATE TABLE brand_drafts (
            brand_id TEXT PRIMARY KEY REFERENCES brands(id),
            base_version INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            files JSONB NOT NULL,
            updated_at TIMESTAMPTZ NOT NULL,
            updated_by_tenant TEXT NOT NULL,
            updated_by_role TEXT NOT NULL,
            updated_via TEXT NOT NULL
        )
        """,
        // NULL for versions seeded from a brand folder or recorded before p3.
        """
        ALTER TABLE brand_versions ADD COLUMN published_by_tenant TEXT, ADD COLUMN published_by_role TEXT,
            ADD COLUMN published_via TEXT
        """,
    ]

    /// p4, as SQLite's v9 (`v9-statements`): a document says what its file is (spreadsheets beside
    /// PDFs), and the blobs table takes spreadsheets.
    static let version4Statements: [String] = [
        "ALTER TABLE documents ADD COLUMN media_type TEXT NOT NULL DEFAULT 'application/pdf'",
        """
        ALTER TABLE blobs DROP CONSTRAINT blobs_kind_check,
            ADD CONSTRAINT blobs_kind_check CHECK (kind IN ('pdf', 'xlsx', 'data', 'brand-file'))
        """,
    ]
}
