import GRDB

/// v8: what the reseller's studio keeps — sessions (only the SHA-256 of the cookie value, tied to
/// the API key that opened them), one draft per brand, and who published each brand version.
enum SQLiteMigration8 {
    static func migrate(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE studio_sessions (
                    token_sha256 TEXT PRIMARY KEY NOT NULL,
                    key_id INTEGER NOT NULL REFERENCES api_keys(id),
                    created_at DATETIME NOT NULL,
                    expires_at DATETIME NOT NULL
                );
                CREATE INDEX studio_sessions_by_expiry ON studio_sessions(expires_at);

                CREATE TABLE brand_drafts (
                    brand_id TEXT PRIMARY KEY NOT NULL REFERENCES brands(id),
                    base_version INTEGER NOT NULL,
                    sha256 TEXT NOT NULL,
                    files TEXT NOT NULL,
                    updated_at DATETIME NOT NULL,
                    updated_by_tenant TEXT NOT NULL,
                    updated_by_role TEXT NOT NULL,
                    updated_via TEXT NOT NULL
                );

                -- NULL for versions seeded from a brand folder or recorded before v8.
                ALTER TABLE brand_versions ADD COLUMN published_by_tenant TEXT;
                ALTER TABLE brand_versions ADD COLUMN published_by_role TEXT;
                ALTER TABLE brand_versions ADD COLUMN published_via TEXT;
                """)
    }
}
