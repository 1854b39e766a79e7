import CCairo
@testable import DocEngine
import Foundation
import Testing

/// Every cairo status becomes its own `CairoError` case with a readable message.
@Suite struct CairoErrorTests {
    /// A cairo status and what it must become, written against cairo's own constants.
    struct StatusCase: Sendable, CustomTestStringConvertible {
        var status: UInt32
        var error: CairoError
        var message: String
        var testDescription: String { "\(error)" }
    }

    static let statuses: [StatusCase] = [
        StatusCase(status: CAIRO_STATUS_NO_MEMORY.rawValue, error: .noMemory, message: "out of memory"),
        StatusCase(
            status: CAIRO_STATUS_INVALID_RESTORE.rawValue, error: .invalidRestore,
            message: "cairo_restore() without a matching cairo_save()"),
        StatusCase(
            status: CAIRO_STATUS_INVALID_POP_GROUP.rawValue, error: .invalidPopGroup,
            message: "no saved group to pop (cairo_pop_group() without a matching cairo_push_group())"),
        StatusCase(status: CAIRO_STATUS_NO_CURRENT_POINT.rawValue, error: .noCurrentPoint, message: "no current point defined"),
        StatusCase(status: CAIRO_STATUS_INVALID_MATRIX.rawValue, error: .invalidMatrix, message: "invalid matrix (not invertible)"),
        StatusCase(
            status: CAIRO_STATUS_INVALID_STATUS.rawValue, error: .invalidStatus,
            message: "invalid value for an input cairo_status_t"),
        StatusCase(status: CAIRO_STATUS_NULL_POINTER.rawValue, error: .nullPointer, message: "NULL pointer"),
        StatusCase(status: CAIRO_STATUS_INVALID_STRING.rawValue, error: .invalidString, message: "input string is not valid UTF-8"),
        StatusCase(
            status: CAIRO_STATUS_INVALID_PATH_DATA.rawValue, error: .invalidPathData, message: "input path data is not valid"),
        StatusCase(
            status: CAIRO_STATUS_READ_ERROR.rawValue, error: .readError, message: "error while reading from an input stream"),
        StatusCase(
            status: CAIRO_STATUS_WRITE_ERROR.rawValue, error: .writeError, message: "error while writing to an output stream"),
        StatusCase(
            status: CAIRO_STATUS_SURFACE_FINISHED.rawValue, error: .surfaceFinished,
            message: "the target surface has been finished"),
        StatusCase(
            status: CAIRO_STATUS_SURFACE_TYPE_MISMATCH.rawValue, error: .surfaceTypeMismatch,
            message: "the surface type is not appropriate for the operation"),
        StatusCase(
            status: CAIRO_STATUS_PATTERN_TYPE_MISMATCH.rawValue, error: .patternTypeMismatch,
            message: "the pattern type is not appropriate for the operation"),
        StatusCase(
            status: CAIRO_STATUS_INVALID_CONTENT.rawValue, error: .invalidContent,
            message: "invalid value for an input cairo_content_t"),
        StatusCase(
            status: CAIRO_STATUS_INVALID_FORMAT.rawValue, error: .invalidFormat,
            message: "invalid value for an input cairo_format_t"),
        StatusCase(
            status: CAIRO_STATUS_INVALID_VISUAL.rawValue, error: .invalidVisual, message: "invalid value for an input Visual*"),
        StatusCase(status: CAIRO_STATUS_FILE_NOT_FOUND.rawValue, error: .fileNotFound, message: "file not found"),
        StatusCase(status: CAIRO_STATUS_INVALID_DASH.rawValue, error: .invalidDash, message: "invalid value for a dash setting"),
        StatusCase(
            status: CAIRO_STATUS_INVALID_DSC_COMMENT.rawValue, error: .invalidDSCComment,
            message: "invalid value for a DSC comment"),
        StatusCase(status: CAIRO_STATUS_INVALID_INDEX.rawValue, error: .invalidIndex, message: "invalid index passed to a getter"),
        StatusCase(
            status: CAIRO_STATUS_CLIP_NOT_REPRESENTABLE.rawValue, error: .clipNotRepresentable,
            message: "clip region not representable in the desired format"),
        StatusCase(
            status: CAIRO_STATUS_TEMP_FILE_ERROR.rawValue, error: .tempFileError,
            message: "error creating or writing to a temporary file"),
        StatusCase(status: CAIRO_STATUS_INVALID_STRIDE.rawValue, error: .invalidStride, message: "invalid value for a stride"),
        StatusCase(
            status: CAIRO_STATUS_FONT_TYPE_MISMATCH.rawValue, error: .fontTypeMismatch,
            message: "the font type is not appropriate for the operation"),
        StatusCase(
            status: CAIRO_STATUS_USER_FONT_IMMUTABLE.rawValue, error: .userFontImmutable, message: "the user font is immutable"),
        StatusCase(
            status: CAIRO_STATUS_USER_FONT_ERROR.rawValue, error: .userFontError,
            message: "error occurred in a user font callback function"),
        StatusCase(
            status: CAIRO_STATUS_NEGATIVE_COUNT.rawValue, error: .negativeCount,
            message: "negative number used where it is not allowed"),
        StatusCase(
            status: CAIRO_STATUS_INVALID_CLUSTERS.rawValue, error: .invalidClusters,
            message: "input clusters do not represent the accompanying text and glyph arrays"),
        StatusCase(
            status: CAIRO_STATUS_INVALID_SLANT.rawValue, error: .invalidSlant,
            message: "invalid value for an input cairo_font_slant_t"),
        StatusCase(
            status: CAIRO_STATUS_INVALID_WEIGHT.rawValue, error: .invalidWeight,
            message: "invalid value for an input cairo_font_weight_t"),
        StatusCase(
            status: CAIRO_STATUS_INVALID_SIZE.rawValue, error: .invalidSize,
            message: "invalid value (typically too big) for the size of the input (surface, pattern, etc.)"),
        StatusCase(
            status: CAIRO_STATUS_USER_FONT_NOT_IMPLEMENTED.rawValue, error: .userFontNotImplemented,
            message: "user font method not implemented"),
        StatusCase(
            status: CAIRO_STATUS_DEVICE_TYPE_MISMATCH.rawValue, error: .deviceTypeMismatch,
            message: "the device type is not appropriate for the operation"),
        StatusCase(
            status: CAIRO_STATUS_DEVICE_ERROR.rawValue, error: .deviceError,
            message: "an operation on the device caused an unspecified error"),
        StatusCase(
            status: CAIRO_STATUS_INVALID_MESH_CONSTRUCTION.rawValue, error: .invalidMeshConstruction,
            message: "invalid operation during mesh pattern construction"),
        StatusCase(
            status: CAIRO_STATUS_DEVICE_FINISHED.rawValue, error: .deviceFinished,
            message: "the target device has been finished"),
        StatusCase(
            status: CAIRO_STATUS_JBIG2_GLOBAL_MISSING.rawValue, error: .jbig2GlobalMissing,
            message: "CAIRO_MIME_TYPE_JBIG2_GLOBAL_ID used but no CAIRO_MIME_TYPE_JBIG2_GLOBAL data provided"),
        StatusCase(
            status: CAIRO_STATUS_PNG_ERROR.rawValue, error: .pngError,
            message: "error occurred in libpng while reading from or writing to a PNG file"),
        StatusCase(
            status: CAIRO_STATUS_FREETYPE_ERROR.rawValue, error: .freeTypeError, message: "error occurred in libfreetype"),
        StatusCase(
            status: CAIRO_STATUS_WIN32_GDI_ERROR.rawValue, error: .win32GDIError,
            message: "error occurred in the Windows Graphics Device Interface"),
        StatusCase(
            status: CAIRO_STATUS_TAG_ERROR.rawValue, error: .tagError, message: "invalid tag name, attributes, or nesting"),
    ]

    @Test(arguments: statuses)
    func eachStatusHasItsCaseAndMessage(_ entry: StatusCase) {
        let status = cairo_status_t(rawValue: entry.status)
        let error = CairoError(status: status)
        #expect(error == entry.error)
        #expect(error.status == Int(entry.status))
        #expect(error.message == entry.message)
        #expect(error.description == "cairo: \(entry.message)")
        #expect(throws: entry.error) { try CairoError.check(status) }
    }

    @Test func successIsNotAnError() {
        #expect(throws: Never.self) { try CairoError.check(CAIRO_STATUS_SUCCESS) }
    }

    /// The table above, and the enum, cover every error status of the installed cairo.
    @Test func everyStatusOfTheInstalledCairoIsKnown() {
        let errors = (1..<CAIRO_STATUS_LAST_STATUS.rawValue).map { CairoError(status: cairo_status_t(rawValue: $0)) }
        #expect(Set(errors).count == errors.count, "two statuses share a case")
        #expect(!errors.contains { if case .unknownStatus = $0 { true } else { false } })
        #expect(Self.statuses.map(\.status) == Array(1..<CAIRO_STATUS_LAST_STATUS.rawValue))
        #expect(CairoError.statusCases.count == errors.count)
    }

    @Test func aNewerStatusIsReportedByNumber() {
        let error = CairoError(status: CAIRO_STATUS_LAST_STATUS)
        #expect(error == .unknownStatus(Int(CAIRO_STATUS_LAST_STATUS.rawValue)))
        #expect(error.status == Int(CAIRO_STATUS_LAST_STATUS.rawValue))
        #expect(error.message == "unknown cairo status \(CAIRO_STATUS_LAST_STATUS.rawValue)")
    }

    /// What we refuse before cairo would fail has no cairo status, and absurd sizes do not trap.
    @Test(arguments: [1e9, .infinity, -72, 0, .nan])
    func anAbsurdRasterIsRefused(dpi: Double) throws {
        let page = Page(size: .a4, items: [])
        #expect {
            try PNGRenderer().render(page, dpi: dpi)
        } throws: { error in
            guard let error = error as? CairoError, case .rasterOutOfRange = error else { return false }
            return error.status == nil && error.message.hasSuffix("lower the dpi")
        }
    }
}
