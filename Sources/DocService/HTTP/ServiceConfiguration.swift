/// How the HTTP service listens and what it accepts.
struct ServiceConfiguration: Sendable {
    /// The largest request body accepted by default: 10 MiB.
    static let defaultMaxRequestBodySize = 10 * 1024 * 1024
    /// Resolution of PNG previews when the request names none.
    static let defaultPreviewDPI = 96.0
    /// The highest resolution a preview may ask for; a page at 600 dpi is already ~35 MP.
    static let maximumPreviewDPI = 600.0

    /// The interface to bind, e.g. `127.0.0.1`.
    var host = "127.0.0.1"
    /// The TCP port.
    var port = 8080
    /// Bodies larger than this are refused with 413.
    var maxRequestBodySize = defaultMaxRequestBodySize
}
