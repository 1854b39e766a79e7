import DocEngine
package import Foundation
import Signatures
import Templates

/// Loads and checks a brand folder: `brand.json` (brand.schema.json) and optional `logo.*`,
/// `stamp.*`, `signature.json` or `signature.png`.
///
/// Strict like the template compiler: unknown keys and files are errors, and every problem in
/// the folder is reported at once, each naming its file and field.
package enum BrandLoader {
    /// Loads the brand in `folder`.
    /// - Parameter folder: the brand folder; its name must equal the brand's `id`.
    /// - Returns: the checked brand, images decoded (SVG parsed), signature strokes validated.
    /// - Throws: `BrandError.invalid` listing every problem, e.g.
    ///   `brand.json: accentColor: expected #RRGGBB, found "red"` or `stamp.png: unreadable image (…)`.
    package static func load(from folder: URL) throws(BrandError) -> Brand {
        try load(BrandFolder(reading: folder), id: folder.lastPathComponent)
    }

    /// Loads a brand from its files in memory (an upload, or a version from the blob store).
    /// - Parameters:
    ///   - files: file name to bytes, exactly the files of a brand folder.
    ///   - id: the brand id brand.json must carry.
    /// - Returns: the checked brand.
    /// - Throws: `BrandError.invalid` listing every problem.
    package static func load(files: [String: Data], id: String) throws(BrandError) -> Brand {
        try load(BrandFolder(files: files), id: id)
    }

    private static func load(_ contents: BrandFolder, id folderName: String) throws(BrandError) -> Brand {
        var problems = contents.problems
        let manifest = readManifest(contents, folderName: folderName, problems: &problems)
        let logo = loadImage(contents.file(for: .logo), problems: &problems)
        let stamp = loadImage(contents.file(for: .stamp), problems: &problems)
        let signature = contents.file(for: .signature)
        let signatureImage = signature?.name == "signature.png" ? loadImage(signature, problems: &problems) : nil
        let signatureStrokes = signature?.name == "signature.json" ? signature?.data : nil
        if let signatureStrokes {
            do {
                _ = try SignatureInput(json: signatureStrokes)
            } catch {
                problems.append("signature.json: \(error)")
            }
        }
        guard problems.isEmpty, let manifest,
            let accentColor = manifest["accentColor"]?.stringValue.flatMap(Color.init(hex:))
        else {
            throw .invalid(problems)
        }
        var fingerprint = BrandFingerprint()
        for file in contents.allFiles { fingerprint.add(name: file.name, contents: file.data) }
        return Brand(
            id: manifest["id"]?.stringValue ?? "",
            displayName: manifest["displayName"]?.stringValue ?? "",
            isPlatform: manifest["platform"]?.boolValue ?? false,
            legal: manifest["legal"],
            accentColor: accentColor,
            themeColors: (manifest["theme"]?.objectValue ?? [:]).reduce(into: [:]) { colors, member in
                if let color = member.value.stringValue.flatMap(Color.init(hex:)) { colors[member.key] = color }
            },
            footerNote: LocalizedText(manifest["footerNote"]),
            terms: LocalizedText(manifest["terms"]),
            numberPrefix: manifest["numberPrefix"]?.stringValue,
            locale: manifest["locale"]?.stringValue.flatMap(Language.init(rawValue:)),
            signer: manifest["signer"],
            logo: logo,
            stamp: stamp,
            signatureStrokes: signatureStrokes,
            signatureImage: signatureImage,
            version: fingerprint.version)
    }

    /// Parses and checks brand.json; nil when it is missing or has problems.
    private static func readManifest(
        _ contents: BrandFolder, folderName: String, problems: inout [String]
    ) -> JSONValue? {
        guard let (_, data) = contents.file(for: .manifest) else {
            if !problems.contains(where: { $0.hasPrefix("brand.json:") }) {
                problems.append("brand.json: missing; every brand folder needs one")
            }
            return nil
        }
        let json: JSONValue
        do {
            json = try JSONParser.parse(data)
        } catch {
            problems.append("brand.json: invalid JSON: \(error)")
            return nil
        }
        var found: [String] = []
        BrandSchema.brand.check(json, at: "", into: &found)
        // A copied folder whose id was not changed would issue documents under another brand.
        if let id = json["id"]?.stringValue, BrandSchema.brandID.matches(id), id != folderName {
            found.append("id: \(JSONRule.quote(id)) differs from the folder's name \(JSONRule.quote(folderName))")
        }
        problems += found.map { "brand.json: \($0)" }
        return found.isEmpty ? json : nil
    }

    /// Decodes one image, checking that its content matches its extension; nil when absent or refused.
    private static func loadImage(_ file: (name: String, data: Data)?, problems: inout [String]) -> ImageAsset? {
        guard let (name, data) = file else { return nil }
        let asset: ImageAsset
        do {
            asset = try ImageAsset(data: data, name: name)
        } catch {
            problems.append("\(error)")
            return nil
        }
        let declared = URL(fileURLWithPath: name).pathExtension
        let actual = asset.isVector ? "svg" : data.starts(with: [0x89, 0x50, 0x4E, 0x47]) ? "png" : "jpg"
        guard declared == actual else {
            let stem = URL(fileURLWithPath: name).deletingPathExtension().lastPathComponent
            let article = actual == "svg" ? "an" : "a"
            problems.append("\(name): holds \(article) \(actual.uppercased()) image; rename it \(stem).\(actual)")
            return nil
        }
        return asset
    }
}
