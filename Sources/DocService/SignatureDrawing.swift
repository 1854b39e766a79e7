import DocEngine
import Signatures

/// Turns a vectorised signature into a DocEngine drawing, cropped to its ink with a small margin,
/// so the documents can place it on a signature line as vector paths.
enum SignatureDrawing {
    /// Margin around the ink, in canvas units, so round stroke ends are not clipped.
    static let inkMargin = 4.0

    static func drawing(from signature: VectorSignature, color: Color = Color(red: 0.05, green: 0.12, blue: 0.45)) -> Drawing {
        let path = signature.outline
        let bounds = path.bounds
        let originX = (bounds?.minX ?? 0) - inkMargin
        let originY = (bounds?.minY ?? 0) - inkMargin
        let width = bounds.map { $0.maxX - $0.minX + 2 * inkMargin } ?? signature.canvas.width
        let height = bounds.map { $0.maxY - $0.minY + 2 * inkMargin } ?? signature.canvas.height
        func point(_ p: SignaturePoint) -> Point { Point(x: p.x - originX, y: p.y - originY) }
        let elements: [VectorShape.Element] = path.elements.map { element in
            switch element {
            case .moveTo(let p): .move(point(p))
            case .lineTo(let p): .line(point(p))
            case .quadTo(let c, let p): .quad(control: point(c), to: point(p))
            case .cubicTo(let c1, let c2, let p): .cubic(control1: point(c1), control2: point(c2), to: point(p))
            case .close: .close
            }
        }
        return Drawing(size: Size(width: width, height: height), shapes: [VectorShape(elements: elements, fill: color)])
    }
}
