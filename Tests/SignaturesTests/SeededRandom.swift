/// SplitMix64: a tiny, fast generator whose sequence depends only on the seed, on every platform.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A Double in `range`, from the top 53 bits (no platform-specific conversion).
    mutating func uniform(_ range: ClosedRange<Double>) -> Double {
        let unit = Double(next() >> 11) / Double(UInt64(1) << 53)
        return range.lowerBound + (range.upperBound - range.lowerBound) * unit
    }

    /// An integer in `range`.
    mutating func integer(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// True with probability `probability`.
    mutating func chance(_ probability: Double) -> Bool { uniform(0...1) < probability }

    /// Approximately normal noise (sum of four uniforms), clamped to ±`limit`; avoids log/sqrt of libm.
    mutating func jitter(sigma: Double, limit: Double) -> Double {
        let sum = uniform(-1...1) + uniform(-1...1) + uniform(-1...1) + uniform(-1...1)
        // The sum of four U(-1, 1) has variance 4/3.
        return min(limit, max(-limit, sum * sigma / 1.154_700_538))
    }
}
