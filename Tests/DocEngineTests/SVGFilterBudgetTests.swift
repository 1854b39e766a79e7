import DocEngine
import Foundation
import Testing

/// Issue 11: an SVG whose filters would cost seconds per render (a huge blur, deep turbulence, a
/// wide morphology or kernel, hundreds of effects) was accepted as a logo or stamp and paid for
/// at every render of every page. It is refused when the image is loaded.
@Suite struct SVGFilterBudgetTests {
    static func filtered(_ effects: String) -> Data {
        SVGImageTests.svg(
            """
            <defs><filter id="f">\(effects)</filter></defs>
            <rect width="100" height="50" fill="#1B7F5A" filter="url(#f)"/>
            """, size: #"width="400" height="400""#)
    }

    @Test(arguments: [
        #"<feGaussianBlur stdDeviation="500"/>"#, #"<feGaussianBlur stdDeviation="2 400"/>"#,
        #"<feMorphology operator="dilate" radius="300"/>"#, #"<feTurbulence baseFrequency="0.9" numOctaves="40"/>"#,
        #"<feConvolveMatrix order="30" kernelMatrix="1"/>"#, #"<feDropShadow stdDeviation="1e999"/>"#,
        String(repeating: #"<feOffset dx="1"/>"#, count: 17),
    ])
    func aCostlyFilterIsRefused(effects: String) {
        #expect {
            _ = try ImageAsset(data: Self.filtered(effects), name: "stamp.svg")
        } throws: { error in
            guard case ImageError.invalidSVG(let name, let reason)? = error as? ImageError else { return false }
            return name == "stamp.svg" && (reason.contains("cost too much") || reason.contains("filter effects"))
        }
    }

    @Test func aModestFilterStillLoads() throws {
        let asset = try ImageAsset(
            data: Self.filtered(#"<feGaussianBlur stdDeviation="1.5"/><feOffset dx="2" dy="2"/>"#), name: "stamp.svg")
        #expect(asset.isVector)
    }
}
