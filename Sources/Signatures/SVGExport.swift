extension VectorSignature {
    /// A standalone SVG document: view box = canvas, one filled `<path>` per stroke (nonzero rule).
    /// - Parameter fill: The ink colour as an SVG colour value; it is XML-escaped.
    /// - Returns: The SVG text, ending with a newline.
    public func svg(fill: String = "#000000") -> String {
        let decimals = Self.outputDecimals
        let width = FixedDecimal.format(canvas.width, decimals: decimals)
        let height = FixedDecimal.format(canvas.height, decimals: decimals)
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            #"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \#(width) \#(height)""#
                + #" width="\#(width)" height="\#(height)">"#,
            #"<g fill="\#(Self.escapeAttribute(fill))" fill-rule="nonzero" stroke="none">"#,
        ]
        for stroke in strokes where !stroke.outline.isEmpty {
            lines.append(#"<path d="\#(stroke.outline.svgPathData(decimals: decimals))"/>"#)
        }
        lines.append("</g>")
        lines.append("</svg>")
        return lines.joined(separator: "\n") + "\n"
    }

    static func escapeAttribute(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
