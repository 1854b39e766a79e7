import Synchronization

/// What a backend made from an asset to draw it (cairo's image surface), kept with the asset.
///
/// Every page and every render then draws the one object, so a PDF embeds an image once however
/// often it appears, and nothing is converted twice. The model stays backend-neutral: it only
/// holds the object, the backend alone knows what it is.
final class BackendCache: Sendable {
    private let slot = Mutex<(any AnyObject & Sendable)?>(nil)

    /// The cached object of type `T`, made by `make` the first time.
    /// - Throws: what `make` throws; nothing is cached then.
    func value<T: AnyObject & Sendable, Failure: Error>(_ make: () throws(Failure) -> T) throws(Failure) -> T {
        // Made under the lock: two renders drawing a new logo at once still make it once.
        try slot.withLock { stored throws(Failure) -> T in
            if let cached = stored as? T { return cached }
            let made = try make()
            stored = made
            return made
        }
    }
}
