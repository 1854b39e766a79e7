import Foundation

/// How one sample signature is written: the text, the hand and the phone.
struct SampleSpec {
    var fileName: String
    var text: String
    var seed: UInt64
    var samplingHz: Double
    var canvas: (width: Double, height: Double)
    /// Canvas units per letter unit (the x-height).
    var letterSize: Double
    /// Where the first letter's baseline starts.
    var origin: (x: Double, y: Double)
    /// Forward slant: x shifts by `slant · y`.
    var slant: Double
    /// Typical pen speed in canvas units per millisecond.
    var speed: Double
    var pressure: PressureKind
    /// An underline swoosh after the name, in letter units relative to the origin.
    var flourish: String?
    var device: String
}

enum PressureKind {
    /// The device reports none (most phones).
    case absent
    /// The device reports the same value for every sample.
    case constant(Double)
    /// Real pressure: firmer when slow.
    case varying
}

/// Writes realistic finger signatures: cursive letters drawn with the two-thirds power law for speed
/// (slow in curves, fast on straight parts), stops at cusps and ends, sampled at the phone's rate with
/// ±0.3 units of jitter, a touch-down pause that repeats the same coordinates, and occasional repeated
/// events. All randomness comes from `SeededRandom`, so the output is the same on every run.
struct SampleSignatureGenerator {
    /// The committed samples.
    static let specs: [SampleSpec] = [
        SampleSpec(
            fileName: "asanov.json", text: "Асанов", seed: 11, samplingHz: 60, canvas: (600, 220), letterSize: 45,
            origin: (60, 150), slant: 0.25, speed: 0.7, pressure: .absent,
            flourish: "-.3 -.5, 2 -.75, 4.5 -.6, 6.2 -.35", device: "Android 14; Pixel 7"),
        SampleSpec(
            fileName: "petrova.json", text: "Петрова", seed: 22, samplingHz: 120, canvas: (640, 260),
            letterSize: 46,
            origin: (50, 170), slant: 0.3, speed: 0.6, pressure: .varying,
            flourish: "7.6 .4, 5 -1.2, 2 -1.3, -.2 -1",
            device: "iPadOS 17; Apple Pencil"),
        SampleSpec(
            fileName: "j-smith.json", text: "J. Smith", seed: 33, samplingHz: 90, canvas: (600, 220), letterSize: 44,
            origin: (70, 140), slant: 0.2, speed: 0.8, pressure: .absent, flourish: nil,
            device: "Android 13; Galaxy A54"),
        SampleSpec(
            fileName: "ivanova.json", text: "Иванова", seed: 44, samplingHz: 100, canvas: (620, 230),
            letterSize: 44,
            origin: (50, 150), slant: 0.28, speed: 0.9, pressure: .absent,
            flourish: "6.6 .25, 4 -.55, 1 -.6, -.2 -.3", device: "Android 12; Redmi Note 11"),
        SampleSpec(
            fileName: "tina-holm.json", text: "Tina Holm", seed: 55, samplingHz: 75, canvas: (600, 220), letterSize: 40,
            origin: (45, 140), slant: 0.22, speed: 0.65, pressure: .constant(1.0), flourish: nil,
            device: "iOS 17; iPhone 13"),
    ]

    /// Milliseconds the pen is up between strokes.
    static let penUpMillis = 150.0...350.0
    /// Extra space between letters, in letter units.
    static let letterSpacing = 0.12
    /// Standard deviation and hard limit of the position jitter, in canvas units.
    static let jitterSigma = 0.12
    static let jitterLimit = 0.3
    /// Timestamp irregularity of the touch controller, in milliseconds.
    static let clockJitterMillis = 0.6
    /// Chance that the controller repeats the previous event's coordinates.
    static let repeatChance = 0.015
    /// Radius of curvature (canvas units) at which the pen moves at its typical speed.
    static let referenceRadius = 30.0
    /// The pen slows to this fraction of its speed at corners and ends…
    static let stopSpeedFraction = 0.15
    /// …over this many canvas units.
    static let rampLength = 10.0

    let spec: SampleSpec
    private var random: SeededRandom
    private var clock = 0.0

    init(spec: SampleSpec) {
        self.spec = spec
        self.random = SeededRandom(seed: spec.seed)
    }

    /// The sample's JSON text.
    static func json(for spec: SampleSpec) -> String {
        var generator = SampleSignatureGenerator(spec: spec)
        return generator.render()
    }

    // MARK: Layout: letters → pen paths in canvas units

    private func canvasPoint(_ key: GlyphKey, letterX: Double, size: Double) -> GlyphKey {
        let x = spec.origin.x + (letterX + key.x + key.y * spec.slant) * spec.letterSize * size
        let y = spec.origin.y - key.y * spec.letterSize * size
        return GlyphKey(x: x, y: y, isCorner: key.isCorner)
    }

    /// Pen-down paths in drawing order: each word's connected paths, then its dots and bars.
    private mutating func penPaths() -> [[GlyphKey]] {
        var paths: [[GlyphKey]] = []
        var afterWord: [[GlyphKey]] = []
        var current: [GlyphKey] = []
        var letterX = 0.0
        for character in spec.text {
            let glyph = CursiveGlyphs.glyph(for: character)
            let size = 1 + random.uniform(-0.05...0.05)
            for (index, path) in glyph.paths.enumerated() {
                let placed = path.map { canvasPoint($0, letterX: letterX, size: size) }
                if index == 0, glyph.joinsPrevious, !current.isEmpty {
                    current += placed
                } else {
                    if !current.isEmpty { paths.append(current) }
                    current = placed
                }
            }
            afterWord += glyph.afterWord.map { $0.map { canvasPoint($0, letterX: letterX, size: size) } }
            if character == " " {
                if !current.isEmpty { paths.append(current) }
                current = []
                paths += afterWord
                afterWord = []
            }
            letterX += glyph.advance + Self.letterSpacing
        }
        if !current.isEmpty { paths.append(current) }
        paths += afterWord
        if let flourish = spec.flourish {
            paths.append(CursiveGlyphs.keys(flourish).map { canvasPoint($0, letterX: 0, size: 1) })
        }
        return paths
    }

    // MARK: Pen dynamics

    private struct TimedPoint {
        var x: Double
        var y: Double
        var time: Double
        var speed: Double
    }

    /// A dense polyline through the keys: centripetal Catmull–Rom pieces between corners.
    private func densePath(_ keys: [GlyphKey]) -> [(x: Double, y: Double, corner: Bool)] {
        var pieces: [[GlyphKey]] = [[keys[0]]]
        for key in keys.dropFirst() {
            pieces[pieces.count - 1].append(key)
            if key.isCorner { pieces.append([key]) }
        }
        var dense: [(x: Double, y: Double, corner: Bool)] = []
        for piece in pieces where piece.count >= 2 {
            let count = piece.count
            func key(_ index: Int) -> (Double, Double) {
                if index < 0 { return (2 * piece[0].x - piece[1].x, 2 * piece[0].y - piece[1].y) }
                if index >= count {
                    return (2 * piece[count - 1].x - piece[count - 2].x, 2 * piece[count - 1].y - piece[count - 2].y)
                }
                return (piece[index].x, piece[index].y)
            }
            for span in 0..<(count - 1) {
                let p0 = key(span - 1)
                let p1 = key(span)
                let p2 = key(span + 1)
                let p3 = key(span + 2)
                let steps = 40
                for step in 0..<steps {
                    let t = Double(step) / Double(steps)
                    let point = Self.catmullRom(p0, p1, p2, p3, t)
                    dense.append((point.0, point.1, step == 0 && (span == 0)))
                }
            }
            let last = piece[count - 1]
            dense.append((last.x, last.y, true))
        }
        return dense
    }

    /// Centripetal Catmull–Rom (alpha 0.5) between p1 and p2; no cusps or self-loops within a span.
    private static func catmullRom(
        _ p0: (Double, Double), _ p1: (Double, Double), _ p2: (Double, Double), _ p3: (Double, Double), _ t: Double
    ) -> (Double, Double) {
        func knot(_ a: (Double, Double), _ b: (Double, Double)) -> Double {
            max(((b.0 - a.0) * (b.0 - a.0) + (b.1 - a.1) * (b.1 - a.1)).squareRoot().squareRoot(), 1e-6)
        }
        let t0 = 0.0
        let t1 = t0 + knot(p0, p1)
        let t2 = t1 + knot(p1, p2)
        let t3 = t2 + knot(p2, p3)
        let u = t1 + (t2 - t1) * t
        func mix(_ a: (Double, Double), _ b: (Double, Double), _ ta: Double, _ tb: Double) -> (Double, Double) {
            let wa = (tb - u) / (tb - ta)
            let wb = (u - ta) / (tb - ta)
            return (a.0 * wa + b.0 * wb, a.1 * wa + b.1 * wb)
        }
        let a1 = mix(p0, p1, t0, t1)
        let a2 = mix(p1, p2, t1, t2)
        let a3 = mix(p2, p3, t2, t3)
        let b1 = mix(a1, a2, t0, t2)
        let b2 = mix(a2, a3, t1, t3)
        return mix(b1, b2, t1, t2)
    }

    /// Times along the dense path from the two-thirds power law, slowed near stops.
    private mutating func timedPath(_ keys: [GlyphKey], speedScale: Double) -> [TimedPoint] {
        let dense = densePath(keys)
        let count = dense.count
        var arc = [0.0]
        for index in 1..<count {
            arc.append(arc[index - 1] + hypot(dense[index].x - dense[index - 1].x, dense[index].y - dense[index - 1].y))
        }
        // Distance to the nearest stop (corner or end), forwards and backwards.
        var toStop = Array(repeating: Double.infinity, count: count)
        var lastStop = -Double.infinity
        for index in 0..<count {
            if dense[index].corner || index == 0 { lastStop = arc[index] }
            toStop[index] = arc[index] - lastStop
        }
        var nextStop = Double.infinity
        for index in stride(from: count - 1, through: 0, by: -1) {
            if dense[index].corner || index == count - 1 { nextStop = arc[index] }
            toStop[index] = min(toStop[index], nextStop - arc[index])
        }
        var speeds: [Double] = []
        for index in 0..<count {
            let previous = dense[max(index - 2, 0)]
            let next = dense[min(index + 2, count - 1)]
            let here = dense[index]
            let a = (here.x - previous.x, here.y - previous.y)
            let b = (next.x - here.x, next.y - here.y)
            let turn = abs(atan2(a.0 * b.1 - a.1 * b.0, a.0 * b.0 + a.1 * b.1))
            let span = max(hypot(a.0, a.1) + hypot(b.0, b.1), 1e-6) / 2
            let curvature = max(turn / span, 1e-4)
            let powerLaw = min(1.6, max(0.4, pow(curvature * Self.referenceRadius, -1.0 / 3)))
            let ramp = min(1, toStop[index] / Self.rampLength)
            let smoothRamp = Self.stopSpeedFraction + (1 - Self.stopSpeedFraction) * ramp * ramp * (3 - 2 * ramp)
            speeds.append(spec.speed * speedScale * powerLaw * smoothRamp)
        }
        var points = [TimedPoint(x: dense[0].x, y: dense[0].y, time: 0, speed: speeds[0])]
        for index in 1..<count {
            let step = arc[index] - arc[index - 1]
            let time = points[index - 1].time + step / ((speeds[index] + speeds[index - 1]) / 2)
            points.append(TimedPoint(x: dense[index].x, y: dense[index].y, time: time, speed: speeds[index]))
        }
        return points
    }

    // MARK: Sampling

    private struct Sample {
        var x: Double
        var y: Double
        var time: Double
        var pressure: Double?
    }

    private mutating func pressure(speed: Double, maxSpeed: Double) -> Double? {
        switch spec.pressure {
        case .absent: return nil
        case .constant(let value): return value
        case .varying:
            let firm = 1 - min(1, speed / maxSpeed)
            return min(1, max(0.05, 0.3 + 0.55 * firm + random.uniform(-0.03...0.03)))
        }
    }

    /// A tap: the finger lands, wobbles a little, lifts. A key marked as a corner is a single sample.
    private mutating func tap(at key: GlyphKey) -> [Sample] {
        let count = key.isCorner ? 1 : random.integer(2...4)
        let interval = 1000 / spec.samplingHz
        return (0..<count).map { index in
            Sample(
                x: key.x + (index == 0 ? 0 : random.uniform(-0.3...0.3)),
                y: key.y + (index == 0 ? 0 : random.uniform(-0.3...0.3)),
                time: clock + Double(index) * interval, pressure: pressure(speed: 0, maxSpeed: 1))
        }
    }

    private mutating func stroke(_ keys: [GlyphKey]) -> [Sample] {
        if keys.count == 1 { return tap(at: keys[0]) }
        let path = timedPath(keys, speedScale: random.uniform(0.85...1.15))
        let maxSpeed = path.map(\.speed).max() ?? 1
        let interval = 1000 / spec.samplingHz
        var samples: [Sample] = []
        // Touch-down: the controller repeats the landing coordinates before movement registers.
        let landing = Sample(x: path[0].x, y: path[0].y, time: clock, pressure: pressure(speed: 0, maxSpeed: maxSpeed))
        for index in 0..<random.integer(1...3) {
            var repeated = landing
            repeated.time = clock + Double(index) * interval
            samples.append(repeated)
        }
        let start = samples.last!.time
        var elapsed = interval
        var cursor = 0
        let duration = path[path.count - 1].time
        while elapsed < duration {
            while cursor + 1 < path.count, path[cursor + 1].time < elapsed { cursor += 1 }
            let a = path[cursor]
            let b = path[min(cursor + 1, path.count - 1)]
            let fraction = b.time > a.time ? (elapsed - a.time) / (b.time - a.time) : 0
            let x = a.x + (b.x - a.x) * fraction
            let y = a.y + (b.y - a.y) * fraction
            let speed = a.speed + (b.speed - a.speed) * fraction
            let time = start + elapsed + random.uniform(-Self.clockJitterMillis...Self.clockJitterMillis)
            if random.chance(Self.repeatChance), var repeated = samples.last {
                repeated.time = time
                samples.append(repeated)
            } else {
                samples.append(
                    Sample(
                        x: x + random.jitter(sigma: Self.jitterSigma, limit: Self.jitterLimit),
                        y: y + random.jitter(sigma: Self.jitterSigma, limit: Self.jitterLimit),
                        time: time, pressure: pressure(speed: speed, maxSpeed: maxSpeed)))
            }
            elapsed += interval
        }
        let end = path[path.count - 1]
        samples.append(
            Sample(
                x: end.x, y: end.y, time: start + max(elapsed, duration),
                pressure: pressure(speed: 0, maxSpeed: maxSpeed)))
        return samples
    }

    // MARK: Output

    private mutating func render() -> String {
        var strokeTexts: [String] = []
        for keys in penPaths() {
            let samples = stroke(keys)
            clock = (samples.last?.time ?? clock).rounded() + random.uniform(Self.penUpMillis)
            let lines = samples.map { sample -> String in
                var fields = [Self.format(sample.x, 2), Self.format(sample.y, 2), String(Int(sample.time.rounded()))]
                if let pressure = sample.pressure { fields.append(Self.format(pressure, 3)) }
                return "        [" + fields.joined(separator: ", ") + "]"
            }
            strokeTexts.append("    {\n      \"points\": [\n" + lines.joined(separator: ",\n") + "\n      ]\n    }")
        }
        let signer = spec.text
        return """
            {
              "canvas": {"width": \(Int(spec.canvas.width)), "height": \(Int(spec.canvas.height))},
              "capturedAt": "2024-05-17T09:30:\(String(format: "%02d", Int(spec.seed % 60)))Z",
              "device": "\(spec.device)",
              "signer": "\(signer)",
              "strokes": [
            \(strokeTexts.joined(separator: ",\n"))
              ]
            }

            """
    }

    /// Fixed decimals without locale: the samples must not depend on the machine that wrote them.
    static func format(_ value: Double, _ decimals: Int) -> String {
        let scale = decimals == 2 ? 100.0 : 1000.0
        let scaled = Int((value * scale).rounded())
        let sign = scaled < 0 ? "-" : ""
        let magnitude = abs(scaled)
        let fraction = String(magnitude % Int(scale))
        return sign + String(magnitude / Int(scale)) + "." + String(repeating: "0", count: decimals - fraction.count)
            + fraction
    }
}
