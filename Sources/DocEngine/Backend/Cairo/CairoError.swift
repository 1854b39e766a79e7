internal import CCairo

/// A cairo failure, with cairo's own description.
public struct CairoError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { "cairo: \(message)" }

    init(status: cairo_status_t) {
        message = String(cString: cairo_status_to_string(status))
    }

    init(message: String) { self.message = message }

    /// The render was cancelled (`RenderCancellation`) before every page was written.
    public static let cancelled = CairoError(message: "the render was cancelled before every page was written")

    /// Throws when `status` is not success.
    static func check(_ status: cairo_status_t) throws(CairoError) {
        if status != CAIRO_STATUS_SUCCESS { throw CairoError(status: status) }
    }
}

/// Collects bytes cairo writes through its stream callback.
final class ByteSink {
    var bytes: [UInt8] = []
}
