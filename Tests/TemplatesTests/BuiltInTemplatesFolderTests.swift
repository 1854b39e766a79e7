import Foundation
@testable import Templates
import Testing

/// The built-in templates' folder is found beside the executable without `Bundle`, and it is the
/// folder `Bundle.module` names.
@Suite struct BuiltInTemplatesFolderTests {
    @Test func theFolderBesideTheExecutableIsTheBundlesFolder() throws {
        // The test runner, like `docengine`, has SwiftPM's resource folder beside it.
        let beside = try #require(BuiltInTemplates.folderBesideExecutable())
        let bundled = try #require(Bundle.module.url(forResource: "BuiltIn", withExtension: nil))
        #expect(beside.standardizedFileURL.resolvingSymlinksInPath().path
            == bundled.standardizedFileURL.resolvingSymlinksInPath().path)
        #expect(BuiltInTemplates.directory?.path == beside.path)
        #expect(BuiltInTemplates.names.contains("invoice"))
    }
}
