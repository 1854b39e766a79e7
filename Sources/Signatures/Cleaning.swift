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
        var (result, laterDuplicates) = removingDuplicates(plausible)
        // The glitch rules never empty a stroke (an end is only a glitch when its neighbour is not);
        // keeping the first sample makes that independent of their details.
        if result.isEmpty, let first = samples.first { result = [first] }
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
        let kept = samples.indices.filter { !isGlitch(at: $0, in: samples) }.map { samples[$0] }
        return (kept, samples.count - kept.count)
    }

    /// Inside the stroke: far and fast away from both neighbours, which are close to each other.
    /// At an end: far and fast away from its neighbour, while that neighbour and the next agree
    /// (otherwise the neighbour is the glitch, not the end).
    private static func isGlitch(at index: Int, in samples: [StrokeSample]) -> Bool {
        let last = samples.count - 1
        switch index {
        case 0:
            return isImplausibleJump(from: samples[0], to: samples[1])
                && !isImplausibleJump(from: samples[1], to: samples[2])
        case last:
            return isImplausibleJump(from: samples[last - 1], to: samples[last])
                && !isImplausibleJump(from: samples[last - 2], to: samples[last - 1])
        default:
            let previous = samples[index - 1]
            let sample = samples[index]
            let next = samples[index + 1]
            let back = sample.position.distance(to: previous.position)
            let forward = sample.position.distance(to: next.position)
            let shortcut = previous.position.distance(to: next.position)
            return isImplausibleJump(from: previous, to: sample) && isImplausibleJump(from: sample, to: next)
                && shortcut < glitchReturnRatio * min(back, forward)
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
