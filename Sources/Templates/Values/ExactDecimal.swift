/// An exact base-10 number for money, weights and rates: an `Int128` mantissa times 10^-scale.
///
/// Values are always stored normalised (no trailing fraction zeros, zero has scale 0), so
/// `1.50 == 1.5`, both hash alike, and `ExactDecimal("1.50").description == "1.5"`. Formatters
/// choose how many decimals to print. At most ``maximumSignificantDigits`` digits and
/// ``maximumScale`` fraction digits are held; anything beyond throws `.overflow` instead of
/// silently losing precision. Nothing here goes through `Double` or `Foundation.Decimal`.
public struct ExactDecimal: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Why an ``ExactDecimal`` operation could not produce an exact result.
    public enum ArithmeticError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The result needs more than ``ExactDecimal/maximumSignificantDigits`` digits or more
        /// than ``ExactDecimal/maximumScale`` fraction digits.
        case overflow
        /// The divisor was zero.
        case divisionByZero
        /// The text is not a decimal number (`-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?`).
        case invalidText

        /// A readable message for diagnostics.
        public var description: String {
            switch self {
            case .overflow: "number too large or too precise to hold exactly"
            case .divisionByZero: "division by zero"
            case .invalidText: "not a decimal number"
            }
        }
    }

    /// Whether a value is below, at or above zero.
    public enum Sign: Sendable, Hashable {
        /// Less than zero.
        case negative
        /// Exactly zero.
        case zero
        /// Greater than zero.
        case positive
    }

    /// The largest number of fraction digits a value may carry.
    public static let maximumScale = 18
    /// The largest number of significant digits a value may carry. The schema needs 21
    /// (15 integer + 6 fraction); 30 leaves room for products such as price × quantity.
    public static let maximumSignificantDigits = 30

    /// Zero.
    public static let zero = ExactDecimal(canonicalMantissa: 0, scale: 0)

    /// Canonical mantissa: value = mantissa × 10^-scale, with no trailing zero while scale > 0.
    let mantissa: Int128
    /// Number of fraction digits of the canonical form, 0...``maximumScale``.
    public let scale: Int

    /// Exclusive bound on the magnitude of ``mantissa`` (10^30).
    static let mantissaLimit: UInt128 = powersOfTen[maximumSignificantDigits]

    /// 10^0 ... 10^38, every power of ten that fits in a `UInt128`.
    static let powersOfTen: [UInt128] = {
        var table: [UInt128] = [1]
        for _ in 1...38 { table.append(table[table.count - 1] * 10) }
        return table
    }()

    /// Wraps an already canonical mantissa and scale without checking.
    init(canonicalMantissa: Int128, scale: Int) {
        self.mantissa = canonicalMantissa
        self.scale = scale
    }

    /// Creates the exact value of an integer.
    /// - Parameter int: Any `Int`; it always fits (at most 19 digits).
    public init(_ int: Int) {
        self.init(canonicalMantissa: Int128(int), scale: 0)
    }

    /// Parses decimal text exactly, without going through `Double`.
    ///
    /// Accepts the schema's `-?[0-9]+(\.[0-9]+)?` and JSON number syntax with an exponent
    /// (`1.5e3`, `2E-2`). Leading zeros are allowed; `+`, spaces, `.5` and `5.` are not.
    /// - Parameter text: The number as written.
    /// - Throws: `.invalidText` for malformed text, `.overflow` when the value needs more than
    ///   ``maximumSignificantDigits`` digits or more than ``maximumScale`` fraction digits.
    public init(_ text: String) throws(ArithmeticError) {
        self = try Self.parse(Array(text.utf8))
    }

    /// Whether the value is zero.
    public var isZero: Bool { mantissa == 0 }

    /// Whether the value is below, at or above zero.
    public var sign: Sign {
        mantissa < 0 ? .negative : (mantissa == 0 ? .zero : .positive)
    }

    /// The value with its sign flipped; never overflows because the limit is symmetric.
    public func negated() -> ExactDecimal {
        ExactDecimal(canonicalMantissa: 0 - mantissa, scale: scale)
    }

    /// The absolute value.
    public var magnitude: ExactDecimal {
        mantissa < 0 ? negated() : self
    }

    /// The digits of the integer part of the absolute value, truncated: `"1234"` for -1234.56.
    ///
    /// Round first (``rounded(toScale:)``) when the integer part must agree with
    /// ``fractionDigits(_:)``: 0.999 has integer part `"0"` but rounds to 1.00.
    public var integerPart: String {
        String(mantissa.magnitude / Self.powersOfTen[scale])
    }

    /// The first `count` fraction digits after rounding half-up to `count` places: `"05"` for
    /// 3.049 and `count` 2. Zero-padded on the right; empty for `count` 0.
    /// - Parameter count: Number of digits wanted; must not be negative.
    public func fractionDigits(_ count: Int) -> String {
        let rounded = rounded(toScale: count)
        guard rounded.scale > 0 else { return String(repeating: "0", count: count) }
        let fraction = String(rounded.mantissa.magnitude % Self.powersOfTen[rounded.scale])
        let leadingZeros = String(repeating: "0", count: rounded.scale - fraction.count)
        return leadingZeros + fraction + String(repeating: "0", count: count - rounded.scale)
    }

    /// Plain notation with `.` as the decimal point and no trailing fraction zeros: `-1234.5`.
    public var description: String {
        let sign = mantissa < 0 ? "-" : ""
        guard scale > 0 else { return sign + integerPart }
        let fraction = String(mantissa.magnitude % Self.powersOfTen[scale])
        return sign + integerPart + "." + String(repeating: "0", count: scale - fraction.count) + fraction
    }

    /// Orders values numerically, whatever their scales.
    public static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        if lhs.sign != rhs.sign { return lhs.sign.rank < rhs.sign.rank }
        let order = compareMagnitudes(lhs, rhs)
        return lhs.mantissa < 0 ? order > 0 : order < 0
    }

    /// -1, 0 or 1 as |lhs| is below, equal to or above |rhs|.
    ///
    /// Integer and fraction parts are compared separately because aligning two mantissas to a
    /// common scale could need up to 48 digits.
    private static func compareMagnitudes(_ lhs: ExactDecimal, _ rhs: ExactDecimal) -> Int {
        func split(_ value: ExactDecimal) -> (UInt128, UInt128) {
            let (integer, fraction) = value.mantissa.magnitude.quotientAndRemainder(
                dividingBy: powersOfTen[value.scale])
            return (integer, fraction * powersOfTen[maximumScale - value.scale])
        }
        let (left, right) = (split(lhs), split(rhs))
        if left == right { return 0 }
        return left < right ? -1 : 1
    }
}

extension ExactDecimal.Sign {
    /// Position on the number line, for ordering values of different signs.
    fileprivate var rank: Int {
        switch self {
        case .negative: -1
        case .zero: 0
        case .positive: 1
        }
    }
}
