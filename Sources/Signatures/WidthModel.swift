import Foundation

/// How wide the ink is at each point of a stroke.
///
/// Like a pen, the line gets thinner as the finger moves faster:
/// `width = min + (max − min) / (1 + (v / v½)^1.5)`, where v½ is ``SignatureOptions/halfWidthSpeed``.
/// When every sample of the signature carries a pressure and the pressure actually varies, pressure
/// drives the width instead (`min + (max − min) · p`); most phones report none or a constant, which
/// says nothing. The raw widths are then low-pass filtered along the stroke in both directions, so the
/// width swells and thins gradually instead of following every sample.
struct WidthModel: Sendable {
    /// Speed is measured over at least this many milliseconds around a point (several samples at 240 Hz).
    static let speedWindowMillis = 24.0
    /// …but over at most this many samples per side, so bursts of samples cost O(k).
    static let speedWindowMaxSamples = 12
    /// Pressure must span at least this much over the signature to count as "varying".
    static let pressureVariationThreshold = 0.05
    /// How sharply the width reacts around v½; above 1 the slow/fast contrast grows (ink pools, flicks thin).
    static let speedResponseExponent = 1.5
    /// Arc length (canvas units) over which the width filter forgets; about a letter's stroke.
    static let smoothingLength = 6.0

    let options: SignatureOptions
    /// Whether pressure drives the width (decided once per signature, so all strokes agree).
    let usesPressure: Bool

    init(options: SignatureOptions, strokes: [CleanedStroke]) {
        self.options = options
        self.usesPressure = Self.hasVaryingPressure(strokes)
    }

    static func hasVaryingPressure(_ strokes: [CleanedStroke]) -> Bool {
        var lowest = Double.infinity
        var highest = -Double.infinity
        for stroke in strokes {
            for sample in stroke.samples {
                guard let pressure = sample.pressure else { return false }
                lowest = min(lowest, pressure)
                highest = max(highest, pressure)
            }
        }
        return highest - lowest >= pressureVariationThreshold
    }

    /// The ink width at every sample of a stroke.
    func widths(for samples: [StrokeSample]) -> [Double] {
        let positions = samples.map(\.position)
        let arc = Polyline.arcLengths(positions)
        let targets: [Double]
        if usesPressure {
            targets = samples.map { width(pressure: $0.pressure ?? 0) }
        } else {
            let nominal = (options.minWidth + options.maxWidth) / 2
            targets = speeds(samples, arc: arc).map { $0.map(width(speed:)) ?? nominal }
        }
        return Self.lowPass(targets, arc: arc)
    }

    func width(speed: Double) -> Double {
        let relative = pow(speed / options.halfWidthSpeed, Self.speedResponseExponent)
        return options.minWidth + (options.maxWidth - options.minWidth) / (1 + relative)
    }

    func width(pressure: Double) -> Double {
        options.minWidth + (options.maxWidth - options.minWidth) * pressure
    }

    /// Speed in units/ms at each sample, over a window of about `speedWindowMillis`; `nil` where no
    /// time elapsed at all (a capture with equal timestamps), and then the nominal width is used.
    private func speeds(_ samples: [StrokeSample], arc: [Double]) -> [Double?] {
        var result: [Double?] = []
        result.reserveCapacity(samples.count)
        let last = samples.count - 1
        for index in samples.indices {
            var low = index
            var high = index
            // Grow the window alternately on both sides until it spans enough time.
            while samples[high].time - samples[low].time < Self.speedWindowMillis {
                let canGrowLow = low > 0 && index - low < Self.speedWindowMaxSamples
                let canGrowHigh = high < last && high - index < Self.speedWindowMaxSamples
                if !canGrowLow && !canGrowHigh { break }
                if canGrowLow { low -= 1 }
                if canGrowHigh { high += 1 }
            }
            let elapsed = samples[high].time - samples[low].time
            result.append(elapsed > 0 ? (arc[high] - arc[low]) / elapsed : nil)
        }
        return result
    }

    /// Exponential smoothing over arc length, forward and backward averaged (no lag in either direction).
    static func lowPass(_ values: [Double], arc: [Double]) -> [Double] {
        guard values.count > 1 else { return values }
        var forward = values
        for index in 1..<values.count {
            let keep = exp(-(arc[index] - arc[index - 1]) / smoothingLength)
            forward[index] = keep * forward[index - 1] + (1 - keep) * values[index]
        }
        var backward = values
        for index in stride(from: values.count - 2, through: 0, by: -1) {
            let keep = exp(-(arc[index + 1] - arc[index]) / smoothingLength)
            backward[index] = keep * backward[index + 1] + (1 - keep) * values[index]
        }
        return zip(forward, backward).map { ($0 + $1) / 2 }
    }
}
