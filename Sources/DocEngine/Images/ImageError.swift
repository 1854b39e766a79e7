/// Why an image was refused. Messages name the image so a reseller knows which file to fix.
public enum ImageError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownFormat(name: String)
    case tooLarge(name: String, width: Int, height: Int, limit: Int)
    case corrupt(name: String, reason: String)

    public var description: String {
        switch self {
        case .unknownFormat(let name): "\(name): not a PNG or JPEG image"
        case .tooLarge(let name, let width, let height, let limit):
            "\(name): \(width) × \(height) pixels is more than the \(limit / 1_000_000) megapixel limit"
        case .corrupt(let name, let reason): "\(name): unreadable image (\(reason))"
        }
    }
}
