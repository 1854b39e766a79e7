import AsyncHTTPClient
import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

/// The few S3 operations a content-addressed blob store needs, signed with SigV4, over
/// async-http-client's shared client (path-style requests).
///
/// Every operation is idempotent (objects are named by their content), so transient failures —
/// a refused connection, a 5xx, a 429 — are retried a few times before they surface.
struct S3Client: Sendable {
    /// An object as a listing shows it.
    struct Object: Sendable, Equatable {
        var key: String
        var lastModified: Date
        var size: Int
    }

    let location: S3Location
    let signer: S3Signer
    /// The largest object read back (a PDF of thousands of pages is far smaller).
    static let maximumObjectSize = 512 * 1024 * 1024
    /// How long one request may take.
    static let requestTimeout = TimeAmount.seconds(60)
    /// Pauses before the retries of a failed request.
    static let retryDelays: [Duration] = [.milliseconds(100), .milliseconds(500), .seconds(2)]

    init(location: S3Location) {
        self.location = location
        signer = S3Signer(credentials: location.credentials, region: location.region)
    }

    /// Stores `data` under `key`.
    /// - Throws: `StorageError.file` with the server's answer.
    func put(_ data: Data, key: String, sha256: String) async throws(StorageError) {
        _ = try await send("PUT", key: key, body: data, payloadSHA256: sha256, accept: [200])
    }

    /// The bytes under `key`.
    /// - Throws: `StorageError.notFound` when there is no such object, `.file` otherwise.
    func get(_ key: String) async throws(StorageError) -> Data {
        let (status, body) = try await send("GET", key: key, accept: [200, 404])
        guard status == 200 else { throw .notFound("object \(key)") }
        return body
    }

    /// Whether an object exists under `key`.
    /// - Throws: `StorageError.file` for anything but found or not found.
    func exists(_ key: String) async throws(StorageError) -> Bool {
        try await send("HEAD", key: key, accept: [200, 404]).status == 200
    }

    /// Removes the object under `key` (no error when there is none).
    /// - Throws: `StorageError.file`.
    func delete(_ key: String) async throws(StorageError) {
        _ = try await send("DELETE", key: key, accept: [200, 204, 404])
    }

    /// One page of the objects whose keys start with `prefix` (ListObjectsV2, up to 1 000 per page).
    /// - Returns: the objects and the token of the next page (nil on the last).
    /// - Throws: `StorageError.file`.
    func list(prefix: String, after token: String?) async throws(StorageError) -> (objects: [Object], next: String?) {
        var query = [("list-type", "2"), ("prefix", prefix)]
        if let token { query.append(("continuation-token", token)) }
        let (_, body) = try await send("GET", key: nil, query: query, accept: [200])
        let parser = ListingParser()
        let xml = XMLParser(data: body)
        xml.delegate = parser
        guard xml.parse() else {
            throw .file(path: "s3://\(location.bucket)", reason: "unreadable listing: \(xml.parserError.map { "\($0)" } ?? "")")
        }
        return (parser.objects, parser.isTruncated ? parser.nextToken : nil)
    }

    /// `ENDPOINT/BUCKET/KEY?QUERY`, every key segment percent-encoded once.
    func url(key: String?, query: [(String, String)] = []) -> URL {
        var text = location.endpoint.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        text += "/" + S3Signer.encode(location.bucket)
        if let key { text += "/" + key.split(separator: "/", omittingEmptySubsequences: false).map { S3Signer.encode(String($0)) }.joined(separator: "/") }
        if !query.isEmpty { text += "?" + query.map { "\(S3Signer.encode($0.0))=\(S3Signer.encode($0.1))" }.joined(separator: "&") }
        return URL(string: text)!
    }

    /// Sends a signed request, retrying transient failures.
    private func send(
        _ method: String, key: String?, query: [(String, String)] = [], body: Data? = nil, payloadSHA256: String? = nil,
        accept: Set<Int>
    ) async throws(StorageError) -> (status: Int, body: Data) {
        let url = url(key: key, query: query)
        let where_ = "s3://\(location.bucket)/\(key ?? "")"
        var delays = Self.retryDelays[...]
        while true {
            let outcome: Result<(Int, Data), StorageError>
            do {
                outcome = .success(try await attempt(method, url: url, body: body, payloadSHA256: payloadSHA256))
            } catch let error as StorageError {
                outcome = .failure(error)
            } catch {
                outcome = .failure(.file(path: where_, reason: "\(method) failed: \(error)"))
            }
            switch outcome {
            case .success(let (status, data)) where accept.contains(status):
                return (status, data)
            case .success(let (status, data)) where status >= 500 || status == 429:
                guard let delay = delays.popFirst() else { throw Self.failure(method, where_, status, data) }
                try? await Task.sleep(for: delay)
            case .success(let (status, data)):
                throw Self.failure(method, where_, status, data)
            case .failure(let error):
                guard let delay = delays.popFirst() else { throw error }
                try? await Task.sleep(for: delay)
            }
        }
    }

    private func attempt(_ method: String, url: URL, body: Data?, payloadSHA256: String?) async throws -> (Int, Data) {
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = HTTPMethod(rawValue: method)
        let sha256 = payloadSHA256 ?? SHA256Hex.digest(body ?? Data())
        var signedHeaders: [String: String] = [:]
        if body != nil { signedHeaders["content-type"] = "application/octet-stream" }
        for (name, value) in signer.sign(method: method, url: url, headers: signedHeaders, payloadSHA256: sha256, date: Date()) {
            request.headers.replaceOrAdd(name: name, value: value)
        }
        if let body {
            request.body = .bytes(ByteBuffer(bytes: body))
            request.headers.replaceOrAdd(name: "content-length", value: String(body.count))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: Self.requestTimeout)
        let bytes = try await response.body.collect(upTo: method == "GET" ? Self.maximumObjectSize : 1024 * 1024)
        return (Int(response.status.code), Data(buffer: bytes))
    }

    /// An answer the server refused with, its S3 error code and message included.
    private static func failure(_ method: String, _ path: String, _ status: Int, _ body: Data) -> StorageError {
        let text = String(decoding: body.prefix(600), as: UTF8.self)
        let code = text.firstMatch(of: /<Code>([^<]*)<\/Code>/).map { String($0.1) }
        let message = text.firstMatch(of: /<Message>([^<]*)<\/Message>/).map { String($0.1) }
        let detail = [code, message].compactMap { $0 }.joined(separator: ": ")
        return .file(path: path, reason: "\(method) answered HTTP \(status)\(detail.isEmpty ? "" : " (\(detail))")")
    }
}

/// Reads a ListObjectsV2 answer: each `Contents`' key, date and size, and the continuation.
private final class ListingParser: NSObject, XMLParserDelegate {
    var objects: [S3Client.Object] = []
    var isTruncated = false
    var nextToken: String?
    private var text = ""
    private var key = ""
    private var lastModified = Date.distantPast
    private var size = 0

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        text = ""
        if elementName == "Contents" { (key, lastModified, size) = ("", .distantPast, 0) }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        switch elementName {
        case "Key": key = text
        case "LastModified": lastModified = Self.date(text) ?? .distantPast
        case "Size": size = Int(text) ?? 0
        case "Contents": objects.append(S3Client.Object(key: key, lastModified: lastModified, size: size))
        case "IsTruncated": isTruncated = text == "true"
        case "NextContinuationToken": nextToken = text
        default: break
        }
    }

    /// ISO 8601 with or without fractional seconds, as S3 servers write it.
    static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
