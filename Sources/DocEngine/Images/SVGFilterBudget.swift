import Foundation

/// Refuses SVGs whose filters would cost seconds per render.
///
/// librsvg renders filter effects in software over the filtered region, at every render of every
/// page the image is on: a large blur radius, a deep turbulence, a wide morphology or convolution,
/// or hundreds of primitives turn a logo into a denial of service. Legitimate logos and stamps use
/// a few small effects at most, so this checks a budget lexically, like `SVGReferenceScanner`, and
/// errs on the side of refusing (an effect inside a comment counts too).
struct SVGFilterBudget {
    /// The most filter primitives (`<fe…>` elements) an SVG may contain.
    static let maximumPrimitives = 16
    /// The largest `feGaussianBlur`/`feDropShadow` `stdDeviation`, in user units.
    static let maximumBlur = 20.0
    /// The largest `feMorphology` `radius`.
    static let maximumMorphologyRadius = 10.0
    /// The most `feTurbulence` octaves.
    static let maximumOctaves = 6.0
    /// The largest `feConvolveMatrix` `order` (a side of the kernel).
    static let maximumKernelOrder = 5.0

    /// - Throws: `ImageError.invalidSVG` naming the effect over budget.
    static func check(_ bytes: [UInt8], name: String) throws(ImageError) {
        let text = String(decoding: bytes, as: UTF8.self)
        let elements = primitiveElements(in: text)
        guard elements.count <= maximumPrimitives else {
            throw .invalidSVG(
                name: name, reason: "\(elements.count) filter effects, more than the \(maximumPrimitives) allowed")
        }
        let limits: [(element: String, attribute: String, limit: Double)] = [
            ("fegaussianblur", "stddeviation", maximumBlur), ("fedropshadow", "stddeviation", maximumBlur),
            ("femorphology", "radius", maximumMorphologyRadius), ("feturbulence", "numoctaves", maximumOctaves),
            ("feconvolvematrix", "order", maximumKernelOrder),
        ]
        for (element, attributes) in elements {
            for limit in limits where limit.element == element {
                guard let value = attributes[limit.attribute] else { continue }
                let numbers = value.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" || $0 == "\n" })
                for number in numbers {
                    // An unreadable number (NaN, 1e999) is refused as over budget, never passed on.
                    guard let parsed = Double(number), parsed.isFinite, abs(parsed) <= limit.limit else {
                        throw .invalidSVG(
                            name: name,
                            reason: "a filter's \(limit.attribute) of \(number) would cost too much to render; "
                                + "at most \(limit.limit)")
                    }
                }
            }
        }
    }

    /// Every `<fe…>` element: its lower-cased name and lower-cased attribute names with their values.
    private static func primitiveElements(in text: String) -> [(String, [String: String])] {
        var elements: [(String, [String: String])] = []
        var rest = Substring(text)
        while let open = rest.range(of: "<fe", options: .caseInsensitive) {
            let tagEnd = rest[open.lowerBound...].firstIndex(of: ">") ?? rest.endIndex
            let tag = rest[open.upperBound..<tagEnd]
            let nameEnd = tag.firstIndex { !$0.isLetter } ?? tag.endIndex
            let elementName = "fe" + tag[..<nameEnd].lowercased()
            elements.append((elementName, attributes(in: tag[nameEnd...])))
            rest = rest[tagEnd...]
        }
        return elements
    }

    /// `name="value"` and `name='value'` pairs of a tag's text.
    private static func attributes(in tag: Substring) -> [String: String] {
        var found: [String: String] = [:]
        var rest = tag
        while let equals = rest.firstIndex(of: "=") {
            let name = rest[..<equals].split(whereSeparator: { $0.isWhitespace }).last.map { $0.lowercased() } ?? ""
            var after = rest[rest.index(after: equals)...].drop(while: { $0.isWhitespace })
            guard let quote = after.first, quote == "\"" || quote == "'" else {
                rest = after
                continue
            }
            after = after.dropFirst()
            let close = after.firstIndex(of: quote) ?? after.endIndex
            found[name] = String(after[..<close])
            rest = close < after.endIndex ? after[after.index(after: close)...] : after[close...]
        }
        return found
    }
}
