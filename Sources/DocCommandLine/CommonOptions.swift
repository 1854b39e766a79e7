package import ArgumentParser
package import DocEngine
package import DocPipeline
package import Foundation
package import Templates

/// Options every rendering command shares.
package struct CommonOptions: ParsableArguments {
    @Option(help: "Folder of bundled fonts (default: the repository's Fonts/).")
    package var fonts: String?

    @Option(help: "Folder of templates to use instead of the built-in ones.")
    package var templates: String?

    @Option(help: "Brand folder (brand.json, logo, stamp, signature) to issue documents under.")
    package var brand: String?

    package init() {}

    /// Fonts, layout and templates, loaded once for a command.
    /// - Parameters:
    ///   - fonts: a font book to share (the service's pipelines share one, and with it the shaped
    ///     text it caches); loaded from `fontsDirectory()` when nil.
    ///   - library: a template library to share; opened from `--templates` (or the built-in one) when nil.
    ///   - parsedTemplates: where the library opened here finds files parsed by earlier processes
    ///     (a one-shot command's `ParsedTemplateCache.forCommandLine()`; the service parses its own).
    package func makePipeline(
        fonts: FontBook? = nil, library: TemplateLibrary? = nil, parsedTemplates: ParsedTemplateCache? = nil
    ) throws -> DocumentPipeline {
        DocumentPipeline(
            fonts: try fonts ?? FontBook(directory: try fontsDirectory()),
            templates: try library.map(TemplateLookup.init(library:))
                ?? TemplateLookup(directory: templates.map { URL(fileURLWithPath: $0) }, parsedTemplates: parsedTemplates))
    }

    /// The brand, loaded and validated, with the white-label guard that knows the platform's
    /// marks (its own brand folder, when one sits beside this brand, adds its names).
    package func branding(issuer: BrandApplication.IssuerPolicy = .fillMissing) throws -> DocumentPipeline.Branding? {
        guard let brand else { return nil }
        let folder = URL(fileURLWithPath: brand)
        let loaded = try BrandLoader.load(from: folder)
        let siblings = (try? FileManager.default.contentsOfDirectory(atPath: folder.deletingLastPathComponent().path)) ?? []
        let platform = siblings.sorted().lazy
            .compactMap { try? BrandLoader.load(from: folder.deletingLastPathComponent().appendingPathComponent($0)) }
            .first { $0.isPlatform }
        return DocumentPipeline.Branding(brand: loaded, issuer: issuer, whiteLabelGuard: WhiteLabelGuard(platformBrand: platform))
    }

    /// The fonts folder: the option, then $DOCENGINE_FONTS, then a Fonts/ folder found
    /// next to the executable or above it (the repository layout), then ./Fonts.
    package func fontsDirectory() throws -> URL {
        if let fonts { return URL(fileURLWithPath: fonts) }
        if let environment = ProcessInfo.processInfo.environment["DOCENGINE_FONTS"] {
            return URL(fileURLWithPath: environment)
        }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = directory.appendingPathComponent("Fonts")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("PTSans-Regular.ttf").path) {
                return candidate
            }
            directory.deleteLastPathComponent()
        }
        let local = URL(fileURLWithPath: "Fonts")
        guard FileManager.default.fileExists(atPath: local.path) else {
            throw ValidationError("cannot find the Fonts folder; pass --fonts DIR or set DOCENGINE_FONTS")
        }
        return local
    }
}
