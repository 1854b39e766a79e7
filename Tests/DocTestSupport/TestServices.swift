import Foundation

/// The PostgreSQL server and S3 bucket that `make test` (through `scripts/with-test-services.sh`)
/// starts for the tests of the cluster store, and tells them about in the environment.
///
/// Tests that need them are enabled only when the variables are set, and say why they are skipped
/// otherwise; CI runs `make test`, which always sets them (and fails if it cannot start the servers).
public enum TestServices {
    /// `postgresql://…` of a superuser on a throwaway server; tests create a database each.
    public static let postgres: String? = variable("DOCENGINE_TEST_POSTGRES")
    /// `s3://BUCKET?endpoint=…&region=…`; `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY` are set beside it.
    public static let s3: String? = variable("DOCENGINE_TEST_S3")

    /// Why a test that needs PostgreSQL did not run.
    public static let postgresMissing =
        "DOCENGINE_TEST_POSTGRES is not set: run through `make test` (scripts/with-test-services.sh starts PostgreSQL)"
    /// Why a test that needs object storage did not run.
    public static let s3Missing =
        "DOCENGINE_TEST_S3 is not set: run through `make test` (scripts/with-test-services.sh starts SeaweedFS)"

    /// A fresh database name for one test.
    public static func databaseName(_ purpose: String) -> String {
        let cleaned = purpose.lowercased().unicodeScalars.map { CharacterSet.alphanumerics.contains($0) ? Character($0) : "_" }
        return "t_" + String(cleaned.prefix(30)) + "_" + UUID().uuidString.prefix(8).lowercased()
    }

    /// A key prefix of its own in the test bucket, so tests never see each other's objects.
    public static func bucketURL(prefix: String) -> String? {
        guard let s3, var components = URLComponents(string: s3) else { return nil }
        components.path = "/" + prefix
        return components.string
    }

    private static func variable(_ name: String) -> String? {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return nil }
        return value
    }
}
