import DocEngine
import DocPipeline
import DocServer
import DocTestSupport
import Foundation
import Testing

@testable import DocStore

/// Versioned brands: seeding, publishing, old versions and concurrent publishes.
@Suite struct BrandRegistryTests {
    static let seeds = repositoryRoot.appendingPathComponent("SampleData/brands")
    /// alatoo's accent colour in SampleData.
    static let alatooAccent = "#1B7F5A"
    /// alatoo's fingerprint, pinned: every installation stores it in `brand_versions.sha256` and
    /// compares it when a version is loaded again, so its format and value must never change for
    /// the same files. (Issue 13 changed the sample's terms, so the sample's value changed with them.)
    static let alatooFingerprint = "sha256:feef882b85813e9d"
    /// silkway's and trackcom's, pinned for the same reason.
    static let silkwayFingerprint = "sha256:7886c7413a436877"
    static let trackcomFingerprint = "sha256:eb518893708dac32"

    let directory: URL
    let store: SQLiteStore

    init() async throws {
        directory = try makeTemporaryDirectory()
        store = try SQLiteStore(directory: directory)
    }

    /// A registry on this test's store.
    func openRegistry(seeds: URL? = BrandRegistryTests.seeds) async throws -> BrandRegistry {
        try await BrandRegistry(store: store.brands, blobs: store.blobs, seedFolder: seeds)
    }

    // MARK: Seeding

    @Test func seedingRecordsEverySampleBrandAsVersionOne() async throws {
        let registry = try await openRegistry()
        #expect(registry.all.map(\.brand.id) == ["alatoo", "silkway", "trackcom"])
        #expect(registry.all.allSatisfy { $0.version == 1 && $0.tenantID == $0.brand.id })
        // The fingerprint keeps its format and value across the switch to swift-crypto.
        #expect(registry.current("alatoo")?.brand.version == Self.alatooFingerprint)
        #expect(registry.current("silkway")?.brand.version == Self.silkwayFingerprint)
        #expect(registry.current("trackcom")?.brand.version == Self.trackcomFingerprint)
        #expect(registry.platformBrand?.id == "trackcom")
        #expect(registry.current("nope") == nil)

        let stored = try await store.brands.currentVersions()
        #expect(stored.map(\.brandID) == ["alatoo", "silkway", "trackcom"])
        #expect(stored.map(\.tenantID) == ["alatoo", "silkway", "trackcom"])
        #expect(stored.first?.fingerprint == Self.alatooFingerprint)
        let files = try #require(try await store.brands.version("alatoo", 1)).files
        #expect(files.keys.sorted() == ["brand.json", "logo.svg", "signature.json", "stamp.png"])
        for (name, sha256) in files {
            let original = try Data(contentsOf: Self.seeds.appendingPathComponent("alatoo/\(name)"))
            #expect(try await store.blobs.read(sha256, kind: .brandFile) == original, "\(name) is kept byte for byte")
        }
    }

    @Test func reopeningNeitherDuplicatesNorOverwritesUploads() async throws {
        let first = try await openRegistry()
        _ = try await first.publish(id: "alatoo", files: try alatoo(accent: "#FF0000"))
        let reopened = try await openRegistry()
        #expect(try await versionCount() == 4)
        #expect(reopened.current("alatoo")?.version == 2, "the seed does not replace an uploaded version")
        #expect(reopened.current("alatoo")?.brand.accentColor == Color(hex: "#FF0000"))
        #expect(reopened.current("silkway")?.version == 1)
        let withoutSeed = try await openRegistry(seeds: nil)
        #expect(withoutSeed.all.map(\.version) == [2, 1, 1])
    }

    @Test func aBrokenSeedIsNamedAndAStoredOneIsNotReread() async throws {
        let seeds = try makeTemporaryDirectory()
        try FileManager.default.createDirectory(at: seeds.appendingPathComponent("acme"), withIntermediateDirectories: true)
        try Data(#"{"id": "acme", "displayName": "Acme", "accentColor": "red"}"#.utf8)
            .write(to: seeds.appendingPathComponent("acme/brand.json"))
        await #expect {
            try await openRegistry(seeds: seeds)
        } throws: { error in
            (error as? BrandError)?.problems.first?.hasPrefix("\(seeds.lastPathComponent)/acme/brand.json: accentColor") == true
        }
        #expect(try await versionCount() == 0)
    }

    // MARK: Publishing

    @Test func changedFilesAreANewVersionAndIdenticalFilesAreNot() async throws {
        let registry = try await openRegistry()
        let second = try await registry.publish(id: "alatoo", files: try alatoo(accent: "#FF0000"))
        #expect(second.version == 2 && second.tenantID == "alatoo")
        #expect(second.brand.accentColor == Color(hex: "#FF0000"))
        #expect(registry.current("alatoo")?.version == 2)

        let again = try await registry.publishReportingChange(id: "alatoo", files: try alatoo(accent: "#FF0000"))
        #expect(again.version.version == 2 && !again.isNew)
        #expect(again.version.brand.version == second.brand.version)
        #expect(try await versionCount() == 4)

        // Going back to the first files is a change from the current version.
        let third = try await registry.publish(id: "alatoo", files: try alatoo(accent: Self.alatooAccent))
        let firstAgain = try await registry.version("alatoo", 1)
        #expect(third.version == 3 && third.brand.version == firstAgain?.brand.version)
        let history = try await registry.history("alatoo")
        #expect(history.map(\.version) == [1, 2, 3])
        var fingerprints: [String] = []
        for number in 1...3 { fingerprints.append(try await registry.version("alatoo", number)?.brand.version ?? "") }
        #expect(history.map(\.fingerprint) == fingerprints)
    }

    @Test func aNewBrandGetsItsTenant() async throws {
        let registry = try await openRegistry(seeds: nil)
        let manifest = ##"{"id": "acme", "displayName": "Acme Cargo", "accentColor": "#123456"}"##
        let published = try await registry.publish(id: "acme", files: ["brand.json": Data(manifest.utf8)])
        #expect(published.version == 1 && published.tenantID == "acme" && registry.platformBrand == nil)
        #expect(try await store.brands.version("acme", 1)?.tenantID == "acme")
    }

    /// One way to break alatoo's files, and the start of the problem it must report.
    enum Breakage: String, CaseIterable, Sendable {
        case badAccentColor, brokenPNG, idMismatch, unknownFile, pathInName, noManifest

        func apply(to files: [String: Data]) -> [String: Data] {
            var files = files
            switch self {
            case .badAccentColor: files["brand.json"] = BrandRegistryTests.replacingAccent(files, with: "red")
            case .brokenPNG: files["stamp.png"] = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3])
            case .idMismatch: files["brand.json"] = BrandRegistryTests.replacingID(files, with: "silkway")
            case .unknownFile: files["logo.gif"] = Data("GIF89a".utf8)
            case .pathInName: files["../brand.json"] = Data("{}".utf8)
            case .noManifest: files["brand.json"] = nil
            }
            return files
        }

        var problem: String {
            switch self {
            case .badAccentColor: #"brand.json: accentColor: expected #RRGGBB, found "red""#
            case .brokenPNG: "stamp.png: "
            case .idMismatch: #"brand.json: id: "silkway" differs from the folder's name "alatoo""#
            case .unknownFile: "logo.gif: unexpected file"
            case .pathInName: #""../brand.json": not a plain file name"#
            case .noManifest: "brand.json: missing"
            }
        }
    }

    @Test(arguments: Breakage.allCases)
    func anInvalidBrandIsRefusedAndLeavesNothingBehind(breakage: Breakage) async throws {
        let registry = try await openRegistry()
        let blobsBefore = try brandBlobCount()
        let files = breakage.apply(to: try alatoo(accent: Self.alatooAccent))
        var problems: [String] = []
        do {
            _ = try await registry.publish(id: "alatoo", files: files)
            Issue.record("\(breakage): the brand was published")
        } catch let error as BrandError {
            problems = error.problems
        }
        #expect(problems.contains { $0.hasPrefix(breakage.problem) }, "\(breakage): \(problems)")
        #expect(try brandBlobCount() == blobsBefore, "\(breakage): no file of the refused brand is stored")
        #expect(try await versionCount() == 3)
        #expect(registry.current("alatoo")?.version == 1)
    }

    @Test func anInvalidIDIsRefusedBeforeAnythingIsWritten() async throws {
        let registry = try await openRegistry(seeds: nil)
        await #expect(throws: BrandError.self) {
            try await registry.publish(id: "../etc", files: ["brand.json": Data("{}".utf8)])
        }
        #expect(try brandBlobCount() == 0)
    }

    // MARK: Versions

    @Test func anOlderVersionStillLoadsAfterANewOne() async throws {
        let registry = try await openRegistry()
        _ = try await registry.publish(id: "alatoo", files: try alatoo(accent: "#FF0000"))
        let reopened = try await openRegistry(seeds: nil)
        let first = try #require(try await reopened.version("alatoo", 1))
        #expect(first.version == 1 && first.brand.accentColor == Color(hex: Self.alatooAccent))
        #expect(first.brand.version == Self.alatooFingerprint)
        #expect(try await reopened.version("alatoo", 2)?.brand.accentColor == Color(hex: "#FF0000"))
        #expect(try await reopened.version("alatoo", 3) == nil)
        #expect(try await reopened.version("nope", 1) == nil)
    }

    @Test func aTamperedVersionIsNoticed() async throws {
        let registry = try await openRegistry()
        _ = try await registry.publish(id: "alatoo", files: try alatoo(accent: "#FF0000"))
        let sha256 = try #require(try await store.brands.version("alatoo", 1)?.files["brand.json"])
        let manifest = FileBlobStore(directory: directory).url(forSHA256: sha256, kind: .brandFile)
        try (try Data(contentsOf: manifest) + Data(" ".utf8)).write(to: manifest)
        let reopened = try await openRegistry(seeds: nil)
        await #expect(throws: StorageError.self) { try await reopened.version("alatoo", 1) }
    }

    @Test func concurrentPublishesGetDistinctConsecutiveVersions() async throws {
        let registry = try await openRegistry()
        let accents = (0..<8).map { String(format: "#0000%02X", $0 + 1) }
        let filesByAccent = try accents.map { try alatoo(accent: $0) }
        let versions = try await withThrowingTaskGroup(of: Int.self) { group in
            for files in filesByAccent {
                group.addTask { try await registry.publish(id: "alatoo", files: files).version }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(versions.sorted() == Array(2...9))
        #expect(registry.current("alatoo")?.version == 9)
        let stored = try await registry.history("alatoo").map(\.fingerprint)
        #expect(Set(stored).count == 9)
    }

    // MARK: Helpers

    /// alatoo's sample files with brand.json's accent colour set to `accent`.
    func alatoo(accent: String) throws -> [String: Data] {
        let folder = Self.seeds.appendingPathComponent("alatoo")
        var files: [String: Data] = [:]
        for name in try contents(of: folder) { files[name] = try Data(contentsOf: folder.appendingPathComponent(name)) }
        files["brand.json"] = Self.replacingAccent(files, with: accent)
        return files
    }

    static func replacingAccent(_ files: [String: Data], with accent: String) -> Data {
        let text = String(decoding: files["brand.json"] ?? Data(), as: UTF8.self)
        return Data(text.replacingOccurrences(of: ##""accentColor": "#1B7F5A""##, with: #""accentColor": "\#(accent)""#).utf8)
    }

    static func replacingID(_ files: [String: Data], with id: String) -> Data {
        let text = String(decoding: files["brand.json"] ?? Data(), as: UTF8.self)
        return Data(text.replacingOccurrences(of: #""id": "alatoo""#, with: #""id": "\#(id)""#).utf8)
    }

    /// How many brand files the blob store holds.
    func brandBlobCount() throws -> Int {
        let root = FileBlobStore(directory: directory).root(of: .brandFile)
        let entries = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
        return entries.filter { $0.split(separator: "/").count == 3 }.count
    }

    func contents(of folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    /// How many versions every brand has together.
    func versionCount() async throws -> Int {
        var count = 0
        for brand in try await store.brands.currentVersions() { count += try await store.brands.history(brand.brandID).count }
        return count
    }
}
