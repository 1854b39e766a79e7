import CCairo
import DocTestSupport
import Foundation
import Testing

@testable import DocEngine

/// Our PNG writer gives the pixels cairo's own writer gives, in a file any PNG reader takes.
@Suite struct PNGEncoderTests {
    /// An RGB24 surface with random rectangles on white: rows that repeat, rows that change
    /// along their length, and colours, so both row filters are chosen somewhere.
    func surface(width: Int, height: Int, seed: UInt64) -> OpaquePointer {
        let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height))!
        let context = cairo_create(surface)!
        defer { cairo_destroy(context) }
        cairo_set_source_rgb(context, 1, 1, 1)
        cairo_paint(context)
        var generator = SeededGenerator(seed: seed)
        for _ in 0..<12 {
            cairo_set_source_rgb(
                context, Double.random(in: 0...1, using: &generator), Double.random(in: 0...1, using: &generator),
                Double.random(in: 0...1, using: &generator))
            cairo_rectangle(
                context, Double.random(in: 0...Double(width), using: &generator), Double.random(in: 0...Double(height), using: &generator),
                Double.random(in: 0.3...Double(width) / 2, using: &generator), Double.random(in: 0.3...Double(height) / 2, using: &generator))
            cairo_fill(context)
        }
        cairo_surface_flush(surface)
        return surface
    }

    func ours(
        _ surface: OpaquePointer, chunkLimit: Int = PNGEncoder.chunkLimit, streamingAbove: Int = PNGEncoder.streamingThreshold
    ) throws -> Data {
        try #require(PNGEncoder.encodeRGB(
            pixels: cairo_image_surface_get_data(surface), width: Int(cairo_image_surface_get_width(surface)),
            height: Int(cairo_image_surface_get_height(surface)), stride: Int(cairo_image_surface_get_stride(surface)),
            chunkLimit: chunkLimit, streamingAbove: streamingAbove))
    }

    func cairos(_ surface: OpaquePointer) -> Data {
        final class Sink { var bytes: [UInt8] = [] }
        let sink = Sink()
        let status = cairo_surface_write_to_png_stream(surface, { closure, data, length in
            let sink = Unmanaged<Sink>.fromOpaque(closure!).takeUnretainedValue()
            sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }, Unmanaged.passUnretained(sink).toOpaque())
        #expect(status == CAIRO_STATUS_SUCCESS)
        return Data(sink.bytes)
    }

    @Test(arguments: [(1, 1), (1, 7), (2, 3), (5, 1), (64, 48), (301, 97)])
    func thePixelsAreCairos(size: (width: Int, height: Int)) throws {
        for seed in 1...3 as ClosedRange<UInt64> {
            let surface = surface(width: size.width, height: size.height, seed: seed)
            defer { cairo_surface_destroy(surface) }
            let png = try ours(surface)
            #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            // libpng, through cairo's reader and through `Raster`, checks every chunk's CRC.
            let decoded = try Raster(png: png)
            #expect(decoded == (try Raster(png: cairos(surface))), "\(size) seed \(seed)")
            #expect(decoded.width == size.width && decoded.height == size.height)
            #expect(try ours(surface) == png)  // the same bytes every time
        }
    }

    /// Past the threshold the rows go through a zlib stream one by one (a large preview must not
    /// hold every filtered row and a worst-case output buffer): other bytes, the same pixels, the
    /// same bytes every time; and the threshold itself still takes the one-call way.
    @Test(arguments: [(1, 1), (3, 2), (301, 97), (640, 480)])
    func largeImagesAreDeflatedRowByRow(size: (width: Int, height: Int)) throws {
        let surface = surface(width: size.width, height: size.height, seed: 7)
        defer { cairo_surface_destroy(surface) }
        let atOnce = try ours(surface)
        let rowByRow = try ours(surface, streamingAbove: 0)
        #expect(rowByRow != atOnce, "zlib's stream is not libdeflate's")
        #expect(try Raster(png: rowByRow) == (try Raster(png: cairos(surface))))
        #expect(try ours(surface, streamingAbove: 0) == rowByRow)
        #expect(try ours(surface, chunkLimit: 5, streamingAbove: 0).count > rowByRow.count)  // split into IDATs
        let filteredSize = size.height * (3 * size.width + 1)
        #expect(try ours(surface, streamingAbove: filteredSize) == atOnce)
        #expect(try ours(surface, streamingAbove: filteredSize - 1) == rowByRow)
    }

    @Test func aLongImageDataIsSplitIntoChunks() throws {
        let surface = surface(width: 120, height: 90, seed: 9)
        defer { cairo_surface_destroy(surface) }
        let split = try ours(surface, chunkLimit: 100)
        let whole = try ours(surface)
        #expect(split.count > whole.count + 12)  // more than one IDAT chunk
        #expect(try Raster(png: split) == (try Raster(png: cairos(surface))))
    }

    /// A rendered page: the same pixels as cairo's writer gave, the header says 8-bit RGB.
    @Test func aPreviewKeepsItsPixels() throws {
        let document = Document(body: [paragraph("Счёт на оплату № 42 — 1 250,00 сом")])
        let laidOut = try LayoutEngine(fonts: bundledFonts).layout(document)
        let png = try PNGRenderer().render(laidOut.pages[0], dpi: 50)
        #expect(Array(png[png.startIndex + 24..<png.startIndex + 26]) == [8, 2])
        let raster = try Raster(png: png)
        #expect(raster.rgb.contains { $0 < 128 })  // the text is there
        #expect(raster.rgb.filter { $0 == 255 }.count > raster.rgb.count / 2)  // on white paper
    }
}
