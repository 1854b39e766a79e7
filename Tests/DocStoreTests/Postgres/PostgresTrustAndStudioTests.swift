import DocTestSupport
import Foundation
import Testing

@testable import DocStore

/// The trust rules (issue 11) and the studio's records (issue 12) on the cluster store: what
/// `SQLiteStore` enforces in one process, enforced by PostgreSQL's constraints across nodes.
@Suite(.enabled(if: TestServices.postgres != nil, Comment(rawValue: TestServices.postgresMissing)))
struct PostgresTrustAndStudioTests {
    @Test func trustRulesHoldAcrossNodes() async throws {
        try await PostgresTestStore.with("trust", nodes: 3) { stores in
            // An order belongs to the tenant whose document reached it first, whichever node: two
            // tenants racing for one new order on two nodes, one wins, the other is told it does not exist.
            let race = await withTaskGroup(of: (String, Bool).self) { group in
                for (index, tenant) in ["acme", "beta", "acme", "beta"].enumerated() {
                    let documents = stores[index % 3].documents
                    group.addTask {
                        let created = try? await documents.create(
                            testDraft(tenant: tenant, order: "ORD-RACE", number: "R-\(index)"), render: testRender)
                        return (tenant, created != nil)
                    }
                }
                return await group.reduce(into: [(String, Bool)]()) { $0.append($1) }
            }
            let owner = try #require(try await stores[2].documents.owner(ofOrder: "ORD-RACE"))
            #expect(race.allSatisfy { $0.1 == ($0.0 == owner) }, "only the owner's documents were stored: \(race)")
            await #expect(throws: StorageError.self) {
                try await stores[1].documents.create(
                    testDraft(tenant: owner == "acme" ? "beta" : "acme", order: "ORD-RACE", number: "R-9"), render: testRender)
            }
            #expect(try await stores[0].documents.owner(ofOrder: "ORD-NONE") == nil)

            // A number carried by one document of an issuer, type and series is refused to another,
            // on any node, and the series skips it.
            let rule = NumberingRule(issuer: "acme", docType: "invoice", year: 2026, prefix: "СЧ")
            let taken = rule.format(2)
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for index in 0..<6 {
                    let documents = stores[index % 3].documents
                    group.addTask {
                        (try? await documents.create(
                            testDraft(tenant: "acme", order: "ORD-N-\(index)", number: taken), numbering: rule, render: testRender)) != nil
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1, "one document carries \(taken)")
            do {
                _ = try await stores[2].documents.create(
                    testDraft(tenant: "acme", order: "ORD-N-9", number: taken), numbering: rule, render: testRender)
                Issue.record("a second \(taken) was stored")
            } catch StorageError.duplicateNumber(let number, _) {
                #expect(number == taken)
            }
            var drawn: [String] = []
            for index in 0..<3 {
                drawn.append(
                    try await stores[index].documents.create(
                        testDraft(tenant: "acme", order: "ORD-S-\(index)", number: nil), numbering: rule, render: testRender
                    ).document.number)
            }
            #expect(drawn == [rule.format(1), rule.format(3), rule.format(4)], "the series skipped the number in use")

            // No two brands share a number prefix or a tax id, whichever node publishes.
            let alatoo = NewBrandVersion(
                brandID: "alatoo", displayName: "Ала-Тоо", fingerprint: "sha256:1", manifest: "{}", files: [:],
                numberPrefixKey: "АТЛ", taxIDKey: "KG:01234567890123")
            _ = try await stores[0].brands.record(alatoo)
            var copycat = NewBrandVersion(
                brandID: "copycat", displayName: "Copy", fingerprint: "sha256:2", manifest: "{}", files: [:], numberPrefixKey: "АТЛ")
            do {
                _ = try await stores[1].brands.record(copycat)
                Issue.record("a second brand took the prefix АТЛ")
            } catch StorageError.identityTaken(let field, _, let holder) {
                #expect(field == "numberPrefix" && holder == "alatoo")
            }
            copycat.numberPrefixKey = "CPY"
            copycat.taxIDKey = "KG:01234567890123"
            do {
                _ = try await stores[2].brands.record(copycat)
                Issue.record("a second brand took alatoo's tax id")
            } catch StorageError.identityTaken(let field, _, _) {
                #expect(field == "legal.inn")
            }
            copycat.taxIDKey = nil
            #expect(try await stores[2].brands.record(copycat).isNew)
            // Two brands claiming one new prefix at once on two nodes: one gets it.
            let claims = await withTaskGroup(of: Bool.self) { group in
                for index in 0..<4 {
                    let brands = stores[index % 3].brands
                    group.addTask {
                        (try? await brands.record(
                            NewBrandVersion(
                                brandID: "rival-\(index)", displayName: "R", fingerprint: "sha256:r\(index)", manifest: "{}",
                                files: [:], numberPrefixKey: "РВЛ"))) != nil
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(claims.filter { $0 }.count == 1)

            // A template retired on one node is not current anywhere, and a built-in source does
            // not bring it back.
            _ = try await stores[0].templates.recordBuiltIn([("invoice", "v1"), ("note", "n1")])
            let before = try await stores[1].changes.revisions()
            #expect(try await stores[1].templates.retire("note"))
            #expect(try await !stores[1].templates.retire("unknown"))
            #expect(try await stores[2].templates.currentVersions().keys.sorted() == ["invoice"])
            let (current, _) = try await stores[0].templates.recordBuiltIn([("invoice", "v1"), ("note", "n2")])
            #expect(current.keys.sorted() == ["invoice"])
            #expect(try await stores[0].templates.versions(of: "note").map(\.source) == ["n1"], "its versions stay readable")
            #expect(try await stores[0].changes.revisions()[.templates] != before[.templates], "other nodes hear of it")
        }
    }

    @Test func studioSessionsAndDraftsAreSharedByEveryNode() async throws {
        let now = Date(timeIntervalSince1970: 1_796_000_000)
        try await PostgresTestStore.with("studio", nodes: 2, clock: { now }) { stores in
            let key = try await stores[0].keys.create(for: Principal(tenantID: "alatoo", role: .reseller))
            let digest = String(repeating: "c", count: 64)
            let opened = try await stores[0].sessions.open(withKey: key.token, sessionDigest: digest, expiresAt: now + 3600)
            #expect(opened?.principal == Principal(tenantID: "alatoo", role: .reseller) && opened?.keyID == key.id)
            #expect(try await stores[1].sessions.session(digest)?.principal.tenantID == "alatoo", "signed in on every node")
            #expect(try await stores[1].sessions.open(withKey: "dk_unknown", sessionDigest: String(repeating: "d", count: 64), expiresAt: now + 60) == nil)
            await #expect(throws: StorageError.self) {
                try await stores[1].sessions.open(withKey: key.token, sessionDigest: "short", expiresAt: now + 60)
            }
            // Expired sessions stop authenticating and are removed; revoking the key ends the rest.
            let stale = String(repeating: "e", count: 64)
            _ = try await stores[1].sessions.open(withKey: key.token, sessionDigest: stale, expiresAt: now - 1)
            #expect(try await stores[0].sessions.session(stale) == nil)
            #expect(try await stores[0].sessions.removeExpired() == 1)
            try await stores[1].keys.revoke(id: key.id)
            #expect(try await stores[0].sessions.session(digest) == nil)
            try await stores[0].sessions.close(digest)
            try await stores[0].sessions.close(digest)

            // One draft per brand, saved on one node and read on the other; its files are blobs.
            let file = try await stores[0].blobs.write(Data(#"{"name": "draft"}"#.utf8), kind: .brandFile)
            let author = BrandAuthor(tenantID: "alatoo", role: .reseller, channel: .studio)
            var draft = BrandDraftRecord(
                brandID: "alatoo", baseVersion: 1, fingerprint: "sha256:d1", files: ["brand.json": file], updatedAt: now,
                updatedBy: author)
            await #expect(throws: StorageError.self) { try await stores[0].drafts.save(draft) }  // no such brand yet
            _ = try await stores[0].brands.record(
                NewBrandVersion(
                    brandID: "alatoo", displayName: "Ала-Тоо", fingerprint: "sha256:1", manifest: "{}", files: ["brand.json": file],
                    publishedBy: BrandAuthor(tenantID: "platform", role: .platform, channel: .api)))
            try await stores[0].drafts.save(draft)
            #expect(try await stores[1].drafts.draft(of: "alatoo") == draft)
            draft.fingerprint = "sha256:d2"
            try await stores[1].drafts.save(draft)
            #expect(try await stores[0].drafts.draft(of: "alatoo")?.fingerprint == "sha256:d2")
            #expect(try await stores[1].brands.history("alatoo").first?.publishedBy?.channel == .api)
            #expect(try await stores[0].drafts.discard("alatoo"))
            #expect(try await !stores[1].drafts.discard("alatoo"))
            #expect(try await stores[1].drafts.draft(of: "alatoo") == nil)
        }
    }
}
