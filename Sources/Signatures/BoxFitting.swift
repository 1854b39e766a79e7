/// A uniform scale followed by a translation: `p' = p · scale + translation`.
public struct SignatureTransform: Sendable, Hashable {
    /// The uniform scale factor (aspect ratio is always preserved).
    public var scale: Double
    /// The offset added after scaling.
    public var translation: SignaturePoint

    /// Creates a transform.
    /// - Parameters:
    ///   - scale: Uniform scale factor.
    ///   - translation: Offset added after scaling.
    public init(scale: Double, translation: SignaturePoint) {
        self.scale = scale
        self.translation = translation
    }

    /// The transform that changes nothing.
    public static let identity = SignatureTransform(scale: 1, translation: .zero)

    /// Maps a point.
    /// - Parameter point: A point in canvas units.
    public func apply(to point: SignaturePoint) -> SignaturePoint {
        SignaturePoint(x: point.x * scale + translation.x, y: point.y * scale + translation.y)
    }

    /// Maps a rectangle.
    /// - Parameter rect: A rectangle in canvas units.
    public func apply(to rect: SignatureRect) -> SignatureRect {
        let low = apply(to: SignaturePoint(x: rect.minX, y: rect.minY))
        let high = apply(to: SignaturePoint(x: rect.maxX, y: rect.maxY))
        return SignatureRect(minX: low.x, minY: low.y, maxX: high.x, maxY: high.y)
    }
}

/// Where the signature sits horizontally inside its box.
public enum SignatureAlignment: String, Sendable, Hashable, CaseIterable {
    /// Against the left edge.
    case leading
    /// Centred.
    case center
    /// Against the right edge.
    case trailing
}

/// The space a document gives the signature, in the document's units, origin top left, y down.
public struct SignatureBox: Sendable, Hashable {
    /// By default the signature line is this far down the box, leaving room below for descenders.
    public static let defaultBaselineFraction = 0.8

    /// Box width.
    public var width: Double
    /// Box height.
    public var height: Double
    /// Distance from the box's top to the signature line, 0...height.
    public var baseline: Double
    /// Horizontal placement.
    public var alignment: SignatureAlignment

    /// Creates a box.
    /// - Parameters:
    ///   - width: Box width.
    ///   - height: Box height.
    ///   - baseline: Distance from the top to the signature line; defaults to 80 % of the height.
    ///   - alignment: Horizontal placement; centred by default.
    public init(width: Double, height: Double, baseline: Double? = nil, alignment: SignatureAlignment = .center) {
        self.width = width
        self.height = height
        self.baseline = baseline ?? height * Self.defaultBaselineFraction
        self.alignment = alignment
    }
}

/// The result of fitting a signature into a box.
public struct SignaturePlacement: Sendable, Hashable {
    /// Maps canvas units to box units.
    public var transform: SignatureTransform
    /// Whether the signature's baseline sits on the box's baseline; `false` when that would have
    /// shrunk the signature below half its plain fit, and it was bottom-aligned instead.
    public var isBaselineAligned: Bool
    /// The ink's bounding box in box units; always inside the box.
    public var inkBounds: SignatureRect
}

extension VectorSignature {
    /// Baseline alignment may cost at most this much of the plain "fit the box" scale.
    public static let minimumBaselineScaleFraction = 0.5

    /// The y (canvas units) of the writing's baseline: the median of the centreline's lowest turning
    /// points (bottoms of letters), which ignores the fewer, deeper descenders; the ink's bottom if there
    /// are none (a straight stroke).
    public var estimatedBaseline: Double? {
        var bottoms = strokes.filter { $0.kind == .line }.flatMap { BaselineEstimation.bottoms(of: $0.centerline) }
        guard !bottoms.isEmpty else { return inkBounds?.maxY }
        bottoms.sort()
        let middle = bottoms.count / 2
        return bottoms.count % 2 == 1 ? bottoms[middle] : (bottoms[middle - 1] + bottoms[middle]) / 2
    }

    /// Fits the ink into `box`, preserving the aspect ratio, with the baseline on the box's signature line.
    /// - Parameter box: The space in the document.
    /// - Returns: The transform from canvas to box units and where the ink ends up.
    /// - Throws: ``SignatureError/invalidBox(message:)`` for a non-finite or empty box or a baseline outside it.
    public func placement(in box: SignatureBox) throws(SignatureError) -> SignaturePlacement {
        guard box.width.isFinite, box.height.isFinite, box.width > 0, box.height > 0 else {
            throw .invalidBox(message: "must have a finite, positive width and height")
        }
        guard box.baseline.isFinite, (0...box.height).contains(box.baseline) else {
            throw .invalidBox(message: "baseline must lie between 0 and the box height")
        }
        guard let ink = inkBounds, let rawBaseline = estimatedBaseline else {
            let rect = SignatureRect(minX: 0, minY: box.baseline, maxX: 0, maxY: box.baseline)
            return SignaturePlacement(transform: .identity, isBaselineAligned: true, inkBounds: rect)
        }
        let inkWidth = max(ink.width, SignaturePoint.degenerateLength)
        let inkHeight = max(ink.height, SignaturePoint.degenerateLength)
        let baseline = min(max(rawBaseline, ink.minY), ink.maxY)
        let plainScale = min(box.width / inkWidth, box.height / inkHeight)
        let above = baseline - ink.minY
        let below = ink.maxY - baseline
        let baselineScale = min(
            box.width / inkWidth,
            above > 0 ? box.baseline / above : .infinity,
            below > 0 ? (box.height - box.baseline) / below : .infinity
        )
        let isBaselineAligned = baselineScale >= plainScale * Self.minimumBaselineScaleFraction
        let scale = isBaselineAligned ? baselineScale : plainScale
        let translationY = isBaselineAligned ? box.baseline - baseline * scale : box.height - ink.maxY * scale
        let translationX: Double =
            switch box.alignment {
            case .leading: -ink.minX * scale
            case .center: (box.width - inkWidth * scale) / 2 - ink.minX * scale
            case .trailing: box.width - ink.maxX * scale
            }
        let transform = SignatureTransform(scale: scale, translation: SignaturePoint(x: translationX, y: translationY))
        return SignaturePlacement(
            transform: transform, isBaselineAligned: isBaselineAligned, inkBounds: transform.apply(to: ink))
    }
}

/// Finds the lowest turning points of a centreline (largest y, since y grows downwards).
enum BaselineEstimation {
    static func bottoms(of centerline: [CenterlineSegment]) -> [Double] {
        var bottoms: [Double] = []
        for (index, segment) in centerline.enumerated() {
            let curve = segment.curve
            for t in curve.verticalExtremaParameters() where curve.secondDerivative(at: t).y < 0 {
                bottoms.append(curve.point(at: t).y)
            }
            // A bottom exactly at a joint (or a corner, like the foot of a "v").
            if index + 1 < centerline.count {
                let incoming = curve.derivative(at: 1).y
                let outgoing = centerline[index + 1].curve.derivative(at: 0).y
                if incoming > 0 && outgoing < 0 { bottoms.append(segment.end.y) }
            }
        }
        return bottoms
    }
}
