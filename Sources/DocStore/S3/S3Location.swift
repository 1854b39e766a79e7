package import Foundation

/// An S3-compatible bucket, from `s3://BUCKET[/PREFIX]?endpoint=URL&region=REGION`, with the
/// credentials from `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` (and `AWS_SESSION_TOKEN` when
/// set): never in the URL, which ends up in process listings and logs.
///
/// Requests are path-style (`ENDPOINT/BUCKET/KEY`), which every S3-compatible server accepts
/// (SeaweedFS, MinIO, Ceph, AWS).
package struct S3Location: Sendable, Equatable, CustomStringConvertible {
    /// The keys an S3 request is signed with.
    package struct Credentials: Sendable, Equatable {
        package var accessKeyID: String
        package var secretAccessKey: String
        package var sessionToken: String?

        package init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
            self.accessKeyID = accessKeyID
            self.secretAccessKey = secretAccessKey
            self.sessionToken = sessionToken
        }
    }

    package var bucket: String
    /// Prepended to every key (without a trailing slash), so several installations share a bucket.
    package var prefix: String
    /// `http(s)://host[:port]`, without a path.
    package var endpoint: URL
    package var region: String
    package var credentials: Credentials

    /// Parses `url` and reads the credentials from `environment`.
    /// - Throws: `StorageError.invalidArgument` naming what is wrong or missing.
    package init(url: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(StorageError) {
        guard let components = URLComponents(string: url), components.scheme == "s3",
            let bucket = components.host, !bucket.isEmpty
        else {
            throw .invalidArgument("--blobs: expected s3://BUCKET[/PREFIX]?endpoint=URL&region=REGION, found `\(url)`")
        }
        var region = "us-east-1"
        var endpoint: URL?
        for item in components.queryItems ?? [] {
            switch item.name {
            case "region": region = item.value ?? ""
            case "endpoint":
                guard let value = item.value, let parsed = URL(string: value), ["http", "https"].contains(parsed.scheme),
                    parsed.host != nil
                else { throw .invalidArgument("--blobs: endpoint must be an http(s) URL, found `\(item.value ?? "")`") }
                endpoint = parsed
            default:
                throw .invalidArgument("--blobs: unknown parameter `\(item.name)` (known: endpoint, region)")
            }
        }
        guard !region.isEmpty else { throw .invalidArgument("--blobs: region must not be empty") }
        guard let accessKey = environment["AWS_ACCESS_KEY_ID"], !accessKey.isEmpty,
            let secret = environment["AWS_SECRET_ACCESS_KEY"], !secret.isEmpty
        else {
            throw .invalidArgument("--blobs s3://…: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY for the bucket")
        }
        self.bucket = bucket
        prefix = components.path.split(separator: "/").joined(separator: "/")
        self.region = region
        self.endpoint = endpoint ?? URL(string: "https://s3.\(region).amazonaws.com")!
        credentials = Credentials(
            accessKeyID: accessKey, secretAccessKey: secret, sessionToken: environment["AWS_SESSION_TOKEN"])
    }

    /// Whether `text` names an object store.
    package static func isS3URL(_ text: String) -> Bool { text.hasPrefix("s3://") }

    /// The same bucket under another prefix (tests give each test its own).
    package func prefixed(_ prefix: String) -> S3Location {
        var copy = self
        copy.prefix = [self.prefix, prefix].filter { !$0.isEmpty }.joined(separator: "/")
        return copy
    }

    package var description: String {
        "s3://\(bucket)\(prefix.isEmpty ? "" : "/" + prefix) at \(endpoint.absoluteString) (\(region))"
    }
}
