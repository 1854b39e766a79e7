extension ExactDecimal {
    /// Exponents beyond this are clamped while reading them: any value needing one overflows
    /// anyway, and clamping keeps `Int` arithmetic safe for absurd inputs such as `1e99999999999999999999`.
    private static let exponentClamp = 1_000_000

    private static let asciiZero = UInt8(ascii: "0")
    private static let asciiNine = UInt8(ascii: "9")

    /// Parses `-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?` exactly.
    ///
    /// Digits are collected first and only then folded into the mantissa, so leading and trailing
    /// zeros never count against ``maximumSignificantDigits`` (`0.10000000000000000000000000000000`
    /// is fine, it is 0.1).
    static func parse(_ bytes: [UInt8]) throws(ArithmeticError) -> ExactDecimal {
        var index = 0
        func isDigit(_ i: Int) -> Bool { i < bytes.count && (asciiZero...asciiNine).contains(bytes[i]) }

        let isNegative = index < bytes.count && bytes[index] == UInt8(ascii: "-")
        if isNegative { index += 1 }

        var digits: [UInt8] = []
        let integerStart = index
        while isDigit(index) {
            digits.append(bytes[index] - asciiZero)
            index += 1
        }
        guard index > integerStart else { throw .invalidText }

        var fractionCount = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while isDigit(index) {
                digits.append(bytes[index] - asciiZero)
                index += 1
                fractionCount += 1
            }
            guard fractionCount > 0 else { throw .invalidText }
        }

        var exponent = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            var exponentIsNegative = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                exponentIsNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            let exponentStart = index
            while isDigit(index) {
                exponent = min(exponent * 10 + Int(bytes[index] - asciiZero), exponentClamp)
                index += 1
            }
            guard index > exponentStart else { throw .invalidText }
            if exponentIsNegative { exponent = -exponent }
        }
        guard index == bytes.count else { throw .invalidText }

        return try fold(digits: digits, scale: fractionCount - exponent, isNegative: isNegative)
    }

    /// Builds a value from its digit string and scale, dropping leading and trailing zeros.
    private static func fold(digits: [UInt8], scale: Int, isNegative: Bool) throws(ArithmeticError) -> ExactDecimal {
        guard let first = digits.firstIndex(where: { $0 != 0 }) else { return .zero }
        var last = digits.count
        var scale = scale
        while digits[last - 1] == 0 {
            last -= 1
            scale -= 1
        }
        let significant = last - first
        // A negative scale means whole-number zeros still to append (1.5e3 = 15 and scale -2).
        let totalDigits = significant + max(0, -scale)
        guard scale <= maximumScale, totalDigits <= maximumSignificantDigits else { throw .overflow }

        var magnitude: UInt128 = 0
        for digit in digits[first..<last] { magnitude = magnitude * 10 + UInt128(digit) }
        if scale < 0 {
            magnitude *= powersOfTen[-scale]
            scale = 0
        }
        let mantissa = Int128(magnitude)
        return ExactDecimal(canonicalMantissa: isNegative ? 0 - mantissa : mantissa, scale: scale)
    }
}
