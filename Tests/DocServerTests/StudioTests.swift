import NIOFoundationCompat
import DocEngine
import DocPipeline
import DocStore
import DocTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOFoundationCompat
import Templates
import Testing

@testable import DocServer

/// The reseller's studio through the service's router: sessions (HttpOnly cookie, hashed, CSRF),
/// drafts that only previews see, publishing with who and when, the white-label guard and the
/// identity rule on drafts, per-language footers, the gallery's samples, the preview cache, and
/// the static page.
@Suite struct StudioTests {
    let dependencies: ServiceDependencies

    init() async throws {
        dependencies = try await TestService.makeDependencies()
    }

    // MARK: Sessions

    @Test func signInSetsAnHttpOnlyStrictCookieWhoseValueIsStoredOnlyHashed() async throws {
        let key = try await dependencies.key("alatoo", .reseller)
        try await app().test(.router) { client in
            try await client.execute(uri: "/v1/session", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == #"{"signedIn":false}"#)
            }
            let session = try await signIn(client, key)
            #expect(session.cookieHeader.contains("HttpOnly") && session.cookieHeader.contains("SameSite=Strict"))
            #expect(session.cookieHeader.contains("Path=/v1") && session.cookieHeader.contains("Max-Age=28800"))
            #expect(!session.cookieHeader.contains("Secure"), "plain HTTP on loopback: not Secure")
            #expect(!session.value.contains(key) && !session.answerText.contains(key), "the key is not echoed")
            #expect(session.answer.tenant == "alatoo" && session.answer.role == "reseller")
            #expect(session.answer.brands?.map(\.id) == ["alatoo"])
            #expect(try await dependencies.sessions.session(StudioCookie.digest(of: session.value)) != nil)
            #expect(try await dependencies.sessions.session(session.value) == nil, "the store knows only the digest")

            try await client.execute(uri: "/v1/session", method: .get, headers: session.cookie) { response in
                let answer = try decode(SessionAnswer.self, response)
                #expect(answer.signedIn && answer.csrfToken == session.answer.csrfToken)
            }
            try await client.execute(uri: "/v1/brands/alatoo", method: .get, headers: session.cookie) { response in
                #expect(response.status == .ok, "a session reads like its key")
            }
            try await client.execute(uri: "/v1/session", method: .delete, headers: session.cookie) { response in
                #expect(response.status == .forbidden, "signing out changes something: it needs the CSRF token")
            }
            try await client.execute(uri: "/v1/session", method: .delete, headers: session.withCSRF) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.setCookie]?.contains("Max-Age=0") == true)
            }
            try await client.execute(uri: "/v1/brands/alatoo", method: .get, headers: session.cookie) { response in
                #expect(response.status == .unauthorized, "a closed session authenticates nothing")
            }
        }
    }

    @Test func changesThroughASessionNeedItsCSRFTokenAndBearerKeysNeedNone() async throws {
        let key = try await dependencies.key("alatoo", .reseller)
        try await app().test(.router) { client in
            let session = try await signIn(client, key)
            let patch = ByteBuffer(string: ##"{"accentColor": "#224466"}"##)
            var wrong = session.cookie
            wrong[StudioCookie.csrfHeader] = String(repeating: "0", count: 43)
            for headers in [session.cookie, wrong] {
                try await client.execute(uri: "/v1/brands/alatoo/draft", method: .patch, headers: json(headers), body: patch) { response in
                    #expect(response.status == .forbidden)
                }
            }
            #expect(try await dependencies.drafts.store.draft(of: "alatoo") == nil, "nothing was stored")
            try await client.execute(uri: "/v1/brands/alatoo/draft", method: .patch, headers: json(session.withCSRF), body: patch) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/v1/brands/alatoo/draft", method: .patch, headers: json(bearer(key)), body: patch) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func clientKeysCannotOpenTheStudioAndExpiredSessionsSignOut() async throws {
        let client = try await dependencies.key("alatoo", .client, client: "shop-1")
        let reseller = try await dependencies.key("alatoo", .reseller)
        var configuration = ServiceConfiguration()
        configuration.sessionLifetime = .seconds(0)
        try await app(configuration).test(.router) { http in
            try await http.execute(uri: "/v1/session", method: .post, headers: bearer(client)) { response in
                #expect(response.status == .forbidden)
            }
            let session = try await signIn(http, reseller)
            try await http.execute(uri: "/v1/session", method: .get, headers: session.cookie) { response in
                #expect(String(buffer: response.body) == #"{"signedIn":false}"#, "a session past its expiry is over")
                #expect(response.headers[.setCookie]?.contains("Max-Age=0") == true, "and its cookie is cleared")
            }
            try await http.execute(uri: "/v1/brands/alatoo/draft", method: .get, headers: session.cookie) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test func aPlatformSessionOpensEveryBrandsStudio() async throws {
        let key = try await dependencies.key("platform", .platform)
        try await app().test(.router) { client in
            let session = try await signIn(client, key)
            #expect(Set(session.answer.brands?.map(\.id) ?? []) == ["alatoo", "silkway", "trackcom"])
            let patch = ByteBuffer(string: #"{"footerNote": "Silk Way Cargo · Almaty"}"#)
            try await client.execute(uri: "/v1/brands/silkway/draft", method: .patch, headers: json(session.withCSRF), body: patch) { response in
                #expect(response.status == .ok)
                let answer = try decode(DraftAnswerJSON.self, response)
                #expect(answer.updatedBy?.role == "platform")
            }
        }
    }

    // MARK: Drafts, previews and publishing

    @Test func aDraftShowsInPreviewsButNeverInIssuedDocumentsUntilPublished() async throws {
        let key = try await dependencies.key("alatoo", .reseller)
        try await app().test(.router) { client in
            let patch = ByteBuffer(string: ##"{"accentColor": "#C2185B", "footerNote": {"ru": "Русский подвал черновика", "ky": "Кыргызча төмөнкү жазуу", "en": "English draft footer"}}"##)
            let draft = try await client.execute(
                uri: "/v1/brands/alatoo/draft", method: .patch, headers: json(bearer(key)), body: patch
            ) { response in
                #expect(response.status == .ok)
                return try decode(DraftAnswerJSON.self, response)
            }
            #expect(draft.hasDraft && draft.accentColor == "#C2185B" && draft.footerNote["ky"] == "Кыргызча төмөнкү жазуу")

            let preview = try await previewText(client, key, template: "invoice", locale: "ky", draft: true)
            #expect(preview.contains("Кыргызча төмөнкү жазуу"), "the draft's Kyrgyz footer is previewed in Kyrgyz")
            #expect(!preview.contains("English draft footer"))
            #expect(try await previewAccentPixels(client, key, draft: true) > 500, "the draft's colour is in the preview")
            #expect(try await previewAccentPixels(client, key, draft: false) == 0, "the current version keeps its colour")

            let issued = try await issueText(client, key, locale: "ky")
            #expect(!issued.contains("Кыргызча төмөнкү жазуу"), "a draft never reaches an issued document")
            try await client.execute(
                uri: "/v1/documents", method: .post, headers: json(bearer(key)),
                body: ByteBuffer(string: #"{"template": "invoice", "brand": "alatoo", "draft": true, "data": {}}"#)
            ) { response in
                #expect(response.status == .badRequest, "documents refuse the draft member")
            }

            let published = try await client.execute(
                uri: "/v1/brands/alatoo/draft/publish", method: .post, headers: bearer(key)
            ) { response in
                #expect(response.status == .created)
                return try decode(PublishedBrand.self, response)
            }
            #expect(published.version == 2 && published.fingerprint == draft.fingerprint)
            let english = try await issueText(client, key, locale: "en")
            let kyrgyz = try await issueText(client, key, locale: "ky")
            #expect(kyrgyz.contains("Кыргызча төмөнкү жазуу") && !kyrgyz.contains("English draft footer"))
            #expect(english.contains("English draft footer") && !english.contains("Кыргызча төмөнкү жазуу"))

            try await client.execute(uri: "/v1/brands/alatoo", method: .get, headers: bearer(key)) { response in
                let details = try decode(BrandDetails.self, response)
                #expect(details.versions.map(\.publishedBy) == [nil, .init(tenant: "alatoo", role: "reseller", via: "studio")])
            }
            try await client.execute(uri: "/v1/brands/alatoo/draft", method: .get, headers: bearer(key)) { response in
                let answer = try decode(DraftAnswerJSON.self, response)
                #expect(answer.hasDraft == false, "publishing ends the draft")
            }
            try await client.execute(uri: "/v1/brands/alatoo/draft/publish", method: .post, headers: bearer(key)) { response in
                #expect(response.status == .conflict, "nothing left to publish")
            }
        }
    }

    @Test func publishingTakesIdentityFromTheCurrentVersionAndDiscardForgetsTheDraft() async throws {
        let reseller = try await dependencies.key("alatoo", .reseller)
        try await app().test(.router) { client in
            try await client.execute(
                uri: "/v1/brands/alatoo/draft", method: .patch, headers: json(bearer(reseller)),
                body: ByteBuffer(string: #"{"terms": "1. Свои условия черновика."}"#)
            ) { response in #expect(response.status == .ok) }
            // Meanwhile the platform changes a requisite through the API.
            var manifest = try JSONParser.parse(Data(contentsOf: repositoryFile("SampleData/brands/alatoo/brand.json"))).objectValue!
            var legal = manifest["legal"]!.objectValue!
            legal["phone"] = .string("+996 312 00-00-01")
            manifest["legal"] = .object(legal)
            var files = BrandFolder(reading: repositoryFile("SampleData/brands/alatoo")).files
            files["brand.json"] = Data(JSONValue.object(manifest).jsonText.utf8)
            _ = try await dependencies.brands.publish(id: "alatoo", files: files)

            try await client.execute(uri: "/v1/brands/alatoo/draft/publish", method: .post, headers: bearer(reseller)) { response in
                #expect(response.status == .created)
            }
            let current = try #require(dependencies.brands.current("alatoo"))
            #expect(current.version == 3)
            #expect(current.brand.legal?["phone"]?.stringValue == "+996 312 00-00-01", "the old draft did not revert the requisite")
            #expect(current.brand.terms == LocalizedText("1. Свои условия черновика."))

            try await client.execute(
                uri: "/v1/brands/alatoo/draft", method: .patch, headers: json(bearer(reseller)),
                body: ByteBuffer(string: ##"{"accentColor": "#000000"}"##)
            ) { response in #expect(response.status == .ok) }
            try await client.execute(uri: "/v1/brands/alatoo/draft", method: .delete, headers: bearer(reseller)) { response in
                let answer = try decode(DraftAnswerJSON.self, response)
                #expect(!answer.hasDraft && answer.accentColor == "#1B7F5A")
            }
            #expect(try await dependencies.drafts.store.draft(of: "alatoo") == nil)
        }
    }

    @Test func identityFieldsAreRefusedNamingTheFieldAndUnknownMembersAre400() async throws {
        let key = try await dependencies.key("alatoo", .reseller)
        let platform = try await dependencies.key("platform", .platform)
        try await app().test(.router) { client in
            for (body, field) in [
                (#"{"numberPrefix": "XYZ-"}"#, "numberPrefix"),
                (#"{"platform": true}"#, "platform"),
                (#"{"displayName": "Другое имя"}"#, "displayName"),
                (#"{"legal": {"kind": "company", "name": "ОсОО «Другое»"}}"#, "legal.country"),
            ] {
                for token in [key, platform] {
                    try await client.execute(
                        uri: "/v1/brands/alatoo/draft", method: .patch, headers: json(bearer(token)), body: ByteBuffer(string: body)
                    ) { response in
                        #expect(response.status == .forbidden, "\(body)")
                        let answer = try decode(FieldErrorsJSON.self, response)
                        #expect(answer.errors.first?.field == field)
                    }
                }
            }
            try await client.execute(
                uri: "/v1/brands/alatoo/draft", method: .patch, headers: json(bearer(key)),
                body: ByteBuffer(string: #"{"footerNot": "x"}"#)
            ) { response in #expect(response.status == .badRequest) }
            #expect(try await dependencies.drafts.store.draft(of: "alatoo") == nil, "nothing was stored")
        }
    }

    @Test func badLookOrImagesAreRefusedBesideTheirFieldAndStoreNothing() async throws {
        let key = try await dependencies.key("alatoo", .reseller)
        var configuration = ServiceConfiguration()
        configuration.maxRequestBodySize = 1 << 20
        try await app(configuration).test(.router) { client in
            for (body, field) in [
                (#"{"accentColor": "red"}"#, "accentColor"),
                (#"{"footerNote": {"ky": "Документы Track.com"}}"#, "footerNote.ky"),
                (#"{"terms": "Условия ОсОО «Трак Ком»"}"#, "terms"),
                ("{\"footerNote\": \"\(String(repeating: "х", count: 10_000))\"}", "footerNote"),
                (#"{"footerNote": {"kz": "x"}}"#, "footerNote"),
                (#"{"footerNote": {}}"#, "footerNote"),
            ] {
                try await client.execute(
                    uri: "/v1/brands/alatoo/draft", method: .patch, headers: json(bearer(key)), body: ByteBuffer(string: body)
                ) { response in
                    #expect(response.status == .unprocessableContent, "\(body.prefix(60))")
                    let answer = try decode(FieldErrorsJSON.self, response)
                    #expect(answer.errors.first?.field == field, "\(body.prefix(60))")
                }
            }
            let uploads: [(String, String, Data, HTTPResponse.Status)] = [
                ("logo", "text/plain", Data("not a picture".utf8), .unsupportedMediaType),
                ("stamp", "image/jpeg", Data([0xFF, 0xD8, 0xFF]), .unsupportedMediaType),
                ("stamp", "image/png", Data("\u{89}PNG\r\n\u{1A}\n but not really".utf8), .unprocessableContent),
                ("signature", "application/json", Data(#"{"canvas": {"width": 10}}"#.utf8), .unprocessableContent),
                ("logo", "image/png", Data(count: (1 << 20) + 1), .contentTooLarge),
                ("logo", "image/png", Data(), .badRequest),
            ]
            for (role, type, body, status) in uploads {
                try await client.execute(
                    uri: "/v1/brands/alatoo/draft/images/\(role)", method: .put,
                    headers: bearer(key, [.contentType: type]), body: ByteBuffer(bytes: body)
                ) { response in
                    #expect(response.status == status, "\(role) \(type)")
                    if status != .contentTooLarge {
                        let answer = try decode(FieldErrorsJSON.self, response)
                        #expect(!answer.errors.isEmpty)
                    }
                }
            }
            #expect(try await dependencies.drafts.store.draft(of: "alatoo") == nil, "nothing was stored")
        }
    }

    @Test func imagesAreUploadedAndADrawnSignatureIsShownVectorised() async throws {
        let key = try await dependencies.key("alatoo", .reseller)
        let logo = try Data(contentsOf: repositoryFile("SampleData/brands/trackcom/logo.png"))
        let strokes = try Data(contentsOf: repositoryFile("SampleData/brands/alatoo/signature.json"))
        try await app().test(.router) { client in
            let answer = try await client.execute(
                uri: "/v1/brands/alatoo/draft/images/logo", method: .put, headers: bearer(key, [.contentType: "image/png"]),
                body: ByteBuffer(bytes: logo)
            ) { response in
                #expect(response.status == .ok)
                return try decode(DraftAnswerJSON.self, response)
            }
            #expect(answer.images == ["logo": "logo.png", "stamp": "stamp.png", "signature": "signature.json"], "logo.svg was replaced")
            try await client.execute(uri: "/v1/brands/alatoo/draft/images/logo", method: .get, headers: bearer(key)) { response in
                #expect(response.headers[.contentType] == "image/png" && Data(buffer: response.body) == logo)
                #expect(response.headers[.contentSecurityPolicy]?.contains("sandbox") == true)
            }
            try await client.execute(
                uri: "/v1/brands/alatoo/draft/images/signature", method: .put,
                headers: bearer(key, [.contentType: "application/json"]), body: ByteBuffer(bytes: strokes)
            ) { response in #expect(response.status == .ok) }
            try await client.execute(uri: "/v1/brands/alatoo/draft/images/signature", method: .get, headers: bearer(key)) { response in
                #expect(response.headers[.contentType] == "image/svg+xml")
                #expect(String(buffer: response.body).contains("<path"))
            }
            try await client.execute(uri: "/v1/brands/alatoo/draft/images/stamp", method: .delete, headers: bearer(key)) { response in
                let answer = try decode(DraftAnswerJSON.self, response)
                #expect(answer.images["stamp"] == nil)
            }
            try await client.execute(uri: "/v1/brands/alatoo/draft/images/seal", method: .get, headers: bearer(key)) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test func anotherResellerSeesNoneOfIt() async throws {
        let alatoo = try await dependencies.key("alatoo", .reseller)
        let silkway = try await dependencies.key("silkway", .reseller)
        let shop = try await dependencies.key("alatoo", .client, client: "shop-1")
        try await app().test(.router) { client in
            try await client.execute(
                uri: "/v1/brands/alatoo/draft", method: .patch, headers: json(bearer(alatoo)),
                body: ByteBuffer(string: ##"{"accentColor": "#C2185B"}"##)
            ) { response in #expect(response.status == .ok) }
            let preview = ByteBuffer(string: #"{"template": "invoice", "brand": "alatoo", "draft": true, "sample": true}"#)
            for token in [silkway, shop] {
                for (method, uri, body) in [
                    (HTTPRequest.Method.get, "/v1/brands/alatoo", nil), (.get, "/v1/brands/alatoo/draft", nil),
                    (.patch, "/v1/brands/alatoo/draft", ByteBuffer(string: "{}")), (.delete, "/v1/brands/alatoo/draft", nil),
                    (.post, "/v1/brands/alatoo/draft/publish", nil), (.get, "/v1/brands/alatoo/draft/images/logo", nil),
                    (.put, "/v1/brands/alatoo/draft/images/logo", ByteBuffer(string: "x")),
                    (.delete, "/v1/brands/alatoo/draft/images/logo", nil),
                ] {
                    try await client.execute(uri: uri, method: method, headers: json(bearer(token, [.contentType: "image/png"])), body: body) { response in
                        #expect(response.status == .notFound, "\(method) \(uri)")
                    }
                }
                try await client.execute(uri: "/v1/previews", method: .post, headers: json(bearer(token)), body: preview) { response in
                    #expect(response.status == (token == shop ? .forbidden : .notFound))
                }
            }
            #expect(try await dependencies.drafts.store.draft(of: "alatoo")?.updatedBy.tenantID == "alatoo")
        }
    }

    // MARK: Gallery and cache

    @Test(arguments: StudioSamples.templates)
    func everyTemplateHasASampleThatFitsItInEveryLanguage(template: String) async throws {
        let key = try await dependencies.key("alatoo", .reseller)
        try await app().test(.router) { client in
            for language in Language.allCases {
                let text = try await previewText(client, key, template: template, locale: language.rawValue, draft: false)
                #expect(text.contains("Ала-Тоо Логистик"), "\(template) \(language): the brand is the issuer")
                #expect(!text.contains("Track.com") && !text.contains("Трак Ком"))
                if template == "contract" {
                    // A contract is shown with its sections (its own sample, not a supplement's).
                    let sample = try #require(dependencies.samples.sample(for: template, language: language))
                    let titles = try #require(sample.data["contract"]?["sections"]?.arrayValue).compactMap { $0["title"]?.stringValue }
                    #expect(titles.count >= 5, "\(sample.name)")
                    for title in titles { #expect(text.lowercased().contains(title.lowercased()), "\(language): \(title)") }
                }
            }
        }
    }

    @Test func previewsAreCachedByDraftLanguageAndPageAndSayTheirPagesAndTime() async throws {
        let key = try await dependencies.key("alatoo", .reseller)
        try await app().test(.router) { client in
            func preview(_ locale: String, page: Int = 1, template: String = "contract") async throws -> (String, String, String) {
                let body = ByteBuffer(string: #"{"template": "\#(template)", "locale": "\#(locale)", "brand": "alatoo", "draft": true, "sample": true}"#)
                return try await client.execute(
                    uri: "/v1/previews?page=\(page)&dpi=40", method: .post, headers: json(bearer(key, [.accept: "image/png"])), body: body
                ) { response in
                    #expect(response.status == .ok)
                    return (
                        response.headers[PreviewRoutes.cacheHeader] ?? "", response.headers[PreviewRoutes.pagesHeader] ?? "",
                        response.headers[PreviewRoutes.serverTimingHeader] ?? ""
                    )
                }
            }
            let first = try await preview("ru")
            #expect(first.0 == "miss" && (Int(first.1) ?? 0) >= 2 && first.2.hasPrefix("preview;dur="))
            #expect(try await preview("ru").0 == "hit")
            #expect(try await preview("ky").0 == "miss")
            #expect(try await preview("ru", page: 2).0 == "miss")
            // A page past the document's end does not exist (404, as the API description says), not a bad request.
            try await client.execute(
                uri: "/v1/previews?page=999", method: .post, headers: json(bearer(key, [.accept: "image/png"])),
                body: ByteBuffer(string: #"{"template": "invoice", "locale": "ru", "brand": "alatoo", "sample": true}"#)
            ) { response in #expect(response.status == .notFound, "\(String(buffer: response.body))") }
            try await client.execute(
                uri: "/v1/brands/alatoo/draft", method: .patch, headers: json(bearer(key)),
                body: ByteBuffer(string: ##"{"accentColor": "#224466"}"##)
            ) { response in #expect(response.status == .ok) }
            #expect(try await preview("ru").0 == "miss", "a new draft is a new picture")
            try await client.execute(
                uri: "/v1/brands/alatoo/draft", method: .patch, headers: json(bearer(key)),
                body: ByteBuffer(string: ##"{"accentColor": "#336699"}"##)
            ) { response in #expect(response.status == .ok) }
            #expect(try await preview("ru").0 == "miss")
            try await client.execute(
                uri: "/v1/brands/alatoo/draft", method: .patch, headers: json(bearer(key)),
                body: ByteBuffer(string: ##"{"accentColor": "#224466"}"##)
            ) { response in #expect(response.status == .ok) }
            #expect(try await preview("ru").0 == "hit", "an edit undone is the cached picture again")
        }
    }

    // MARK: The page

    @Test func thePageIsServedWithItsContractAndAStrictPolicy() async throws {
        try await app().test(.router) { client in
            let html = try await client.execute(uri: "/studio/", method: .get) { response in
                #expect(response.status == .ok && response.headers[.contentType] == "text/html; charset=utf-8")
                let policy = response.headers[.contentSecurityPolicy] ?? ""
                #expect(policy.contains("script-src 'self'") && policy.contains("frame-ancestors 'none'"))
                return String(buffer: response.body)
            }
            for testID in [
                "studio-key", "studio-sign-in", "locale", "accent-color", "footer-note", "terms", "preview-image", "publish",
                "download-pdf", "field-error",
            ] {
                #expect(html.contains("data-testid=\"\(testID)\""), "\(testID)")
            }
            let script = try await client.execute(uri: "/studio/studio.js", method: .get) { response in
                #expect(response.headers[.contentType] == "text/javascript; charset=utf-8")
                return String(buffer: response.body)
            }
            #expect(script.contains("template-thumbnail") && script.contains("X-CSRF-Token"))
            #expect(!script.contains("localStorage.setItem(\"studio.key"), "the key is never stored")
            for file in ["studio.css", "i18n.js", "favicon.svg"] {
                try await client.execute(uri: "/studio/\(file)", method: .get) { response in #expect(response.status == .ok, "\(file)") }
            }
            for missing in ["/studio/nothing.js", "/studio/..%2FPackage.swift"] {
                try await client.execute(uri: missing, method: .get) { response in #expect(response.status == .notFound) }
            }
        }
    }

    // MARK: Helpers

    private func app(_ configuration: ServiceConfiguration = ServiceConfiguration()) -> some ApplicationProtocol {
        buildApplication(configuration: configuration, dependencies: dependencies)
    }

    struct Session {
        var value: String
        var cookieHeader: String
        var answer: SessionAnswer
        var answerText: String
        var cookie: HTTPFields { [.cookie: "\(StudioCookie.name)=\(value)"] }
        var withCSRF: HTTPFields {
            var fields = cookie
            fields[StudioCookie.csrfHeader] = answer.csrfToken
            return fields
        }
    }

    private func signIn(_ client: some TestClientProtocol, _ key: String) async throws -> Session {
        try await client.execute(uri: "/v1/session", method: .post, headers: bearer(key)) { response in
            #expect(response.status == .created)
            let header = response.headers[.setCookie] ?? ""
            let value = String(header.prefix { $0 != ";" }.dropFirst(StudioCookie.name.count + 1))
            return Session(
                value: value, cookieHeader: header, answer: try decode(SessionAnswer.self, response),
                answerText: String(buffer: response.body))
        }
    }

    private func json(_ headers: HTTPFields) -> HTTPFields {
        var fields = headers
        if fields[.contentType] == nil || fields[.contentType] == "image/png" { fields[.contentType] = "application/json" }
        return fields
    }

    /// pdftotext of a preview of `template`'s sample under alatoo (its draft when `draft`).
    private func previewText(_ client: some TestClientProtocol, _ key: String, template: String, locale: String, draft: Bool)
        async throws -> String
    {
        let body = ByteBuffer(string: #"{"template": "\#(template)", "locale": "\#(locale)", "brand": "alatoo", "draft": \#(draft), "sample": true}"#)
        let pdf = try await client.execute(uri: "/v1/previews", method: .post, headers: json(bearer(key)), body: body) { response in
            #expect(response.status == .ok, "\(String(buffer: response.body).prefix(300))")
            return Data(buffer: response.body)
        }
        return try pdfText(pdf)
    }

    /// Pixels of #C2185B on page 1 of the invoice preview (PDF rendered by pdftoppm at 40 dpi).
    private func previewAccentPixels(_ client: some TestClientProtocol, _ key: String, draft: Bool) async throws -> Int {
        let body = ByteBuffer(string: #"{"template": "invoice", "locale": "ru", "brand": "alatoo", "draft": \#(draft), "sample": true}"#)
        let pdf = try await client.execute(uri: "/v1/previews", method: .post, headers: json(bearer(key)), body: body) { response in
            Data(buffer: response.body)
        }
        let folder = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try pdf.write(to: folder.appendingPathComponent("preview.pdf"))
        try execute("pdftoppm", ["-r", "40", "-f", "1", "-l", "1", "preview.pdf", "page"], currentDirectory: folder)
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.hasSuffix(".ppm") })
        let ppm = try Data(contentsOf: folder.appendingPathComponent(name))
        // P6 header: magic, width, height, maximum, each followed by one whitespace byte.
        var newlines = 0
        var start = 0
        for (index, byte) in ppm.enumerated() where byte == 0x0A || byte == 0x20 {
            newlines += 1
            if newlines == 4 {
                start = index + 1
                break
            }
        }
        let pixels = [UInt8](ppm[start...])
        return stride(from: 0, to: pixels.count - 2, by: 3).filter { index in
            abs(Int(pixels[index]) - 0xC2) <= 8 && abs(Int(pixels[index + 1]) - 0x18) <= 8 && abs(Int(pixels[index + 2]) - 0x5B) <= 8
        }.count
    }

    /// pdftotext of an invoice issued under alatoo in `locale`.
    private func issueText(_ client: some TestClientProtocol, _ key: String, locale: String) async throws -> String {
        var data = try sampleData(locale == "ru" ? "invoice-kgs" : "invoice-\(locale)")
        data = DocumentIssuer.setting(number: "", in: data)
        // Issued as the brand: a reseller's data may not name another entity as the issuer.
        if case .object(var object) = data { object["issuer"] = nil; data = .object(object) }
        let request: JSONObject = ["template": .string("invoice"), "locale": .string(locale), "brand": .string("alatoo"), "data": data]
        let body = ByteBuffer(string: JSONValue.object(request).jsonText)
        let url = try await client.execute(uri: "/v1/documents", method: .post, headers: json(bearer(key)), body: body) { response in
            #expect(response.status == .created, "\(String(buffer: response.body).prefix(300))")
            return try decode(CreatedDocument.self, response).url
        }
        let pdf = try await client.execute(uri: url, method: .get, headers: bearer(key)) { response in Data(buffer: response.body) }
        return try pdfText(pdf)
    }
}

/// `DraftAnswer` as a client reads it.
struct DraftAnswerJSON: Decodable {
    var hasDraft: Bool
    var fingerprint: String
    var accentColor: String
    var footerNote: [String: String]
    var terms: [String: String]
    var images: [String: String]
    var updatedBy: BrandDetails.AuthorJSON?
}

/// `{message, errors: [{file?, field?, message}]}`.
struct FieldErrorsJSON: Decodable {
    struct Problem: Decodable {
        var file: String?
        var field: String?
        var message: String
    }

    var message: String
    var errors: [Problem]
}
