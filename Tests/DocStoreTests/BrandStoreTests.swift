import DocTestSupport
import Foundation
import GRDB
import Testing

@testable import DocStore

/// Brand versions as the store keeps them: numbered, deduplicated by fingerprint, the tenant made
/// on first sight and named after the brand, brand.json readable in the database.
@Suite struct BrandStoreTests {
    @Test func versionsAreNumberedAndIdenticalOnesAreNotRecordedTwice() async throws {
        let store = try SQLiteStore(directory: try makeTemporaryDirectory())
        let manifest = #"{"id": "acme", "displayName": "Acme Cargo"}"#
        let files = ["brand.json": try await store.blobs.write(Data(manifest.utf8), kind: .brandFile)]
        let brand = NewBrandVersion(
            brandID: "acme", displayName: "Acme Cargo", fingerprint: "sha256:1", manifest: manifest, files: files)
        let first = try await store.brands.record(brand)
        #expect(first.isNew && first.version.version == 1 && first.version.tenantID == "acme")
        #expect(first.version.files == files)
        let again = try await store.brands.record(brand)
        #expect(!again.isNew && again.version == first.version)
        var changed = brand
        changed.fingerprint = "sha256:2"
        let second = try await store.brands.record(changed)
        #expect(second.isNew && second.version.version == 2)
        #expect(try await store.brands.history("acme").map(\.fingerprint) == ["sha256:1", "sha256:2"])
        #expect(try await store.brands.currentVersions().map(\.version) == [2])

        let (tenant, stored) = try await store.database.pool.read { db in
            (
                try String.fetchOne(db, sql: "SELECT name FROM tenants WHERE id = 'acme'"),
                try String.fetchOne(db, sql: "SELECT brand_json FROM brand_versions WHERE version = 1")
            )
        }
        #expect(tenant == "Acme Cargo", "a new brand's tenant is named after it")
        #expect(stored == manifest, "brand.json stays readable in the database")
    }
}
