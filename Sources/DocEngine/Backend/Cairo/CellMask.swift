internal import CCairo

/// A `CellGrid` as a one-bit cairo image, a pixel per cell, set where the cell is filled: the
/// mask a PDF paints the grid's colour through (`/ImageMask`, `/Interpolate false`).
final class CellMask {
    let pointer: OpaquePointer

    /// - Throws: `CairoError` when cairo cannot make the image (out of memory).
    init(_ grid: CellGrid) throws(CairoError) {
        let surface = cairo_image_surface_create(CAIRO_FORMAT_A1, Int32(grid.columns), Int32(grid.rows))!
        do {
            try CairoError.check(cairo_surface_status(surface))
        } catch {
            cairo_surface_destroy(surface)
            throw error
        }
        cairo_surface_flush(surface)
        let data = cairo_image_surface_get_data(surface)!
        let stride = Int(cairo_image_surface_get_stride(surface))
        // A1 packs pixels into native 32-bit words, the first pixel in the lowest bit on a
        // little-endian machine and in the highest on a big-endian one.
        let littleEndian = 1.littleEndian == 1
        for row in 0..<grid.rows {
            let line = UnsafeMutableRawPointer(data + row * stride)
            for column in 0..<grid.columns where grid.isFilled(row: row, column: column) {
                let offset = column / 32 * 4
                let bit = UInt32(1) << (littleEndian ? column % 32 : 31 - column % 32)
                let word = line.load(fromByteOffset: offset, as: UInt32.self)
                line.storeBytes(of: word | bit, toByteOffset: offset, as: UInt32.self)
            }
        }
        cairo_surface_mark_dirty(surface)
        pointer = surface
    }

    deinit { cairo_surface_destroy(pointer) }
}
