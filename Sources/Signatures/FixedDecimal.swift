/// Locale-free fixed-point formatting, so the JSON and SVG output is byte-for-byte stable.
enum FixedDecimal {
    /// Beyond this magnitude the scaled integer would not be exact in a Double; we never produce such values.
    private static let exactIntegerLimit = 9.0e15

    /// `value` with exactly `decimals` digits after the point, rounding half away from zero;
    /// negative zero prints as zero.
    static func format(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "0" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (value * scale).rounded(.toNearestOrAwayFromZero)
        guard abs(scaled) < exactIntegerLimit else { return String(describing: value) }
        let magnitude = Int64(abs(scaled))
        let negative = scaled < 0
        let divisor = Int64(scale)
        let integerPart = magnitude / divisor
        var text = negative ? "-" : ""
        text += String(integerPart)
        if decimals > 0 {
            let fraction = String(magnitude % divisor)
            text += "." + String(repeating: "0", count: decimals - fraction.count) + fraction
        }
        return text
    }
}
