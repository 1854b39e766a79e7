/// One touch sample after validation, in the form the geometry stages use.
struct StrokeSample: Sendable, Hashable {
    var position: SignaturePoint
    /// Milliseconds from the start of the capture.
    var time: Double
    /// Pressure clamped to 0...1, or `nil` when the device reports none.
    var pressure: Double?
}

/// A stroke's samples with exact duplicates and sensor glitches removed.
struct CleanedStroke: Sendable, Hashable {
    var samples: [StrokeSample]
    /// Samples dropped because they repeat the previous position exactly.
    var duplicateCount: Int
    /// Samples dropped as glitches (see `Cleaning`).
    var outlierCount: Int
}

/// Removes what the phone got wrong before any geometry runs.
///
/// * Exact duplicates: a sample at the same position as the previous kept one. The earliest copy is
///   kept, so a pause shows up as a slow next movement (thicker ink), as with a real pen.
/// * Glitches: a single sample that jumps far away faster than a finger can move, and (inside a
///   stroke) comes straight back. Real cusps slow down to turn, so they never match.
enum Cleaning {
    /// A glitch jumps at least this far (canvas units) from its neighbours.
    static let glitchMinimumJump = 30.0
    /// Faster than any finger on a phone (units/ms; 20 units/ms is about 3 m/s at 160 units per inch).
    static let glitchMinimumSpeed = 20.0
    /// An interior glitch comes back: its neighbours are closer together than this fraction of its jumps.
    static let glitchReturnRatio = 0.25
    /// Pressure reported outside 0...1 is clamped into it.
    static let pressureRange = 0.0...1.0

    static func clean(_ stroke: CapturedStroke) -> CleanedStroke {
        let samples = stroke.points.map { point in
            StrokeSample(
                position: point.position, time: point.time,
                pressure: point.pressure.map { min(pressureRange.upperBound, max(pressureRange.lowerBound, $0)) }
            )
        }
        let (unique, firstDuplicates) = removingDuplicates(samples)
        let (plausible, outliers) = removingGlitches(unique)
        let (result, laterDuplicates) = removingDuplicates(plausible)
        return CleanedStroke(samples: result, duplicateCount: firstDuplicates + laterDuplicates, outlierCount: outliers)
    }

    static func removingDuplicates(_ samples: [StrokeSample]) -> ([StrokeSample], Int) {
        var kept: [StrokeSample] = []
        kept.reserveCapacity(samples.count)
        for sample in samples where kept.last?.position != sample.position {
            kept.append(sample)
        }
        return (kept, samples.count - kept.count)
    }

    /// One pass over the original neighbours, so the decision for one sample never depends on another's.
    static func removingGlitches(_ samples: [StrokeSample]) -> ([StrokeSample], Int) {
        // With fewer than three samples there is no majority to tell the glitch from the stroke.
        guard samples.count >= 3 else { return (samples, 0) }
        var kept: [StrokeSample] = []
        kept.reserveCapacity(samples.count)
        for index in samples.indices {
            let previous = index > 0 ? samples[index - 1] : nil
            let next = index + 1 < samples.count ? samples[index + 1] : nil
            if !isGlitch(samples[index], previous: previous, next: next) { kept.append(samples[index]) }
        }
        return (kept, samples.count - kept.count)
    }

    private static func isGlitch(_ sample: StrokeSample, previous: StrokeSample?, next: StrokeSample?) -> Bool {
        switch (previous, next) {
        case (let previous?, let next?):
            let back = sample.position.distance(to: previous.position)
            let forward = sample.position.distance(to: next.position)
            let shortcut = previous.position.distance(to: next.position)
            return isImplausibleJump(from: previous, to: sample) && isImplausibleJump(from: sample, to: next)
                && shortcut < glitchReturnRatio * min(back, forward)
        case (let previous?, nil):
            return isImplausibleJump(from: previous, to: sample)
        case (nil, let next?):
            return isImplausibleJump(from: sample, to: next)
        case (nil, nil):
            return false
        }
    }

    /// Far and fast. Equal timestamps give no speed, so they never count as a glitch on their own.
    private static func isImplausibleJump(from a: StrokeSample, to b: StrokeSample) -> Bool {
        let distance = a.position.distance(to: b.position)
        let elapsed = b.time - a.time
        guard distance >= glitchMinimumJump, elapsed > 0 else { return false }
        return distance / elapsed > glitchMinimumSpeed
    }
}
