import DocEngine
public import Foundation
public import Testing

/// How closely a rendered page must match its reviewed PNG reference.
public struct PNGTolerance: Sendable {
    /// The largest difference, in grey levels (of 16), that still counts as the same pixel.
    public var channel: Int
    /// The share of pixels allowed to differ by more, for antialiasing that differs on a handful of
    /// edge pixels between library builds.
    public var differingShare: Double

    /// One grey level, 0.2 % of the pixels.
    public static let standard = PNGTolerance(channel: 1, differingShare: 0.002)

    public init(channel: Int, differingShare: Double) {
        self.channel = channel
        self.differingShare = differingShare
    }
}

/// Compares a rendered page with its reference `folder/name.png`, stored as 16 grey levels (see
/// `GrayPNG`), pixel by pixel within `tolerance`.
/// - Parameters:
///   - actual: the rendered PNG, in colour.
///   - name: the reference's name without `.png`.
///   - folder: the folder of references.
///   - tolerance: how much may differ, in grey levels per pixel and share of pixels.
/// - Throws: when either image cannot be decoded or the reference cannot be written.
public func assertGoldenPNG(
    _ actual: Data, named name: String, in folder: URL, tolerance: PNGTolerance = .standard,
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let url = folder.appendingPathComponent(name + ".png")
    let rendered = try Raster(png: actual)
    let levels = GrayPNG.levels(of: rendered)
    let gray = GrayPNG.encode(levels: levels, width: rendered.width, height: rendered.height)
    guard let expected = try Snapshot.reference(for: gray, at: url, sourceLocation: sourceLocation) else { return }
    let reference = try Raster(png: expected)
    guard reference.width == rendered.width, reference.height == rendered.height else {
        let message =
            "\(name).png: size changed from \(reference.width)×\(reference.height) to "
            + "\(rendered.width)×\(rendered.height)"
        Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
        return
    }
    let referenceLevels = GrayPNG.levels(of: reference)
    let differing = zip(levels, referenceLevels).filter { abs(Int($0) - Int($1)) > tolerance.channel }.count
    let share = Double(differing) / Double(max(levels.count, 1))
    if share > tolerance.differingShare {
        let written = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-actual.png")
        try? actual.write(to: written)
        let message =
            "\(name).png: \(differing) pixels differ (\(String(format: "%.3f", share * 100)) %); the new image is at "
            + "\(written.path); RECORD_SNAPSHOTS=1 rewrites the reference"
        Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
    }
}
