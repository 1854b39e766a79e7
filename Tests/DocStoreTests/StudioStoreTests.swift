import DocTestSupport
import Foundation
import GRDB
import Synchronization
import Testing

@testable import DocStore

/// What the studio keeps (migration v8): sessions of which only the cookie's SHA-256 is stored and
/// that end at expiry, on sign-out or with their key; one draft per brand; who published a version.
@Suite struct StudioStoreTests {
    /// A clock the test moves.
    final class Clock: Sendable {
        let now = Mutex(Date(timeIntervalSince1970: 1_795_348_800))
        func advance(_ seconds: TimeInterval) { now.withLock { $0 += seconds } }
        var read: @Sendable () -> Date { { self.now.withLock { $0 } } }
    }

    @Test func sessionsKeepOnlyTheDigestAndEndAtExpirySignOutOrRevocation() async throws {
        let clock = Clock()
        let store = try SQLiteStore(directory: try makeTemporaryDirectory(), clock: clock.read)
        let key = try await store.keys.create(for: Principal(tenantID: "alatoo", role: .reseller))
        let cookie = "ds_cookie-value-only-the-browser-knows"
        let digest = SHA256Hex.digest(Data(cookie.utf8))
        let expiry = clock.read().addingTimeInterval(3600)

        #expect(try await store.sessions.open(withKey: "dk_unknown", sessionDigest: digest, expiresAt: expiry) == nil)
        let opened = try #require(try await store.sessions.open(withKey: key.token, sessionDigest: digest, expiresAt: expiry))
        #expect(opened.principal == Principal(tenantID: "alatoo", role: .reseller) && opened.keyID == key.id)
        #expect(try await store.sessions.session(digest)?.principal == opened.principal)

        let stored = try store.database.pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM studio_sessions") }
        #expect(stored.count == 1)
        #expect(stored.allSatisfy { row in !row.databaseValues.contains { "\($0)".contains(cookie) || "\($0)".contains(key.token) } },
            "neither the cookie's value nor the API key is stored")

        clock.advance(3599)
        #expect(try await store.sessions.session(digest) != nil)
        clock.advance(1)
        #expect(try await store.sessions.session(digest) == nil, "a session ends at its expiry")
        #expect(try await store.sessions.removeExpired() == 1)

        let second = SHA256Hex.digest(Data("ds_second".utf8))
        _ = try await store.sessions.open(withKey: key.token, sessionDigest: second, expiresAt: clock.read().addingTimeInterval(60))
        try await store.sessions.close(second)
        #expect(try await store.sessions.session(second) == nil, "sign-out ends it")

        let third = SHA256Hex.digest(Data("ds_third".utf8))
        _ = try await store.sessions.open(withKey: key.token, sessionDigest: third, expiresAt: clock.read().addingTimeInterval(60))
        try await store.keys.revoke(id: key.id)
        #expect(try await store.sessions.session(third) == nil, "revoking the key ends its sessions")
        #expect(try await store.sessions.open(withKey: key.token, sessionDigest: second, expiresAt: expiry) == nil)
        await #expect(throws: StorageError.self) {
            _ = try await store.sessions.open(withKey: key.token, sessionDigest: "not-a-digest", expiresAt: expiry)
        }
    }

    @Test func aBrandHasOneDraftThatCanBeReplacedAndDiscarded() async throws {
        let store = try SQLiteStore(directory: try makeTemporaryDirectory())
        let author = BrandAuthor(tenantID: "alatoo", role: .reseller, channel: .studio)
        let draft = BrandDraftRecord(
            brandID: "alatoo", baseVersion: 1, fingerprint: "sha256:1", files: ["brand.json": String(repeating: "a", count: 64)],
            updatedAt: Date(timeIntervalSince1970: 1_795_348_800), updatedBy: author)
        await #expect(throws: StorageError.self, "a draft needs a brand") { try await store.drafts.save(draft) }

        let manifest = #"{"id": "alatoo"}"#
        _ = try await store.brands.record(
            NewBrandVersion(brandID: "alatoo", displayName: "Ала-Тоо", fingerprint: "sha256:0", manifest: manifest, files: [:]))
        #expect(try await store.drafts.draft(of: "alatoo") == nil)
        try await store.drafts.save(draft)
        #expect(try await store.drafts.draft(of: "alatoo") == draft)
        var replaced = draft
        replaced.fingerprint = "sha256:2"
        replaced.updatedBy = BrandAuthor(tenantID: "platform", role: .platform, channel: .studio)
        try await store.drafts.save(replaced)
        #expect(try await store.drafts.draft(of: "alatoo") == replaced, "one draft per brand: the second replaces the first")
        #expect(try await store.drafts.discard("alatoo"))
        #expect(try await store.drafts.draft(of: "alatoo") == nil)
        #expect(try await store.drafts.discard("alatoo") == false)
    }

    @Test func aVersionRecordsWhoPublishedIt() async throws {
        let store = try SQLiteStore(directory: try makeTemporaryDirectory())
        let manifest = #"{"id": "alatoo"}"#
        _ = try await store.brands.record(
            NewBrandVersion(brandID: "alatoo", displayName: "Ала-Тоо", fingerprint: "sha256:0", manifest: manifest, files: [:]))
        let author = BrandAuthor(tenantID: "alatoo", role: .reseller, channel: .studio)
        _ = try await store.brands.record(
            NewBrandVersion(
                brandID: "alatoo", displayName: "Ала-Тоо", fingerprint: "sha256:1", manifest: manifest, files: [:],
                publishedBy: author))
        let history = try await store.brands.history("alatoo")
        #expect(history.map(\.publishedBy) == [nil, author], "a seeded version has no author; a published one has its own")
    }
}
