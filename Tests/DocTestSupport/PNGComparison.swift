import DocEngine
public import Foundation
public import Testing

/// How closely a rendered page must match its reviewed PNG reference.
public struct PNGTolerance: Sendable {
    /// The largest difference in any one colour channel that still counts as the same pixel.
    public var channel: Int
    /// The share of pixels allowed to differ by more, for antialiasing that differs on a handful of
    /// edge pixels between library builds.
    public var differingShare: Double

    /// Two levels per channel, 0.2 % of the pixels.
    public static let standard = PNGTolerance(channel: 2, differingShare: 0.002)

    public init(channel: Int, differingShare: Double) {
        self.channel = channel
        self.differingShare = differingShare
    }
}

/// Compares PNG bytes with the reference `folder/name.png`, pixel by pixel within `tolerance`.
/// References should stay under about 20 KiB: render at low resolution.
/// - Parameters:
///   - actual: the rendered PNG.
///   - name: the reference's name without `.png`.
///   - folder: the folder of references.
///   - tolerance: how much may differ.
/// - Throws: when either image cannot be decoded or the reference cannot be written.
public func assertGoldenPNG(
    _ actual: Data, named name: String, in folder: URL, tolerance: PNGTolerance = .standard,
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let url = folder.appendingPathComponent(name + ".png")
    guard let expected = try Snapshot.reference(for: actual, at: url, sourceLocation: sourceLocation) else { return }
    let actualRaster = try Raster(png: actual)
    let expectedRaster = try Raster(png: expected)
    guard let differing = actualRaster.differingPixels(from: expectedRaster, tolerance: tolerance.channel) else {
        let message =
            "\(name).png: size changed from \(expectedRaster.width)×\(expectedRaster.height) to "
            + "\(actualRaster.width)×\(actualRaster.height)"
        Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
        return
    }
    let share = Double(differing) / Double(max(actualRaster.width * actualRaster.height, 1))
    if share > tolerance.differingShare {
        let written = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-actual.png")
        try? actual.write(to: written)
        let message =
            "\(name).png: \(differing) pixels differ (\(String(format: "%.3f", share * 100)) %); the new image is at "
            + "\(written.path); RECORD_SNAPSHOTS=1 rewrites the reference"
        Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
    }
}
