import DocTestSupport
import DocEngine
import Foundation
import Templates
import Testing

import DocPipeline

@Suite struct BrandLoaderTests {
    static let brands = repositoryRoot.appendingPathComponent("SampleData/brands")

    /// A brand.json that passes, for tests that break one thing at a time.
    static let validManifest = ##"{"id": "acme", "displayName": "Acme Cargo", "accentColor": "#123456"}"##

    /// Writes `files` into a fresh folder named `name`, runs `body` on it, then removes it.
    func withBrandFolder<T>(_ files: [String: Data], name: String = "acme", _ body: (URL) throws -> T) throws -> T {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("brand-tests-\(UUID().uuidString)")
        let folder = parent.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: parent) }
        for (file, data) in files { try data.write(to: folder.appendingPathComponent(file)) }
        return try body(folder)
    }

    /// The problems reported for a folder holding `files`; fails the test if it loads.
    func problems(_ files: [String: Data], sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        try withBrandFolder(files) { folder in
            do throws(BrandError) {
                _ = try BrandLoader.load(from: folder)
                Issue.record("the brand loaded", sourceLocation: sourceLocation)
                return []
            } catch {
                #expect(error.description == error.problems.joined(separator: "\n"), sourceLocation: sourceLocation)
                return error.problems
            }
        }
    }

    func sample(_ path: String) throws -> Data {
        try Data(contentsOf: Self.brands.appendingPathComponent(path))
    }

    /// A PNG signature and IHDR chunk declaring the given size; no pixel data follows.
    func pngHeader(width: UInt32, height: UInt32) -> Data {
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
        for value in [width, height] { bytes += (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) } }
        bytes += [8, 6, 0, 0, 0, 0, 0, 0, 0]
        return Data(bytes)
    }

    // MARK: - Sample brands

    @Test func platformBrandLoads() throws {
        let brand = try BrandLoader.load(from: Self.brands.appendingPathComponent("trackcom"))
        #expect(brand.id == "trackcom" && brand.displayName == "Track.com" && brand.isPlatform)
        #expect(brand.legal?["name"] == "ОсОО «Трак Ком»")
        let logo = try #require(brand.logo)
        #expect(!logo.isVector && logo.aspectRatio > 3)
        #expect(brand.stamp == nil && !brand.hasSignature)
        #expect(brand.version.hasPrefix("sha256:") && brand.version.count == 23)
    }

    @Test func svgResellerBrandLoads() throws {
        let brand = try BrandLoader.load(from: Self.brands.appendingPathComponent("alatoo"))
        #expect(brand.displayName == "Ала-Тоо Логистик" && !brand.isPlatform)
        #expect(brand.accentColor == Color(hex: "#1B7F5A"))
        #expect(brand.locale == .ru && brand.numberPrefix == "АТЛ-")
        #expect(brand.signer?["fullName"] == "Асанов Нурлан Бакытбекович" && brand.signer?["position"] == "Директор")
        let logo = try #require(brand.logo)
        #expect(logo.isVector && logo.aspectRatio >= 3)
        let stamp = try #require(brand.stamp)
        #expect(!stamp.isVector && stamp.pixelWidth == stamp.pixelHeight)
        #expect(brand.signatureStrokes == (try sample("../signatures/asanov.json")) && brand.signatureImage == nil)
    }

    @Test func jpegResellerBrandLoads() throws {
        let brand = try BrandLoader.load(from: Self.brands.appendingPathComponent("silkway"))
        #expect(brand.displayName == "Silk Way Cargo" && brand.locale == .en)
        #expect(brand.accentColor == Color(hex: "#8E1B3A"))
        let logo = try #require(brand.logo)
        #expect(!logo.isVector && logo.pixelWidth == logo.pixelHeight)
        #expect(brand.stamp?.isVector == true)
        #expect(brand.signatureImage != nil && brand.signatureStrokes == nil && brand.hasSignature)
        #expect(brand.legal?["country"] == "KZ")
    }

    /// White-label brands must carry no mark of the platform, in any file or file name.
    @Test(arguments: ["alatoo", "silkway"])
    func resellerFoldersCarryNoPlatformMark(brand: String) throws {
        let folder = Self.brands.appendingPathComponent(brand)
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            for mark in ["Track", "track.kg", "Тракк", "Trask"] {
                #expect(!name.contains(mark), "\(brand)/\(name)")
                #expect(data.range(of: Data(mark.utf8)) == nil, "\(brand)/\(name) contains \(mark)")
            }
            if name.hasSuffix(".json") || name.hasSuffix(".svg") {
                let text = String(decoding: data, as: UTF8.self).lowercased()
                for mark in ["track", "трак"] { #expect(!text.contains(mark), "\(brand)/\(name) contains \(mark)") }
            }
        }
    }

    // MARK: - Version

    @Test func versionIsStableAndFollowsEveryFile() throws {
        let files = ["brand.json": Data(Self.validManifest.utf8), "logo.svg": try sample("alatoo/logo.svg")]
        let first = try withBrandFolder(files) { try BrandLoader.load(from: $0).version }
        #expect(try withBrandFolder(files) { try BrandLoader.load(from: $0).version } == first)
        var changed = files
        changed["logo.svg"]?.append(contentsOf: Array(" ".utf8))
        #expect(try withBrandFolder(changed) { try BrandLoader.load(from: $0).version } != first)
        let withReadme = files.merging(["README.md": Data("notes".utf8), ".DS_Store": Data([0, 1])]) { $1 }
        #expect(try withBrandFolder(withReadme) { try BrandLoader.load(from: $0).version } == first)
    }

    // MARK: - brand.json

    @Test func unknownKeyGetsAHint() throws {
        let manifest = ##"{"id": "acme", "displayName": "Acme", "acentColor": "#123456"}"##
        #expect(try problems(["brand.json": Data(manifest.utf8)]) == [
            #"brand.json: unknown key "acentColor"; did you mean "accentColor"?"#,
            "brand.json: accentColor: required but missing",
        ])
    }

    @Test func badColourIsQuoted() throws {
        let manifest = ##"{"id": "acme", "displayName": "Acme", "accentColor": "red"}"##
        #expect(try problems(["brand.json": Data(manifest.utf8)]) == [#"brand.json: accentColor: expected #RRGGBB, found "red""#])
    }

    @Test func missingDisplayName() throws {
        let manifest = ##"{"id": "acme", "accentColor": "#123456"}"##
        #expect(try problems(["brand.json": Data(manifest.utf8)]) == ["brand.json: displayName: required but missing"])
    }

    static let fieldCases: [(manifest: String, message: String)] = [
        (##"{"id": "Acme_1", "displayName": "A", "accentColor": "#123456"}"##,
         #"brand.json: id: expected 1 to 63 lowercase letters, digits and hyphens, not starting with a hyphen, found "Acme_1""#),
        (##"{"id": "globex", "displayName": "A", "accentColor": "#123456"}"##,
         #"brand.json: id: "globex" differs from the folder's name "acme""#),
        (##"{"id": "acme", "displayName": "", "accentColor": "#123456"}"##, "brand.json: displayName: must not be empty"),
        (##"{"id": "acme", "displayName": "A", "accentColor": "#123456", "numberPrefix": "ABCDEFGHIJKLMNOPQ"}"##,
         "brand.json: numberPrefix: 17 characters, more than the 16 allowed"),
        (##"{"id": "acme", "displayName": "A", "accentColor": "#123456", "locale": "kg"}"##,
         #"brand.json: locale: expected one of "ru", "ky", "en", found "kg"; did you mean "ky"?"#),
        (##"{"id": "acme", "displayName": "A", "accentColor": "#123456", "platform": "yes"}"##,
         #"brand.json: platform: expected true or false, found "yes""#),
        (##"{"id": "acme", "displayName": 5, "accentColor": "#123456"}"##, "brand.json: displayName: expected a string, found 5"),
        (##"{"id": "acme", "displayName": "A", "accentColor": "#123456", "legal": {"nmae": "Acme"}}"##,
         #"brand.json: legal: unknown key "nmae"; did you mean "name"?"#
            + "\nbrand.json: legal.kind: required but missing\nbrand.json: legal.name: required but missing"),
        (##"{"id": "acme", "displayName": "A", "accentColor": "#123456", "legal": {"kind": "firm", "name": "A", "country": "kg"}}"##,
         #"brand.json: legal.kind: expected one of "company", "entrepreneur", "person", found "firm""#
            + "\n" + #"brand.json: legal.country: expected a two-letter country code such as "KG", found "kg""#),
        (##"{"id": "acme", "displayName": "A", "accentColor": "#123456", "legal": {"kind": "company", "name": "A", "bank": {"name": "B"}}}"##,
         "brand.json: legal.bank.account: required but missing"),
        (##"{"id": "acme", "displayName": "A", "accentColor": "#123456", "signer": {"position": "CEO", "fulName": "X"}}"##,
         #"brand.json: signer: unknown key "fulName"; did you mean "fullName"?"# + "\nbrand.json: signer.fullName: required but missing"),
        (##"{"id": "acme", "displayName": "A", "accentColor": "#123456", "signer": "Ivanov"}"##,
         #"brand.json: signer: expected an object, found "Ivanov""#),
        (##"{"id": "acme", "displayName": "A", "accentColor": "#123456",}"##, "brand.json: invalid JSON: line 1, column 60: trailing comma is not allowed in an object"),
        (#"["acme"]"#, "brand.json: expected an object, found an array"),
    ]

    @Test(arguments: fieldCases)
    func fieldProblemsNameTheField(manifest: String, message: String) throws {
        let found = try problems(["brand.json": Data(manifest.utf8)]).joined(separator: "\n")
        #expect(found == message)
    }

    @Test func legalAndSignerAcceptEveryDocumentedKey() throws {
        let manifest = """
            {"id": "acme", "displayName": "A", "accentColor": "#123456", "legal": {
              "kind": "entrepreneur", "name": "ИП Иванов", "shortName": "Иванов", "inn": "1", "okpo": "2", "kpp": "3",
              "vatPayer": false, "address": "a", "postalAddress": "b", "phone": "c", "email": "d",
              "bank": {"name": "B", "bik": "1", "account": "2", "correspondentAccount": "3", "swift": "ABCDKGKA", "address": "x"},
              "director": {"fullName": "D"}, "accountant": {"fullName": "E", "phone": "1", "email": "e"},
              "passport": {"series": "AN", "number": "123", "issuedBy": "MKK", "issuedOn": "2020-01-31"},
              "country": "KG", "ogrn": "1", "kbe": "17", "usesSeal": false, "salesTaxRate": "1.5"},
             "signer": {"fullName": "D", "position": "P", "basis": "B", "phone": "1", "email": "e"}}
            """
        let brand = try withBrandFolder(["brand.json": Data(manifest.utf8)]) { try BrandLoader.load(from: $0) }
        #expect(brand.legal?["passport"]?["issuedOn"] == "2020-01-31")
    }

    /// The key lists copied into BrandSchema must follow document.schema.json.
    @Test func partyAndPersonKeysMatchTheDocumentSchema() throws {
        let schemaURL = repositoryRoot.appendingPathComponent("Sources/Templates/BuiltIn/schema/document.schema.json")
        let schema = try JSONParser.parse(try Data(contentsOf: schemaURL))
        for (definition, rule) in [
            ("Party", BrandSchema.party), ("Person", BrandSchema.person), ("Bank", BrandSchema.bank),
            ("Passport", BrandSchema.passport),
        ] {
            guard case .object(let required, let properties) = rule else {
                Issue.record("\(definition) is not an object rule")
                continue
            }
            let expected = try #require(schema["$defs"]?[definition])
            #expect(Set(properties.map(\.name)) == Set(expected["properties"]?.objectValue?.keys ?? []), "\(definition)")
            #expect(Set(required) == Set((expected["required"]?.arrayValue ?? []).compactMap(\.stringValue)), "\(definition)")
        }
    }

    // MARK: - Files

    @Test func hugePNGIsRefusedFromItsHeader() throws {
        // Only the 33 header bytes exist, so decoding would fail differently: the size check came first.
        let files = ["brand.json": Data(Self.validManifest.utf8), "stamp.png": pngHeader(width: 50_000, height: 50_000)]
        #expect(try problems(files) == ["stamp.png: 50000 × 50000 pixels is more than the 40 megapixel limit"])
    }

    @Test func svgWithExternalURLIsRefused() throws {
        let svg = #"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><image href="https://cdn.example.com/logo.png" width="10" height="10"/></svg>"#
        let files = ["brand.json": Data(Self.validManifest.utf8), "logo.svg": Data(svg.utf8)]
        #expect(try problems(files) == [
            #"logo.svg: refers to an external file or URL (href="https://cdn.example.com/logo.png"); an SVG must be self-contained"#,
        ])
    }

    @Test func unknownFilesAreErrors() throws {
        let files = [
            "brand.json": Data(Self.validManifest.utf8), "logo.jpeg": try sample("silkway/logo.jpg"),
            "notes.txt": Data("x".utf8), "README.md": Data("ignored".utf8), ".DS_Store": Data([0]),
        ]
        #expect(try problems(files) == [
            #"logo.jpeg: unexpected file; did you mean "logo.jpg"?"#,
            "notes.txt: unexpected file; a brand folder holds brand.json, logo.png|jpg|svg, stamp.png|svg, "
                + "signature.json|png and README files",
        ])
    }

    @Test func twoLogosAreAnError() throws {
        let files = [
            "brand.json": Data(Self.validManifest.utf8), "logo.png": try sample("trackcom/logo.png"),
            "logo.svg": try sample("alatoo/logo.svg"),
        ]
        #expect(try problems(files) == ["logo.png, logo.svg: more than one logo; keep only one"])
    }

    @Test func imageContentMustMatchItsExtension() throws {
        let files = ["brand.json": Data(Self.validManifest.utf8), "logo.png": try sample("silkway/logo.jpg")]
        #expect(try problems(files) == ["logo.png: holds a JPG image; rename it logo.jpg"])
    }

    @Test func missingManifestAndBadSignature() throws {
        let files = ["signature.json": Data(##"{"canvas": {"width": 10, "height": 10}}"##.utf8)]
        let found = try problems(files)
        #expect(found.first == "brand.json: missing; every brand folder needs one")
        #expect(found.count == 2 && found[1].hasPrefix("signature.json: "), "\(found)")
    }

    @Test func everyProblemIsReportedTogether() throws {
        let manifest = ##"{"id": "acme", "displayName": "Acme", "accentColor": "red", "locale": "de"}"##
        var brokenStamp = try sample("alatoo/stamp.png")
        brokenStamp.removeLast(brokenStamp.count / 2)
        let files = [
            "brand.json": Data(manifest.utf8), "stamp.png": brokenStamp, "logo.jpeg": try sample("silkway/logo.jpg"),
            "logo.svg": Data(#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect fill="url(http://x.example/p)"/></svg>"#.utf8),
        ]
        let found = try problems(files)
        #expect(found.count == 5, "\(found)")
        #expect(found.contains(#"logo.jpeg: unexpected file; did you mean "logo.jpg"?"#))
        #expect(found.contains(#"brand.json: accentColor: expected #RRGGBB, found "red""#))
        #expect(found.contains(#"brand.json: locale: expected one of "ru", "ky", "en", found "de""#))
        #expect(found.contains { $0.hasPrefix("logo.svg: refers to an external file or URL (url(http://x.example/p))") })
        #expect(found.contains { $0.hasPrefix("stamp.png: unreadable image") })
    }
}
