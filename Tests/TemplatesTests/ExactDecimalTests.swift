import Testing
import Templates

/// Shorthand for test tables; a typo in a literal fails the test instead of trapping.
private func dec(_ text: String) throws -> ExactDecimal {
    try ExactDecimal(text)
}

@Suite struct ExactDecimalParsingTests {
    @Test(arguments: [
        ("0", "0"), ("-0", "0"), ("0.000", "0"), ("1.50", "1.5"), ("007.10", "7.1"), ("-12.345", "-12.345"),
        ("1.5e3", "1500"), ("1.5E+3", "1500"), ("2E-2", "0.02"), ("-2.5e-1", "-0.25"), ("0e99999999999999999999", "0"),
        ("123456789012345.123456", "123456789012345.123456"), ("0.000000000000000001", "0.000000000000000001"),
        ("0.10000000000000000000000000000000000000", "0.1"),
        ("999999999999999999999999999999", "999999999999999999999999999999"),
        ("1e29", "100000000000000000000000000000"),
        ("12345678901234567890.1234567890", "12345678901234567890.123456789"),
    ])
    func parsesExactly(text: String, expected: String) throws {
        #expect(try ExactDecimal(text).description == expected)
    }

    @Test(arguments: [
        "", "-", "+1", "1.", ".5", "1e", "1e+", "abc", "1 ", " 1", "1,5", "--1", "0x10", "1.5.5", "NaN",
        "Infinity", "-Infinity", "١", "1e5.5", "1_000",
    ])
    func rejectsMalformedText(text: String) {
        #expect(throws: ExactDecimal.ArithmeticError.invalidText) { try ExactDecimal(text) }
    }

    @Test(arguments: [
        "1000000000000000000000000000000",  // 31 digits
        "1e30",
        "1e-19",  // 19 fraction digits
        "0.0000000000000000001",
        "1234567890123456789012345.678901",  // 31 significant digits
        "1e99999999999999999999",
    ])
    func rejectsValuesItCannotHoldExactly(text: String) {
        #expect(throws: ExactDecimal.ArithmeticError.overflow) { try ExactDecimal(text) }
    }

    @Test func convertsIntegers() {
        #expect(ExactDecimal(0).isZero)
        #expect(ExactDecimal(-42).description == "-42")
        #expect(ExactDecimal(Int.min).description == "-9223372036854775808")
        #expect(ExactDecimal(Int.max).description == "9223372036854775807")
    }
}

@Suite struct ExactDecimalArithmeticTests {
    @Test func tenthsAddUpExactly() throws {
        let sum = try dec("0.1").adding(dec("0.2"))
        #expect(sum == (try dec("0.3")))
        #expect(sum.description == "0.3")
    }

    @Test(arguments: [
        ("1.25", "-1.25", "0"), ("999.99", "0.01", "1000"), ("-5", "2.5", "-2.5"), ("0", "-7.1", "-7.1"),
        ("123456789012345.123456", "876543210987654.876544", "1000000000000000"),
    ])
    func adds(lhs: String, rhs: String, expected: String) throws {
        #expect(try dec(lhs).adding(dec(rhs)).description == expected)
    }

    @Test func subtracts() throws {
        #expect(try dec("10").subtracting(dec("0.01")).description == "9.99")
        #expect(try dec("-1.5").subtracting(dec("-1.5")).isZero)
    }

    @Test(arguments: [
        ("1.5", "2", "3"), ("0.1", "0.1", "0.01"), ("-1.25", "4", "-5"), ("-0.5", "-0.5", "0.25"),
        ("1234567.89", "1000.001", "1234569124.56789"),
        // 5^40 / 10^9 × 2^40 / 10^9 = 10^22: the 256-bit product only fits once zeros are removed.
        ("9094947017729282379.150390625", "1099.511627776", "10000000000000000000000"),
        // 30 digits exactly.
        ("999999999999999", "999999999999999", "999999999999998000000000000001"),
        // 19 fraction digits are rounded half-up to 18.
        ("0.123456789012345678", "0.1", "0.012345678901234568"),
        ("-0.123456789012345678", "0.1", "-0.012345678901234568"),
        ("0.000000001", "0.000000001", "0.000000000000000001"),
        ("0.000000001", "0.0000000001", "0"),
    ])
    func multiplies(lhs: String, rhs: String, expected: String) throws {
        #expect(try dec(lhs).multiplied(by: dec(rhs)).description == expected)
    }

    @Test(arguments: [
        ("1", "3", 4, "0.3333"), ("2", "3", 2, "0.67"), ("-2", "3", 2, "-0.67"), ("1", "8", 2, "0.13"),
        ("-1", "8", 2, "-0.13"), ("10", "4", 0, "3"), ("-10", "4", 0, "-3"), ("1", "0.0003", 2, "3333.33"),
        ("0.05", "1", 1, "0.1"), ("0.000000000000000001", "3", 2, "0"),
        ("0.000000000000000001", "100000000000000000000000000000", 0, "0"),
        ("100", "-7", 18, "-14.285714285714285714"),
    ])
    func dividesRoundingHalfUp(lhs: String, rhs: String, scale: Int, expected: String) throws {
        #expect(try dec(lhs).divided(by: dec(rhs), scale: scale).description == expected)
    }

    @Test(arguments: [
        ("112.00", 12, "12"),  // KG, 12/112
        ("122", 22, "22"),  // RU from 2026, 22/122
        ("1000", 12, "107.14"),  // 107.142857…
        ("1000", 22, "180.33"),  // 180.327868…
        ("99.99", 12, "10.71"),  // 10.713214…
    ])
    func extractsIncludedVAT(gross: String, rate: Int, expected: String) throws {
        let rateValue = ExactDecimal(rate)
        let vat = try dec(gross).multiplied(by: rateValue).divided(by: ExactDecimal(100).adding(rateValue), scale: 2)
        #expect(vat == (try dec(expected)))
    }

    @Test func scalesBeyondTheMaximum() throws {
        #expect(try dec("1.25").rounded(toScale: 40).description == "1.25")
        #expect(try dec("0.1").fractionDigits(20) == "10000000000000000000")
        #expect(throws: ExactDecimal.ArithmeticError.overflow) { try dec("1").divided(by: dec("3"), scale: 19) }
    }

    @Test func divisionByZeroThrows() throws {
        #expect(throws: ExactDecimal.ArithmeticError.divisionByZero) {
            try dec("1").divided(by: .zero, scale: 2)
        }
        #expect(throws: ExactDecimal.ArithmeticError.divisionByZero) {
            try ExactDecimal.zero.divided(by: dec("0.00"), scale: 2)
        }
    }

    @Test func overflowThrowsInsteadOfTrapping() throws {
        let largest = try dec("999999999999999999999999999999")
        #expect(throws: ExactDecimal.ArithmeticError.overflow) { try largest.adding(ExactDecimal(1)) }
        #expect(throws: ExactDecimal.ArithmeticError.overflow) { try largest.negated().subtracting(ExactDecimal(1)) }
        #expect(throws: ExactDecimal.ArithmeticError.overflow) { try largest.multiplied(by: largest) }
        #expect(throws: ExactDecimal.ArithmeticError.overflow) {
            try dec("1000000000000000").multiplied(by: dec("1000000000000000"))
        }
        // Aligning 10^29 to 18 fraction digits needs 48 digits.
        #expect(throws: ExactDecimal.ArithmeticError.overflow) {
            try dec("1e29").adding(dec("0.000000000000000001"))
        }
        #expect(throws: ExactDecimal.ArithmeticError.overflow) {
            try dec("1e29").divided(by: dec("0.001"), scale: 0)
        }
        #expect(throws: ExactDecimal.ArithmeticError.overflow) {
            try dec("1e12").divided(by: dec("0.000000000000000001"), scale: 0)
        }
        // The limit is symmetric and reachable.
        #expect(try largest.negated().adding(largest).isZero)
    }

    @Test(arguments: [
        ("2.345", 2, "2.35"), ("-2.345", 2, "-2.35"), ("1.005", 2, "1.01"), ("2.344", 2, "2.34"),
        ("-2.344", 2, "-2.34"), ("0.005", 2, "0.01"), ("-0.005", 2, "-0.01"), ("0.0049", 2, "0"),
        ("999.995", 2, "1000"), ("1.5", 0, "2"), ("-1.5", 0, "-2"), ("2.5", 0, "3"), ("0.4999", 0, "0"),
        ("1.25", 5, "1.25"), ("-0.000000000000000005", 17, "-0.00000000000000001"),
    ])
    func roundsHalfUpAwayFromZero(value: String, scale: Int, expected: String) throws {
        #expect(try dec(value).rounded(toScale: scale).description == expected)
    }
}

@Suite struct ExactDecimalValueTests {
    @Test(arguments: [("1.50", "1.5"), ("100", "1e2"), ("15e-1", "1.5000"), ("-0.10", "-0.1"), ("0", "-0.000")])
    func equalAcrossScales(lhs: String, rhs: String) throws {
        let (a, b) = (try dec(lhs), try dec(rhs))
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(Set([a, b]).count == 1)
        #expect(!(a < b) && !(b < a))
    }

    @Test func ordersNumerically() throws {
        let sorted = try ["1.51", "-2", "0", "1.5", "-1.5", "0.000000000000000001", "1e29", "-1e29"].map(dec).sorted()
        #expect(sorted.map(\.description) == [
            "-100000000000000000000000000000", "-2", "-1.5", "0", "0.000000000000000001", "1.5", "1.51",
            "100000000000000000000000000000",
        ])
        #expect(try dec("1.5") != dec("1.51"))
        #expect(try dec("-0.5") < dec("-0.49"))
    }

    @Test func exposesSignAndParts() throws {
        let value = try dec("-1234.567")
        #expect(value.sign == .negative)
        #expect(value.negated().sign == .positive)
        #expect(ExactDecimal.zero.sign == .zero)
        #expect(value.magnitude.description == "1234.567")
        #expect(value.integerPart == "1234")
        #expect(value.fractionDigits(2) == "57")
        #expect(value.scale == 3)
        #expect(try dec("3.049").fractionDigits(2) == "05")
        #expect(try dec("0.001").fractionDigits(3) == "001")
        #expect(ExactDecimal(7).fractionDigits(2) == "00")
        #expect(try dec("0.5").fractionDigits(0) == "")
        #expect(try dec("12.3").fractionDigits(4) == "3000")
    }

    @Test func describesInPlainNotation() throws {
        #expect(try dec("-0.005").description == "-0.005")
        #expect(try dec("1e-18").description == "0.000000000000000001")
        #expect(try dec("-1.2e5").description == "-120000")
    }
}
