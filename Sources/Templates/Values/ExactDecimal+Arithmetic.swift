extension ExactDecimal {
    /// The exact sum.
    /// - Parameter other: The value to add.
    /// - Throws: `.overflow` when the sum needs more than ``maximumSignificantDigits`` digits.
    public func adding(_ other: ExactDecimal) throws(ArithmeticError) -> ExactDecimal {
        if other.isZero { return self }
        if isZero { return other }
        let scale = max(self.scale, other.scale)
        // If aligning overflows, the operand with the longer fraction still contributes its last
        // non-zero digit, so the exact sum has more than 38 digits: a genuine overflow.
        let (lhs, rhs) = (try aligned(to: scale), try other.aligned(to: scale))
        let (sum, overflow) = lhs.addingReportingOverflow(rhs)
        guard !overflow else { throw .overflow }
        return try Self.checked(magnitude: sum.magnitude, isNegative: sum < 0, scale: scale)
    }

    /// The exact difference `self - other`.
    /// - Parameter other: The value to subtract.
    /// - Throws: `.overflow` when the result needs more than ``maximumSignificantDigits`` digits.
    public func subtracting(_ other: ExactDecimal) throws(ArithmeticError) -> ExactDecimal {
        try adding(other.negated())
    }

    /// The exact product; if it has more than ``maximumScale`` fraction digits it is rounded
    /// half-up to ``maximumScale``.
    /// - Parameter other: The factor.
    /// - Throws: `.overflow` when the result needs more than ``maximumSignificantDigits`` digits.
    public func multiplied(by other: ExactDecimal) throws(ArithmeticError) -> ExactDecimal {
        if isZero || other.isZero { return .zero }
        var product = WideUInt(mantissa.magnitude, times: other.mantissa.magnitude)
        var scale = self.scale + other.scale
        if scale > Self.maximumScale {
            product = product.dividedRoundingHalfUp(by: Self.powersOfTen[scale - Self.maximumScale])
            scale = Self.maximumScale
        }
        // Trailing zeros can make a wide product fit after all (5^40 × 2^40 = 10^40).
        while product.high != 0, scale > 0 {
            let (quotient, remainder) = product.quotientAndRemainder(dividingBy: 10)
            guard remainder == 0 else { break }
            product = quotient
            scale -= 1
        }
        guard let magnitude = product.narrow else { throw .overflow }
        let isNegative = (mantissa < 0) != (other.mantissa < 0)
        return try Self.checked(magnitude: magnitude, isNegative: isNegative, scale: scale)
    }

    /// The quotient rounded half-up (away from zero) to `scale` fraction digits.
    ///
    /// VAT inside a gross amount: `gross.multiplied(by: rate).divided(by: 100 + rate, scale: 2)`.
    /// - Parameters:
    ///   - divisor: The value to divide by.
    ///   - scale: Fraction digits of the result, 0...``maximumScale``; must not be negative.
    /// - Throws: `.divisionByZero` for a zero divisor, `.overflow` when the quotient needs more
    ///   than ``maximumSignificantDigits`` digits or `scale` exceeds ``maximumScale``.
    public func divided(by divisor: ExactDecimal, scale: Int) throws(ArithmeticError) -> ExactDecimal {
        precondition(scale >= 0, "scale must not be negative")
        guard scale <= Self.maximumScale else { throw .overflow }
        guard !divisor.isZero else { throw .divisionByZero }
        if isZero { return .zero }
        // quotient × 10^scale = (m₁ × 10^-s₁) / (m₂ × 10^-s₂) × 10^scale = m₁ × 10^e / m₂.
        let exponent = scale + divisor.scale - self.scale
        let numerator: WideUInt
        let denominator: UInt128
        if exponent >= 0 {
            // exponent ≤ 36 and 10^36 still fits in UInt128.
            numerator = WideUInt(mantissa.magnitude, times: Self.powersOfTen[exponent])
            denominator = divisor.mantissa.magnitude
        } else {
            let (scaled, overflow) = divisor.mantissa.magnitude.multipliedReportingOverflow(
                by: Self.powersOfTen[-exponent])
            // A denominator ≥ 2^128 exceeds twice any mantissa (< 10^30): the quotient rounds to 0.
            guard !overflow else { return .zero }
            numerator = WideUInt(mantissa.magnitude)
            denominator = scaled
        }
        guard let magnitude = numerator.dividedRoundingHalfUp(by: denominator).narrow else { throw .overflow }
        let isNegative = (mantissa < 0) != (divisor.mantissa < 0)
        return try Self.checked(magnitude: magnitude, isNegative: isNegative, scale: scale)
    }

    /// The value rounded half-up (ties away from zero) to at most `scale` fraction digits:
    /// 2.345 → 2.35, -2.345 → -2.35, 1.005 → 1.01. Never overflows.
    /// - Parameter scale: Fraction digits to keep; must not be negative. Any scale at or above
    ///   the value's own returns it unchanged.
    public func rounded(toScale scale: Int) -> ExactDecimal {
        precondition(scale >= 0, "scale must not be negative")
        guard scale < self.scale else { return self }
        let magnitude = WideUInt(mantissa.magnitude)
            .dividedRoundingHalfUp(by: Self.powersOfTen[self.scale - scale]).low
        // At least one digit was dropped, so the magnitude shrank tenfold and cannot overflow.
        return Self.canonical(magnitude: magnitude, isNegative: mantissa < 0, scale: scale)
    }

    /// The mantissa rescaled to `scale` (≥ the current scale).
    private func aligned(to scale: Int) throws(ArithmeticError) -> Int128 {
        let (result, overflow) = mantissa.multipliedReportingOverflow(by: Int128(Self.powersOfTen[scale - self.scale]))
        guard !overflow else { throw .overflow }
        return result
    }

    /// A canonical value from a magnitude, throwing if it exceeds the digit limit.
    static func checked(magnitude: UInt128, isNegative: Bool, scale: Int) throws(ArithmeticError) -> ExactDecimal {
        let (stripped, scale) = strippingTrailingZeros(magnitude, scale: scale)
        // Checked before the Int128 conversion, which would trap at 2^127 and above.
        guard stripped < mantissaLimit else { throw .overflow }
        return canonical(magnitude: stripped, isNegative: isNegative, scale: scale)
    }

    /// Strips trailing fraction zeros so equal values have equal representations.
    /// The caller guarantees the magnitude is below ``mantissaLimit``.
    static func canonical(magnitude: UInt128, isNegative: Bool, scale: Int) -> ExactDecimal {
        let (stripped, scale) = strippingTrailingZeros(magnitude, scale: scale)
        guard stripped != 0 else { return .zero }
        let mantissa = Int128(stripped)
        return ExactDecimal(canonicalMantissa: isNegative ? 0 - mantissa : mantissa, scale: scale)
    }

    /// Removes fraction zeros: (1500, scale 3) becomes (15, scale 1); zero becomes (0, scale 0).
    private static func strippingTrailingZeros(_ magnitude: UInt128, scale: Int) -> (UInt128, Int) {
        guard magnitude != 0 else { return (0, 0) }
        var (magnitude, scale) = (magnitude, scale)
        while scale > 0, magnitude % 10 == 0 {
            magnitude /= 10
            scale -= 1
        }
        return (magnitude, scale)
    }
}
