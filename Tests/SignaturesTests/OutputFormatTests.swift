import Foundation
import Testing

@testable import Signatures

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The stable JSON and the SVG text.
@Suite("Output formats")
struct OutputFormatTests {
    static func sample(_ name: String = "j-smith.json") throws -> (SignatureInput, VectorSignature) {
        let data = try Data(contentsOf: sampleDirectory.appendingPathComponent(name))
        let input = try SignatureInput(json: data)
        return (input, try SignatureVectorizer().vectorize(input))
    }

    @Test("identical input gives identical JSON bytes", arguments: ["asanov.json", "petrova.json", "j-smith.json"])
    func determinism(fileName: String) throws {
        let data = try Data(contentsOf: sampleDirectory.appendingPathComponent(fileName))
        let first = try SignatureVectorizer().vectorize(json: data).jsonData()
        let second = try SignatureVectorizer().vectorize(json: Data(data)).jsonData()
        #expect(first == second)
        #expect(
            try SignatureVectorizer().vectorize(json: data).svg() == SignatureVectorizer().vectorize(json: data).svg())
    }

    @Test("the JSON parses, has sorted keys and the documented shape")
    func jsonShape() throws {
        let (input, signature) = try Self.sample()
        let text = signature.jsonString()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object.keys.sorted() == ["canvas", "statistics", "strokes", "version", "warnings"])
        #expect(object["version"] as? Int == VectorSignature.jsonFormatVersion)
        let strokes = try #require(object["strokes"] as? [[String: Any]])
        #expect(strokes.count == input.strokes.count)
        let first = try #require(strokes.first)
        #expect(first.keys.sorted() == ["centerline", "kind", "outline"])
        let segment = try #require((first["centerline"] as? [[String: Any]])?.first)
        #expect(segment.keys.sorted() == ["control1", "control2", "end", "endWidth", "start", "startWidth"])
        #expect((segment["start"] as? [Double])?.count == 2)
        let outline = try #require(first["outline"] as? String)
        #expect(outline.hasPrefix("M") && outline.hasSuffix("Z"))
        // Keys appear in sorted order in the text itself, at every level.
        for keys in [
            ["\"canvas\"", "\"statistics\"", "\"strokes\"", "\"version\"", "\"warnings\""],
            ["\"control1\"", "\"control2\"", "\"end\"", "\"endWidth\"", "\"start\"", "\"startWidth\""],
        ] {
            let positions = keys.map { text.range(of: $0)!.lowerBound }
            #expect(positions == positions.sorted())
        }
    }

    @Test("every number in the JSON has exactly three decimals, except counts")
    func fixedDecimals() throws {
        let (_, signature) = try Self.sample()
        let text = signature.jsonString()
        var index = text.startIndex
        var checked = 0
        // Scan numbers outside strings: a digit run optionally followed by '.' and digits.
        var inString = false
        var numbers: [Substring] = []
        while index < text.endIndex {
            let character = text[index]
            if character == "\"" { inString.toggle() }
            if !inString, character.isNumber || character == "-" {
                let start = index
                while index < text.endIndex, text[index].isNumber || "-.".contains(text[index]) {
                    index = text.index(after: index)
                }
                numbers.append(text[start..<index])
                continue
            }
            index = text.index(after: index)
        }
        for number in numbers where number.contains(".") {
            #expect(number.split(separator: ".").last?.count == VectorSignature.outputDecimals, "\(number)")
            checked += 1
        }
        #expect(checked > 100)
        #expect(!text.contains("-0.000"))
    }

    @Test(
        "fixed-decimal formatting",
        arguments: [
            (0.0, "0.000"), (-0.0, "0.000"), (-0.0004, "0.000"), (1.0005, "1.001"), (-1.0005, "-1.001"),
            (123.4564, "123.456"), (0.1, "0.100"), (-12.5, "-12.500"), (9999.9996, "10000.000"),
        ])
    func fixedDecimalFormatting(value: Double, expected: String) {
        #expect(FixedDecimal.format(value, decimals: 3) == expected)
    }

    @Test("the SVG is well-formed XML with the canvas as view box and one path per stroke")
    func svgWellFormed() throws {
        let (input, signature) = try Self.sample()
        let svg = signature.svg(fill: "#1a237e")
        let collector = SVGCollector()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = collector
        #expect(parser.parse(), "\(String(describing: parser.parserError))")
        #expect(collector.elements.first?.name == "svg")
        let root = try #require(collector.elements.first)
        #expect(root.attributes["viewBox"] == "0 0 600.000 220.000")
        #expect(root.attributes["xmlns"] == "http://www.w3.org/2000/svg")
        let paths = collector.elements.filter { $0.name == "path" }
        #expect(paths.count == input.strokes.count)
        for path in paths {
            let data = try #require(path.attributes["d"])
            #expect(data.hasPrefix("M") && data.hasSuffix("Z"))
            #expect(!data.contains("nan") && !data.contains("inf"))
        }
        #expect(collector.elements.first { $0.name == "g" }?.attributes["fill-rule"] == "nonzero")
    }

    @Test("the fill colour is escaped")
    func svgEscaping() throws {
        let (_, signature) = try Self.sample()
        let svg = signature.svg(fill: #"red" onload="x"#)
        #expect(svg.contains("fill=\"red&quot; onload=&quot;x\""))
    }

    @Test("path data round-trips the element kinds")
    func pathData() {
        var path = VectorPath()
        path.move(to: SignaturePoint(x: 0, y: 0))
        path.addLine(to: SignaturePoint(x: 1, y: 0))
        path.addQuad(control: SignaturePoint(x: 2, y: 0), to: SignaturePoint(x: 2, y: 1))
        path.addCubic(
            control1: SignaturePoint(x: 2, y: 2), control2: SignaturePoint(x: 1, y: 2), to: SignaturePoint(x: 0, y: 2))
        path.close()
        #expect(path.svgPathData(decimals: 1) == "M0.0 0.0 L1.0 0.0 Q2.0 0.0 2.0 1.0 C2.0 2.0 1.0 2.0 0.0 2.0 Z")
        #expect(path.isClosed)
        #expect(path.subpathCount == 1)
        // The quad's and cubic's exact extremes, not their control points.
        let bounds = path.bounds!
        #expect(abs(bounds.maxX - 2) < 1e-12 && abs(bounds.maxY - 2) < 1e-12)
    }
}

/// Collects element names and attributes.
private final class SVGCollector: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
    }

    var elements: [Element] = []

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        elements.append(Element(name: elementName, attributes: attributes))
    }
}
