import Foundation

import Templates
import Testing

@testable import DocServer
import DocStore
import DocPipeline
import DocTestSupport

/// The crash test of issue 5: a batch of 2 000 documents, `kill -9` of the real server mid-way,
/// a restart on the same data folder, and every document ends with exactly one new version.
///
/// The documents are one-paragraph notes of a template published for the test: the test is about
/// the job's bookkeeping, and the debug build renders a full invoice ~10x slower than release.
@Suite(.serialized) struct BatchCrashTests {
    static let documentCount = 2_000
    /// Long enough for a loaded 2-core CI machine.
    static let jobTimeout: TimeInterval = 600

    @Test func killedMidBatchTheJobResumesAndReissuesEachDocumentExactlyOnce() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: docengineBinary.path), "build docengine first")
        let data = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: data) }
        let dependencies = try await TestService.makeDependencies(directory: data)
        _ = try await dependencies.templates.publish(name: "note", source: NoteDocuments.source("v1"), tenantID: nil)
        let originals = try await NoteDocuments.issue(Self.documentCount, tag: "CRASH", inFlight: 8, into: dependencies)
        _ = try await dependencies.templates.publish(name: "note", source: NoteDocuments.source("v2"), tenantID: nil)
        let key = try await dependencies.key("platform", .platform)
        let auth = ["Authorization": "Bearer \(key)"]

        // First run: start the job and kill the server while it is part-way through.
        let first = try ServerProcess(arguments: ["serve", "--port", "0", "--data", data.path])
        defer { first.terminateIfRunning() }
        var client = HTTPClient(base: try await first.waitForAddress(timeout: 180))
        let created = try await client.send("POST", "/v1/batches", headers: auth, body: Data(#"{"template": "note"}"#.utf8))
        #expect(created.status == 202, "\(String(decoding: created.body, as: UTF8.self))")
        let url = try JSONDecoder().decode(BatchJSON.self, from: created.body).url
        let killedAt = try await waitUntil(client: client, url: url, auth: auth) { $0.done >= Self.documentCount / 4 }
        first.kill9()
        #expect(killedAt.done < Self.documentCount, "killed before the end: \(killedAt.done) done")

        // Second run on the same folder: the job resumes by itself and finishes.
        let second = try ServerProcess(arguments: ["serve", "--port", "0", "--data", data.path])
        defer { second.terminateIfRunning() }
        client = HTTPClient(base: try await second.waitForAddress(timeout: 180))
        let finished = try await waitUntil(client: client, url: url, auth: auth) { $0.status == "finished" }
        #expect(finished.done == Self.documentCount && finished.failed == 0 && finished.unchanged == 0, "\(finished)")
        #expect(try await second.stop(timeout: 30) == .exited(0))

        // Every original has exactly one successor, at version 2, with the new template; nothing else was added.
        let documents = try await TestService.allDocuments(in: dependencies)
        #expect(Set(documents.compactMap(\.supersedes)).count == originals.count)
        #expect(Set(documents.map(\.version)) == [1, 2])
        #expect(documents.count == 2 * originals.count)
        #expect(Set(documents.filter { $0.version == 2 }.map(\.templateVersion)) == ["2"])
    }

    /// Polls the job until `condition` holds.
    private func waitUntil(
        client: HTTPClient, url: String, auth: [String: String], _ condition: (BatchJSON) -> Bool
    ) async throws -> BatchJSON {
        let deadline = Date().addingTimeInterval(Self.jobTimeout)
        while Date() < deadline {
            let answer = try await client.send("GET", url, headers: auth)
            let progress = try JSONDecoder().decode(BatchJSON.self, from: answer.body)
            if condition(progress) { return progress }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw ServerProcess.Failure(description: "the batch did not get there within \(Self.jobTimeout) s")
    }
}
