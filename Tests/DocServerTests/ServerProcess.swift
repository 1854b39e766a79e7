import DocTestSupport
import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A child `docengine` process whose stdout and stderr are collected as they arrive.
final class ServerProcess: @unchecked Sendable {
    /// How a process ended.
    enum Termination: Equatable {
        case exited(Int32)
        case signalled(Int32)
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let process = Process()
    // `@unchecked Sendable`: the buffers are only touched under `lock` (pipe handlers run on
    // Foundation's threads).
    private let lock = NSLock()
    private var stdoutText = ""
    private var stderrText = ""

    /// The marker `docengine serve` prints once it accepts connections.
    static let listeningPrefix = "docengine listening on "

    /// Starts `docengine ARGUMENTS` in the repository root.
    init(arguments: [String]) throws {
        process.executableURL = docengineBinary
        process.arguments = arguments
        process.currentDirectoryURL = repositoryRoot
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        out.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard !data.isEmpty else { handle.readabilityHandler = nil; return }
            self?.append(data, toStdout: true)
        }
        err.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard !data.isEmpty else { handle.readabilityHandler = nil; return }
            self?.append(data, toStdout: false)
        }
        try process.run()
    }

    private func append(_ data: Data, toStdout: Bool) {
        let text = String(decoding: data, as: UTF8.self)
        lock.withLock {
            if toStdout { stdoutText += text } else { stderrText += text }
        }
    }

    var stdout: String { lock.withLock { stdoutText } }
    var stderr: String { lock.withLock { stderrText } }

    /// The base URL from `docengine listening on http://HOST:PORT`, once printed.
    /// - Throws: `Failure` when the process exits first or `timeout` passes.
    func waitForAddress(timeout: TimeInterval) async throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let printed = stdout
            if let line = printed.split(separator: "\n").first(where: { $0.hasPrefix(Self.listeningPrefix) }) {
                var url = String(line.dropFirst(Self.listeningPrefix.count)).trimmingCharacters(in: .whitespaces)
                while url.hasSuffix("/") { url.removeLast() }
                return url
            }
            guard process.isRunning else {
                throw Failure(description: "docengine serve exited (\(process.terminationStatus)):\n\(stderr)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw Failure(description: "no `\(Self.listeningPrefix)` line within \(timeout) s; stdout:\n\(stdout)\nstderr:\n\(stderr)")
    }

    /// Sends SIGTERM and waits for the process to end.
    func stop(timeout: TimeInterval) async throws -> Termination {
        kill(process.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            guard Date() < deadline else {
                throw Failure(description: "still running \(timeout) s after SIGTERM; stderr:\n\(stderr)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        return process.terminationReason == .exit
            ? .exited(process.terminationStatus) : .signalled(process.terminationStatus)
    }

    /// `kill -9`: the process dies at once, wherever it was.
    func kill9() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Kills the process if a failed expectation left it running.
    func terminateIfRunning() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}

/// HTTP over loopback with URLSession: no caching, no cookies, no redirects followed silently.
struct HTTPClient {
    struct Answer {
        var status: Int
        /// Header names lower-cased.
        var headers: [String: String]
        var body: Data
    }

    let base: String
    private let session: URLSession

    /// - Parameter timeout: how long one request may wait for its answer (the cluster tests load a
    ///   few cores with hundreds of renders, and are about results, not latency).
    init(base: String, timeout: TimeInterval = 60) {
        self.base = base
        let configuration = URLSessionConfiguration.ephemeral
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.timeoutIntervalForRequest = timeout
        session = URLSession(configuration: configuration)
    }

    func send(_ method: String, _ path: String, headers: [String: String] = [:], body: Data? = nil) async throws
        -> Answer
    {
        let url = try #require(URL(string: base + path))
        var request = URLRequest(url: url)
        request.httpMethod = method
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if let body {
            request.httpBody = body
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await session.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { fields[name.lowercased()] = value }
        }
        return Answer(status: http.statusCode, headers: fields, body: data)
    }
}
