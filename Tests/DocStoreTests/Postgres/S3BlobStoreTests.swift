import DocTestSupport
import Foundation
import Testing

@testable import DocStore

/// SigV4 against reference signatures (computed with botocore's signer for the same requests), so
/// a signing mistake fails here and not only against a server.
@Suite struct S3SignerTests {
    let signer = S3Signer(
        credentials: .init(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
        region: "us-east-1")
    /// 2026-11-22 12:00:00 UTC.
    let date = Date(timeIntervalSince1970: 1_795_348_800)
    let emptySHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    @Test func getWithoutBody() throws {
        let url = try #require(URL(string: "http://127.0.0.1:8333/docs/files/ab/cd/abcd.pdf"))
        let headers = signer.sign(method: "GET", url: url, payloadSHA256: emptySHA256, date: date)
        #expect(headers["x-amz-date"] == "20261122T120000Z")
        #expect(headers["host"] == "127.0.0.1:8333")
        #expect(
            headers["authorization"]
                == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261122/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=8755067f725fec2589da25d1e9ebe3a6a65607d1e812034b44f131890deff858"
        )
    }

    @Test func putWithBodyAndContentTypeInAnEncodedPath() throws {
        let url = try #require(URL(string: "http://127.0.0.1:8333/docs/prefix%20x/data/ab/cd/abcd.json"))
        let body = Data(#"{"a": 1}"#.utf8)
        let headers = signer.sign(
            method: "PUT", url: url, headers: ["content-type": "application/octet-stream"],
            payloadSHA256: SHA256Hex.digest(body), date: date)
        #expect(
            headers["authorization"]
                == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261122/us-east-1/s3/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date, Signature=b81f4ccba38b9b0c0e34c7eeb9932eca0cfee6e7089496b32eb5b3e14d5949e3"
        )
    }

    @Test func listingWithAQueryThatNeedsEncoding() throws {
        let client = S3Client(location: try location())
        let url = client.url(key: nil, query: [("prefix", "files/"), ("list-type", "2"), ("continuation-token", "a/b=c+")])
        #expect(url.absoluteString == "http://127.0.0.1:8333/docs?prefix=files%2F&list-type=2&continuation-token=a%2Fb%3Dc%2B")
        let headers = signer.sign(method: "GET", url: url, payloadSHA256: emptySHA256, date: date)
        #expect(
            headers["authorization"]?.hasSuffix(
                "Signature=44eabc2ba01385d645a98061c5e31b3ca1b2d7fa44199566df09c50b0be1c477") == true,
            "\(headers["authorization"] ?? "")")
    }

    @Test func locationsParseAndRefuseWhatTheyCannotUse() throws {
        let parsed = try location()
        #expect(parsed.bucket == "docs" && parsed.prefix == "" && parsed.region == "us-east-1")
        #expect(parsed.endpoint.absoluteString == "http://127.0.0.1:8333")
        let prefixed = try S3Location(
            url: "s3://docs/cluster/a?region=eu-central-1", environment: ["AWS_ACCESS_KEY_ID": "k", "AWS_SECRET_ACCESS_KEY": "s"])
        #expect(prefixed.prefix == "cluster/a" && prefixed.endpoint.absoluteString == "https://s3.eu-central-1.amazonaws.com")
        #expect(throws: StorageError.self) { try S3Location(url: "s3://docs", environment: [:]) }
        #expect(throws: StorageError.self) {
            try S3Location(url: "s3://docs?bucket=x", environment: ["AWS_ACCESS_KEY_ID": "k", "AWS_SECRET_ACCESS_KEY": "s"])
        }
        #expect(throws: StorageError.self) {
            try S3Location(url: "s3://docs?endpoint=ftp://x", environment: ["AWS_ACCESS_KEY_ID": "k", "AWS_SECRET_ACCESS_KEY": "s"])
        }
    }

    private func location() throws -> S3Location {
        try S3Location(
            url: "s3://docs?endpoint=http://127.0.0.1:8333&region=us-east-1",
            environment: ["AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY": "x"])
    }
}

/// PostgreSQL URLs as libpq writes them.
@Suite struct PostgresLocationTests {
    @Test func tcpAndSocketURLs() throws {
        let tcp = try PostgresLocation(url: "postgresql://doc:secret@db.internal:6432/docengine?sslmode=require", environment: [:])
        #expect(tcp.host == "db.internal" && tcp.port == 6432 && tcp.user == "doc" && tcp.password == "secret")
        #expect(tcp.database == "docengine" && tcp.tls == .require && tcp.socketFolder == nil)
        #expect(!tcp.description.contains("secret"), "no password in logs: \(tcp)")
        let socket = try PostgresLocation(url: "postgresql://postgres@/postgres?host=/tmp/pg", environment: [:])
        #expect(socket.socketFolder == "/tmp/pg" && socket.host == nil && socket.tls == .disable)
        let fromEnvironment = try PostgresLocation(url: "postgres://app@localhost/x", environment: ["PGPASSWORD": "p"])
        #expect(fromEnvironment.password == "p" && fromEnvironment.port == 5432)
        #expect(throws: StorageError.self) { try PostgresLocation(url: "mysql://x/y", environment: [:]) }
        #expect(throws: StorageError.self) { try PostgresLocation(url: "postgresql://x/y?pool=3", environment: [:]) }
        #expect(PostgresLocation.redacted("postgresql://a:b@h/d") == "postgresql://a:***@h/d")
    }

    @Test func storeLocationsNameOneStore() throws {
        let credentials = ["AWS_ACCESS_KEY_ID": "k", "AWS_SECRET_ACCESS_KEY": "s"]
        #expect(try StoreLocation(data: "var", database: nil, blobs: nil, environment: [:]) == .folder(URL(fileURLWithPath: "var")))
        let cluster = try StoreLocation(
            data: "var", database: "postgresql://a@h/d", blobs: "s3://b?endpoint=http://127.0.0.1:9000", environment: credentials)
        guard case .postgres(let database, .objectStore(let bucket)) = cluster else {
            Issue.record("expected PostgreSQL with a bucket, got \(cluster)")
            return
        }
        #expect(database.database == "d" && bucket.bucket == "b")
        #expect(throws: StorageError.self) { try StoreLocation(data: "var", database: nil, blobs: "s3://b", environment: credentials) }
        #expect(throws: StorageError.self) {
            try StoreLocation(data: "var", database: "postgresql://a@h/d", blobs: "/tmp/blobs", environment: credentials)
        }
    }
}

/// Blobs in a real S3 server (SeaweedFS, started by `make test`, which checks signatures).
@Suite(.enabled(if: TestServices.s3 != nil && TestServices.postgres != nil, Comment(rawValue: TestServices.s3Missing)))
struct S3BlobStoreTests {
    @Test func objectsRoundTripAndABadSecretIsRefused() async throws {
        let bucket = try PostgresTestStore.bucket("roundtrip")
        let store = S3BlobStore(location: bucket)
        let bytes = Data("%PDF-1.7 \(UUID())".utf8)
        let sha = try await store.write(bytes, kind: .pdf)
        #expect(sha == blobAddress(of: bytes))
        #expect(try await store.read(sha, kind: .pdf) == bytes)
        #expect(try await store.contains(sha, kind: .pdf))
        #expect(try await !store.contains(sha, kind: .data))
        await #expect(throws: StorageError.self) { try await store.read(sha, kind: .data) }
        let key = store.key(sha, kind: .pdf)
        #expect(key.hasPrefix(bucket.prefix + "/files/" + sha.prefix(2) + "/") && key.hasSuffix(".pdf"))

        var wrong = bucket
        wrong.credentials.secretAccessKey += "x"
        // A server that did not check signatures would make this test (and the signer's) prove nothing.
        let refused = await #expect(throws: StorageError.self) { try await S3BlobStore(location: wrong).read(sha, kind: .pdf) }
        #expect(refused.map { "\($0)".contains("403") } == true, "\(String(describing: refused))")
    }

    @Test func documentsNameTheirObjectsAndASweepTakesOnlyOldUnreferencedOnes() async throws {
        let bucket = try PostgresTestStore.bucket("sweep")
        try await PostgresTestStore.with("s3-sweep", blobs: .objectStore(bucket)) { stores in
            let store = stores[0]
            let blobs = store.blobs
            let named = Data("named \(UUID())".utf8)
            let created = try await store.documents.create(testDraft(tenant: "acme", number: "S-1")) { number in
                RenderedDocument(pdfSHA256: try blobs.write(named, kind: .pdf), pages: 1, fileName: "\(number).pdf")
            }
            #expect(try await blobs.read(created.document.pdfSha256, kind: .pdf) == named)
            let orphan = try await blobs.write(Data("orphan \(UUID())".utf8), kind: .pdf)
            #expect(try await store.sweepBlobs(minimumAge: .seconds(3600)) == 0, "young objects stay")
            try await Task.sleep(for: .seconds(2))
            #expect(try await store.sweepBlobs(minimumAge: .seconds(1)) == 1)
            #expect(try await store.blobStore.contains(created.document.pdfSha256, kind: .pdf), "a named object stays")
            #expect(try await !store.blobStore.contains(orphan, kind: .pdf))
        }
    }
}
