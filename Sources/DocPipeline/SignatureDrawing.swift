package import DocEngine
package import Signatures

/// Turns a vectorised signature into a DocEngine drawing, cropped to its ink with a small margin,
/// so the documents can place it on a signature line as vector paths.
package enum SignatureDrawing {
    /// Margin around the ink, in canvas units, so round stroke ends are not clipped.
    package static let inkMargin = 4.0

    /// Where the handwriting's baseline sits in the drawing, as a share of its height. Templates
    /// place the drawing so that this height lands on the signature line.
    package static let baselineShare = 2.0 / 3.0

    package static func drawing(from signature: VectorSignature, color: Color = Color(red: 0.05, green: 0.12, blue: 0.45)) -> Drawing {
        let path = signature.outline
        let bounds = path.bounds
        let originX = (bounds?.minX ?? 0) - inkMargin
        let originY = (bounds?.minY ?? 0) - inkMargin
        let width = bounds.map { $0.maxX - $0.minX + 2 * inkMargin } ?? signature.canvas.width
        // The box reaches below the baseline by half its height above it, so the baseline of
        // every signature sits at the same share of the box (descenders may hang lower).
        let baseline = signature.estimatedBaseline ?? bounds?.maxY ?? signature.canvas.height
        let height = max((baseline - originY) / baselineShare, 1)
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
