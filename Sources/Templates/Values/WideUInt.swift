/// A 256-bit unsigned intermediate for exact multiplication and division of 128-bit mantissas.
///
/// Two mantissas below 10^30 multiply to below 10^60, which does not fit in `UInt128`; the
/// product only has to fit after rounding to ``ExactDecimal/maximumScale``. This type does just
/// enough arithmetic for that: full-width products and division by a 128-bit divisor.
struct WideUInt: Sendable, Equatable {
    /// The upper 128 bits.
    var high: UInt128
    /// The lower 128 bits.
    var low: UInt128

    /// Wraps a 128-bit value.
    init(_ value: UInt128) {
        high = 0
        low = value
    }

    /// The exact product of two 128-bit values.
    init(_ lhs: UInt128, times rhs: UInt128) {
        let product = lhs.multipliedFullWidth(by: rhs)
        high = product.high
        low = product.low
    }

    private init(high: UInt128, low: UInt128) {
        self.high = high
        self.low = low
    }

    /// The value, if it fits in 128 bits.
    var narrow: UInt128? { high == 0 ? low : nil }

    /// Schoolbook long division in two 128-bit "digits".
    ///
    /// Dividing the high half first leaves a remainder below `divisor`, which is exactly the
    /// precondition of `dividingFullWidth` for the low half.
    func quotientAndRemainder(dividingBy divisor: UInt128) -> (quotient: WideUInt, remainder: UInt128) {
        precondition(divisor != 0, "WideUInt division by zero")
        let (highQuotient, highRemainder) = high.quotientAndRemainder(dividingBy: divisor)
        let (lowQuotient, remainder) = divisor.dividingFullWidth((highRemainder, low))
        return (WideUInt(high: highQuotient, low: lowQuotient), remainder)
    }

    /// The quotient rounded half-up (ties away from zero; all operands here are magnitudes).
    func dividedRoundingHalfUp(by divisor: UInt128) -> WideUInt {
        var (quotient, remainder) = quotientAndRemainder(dividingBy: divisor)
        // remainder ≥ divisor / 2, written without the overflow of 2 × remainder.
        if remainder >= divisor - remainder { quotient.increment() }
        return quotient
    }

    /// Adds one, carrying into the high half.
    private mutating func increment() {
        let (sum, carry) = low.addingReportingOverflow(1)
        low = sum
        if carry { high += 1 }
    }
}
