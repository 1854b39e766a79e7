/// One drawing command of a ``VectorPath``.
public enum PathElement: Sendable, Hashable {
    /// Starts a new subpath at the point.
    case moveTo(SignaturePoint)
    /// A straight line to the point.
    case lineTo(SignaturePoint)
    /// A quadratic Bézier through `control` to `to`.
    case quadTo(control: SignaturePoint, to: SignaturePoint)
    /// A cubic Bézier through `control1` and `control2` to `to`.
    case cubicTo(control1: SignaturePoint, control2: SignaturePoint, to: SignaturePoint)
    /// A straight line back to the subpath's start, closing it.
    case close
}

/// A path of move/line/quad/cubic/close commands in canvas units, to be filled with the nonzero rule.
///
/// Every outline this module produces is a set of closed subpaths wound the same way, so the nonzero
/// fill of overlapping subpaths is their union.
public struct VectorPath: Sendable, Hashable {
    /// The commands in drawing order.
    public var elements: [PathElement]

    /// Creates a path from commands.
    /// - Parameter elements: The commands in drawing order.
    public init(elements: [PathElement] = []) {
        self.elements = elements
    }

    /// Whether the path has no commands.
    public var isEmpty: Bool { elements.isEmpty }

    /// The number of subpaths (one per `moveTo`).
    public var subpathCount: Int {
        elements.reduce(0) { count, element in
            if case .moveTo = element { return count + 1 }
            return count
        }
    }

    /// Whether every subpath ends with ``PathElement/close`` (and the path is not empty).
    public var isClosed: Bool {
        guard !elements.isEmpty else { return false }
        var open = false
        for element in elements {
            switch element {
            case .moveTo:
                if open { return false }
                open = true
            case .close:
                open = false
            case .lineTo, .quadTo, .cubicTo:
                if !open { return false }
            }
        }
        return !open
    }

    /// Whether every coordinate of every command is finite.
    public var isFinite: Bool {
        elements.allSatisfy { element in
            switch element {
            case .moveTo(let point), .lineTo(let point): point.isFinite
            case .quadTo(let control, let to): control.isFinite && to.isFinite
            case .cubicTo(let control1, let control2, let to): control1.isFinite && control2.isFinite && to.isFinite
            case .close: true
            }
        }
    }

    /// The exact bounding box of the drawn curves (not of their control points); `nil` when empty.
    public var bounds: SignatureRect? {
        var rect: SignatureRect?
        var current = SignaturePoint.zero
        func include(_ box: SignatureRect) { rect = rect.map { $0.union(box) } ?? box }
        for element in elements {
            switch element {
            case .moveTo(let point):
                include(SignatureRect(point: point))
                current = point
            case .lineTo(let point):
                include(SignatureRect(point: point))
                current = point
            case .quadTo(let control, let to):
                include(Self.cubic(fromQuadratic: current, control, to).bounds)
                current = to
            case .cubicTo(let control1, let control2, let to):
                include(CubicBezier(p0: current, p1: control1, p2: control2, p3: to).bounds)
                current = to
            case .close:
                break
            }
        }
        return rect
    }

    /// Starts a new subpath.
    /// - Parameter point: Where the subpath starts.
    public mutating func move(to point: SignaturePoint) { elements.append(.moveTo(point)) }

    /// Adds a straight line.
    /// - Parameter point: The line's end.
    public mutating func addLine(to point: SignaturePoint) { elements.append(.lineTo(point)) }

    /// Adds a quadratic Bézier.
    /// - Parameters:
    ///   - control: The control point.
    ///   - point: The curve's end.
    public mutating func addQuad(control: SignaturePoint, to point: SignaturePoint) {
        elements.append(.quadTo(control: control, to: point))
    }

    /// Adds a cubic Bézier.
    /// - Parameters:
    ///   - control1: The first control point.
    ///   - control2: The second control point.
    ///   - point: The curve's end.
    public mutating func addCubic(control1: SignaturePoint, control2: SignaturePoint, to point: SignaturePoint) {
        elements.append(.cubicTo(control1: control1, control2: control2, to: point))
    }

    /// Closes the current subpath.
    public mutating func close() { elements.append(.close) }

    /// Appends all commands of another path.
    /// - Parameter other: The path to append.
    public mutating func append(_ other: VectorPath) { elements.append(contentsOf: other.elements) }

    /// The path with every point mapped through `transform`.
    /// - Parameter transform: A scale and translation, e.g. from ``VectorSignature/placement(in:)``.
    public func applying(_ transform: SignatureTransform) -> VectorPath {
        VectorPath(
            elements: elements.map { element in
                switch element {
                case .moveTo(let point): .moveTo(transform.apply(to: point))
                case .lineTo(let point): .lineTo(transform.apply(to: point))
                case .quadTo(let control, let to):
                    .quadTo(control: transform.apply(to: control), to: transform.apply(to: to))
                case .cubicTo(let control1, let control2, let to):
                    .cubicTo(
                        control1: transform.apply(to: control1), control2: transform.apply(to: control2),
                        to: transform.apply(to: to))
                case .close: .close
                }
            })
    }

    /// SVG path data (`M … C … Z`) with `decimals` digits after the point.
    /// - Parameter decimals: Digits after the decimal point for every coordinate.
    public func svgPathData(decimals: Int = VectorSignature.outputDecimals) -> String {
        var parts: [String] = []
        parts.reserveCapacity(elements.count)
        func text(_ point: SignaturePoint) -> String {
            FixedDecimal.format(point.x, decimals: decimals) + " " + FixedDecimal.format(point.y, decimals: decimals)
        }
        for element in elements {
            switch element {
            case .moveTo(let point): parts.append("M" + text(point))
            case .lineTo(let point): parts.append("L" + text(point))
            case .quadTo(let control, let to): parts.append("Q" + text(control) + " " + text(to))
            case .cubicTo(let control1, let control2, let to):
                parts.append("C" + text(control1) + " " + text(control2) + " " + text(to))
            case .close: parts.append("Z")
            }
        }
        return parts.joined(separator: " ")
    }

    static func cubic(fromQuadratic start: SignaturePoint, _ control: SignaturePoint, _ end: SignaturePoint)
        -> CubicBezier
    {
        CubicBezier(
            p0: start, p1: start + (control - start) * (2.0 / 3), p2: end + (control - end) * (2.0 / 3), p3: end)
    }
}
