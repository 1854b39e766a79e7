/// How the HTTP service listens and what it accepts.
package struct ServiceConfiguration: Sendable {
    /// The largest request body accepted by default: 10 MiB.
    package static let defaultMaxRequestBodySize = 10 * 1024 * 1024
    /// Resolution of PNG previews when the request names none.
    package static let defaultPreviewDPI = 96.0
    /// The highest resolution a preview may ask for; a page at 600 dpi is already ~35 MP.
    package static let maximumPreviewDPI = 600.0

    /// The interface to bind, e.g. `127.0.0.1`.
    package var host = "127.0.0.1"
    /// The TCP port.
    package var port = 8080
    /// Bodies larger than this are refused with 413.
    package var maxRequestBodySize = defaultMaxRequestBodySize
    /// Batch items rendered at once by the worker the application runs; nil runs no worker (tests
    /// that drive the worker themselves).
    package var batchConcurrency: Int? = nil
    /// How often the application reads what other nodes changed in a shared store (templates,
    /// brands, batch jobs), besides the store's notifications; nil runs no watcher (tests).
    package var storeChangePollInterval: Duration? = nil
    /// How long a studio session lasts after sign-in (a working day by default).
    package var sessionLifetime: Duration = .seconds(8 * 3600)
    /// Whether session cookies are always marked Secure (behind HTTPS); without it they are
    /// Secure only when a proxy says `X-Forwarded-Proto: https`.
    package var secureCookies = false

    package init(
        host: String = "127.0.0.1", port: Int = 8080, maxRequestBodySize: Int = Self.defaultMaxRequestBodySize,
        batchConcurrency: Int? = nil, storeChangePollInterval: Duration? = nil
    ) {
        self.host = host
        self.port = port
        self.maxRequestBodySize = maxRequestBodySize
        self.batchConcurrency = batchConcurrency
        self.storeChangePollInterval = storeChangePollInterval
    }
}
