import CPDFNumbers
import DocTestSupport
import Foundation
import Testing

/// cairo's numbers are formatted by `CPDFNumbers` instead of glibc (see pdf_numbers.c): these
/// hold it to glibc's own `vsnprintf`, byte for byte, on every kind of value cairo can pass.
@Suite struct PDFNumbersTests {
    /// What glibc writes for "%.<precision>f".
    static func glibc(_ value: Double, _ precision: Int32) -> String {
        var buffer = [CChar](repeating: 0, count: 128)
        _ = withVaList([precision, value]) { vsnprintf(&buffer, buffer.count, "%.*f", $0) }
        return String(cString: buffer)
    }

    static func ours(_ value: Double, _ precision: Int32, size: Int = 128) -> (String, Int32)? {
        var buffer = [CChar](repeating: 0x55, count: max(size, 1))
        let length = docengine_format_fixed(&buffer, size, value, precision)
        guard length >= 0 else { return nil }
        return (size == 0 ? "" : String(cString: buffer), length)
    }

    static func expectSame(_ value: Double, _ precision: Int32) {
        let expected = glibc(value, precision)
        guard let (text, length) = ours(value, precision) else {
            Issue.record("\(value) with precision \(precision) was left to glibc")
            return
        }
        #expect(text == expected, "\(value.bitPattern) %.\(precision)f")
        #expect(Int(length) == expected.utf8.count)
    }

    @Test func writesWhatGlibcWritesForEveryPrecision() {
        var generator = SeededGenerator(seed: 0x5EED)
        let edges: [Double] = [
            0, -0.0, 0.5, 1.5, 2.5, -2.5, 0.125, 0.375, 2.675, 1e-7, -1e-7, 0.1, 0.09999999999999999, 841.8898,
            595.2756, 53.523622, -8.5, 1, 9.5, 99.5, 0.0005, 0.0015, 1e-300, -1e-310, .leastNonzeroMagnitude,
            .ulpOfOne, 4503599627370495.5, 9007199254740993, 9.2233720368547748e18, 1e15 + 0.3, 123456.7890125,
        ]
        for precision in Int32(0)...18 {
            for value in edges { Self.expectSame(value, precision) }
        }
        // Coordinates, font sizes and colours: positive and negative, from 1e-20 to 1e18.
        for _ in 0..<60_000 {
            let magnitude = pow(10, Double(generator.next() % 39) - 20)
            let value = (Double(generator.next() % 1_000_000_007) / 1_000_000_007) * magnitude
            let signed = generator.next() % 2 == 0 ? value : -value
            Self.expectSame(signed, Int32(generator.next() % 19))
        }
        // Exact ties at every precision: k + 0.5 units, written in binary exactly.
        for precision in Int32(0)...6 {
            for units in 0..<2_000 {
                let value = (Double(units) + 0.5) / pow(10, Double(precision))
                Self.expectSame(value, precision)
            }
        }
        // Any bit pattern below 2^63.
        for _ in 0..<60_000 {
            let value = Double(bitPattern: generator.next() & 0x43DF_FFFF_FFFF_FFFF)
            Self.expectSame(value, Int32(generator.next() % 19))
        }
    }

    @Test func truncatesAsSnprintfDoes() {
        let full = Self.glibc(-841.8898, 6)
        for size in 0...full.utf8.count + 2 {
            guard let (text, length) = Self.ours(-841.8898, 6, size: size) else {
                Issue.record("left to glibc")
                return
            }
            #expect(Int(length) == full.utf8.count)
            #expect(text == String(full.prefix(max(size - 1, 0))))
        }
    }

    @Test func leavesToGlibcWhatItDoesNotHandle() {
        for value in [Double.infinity, -.infinity, .nan, 9.2233720368547758e18, -1e300] {
            #expect(Self.ours(value, 6) == nil)
        }
        #expect(Self.ours(1, 19) == nil)
        #expect(Self.ours(1, -1) == nil)
    }

    /// The executable's snprintf is the one libraries resolve to, so cairo's calls reach it.
    @Test func takesCairosCalls() {
        #expect(docengine_pdf_numbers_interposed() == 1)
    }
}

/// The formats themselves, as cairo passes them, against glibc's `vsnprintf`.
@Suite struct PDFNumberFormatsTests {
    static func compare(_ format: String, _ arguments: [any CVarArg], handled: Bool = true) {
        var expected = [CChar](repeating: 0, count: 128)
        let expectedLength = withVaList(arguments) { vsnprintf(&expected, expected.count, format, $0) }
        var ours = [CChar](repeating: 0x55, count: 128)
        let length = withVaList(arguments) { docengine_pdf_vformat(&ours, ours.count, format, $0) }
        guard handled else {
            #expect(length == -1, "\(format) should be left to glibc")
            return
        }
        #expect(length == expectedLength, "\(format) \(arguments)")
        #expect(String(cString: ours) == String(cString: expected), "\(format) \(arguments)")
    }

    @Test func integersAndGlyphIndices() {
        var generator = SeededGenerator(seed: 7)
        var ints: [Int32] = [0, 1, -1, 9, 10, 255, 256, 65535, 65536, .max, .min]
        for _ in 0..<5_000 { ints.append(Int32(truncatingIfNeeded: generator.next())) }
        for value in ints {
            Self.compare("%d", [value])
            Self.compare("%ld", [Int(value) * 65_537])
            Self.compare("%02x", [value])
            Self.compare("%04x", [value])
            Self.compare("%04X", [value])
            for width: Int32 in [0, 1, 2, 4, 6, 32] { Self.compare("%0*x", [width, value]) }
        }
        Self.compare("%ld", [Int.min])
        Self.compare("%ld", [Int.max])
    }

    @Test func doublesInTheThreeShapesCairoUses() {
        for value in [0, -0.0, 841.8898, -8.5, 0.000123456, 1e-30, 0.09999] {
            Self.compare("%f", [value])
            Self.compare("%.18f", [value])
            for precision: Int32 in [3, 6, 11, 17] { Self.compare("%.*f", [precision, value]) }
        }
    }

    @Test func everyOtherFormatIsGlibcs() {
        Self.compare("%s", ["text"], handled: false)
        Self.compare("%5d", [Int32(3)], handled: false)
        Self.compare("%0*x", [Int32(-4), Int32(3)], handled: false)
        Self.compare("%03o", [Int32(8)], handled: false)
        Self.compare("%010ld", [100], handled: false)
        Self.compare("%g", [1.5], handled: false)
        Self.compare("%f", [Double.nan], handled: false)
        Self.compare("CairoFont-%d-%d", [Int32(1), Int32(2)], handled: false)
    }
}
