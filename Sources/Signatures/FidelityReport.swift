/// How faithful and how compact one vectorized signature is.
public struct FidelityFigures: Sendable, Hashable {
    /// Largest distance from a kept input point to its stroke's centreline, in canvas units.
    public var maxDeviation: Double
    /// Points in the input.
    public var pointCount: Int
    /// Points kept after removing duplicates and glitches (the ones measured).
    public var keptPointCount: Int
    /// Centreline segments in the output.
    public var segmentCount: Int

    /// Input points per output segment; how much the vectorization compressed.
    public var pointsPerSegment: Double {
        segmentCount > 0 ? Double(pointCount) / Double(segmentCount) : 0
    }
}

/// The figures of a set of signatures, each and together.
public struct FidelityReport: Sendable, Hashable {
    /// One entry per signature, in the order given.
    public var signatures: [FidelityFigures]

    /// The largest deviation over all signatures.
    public var maxDeviation: Double { signatures.map(\.maxDeviation).max() ?? 0 }

    /// The smallest points-per-segment ratio over all signatures.
    public var minPointsPerSegment: Double { signatures.map(\.pointsPerSegment).min() ?? 0 }

    /// All input points over all segments.
    public var overallPointsPerSegment: Double {
        let segments = signatures.reduce(0) { $0 + $1.segmentCount }
        return segments > 0 ? Double(signatures.reduce(0) { $0 + $1.pointCount }) / Double(segments) : 0
    }
}

extension SignatureVectorizer {
    /// Vectorizes each input and measures it.
    /// - Parameter inputs: Captured signatures.
    /// - Returns: The figures per signature and overall.
    /// - Throws: ``SignatureError`` from the first input that cannot be vectorized.
    public func fidelityReport(for inputs: [SignatureInput]) throws(SignatureError) -> FidelityReport {
        var figures: [FidelityFigures] = []
        for input in inputs {
            figures.append(measure(input, against: try vectorize(input)))
        }
        return FidelityReport(signatures: figures)
    }

    /// Measures how far the kept input points lie from `signature`'s centreline, stroke by stroke.
    /// - Parameters:
    ///   - input: The captured signature.
    ///   - signature: Its vectorization (by this vectorizer, so the same points are kept).
    public func measure(_ input: SignatureInput, against signature: VectorSignature) -> FidelityFigures {
        var worst = 0.0
        let kept = keptPoints(of: input)
        for (points, stroke) in zip(kept, signature.strokes) {
            let curves = stroke.centerline.map(\.curve)
            let boxes = curves.map(\.bounds)
            var hint = 0
            for point in points {
                var best = curves[hint].distance(to: point)
                for index in curves.indices where index != hint && boxes[index].distance(to: point) < best {
                    let distance = curves[index].distance(to: point)
                    if distance < best {
                        best = distance
                        hint = index
                    }
                }
                worst = max(worst, best)
            }
        }
        return FidelityFigures(
            maxDeviation: worst, pointCount: input.pointCount, keptPointCount: kept.reduce(0) { $0 + $1.count },
            segmentCount: signature.segmentCount)
    }
}
