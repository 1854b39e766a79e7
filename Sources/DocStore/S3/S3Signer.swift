import Crypto
import Foundation

/// AWS Signature Version 4 for S3 requests, signed in the `Authorization` header with the payload's
/// SHA-256 in `x-amz-content-sha256` (which a content-addressed store knows before it sends).
///
/// Follows "Signature Version 4 signing process" (docs.aws.amazon.com, `sigv4-create-canonical-request`):
/// canonical request → string to sign → HMAC chain date/region/service/`aws4_request`.
struct S3Signer: Sendable {
    let credentials: S3Location.Credentials
    let region: String
    let service = "s3"

    /// The headers to add to a request so the server accepts it.
    /// - Parameters:
    ///   - method: `GET`, `PUT`, `HEAD`, `DELETE`.
    ///   - url: the full URL, its path already percent-encoded as sent.
    ///   - headers: headers that must be signed too (e.g. `content-type`), lower-case names.
    ///   - payloadSHA256: hex SHA-256 of the body (of nothing for bodiless requests).
    ///   - date: the signing time.
    /// - Returns: `host`, `x-amz-date`, `x-amz-content-sha256`, `x-amz-security-token` when a session
    ///   token is set, and `authorization`, with the given headers.
    func sign(
        method: String, url: URL, headers: [String: String] = [:], payloadSHA256: String, date: Date
    ) -> [String: String] {
        let (amzDate, day) = Self.timestamps(date)
        var signed = headers
        signed["host"] = Self.hostHeader(url)
        signed["x-amz-date"] = amzDate
        signed["x-amz-content-sha256"] = payloadSHA256
        if let token = credentials.sessionToken { signed["x-amz-security-token"] = token }
        let names = signed.keys.map { $0.lowercased() }.sorted()
        let canonicalHeaders = names.map { "\($0):\(Self.trimmed(signed[$0] ?? ""))\n" }.joined()
        let signedHeaders = names.joined(separator: ";")
        let canonicalRequest = [
            method, Self.canonicalPath(url), Self.canonicalQuery(url), canonicalHeaders, signedHeaders, payloadSHA256,
        ].joined(separator: "\n")
        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let stringToSign = [
            "AWS4-HMAC-SHA256", amzDate, scope, SHA256Hex.digest(Data(canonicalRequest.utf8)),
        ].joined(separator: "\n")
        let signature = Self.hmac(signingKey(day: day), stringToSign).hexString
        signed["authorization"] =
            "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope), SignedHeaders=\(signedHeaders), Signature=\(signature)"
        return signed
    }

    /// HMAC chain: `AWS4` + secret → day → region → service → `aws4_request`.
    private func signingKey(day: String) -> SymmetricKey {
        var key = SymmetricKey(data: Data("AWS4\(credentials.secretAccessKey)".utf8))
        for part in [day, region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(Self.hmac(key, part)))
        }
        return key
    }

    private static func hmac(_ key: SymmetricKey, _ message: String) -> HashedAuthenticationCode<SHA256> {
        HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: key)
    }

    /// `YYYYMMDD'T'HHMMSS'Z'` and `YYYYMMDD`, in UTC.
    static func timestamps(_ date: Date) -> (amzDate: String, day: String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let day = String(format: "%04d%02d%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
        let time = String(format: "%02d%02d%02d", c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
        return ("\(day)T\(time)Z", day)
    }

    /// `host[:port]` as the client sends it (the port only when it is not the scheme's default).
    static func hostHeader(_ url: URL) -> String {
        let host = url.host ?? ""
        guard let port = url.port else { return host }
        let isDefault = (url.scheme == "http" && port == 80) || (url.scheme == "https" && port == 443)
        return isDefault ? host : "\(host):\(port)"
    }

    /// The path as sent (S3 signs it encoded once, not twice), `/` when empty.
    static func canonicalPath(_ url: URL) -> String {
        let components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        let path = components?.percentEncodedPath ?? "/"
        return path.isEmpty ? "/" : path
    }

    /// Query parameters sorted by name, names and values encoded per RFC 3986.
    static func canonicalQuery(_ url: URL) -> String {
        let items = URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems ?? []
        let pairs: [(name: String, value: String)] = items.map { (encode($0.name), encode($0.value ?? "")) }
        let sorted = pairs.sorted { left, right in left.name == right.name ? left.value < right.value : left.name < right.name }
        return sorted.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
    }

    /// Characters that stay as they are in a SigV4 URI component: RFC 3986's unreserved ones.
    static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// `text` percent-encoded for a URI component (a `/` is encoded too).
    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    /// A header value with surrounding spaces removed and inner runs of spaces collapsed.
    static func trimmed(_ value: String) -> String {
        value.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }
}

extension HashedAuthenticationCode {
    /// Lower-case hex of the code's bytes.
    var hexString: String {
        Data(self).map { String(format: "%02x", $0) }.joined()
    }
}
