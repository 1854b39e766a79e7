@testable import DocEngine
import Testing

/// The process's kept QR symbols: what comes back from the cache is what a new encode gives.
@Suite struct QRSymbolsTests {
    static let texts = [
        "https://track.example.kg/o/ORD-261122-0042?t=Ab3dE",
        "Заявка на перевозку № 0042, Бишкек → Ош",
        "ST00012|Name=ООО «Транзит»|PersonalAcc=40702810900000012345|BIC=044525225|Sum=1845000",
    ]

    /// The grid a cache of its own (so, a fresh encode) gives.
    func freshGrid(_ text: String, _ level: QRErrorCorrection) throws -> CellGrid? {
        try QRCode.drawing(encoding: text, errorCorrection: level, color: .black, symbols: QRSymbols(capacity: 1)).grids.first
    }

    @Test func aKeptSymbolIsTheSymbolANewEncodeGives() throws {
        let symbols = QRSymbols(capacity: 64)
        for text in Self.texts {
            // Every level of the same text in one cache: the level is part of what identifies a symbol.
            for level in QRErrorCorrection.allCases {
                let first = try QRCode.drawing(encoding: text, errorCorrection: level, color: .black, symbols: symbols)
                let again = try QRCode.drawing(encoding: text, errorCorrection: level, color: .black, symbols: symbols)
                #expect(first.grids.first == (try freshGrid(text, level)))
                #expect(again.grids == first.grids && again.size == first.size)
            }
        }
        #expect(symbols.count == Self.texts.count * QRErrorCorrection.allCases.count)
        // The colour is the drawing's, not the symbol's.
        let blue = try QRCode.drawing(encoding: Self.texts[0], errorCorrection: .medium, color: Color(hex: "#1F4E79")!, symbols: symbols)
        #expect(blue.grids.first?.color == Color(hex: "#1F4E79")!)
        #expect(symbols.count == Self.texts.count * QRErrorCorrection.allCases.count)
    }

    @Test func theOldestSymbolMakesRoomForTheNewest() throws {
        let symbols = QRSymbols(capacity: 2)
        let bytes = Self.texts.map { Array($0.utf8) }
        for text in Self.texts { _ = try symbols.modules(encoding: Array(text.utf8), errorCorrection: .medium) }
        #expect(symbols.count == 2)
        #expect(!symbols.contains(bytes[0], errorCorrection: .medium))
        #expect(symbols.contains(bytes[1], errorCorrection: .medium))
        #expect(symbols.contains(bytes[2], errorCorrection: .medium))
        // Asked again, the first is encoded anew and the second, now the oldest, leaves.
        let again = try symbols.modules(encoding: bytes[0], errorCorrection: .medium)
        #expect(again == (try QRSymbols(capacity: 1).modules(encoding: bytes[0], errorCorrection: .medium)))
        #expect(!symbols.contains(bytes[1], errorCorrection: .medium))
        #expect(symbols.contains(bytes[0], errorCorrection: .medium) && symbols.contains(bytes[2], errorCorrection: .medium))
    }

    @Test func aFailedEncodeIsNotKept() throws {
        let symbols = QRSymbols(capacity: 8)
        let text = String(repeating: "x", count: 2_000)  // fits our limit, not a version 40 symbol at H
        for _ in 0..<2 {
            #expect(throws: QRCodeError.exceedsCapacity(byteCount: 2_000, errorCorrection: .high)) {
                try QRCode.drawing(encoding: text, errorCorrection: .high, color: .black, symbols: symbols)
            }
        }
        #expect(symbols.count == 0)
    }

    @Test func rendersOnManyThreadsGetTheSameSymbols() async throws {
        let symbols = QRSymbols(capacity: 2)  // smaller than the texts: threads also evict each other's
        let expected = try Self.texts.map { try QRSymbols(capacity: 1).modules(encoding: Array($0.utf8), errorCorrection: .medium) }
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for round in 0..<40 {
                        let index = (task + round) % Self.texts.count
                        let modules = try symbols.modules(encoding: Array(Self.texts[index].utf8), errorCorrection: .medium)
                        if modules != expected[index] { return false }
                    }
                    return true
                }
            }
            for try await same in group { #expect(same) }
        }
        #expect(symbols.count == 2)
    }
}
