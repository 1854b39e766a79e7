import Synchronization

/// Encoded QR symbols shared by every render of a process, behind a lock (the service renders on
/// several threads).
///
/// Choosing a symbol's mask is most of an encode: libqrencode masks the symbol eight ways and
/// scores each, about half a millisecond for a payment code of 77 × 77 modules, as much as the
/// rest of its invoice's layout. A document is drawn again and again with the same codes (the
/// studio's preview after every edit, a client downloading an invoice twice, a batch re-render),
/// so the modules are kept by the text's bytes and the error correction. Bounded: once full, the
/// oldest symbol makes room for the newest. Only what the encoder returns is kept; a failure is
/// encoded (and reported) again next time.
final class QRSymbols: Sendable {
    /// The one `QRCode.drawing` uses: at most about 1.5 MB of modules (a payment code is 6 KB).
    static let process = QRSymbols(capacity: 256)

    /// What identifies a symbol: the same bytes at the same level give the same modules.
    struct Key: Hashable, Sendable {
        let bytes: [UInt8]
        let errorCorrection: QRErrorCorrection
    }

    /// A symbol's modules, row-major, `true` where dark.
    struct Modules: Sendable, Equatable {
        let width: Int
        let dark: [Bool]

        func isDark(row: Int, column: Int) -> Bool { dark[row * width + column] }
    }

    private struct Store {
        var modules: [Key: Modules] = [:]
        var order: [Key] = []  // oldest first
    }

    let capacity: Int
    private let store = Mutex(Store())

    init(capacity: Int) {
        precondition(capacity > 0, "a symbol cache holds at least one symbol")
        self.capacity = capacity
    }

    /// The modules of `bytes` encoded at `errorCorrection`, from an earlier encode or a new one.
    func modules(encoding bytes: [UInt8], errorCorrection: QRErrorCorrection) throws(QRCodeError) -> Modules {
        let key = Key(bytes: bytes, errorCorrection: errorCorrection)
        if let known = store.withLock({ $0.modules[key] }) { return known }
        // Encoded outside the lock: renders on other threads need not wait for this one.
        let symbol = try QRSymbol(encoding: bytes, errorCorrection: errorCorrection)
        var dark: [Bool] = []
        dark.reserveCapacity(symbol.width * symbol.width)
        for row in 0..<symbol.width {
            for column in 0..<symbol.width { dark.append(symbol.isDark(row: row, column: column)) }
        }
        let modules = Modules(width: symbol.width, dark: dark)
        store.withLock { store in
            guard store.modules.updateValue(modules, forKey: key) == nil else { return }  // another thread was first
            store.order.append(key)
            if store.order.count > capacity { store.modules[store.order.removeFirst()] = nil }
        }
        return modules
    }

    /// How many symbols are kept.
    var count: Int { store.withLock { $0.modules.count } }

    /// Whether the symbol of `bytes` at `errorCorrection` is kept.
    func contains(_ bytes: [UInt8], errorCorrection: QRErrorCorrection) -> Bool {
        store.withLock { $0.modules[Key(bytes: bytes, errorCorrection: errorCorrection)] != nil }
    }
}
