import ArgumentParser
import DocPipeline
import Foundation
import Templates

/// Runs `body`; on failure prints one line on stderr and exits non-zero, leaving no output file.
func reportingFailures(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as TemplateError {
        // The summary already reads "file:line:col: error: …" or "data: …".
        FileHandle.standardError.write(Data((error.summary + "\n").utf8))
        throw ExitCode(1)
    } catch PipelineError.invalidData(let problems) {
        // Every problem of the data at once, one line each, so it is fixed in one round.
        FileHandle.standardError.write(Data(problems.map { "error: \($0)\n" }.joined().utf8))
        throw ExitCode(1)
    } catch let error as ExitCode {
        throw error
    } catch let error as ValidationError {
        throw error
    } catch {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        throw ExitCode(1)
    }
}
