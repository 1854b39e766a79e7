import DocServer
import DocStore
import DocTestSupport
import Foundation
import Logging
import Templates
import Testing

/// `docengine serve` nodes on one test database (and optionally one bucket), as a cluster runs them.
final class TestCluster: @unchecked Sendable {
    // `@unchecked Sendable`: `nodes` changes only in `start`/`restart`, called by one test at a time.
    /// `--database`.
    let database: String
    /// `--blobs`, when blobs are in the test bucket.
    let blobs: String?
    /// The running nodes (nil once killed), by index.
    private(set) var nodes: [ServerProcess?] = []
    /// Each node's HTTP client, by index.
    private(set) var clients: [HTTPClient] = []

    /// Seconds a batch lease lasts in the tests: a killed node's items move on quickly.
    static let lease = "3"

    private init(database: String, blobs: String?) {
        self.database = database
        self.blobs = blobs
    }

    /// A new database (and bucket prefix) for `purpose`, no nodes yet.
    static func make(_ purpose: String, objectStore: Bool = false) async throws -> TestCluster {
        guard let url = TestServices.postgres, var components = URLComponents(string: url) else {
            throw TestFailure(TestServices.postgresMissing)
        }
        let server = try PostgresLocation(url: url)
        let name = TestServices.databaseName(purpose)
        try await PostgresAdministration.createDatabase(name, on: server, logger: Logger(label: "tests"))
        components.path = "/" + name
        let blobs = objectStore ? TestServices.bucketURL(prefix: name) : nil
        if objectStore && blobs == nil { throw TestFailure(TestServices.s3Missing) }
        guard let database = components.string else { throw TestFailure("cannot make the database URL") }
        return TestCluster(database: database, blobs: blobs)
    }

    /// The store options every command on this cluster takes.
    var storeArguments: [String] {
        ["--database", database] + (blobs.map { ["--blobs", $0] } ?? [])
    }

    /// Starts `count` more nodes, `nodeN` by index, and waits until each listens.
    func start(_ count: Int, renderers: Int = 2) async throws {
        for _ in 0..<count {
            let index = nodes.count
            let node = try ServerProcess(arguments: [
                "serve", "--port", "0", "--node-id", "node\(index)", "--renderers", String(renderers),
                "--batch-lease", Self.lease, "--change-poll", "1",
                // These tests check numbering, sharing and recovery, not render speed: on a loaded
                // 2-core CI machine (every suite runs at once) a render can wait past the default 30 s.
                "--render-time-limit", "600",
            ] + storeArguments)
            nodes.append(node)
            clients.append(HTTPClient(base: try await node.waitForAddress(timeout: 180), timeout: 600))
        }
    }

    /// `kill -9` of node `index`.
    func kill9(_ index: Int) {
        nodes[index]?.kill9()
        nodes[index] = nil
    }

    /// Kills every node left (a failed test must not leave servers behind).
    func stop() {
        for node in nodes { node?.terminateIfRunning() }
    }

    /// A new key, made with `docengine keys create` on the cluster's database.
    func key(_ tenant: String, _ role: Role) throws -> String {
        let result = try execute(
            docengineBinary.path, ["keys", "create", "--tenant", tenant, "--role", role.rawValue] + storeArguments)
        guard result.status == 0 else { throw TestFailure("keys create failed: \(result.stderr)") }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A PostgreSQL store on the cluster's database, for seeding and checking in the test itself.
    func withStore<T: Sendable>(_ body: @Sendable (PostgresStore) async throws -> T) async throws -> T {
        let location = try StoreLocation(data: "", database: database, blobs: blobs)
        var logger = Logger(label: "tests.cluster")
        logger.logLevel = .warning
        guard let store = try location.open(nodeID: "test", maximumConnections: 16, logger: logger).postgres else {
            throw TestFailure("not a PostgreSQL location")
        }
        return try await StoreLocation.running(store) { store in
            try await store.prepare()
            return try await body(store)
        }
    }
}

/// nginx in front of some nodes, with `deploy/nginx/docengine.conf` as it is but for its
/// addresses: the layout docs/deployment.md describes, on one machine.
final class TestBalancer: @unchecked Sendable {
    // `@unchecked Sendable`: set once in `init`.
    private let process: Process
    private let folder: URL
    /// `http://127.0.0.1:PORT`.
    let base: String

    /// Whether nginx is installed (scripts/ensure-deps.sh installs it).
    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: "/usr/sbin/nginx") }

    /// Starts nginx with the deployment config, its upstream servers set to `upstreams` (`host:port`).
    init(upstreams: [String]) async throws {
        folder = try makeTemporaryDirectory()
        let port = try Self.freePort()
        var config = try String(contentsOf: repositoryFile("deploy/nginx/docengine.conf"), encoding: .utf8)
        guard config.ranges(of: /server [0-9.]+:8080/).count == upstreams.count else {
            throw TestFailure("deploy/nginx/docengine.conf should list \(upstreams.count) upstream servers")
        }
        for upstream in upstreams {
            config = config.replacing(/server [0-9.]+:8080/, with: "server \(upstream)", maxReplacements: 1)
        }
        config = config.replacing("listen 80;", with: "listen 127.0.0.1:\(port);")
        try config.write(to: folder.appendingPathComponent("docengine.conf"), atomically: true, encoding: .utf8)
        let main = """
            user root;
            worker_processes 1;
            daemon off;
            pid \(folder.path)/nginx.pid;
            error_log \(folder.path)/error.log warn;
            events { worker_connections 1024; }
            http {
                access_log off;
                client_body_temp_path \(folder.path)/body;
                proxy_temp_path \(folder.path)/proxy;
                fastcgi_temp_path \(folder.path)/fastcgi;
                uwsgi_temp_path \(folder.path)/uwsgi;
                scgi_temp_path \(folder.path)/scgi;
                include \(folder.path)/docengine.conf;
            }
            """
        try main.write(to: folder.appendingPathComponent("nginx.conf"), atomically: true, encoding: .utf8)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/sbin/nginx")
        process.arguments = ["-p", folder.path, "-c", folder.appendingPathComponent("nginx.conf").path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        base = "http://127.0.0.1:\(port)"
        let client = HTTPClient(base: base)
        for _ in 0..<100 {
            if let answer = try? await client.send("GET", "/healthz"), answer.status == 200 { return }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        let log = (try? String(contentsOf: folder.appendingPathComponent("error.log"), encoding: .utf8)) ?? ""
        throw TestFailure("nginx did not start: \(log)")
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: folder)
    }

    /// A loopback port nobody listens on.
    private static func freePort() throws -> Int {
        for _ in 0..<100 {
            let port = Int.random(in: 20_000...60_000)
            let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(socket) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            if bound == 0 { return port }
        }
        throw TestFailure("no free port")
    }
}

/// A request body `{"template", "brand"?, "data"}` from a sample, its number set (or emptied).
func clusterBody(_ sample: String, template: String, brand: String? = nil, number: String?) throws -> Data {
    var data = try sampleData(sample)
    if let number { data = DocumentIssuer.setting(number: number, in: data) }
    var body = JSONObject()
    body["template"] = .string(template)
    if let brand { body["brand"] = .string(brand) }
    body["data"] = data
    return Data(JSONValue.object(body).jsonText.utf8)
}
