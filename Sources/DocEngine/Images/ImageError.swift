/// Why an image was refused. Messages name the image so a reseller knows which file to fix.
public enum ImageError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownFormat(name: String)
    case tooLarge(name: String, width: Int, height: Int, limit: Int)
    case corrupt(name: String, reason: String)
    /// An SVG that would load something from outside its own bytes (a URL, a file, a DTD).
    case externalReference(name: String, reference: String)
    /// An SVG that librsvg cannot parse, or that uses a construct we refuse.
    case invalidSVG(name: String, reason: String)

    public var description: String {
        switch self {
        case .unknownFormat(let name): "\(name): not a PNG, JPEG or SVG image"
        case .tooLarge(let name, let width, let height, let limit):
            "\(name): \(width) × \(height) pixels is more than the \(limit / 1_000_000) megapixel limit"
        case .corrupt(let name, let reason): "\(name): unreadable image (\(reason))"
        case .externalReference(let name, let reference):
            "\(name): refers to an external file or URL (\(reference)); an SVG must be self-contained"
        case .invalidSVG(let name, let reason): "\(name): invalid SVG (\(reason))"
        }
    }
}
