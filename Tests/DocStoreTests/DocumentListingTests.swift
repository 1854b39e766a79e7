import DocTestSupport
import Foundation
import Testing

@testable import DocStore

/// Listings by order, client, template and issue date, paged by cursor, always within what the
/// caller may see.
@Suite struct DocumentListingTests {
    let store: SQLiteStore

    init() throws {
        store = try SQLiteStore(directory: try makeTemporaryDirectory())
    }

    /// Stores one document of `tenant` and returns its id.
    private func issue(
        _ tenant: String, client: String? = nil, order: String?, template: String, on day: String?
    ) async throws -> String {
        let draft = DocumentDraft(
            tenantID: tenant, clientID: client, orderID: order, docType: template, templateName: template,
            templateVersion: "1", dataSHA256: String(repeating: "d", count: 64),
            fontsFingerprint: String(repeating: "f", count: 64), engineVersion: "test", number: UUID().uuidString,
            issuedOn: day)
        return try await store.documents.create(draft) { number in
            RenderedDocument(pdfSHA256: String(repeating: "a", count: 64), pages: 1, fileName: "\(number).pdf")
        }.document.id
    }

    /// The day recorded for listings is the date's first ten characters when they read YYYY-MM-DD.
    @Test func theIssueDayIsTheDatesLeadingDay() {
        #expect(DocumentDraft.issueDay(of: "2026-11-22") == "2026-11-22")
        #expect(DocumentDraft.issueDay(of: "2026-11-22T14:05:00+06:00") == "2026-11-22")
        // A combining mark after the tenth character stays out of the day.
        #expect(DocumentDraft.issueDay(of: "2026-11-22\u{301}") == "2026-11-22")
        for text in ["", "2026-11-2", "2026/11/22", "20261122", "2026-1-022", "２026-11-22", "a026-11-22", "2026-11-2x"] {
            #expect(DocumentDraft.issueDay(of: text) == nil, "\(text)")
        }
    }

    @Test func everyFilterNarrowsAndTheyCombine() async throws {
        let contract = try await issue("alatoo", client: "shop-1", order: nil, template: "contract", on: "2026-03-01")
        let invoice = try await issue("alatoo", client: "shop-1", order: "o-1", template: "invoice", on: "2026-11-20")
        let act = try await issue("alatoo", client: "shop-2", order: "o-2", template: "act", on: "2026-11-21")
        let supplement = try await issue("alatoo", client: "shop-2", order: nil, template: "contract-supplement", on: nil)
        // o-1 is alatoo's since its first document (issue 11): silkway's documents cannot join it.
        await #expect(throws: StorageError.self) {
            _ = try await issue("silkway", client: "shop-1", order: "o-1", template: "invoice", on: "2026-11-20")
        }
        let foreign = try await issue("silkway", client: "shop-1", order: "o-9", template: "invoice", on: "2026-11-20")
        let alatoo = Principal(tenantID: "alatoo", role: .reseller)

        func ids(_ query: DocumentQuery, as principal: Principal = alatoo) async throws -> [String] {
            try await store.documents.documents(matching: query, visibleTo: principal).documents.map(\.id)
        }
        #expect(try await ids(DocumentQuery()) == [contract, invoice, act, supplement])
        #expect(try await ids(DocumentQuery(orderID: "o-1")) == [invoice], "another tenant's o-1 stays hidden")
        #expect(try await ids(DocumentQuery(clientID: "shop-2")) == [act, supplement])
        #expect(try await ids(DocumentQuery(template: "contract")) == [contract])
        #expect(try await ids(DocumentQuery(from: "2026-11-01")) == [invoice, act])
        #expect(try await ids(DocumentQuery(to: "2026-11-20")) == [contract, invoice])
        #expect(try await ids(DocumentQuery(from: "2026-11-21", to: "2026-11-21")) == [act])
        #expect(try await ids(DocumentQuery(clientID: "shop-1", template: "invoice")) == [invoice])
        #expect(try await ids(DocumentQuery()).contains(foreign) == false)

        let shop1 = Principal(tenantID: "alatoo", role: .client, clientID: "shop-1")
        #expect(try await ids(DocumentQuery(), as: shop1) == [contract, invoice])
        #expect(try await ids(DocumentQuery(clientID: "shop-2"), as: shop1) == [], "a client cannot list another's")
        let platform = Principal(tenantID: "platform", role: .platform)
        #expect(try await ids(DocumentQuery(orderID: "o-1"), as: platform) == [invoice])
        #expect(try await ids(DocumentQuery(orderID: "o-9"), as: platform) == [foreign])
        #expect(try await store.documents.owner(ofOrder: "o-1") == "alatoo")
        #expect(try await store.documents.owner(ofOrder: "o-9") == "silkway")
    }

    @Test func cursorsPageThroughEveryDocumentOnce() async throws {
        var issued: [String] = []
        for index in 0..<23 {
            issued.append(try await issue("alatoo", order: "o-\(index % 3)", template: "invoice", on: "2026-11-01"))
        }
        let owner = Principal(tenantID: "alatoo", role: .reseller)
        var query = DocumentQuery(limit: 5)
        var seen: [String] = []
        var pages = 0
        while true {
            let page = try await store.documents.documents(matching: query, visibleTo: owner)
            seen += page.documents.map(\.id)
            pages += 1
            guard let next = page.nextCursor else { break }
            #expect(page.documents.count == 5, "only the last page is short")
            #expect(DocumentCursor(token: next.token) == next, "a cursor survives its text form")
            query.after = next
        }
        #expect(seen == issued)
        #expect(pages == 5)
        #expect(DocumentCursor(token: "not-a-cursor") == nil)
        #expect(DocumentCursor(token: "c-5") == nil)
    }

    @Test func documentsOfNoOrderAreStoredAndFound() async throws {
        let id = try await issue("alatoo", order: nil, template: "contract", on: "2026-03-01")
        let owner = Principal(tenantID: "alatoo", role: .reseller)
        let document = try #require(try await store.documents.document(id: id, visibleTo: owner))
        #expect(document.orderId == nil && document.issuedOn == "2026-03-01")
        #expect(try await store.documents.documents(forOrder: "", visibleTo: owner).isEmpty)
    }
}
