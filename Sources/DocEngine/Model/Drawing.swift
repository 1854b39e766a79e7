/// A vector drawing (a signature, a logo outline, a QR code) in its own coordinate space, scaled
/// into a box on the page, so it stays crisp at any resolution.
public struct Drawing: Sendable {
    /// The drawing's own width and height (its view box, starting at 0, 0).
    public var size: Size
    /// Outlines, drawn first, in order.
    public var shapes: [VectorShape]
    /// Grids of square cells (a QR code's modules), drawn over the shapes.
    public var grids: [CellGrid]

    /// Creates a drawing.
    public init(size: Size, shapes: [VectorShape] = [], grids: [CellGrid] = []) {
        self.size = size
        self.shapes = shapes
        self.grids = grids
    }
}

/// One filled outline.
public struct VectorShape: Sendable {
    /// A path command, in the drawing's coordinates (y down).
    public enum Element: Sendable, Hashable {
        case move(Point)
        case line(Point)
        case quad(control: Point, to: Point)
        case cubic(control1: Point, control2: Point, to: Point)
        case close
    }

    public var elements: [Element]
    public var fill: Color

    /// Creates a shape filled with `fill` (non-zero winding).
    public init(elements: [Element], fill: Color = .black) {
        self.elements = elements
        self.fill = fill
    }

    /// The shape mapped by `scale` then moved by `dx`, `dy`.
    func transformed(scale: Double, dx: Double, dy: Double) -> VectorShape {
        func map(_ p: Point) -> Point { Point(x: p.x * scale + dx, y: p.y * scale + dy) }
        return VectorShape(elements: elements.map { element in
            switch element {
            case .move(let p): .move(map(p))
            case .line(let p): .line(map(p))
            case .quad(let c, let p): .quad(control: map(c), to: map(p))
            case .cubic(let c1, let c2, let p): .cubic(control1: map(c1), control2: map(c2), to: map(p))
            case .close: .close
            }
        }, fill: fill)
    }
}

/// A drawing scaled into a box on the page, preserving its aspect ratio.
public struct DrawingBlock: Sendable {
    public var drawing: Drawing
    public var width: Double?
    public var height: Double?
    public var alignment: Alignment

    /// Creates a drawing block.
    public init(_ drawing: Drawing, width: Double? = nil, height: Double? = nil, alignment: Alignment = .left) {
        self.drawing = drawing
        self.width = width
        self.height = height
        self.alignment = alignment
    }
}
