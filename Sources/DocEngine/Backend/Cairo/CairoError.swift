internal import CCairo

/// A cairo failure: one case per `cairo_status_t` error of cairo 1.16, with a readable message
/// (as pycairo's `cairo.Error` carries its `cairo.Status`), plus the few failures we detect
/// before cairo does.
public enum CairoError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `CAIRO_STATUS_NO_MEMORY` (1).
    case noMemory
    /// `CAIRO_STATUS_INVALID_RESTORE` (2).
    case invalidRestore
    /// `CAIRO_STATUS_INVALID_POP_GROUP` (3).
    case invalidPopGroup
    /// `CAIRO_STATUS_NO_CURRENT_POINT` (4).
    case noCurrentPoint
    /// `CAIRO_STATUS_INVALID_MATRIX` (5).
    case invalidMatrix
    /// `CAIRO_STATUS_INVALID_STATUS` (6).
    case invalidStatus
    /// `CAIRO_STATUS_NULL_POINTER` (7).
    case nullPointer
    /// `CAIRO_STATUS_INVALID_STRING` (8).
    case invalidString
    /// `CAIRO_STATUS_INVALID_PATH_DATA` (9).
    case invalidPathData
    /// `CAIRO_STATUS_READ_ERROR` (10).
    case readError
    /// `CAIRO_STATUS_WRITE_ERROR` (11).
    case writeError
    /// `CAIRO_STATUS_SURFACE_FINISHED` (12).
    case surfaceFinished
    /// `CAIRO_STATUS_SURFACE_TYPE_MISMATCH` (13).
    case surfaceTypeMismatch
    /// `CAIRO_STATUS_PATTERN_TYPE_MISMATCH` (14).
    case patternTypeMismatch
    /// `CAIRO_STATUS_INVALID_CONTENT` (15).
    case invalidContent
    /// `CAIRO_STATUS_INVALID_FORMAT` (16).
    case invalidFormat
    /// `CAIRO_STATUS_INVALID_VISUAL` (17).
    case invalidVisual
    /// `CAIRO_STATUS_FILE_NOT_FOUND` (18).
    case fileNotFound
    /// `CAIRO_STATUS_INVALID_DASH` (19).
    case invalidDash
    /// `CAIRO_STATUS_INVALID_DSC_COMMENT` (20).
    case invalidDSCComment
    /// `CAIRO_STATUS_INVALID_INDEX` (21).
    case invalidIndex
    /// `CAIRO_STATUS_CLIP_NOT_REPRESENTABLE` (22).
    case clipNotRepresentable
    /// `CAIRO_STATUS_TEMP_FILE_ERROR` (23).
    case tempFileError
    /// `CAIRO_STATUS_INVALID_STRIDE` (24).
    case invalidStride
    /// `CAIRO_STATUS_FONT_TYPE_MISMATCH` (25).
    case fontTypeMismatch
    /// `CAIRO_STATUS_USER_FONT_IMMUTABLE` (26).
    case userFontImmutable
    /// `CAIRO_STATUS_USER_FONT_ERROR` (27).
    case userFontError
    /// `CAIRO_STATUS_NEGATIVE_COUNT` (28).
    case negativeCount
    /// `CAIRO_STATUS_INVALID_CLUSTERS` (29).
    case invalidClusters
    /// `CAIRO_STATUS_INVALID_SLANT` (30).
    case invalidSlant
    /// `CAIRO_STATUS_INVALID_WEIGHT` (31).
    case invalidWeight
    /// `CAIRO_STATUS_INVALID_SIZE` (32).
    case invalidSize
    /// `CAIRO_STATUS_USER_FONT_NOT_IMPLEMENTED` (33).
    case userFontNotImplemented
    /// `CAIRO_STATUS_DEVICE_TYPE_MISMATCH` (34).
    case deviceTypeMismatch
    /// `CAIRO_STATUS_DEVICE_ERROR` (35).
    case deviceError
    /// `CAIRO_STATUS_INVALID_MESH_CONSTRUCTION` (36).
    case invalidMeshConstruction
    /// `CAIRO_STATUS_DEVICE_FINISHED` (37).
    case deviceFinished
    /// `CAIRO_STATUS_JBIG2_GLOBAL_MISSING` (38).
    case jbig2GlobalMissing
    /// `CAIRO_STATUS_PNG_ERROR` (39).
    case pngError
    /// `CAIRO_STATUS_FREETYPE_ERROR` (40).
    case freeTypeError
    /// `CAIRO_STATUS_WIN32_GDI_ERROR` (41).
    case win32GDIError
    /// `CAIRO_STATUS_TAG_ERROR` (42).
    case tagError
    /// A status this list does not know (a cairo newer than 1.16), by its number.
    case unknownStatus(Int)
    /// A raster larger than `PNGRenderer.maximumPixels` (or empty) was asked for.
    case rasterOutOfRange(width: Int, height: Int)

    /// Every case made from a cairo status, in the order of `cairo_status_t` (status 1 first).
    static let statusCases: [CairoError] = [
        .noMemory, .invalidRestore, .invalidPopGroup, .noCurrentPoint, .invalidMatrix, .invalidStatus, .nullPointer,
        .invalidString, .invalidPathData, .readError, .writeError, .surfaceFinished, .surfaceTypeMismatch,
        .patternTypeMismatch, .invalidContent, .invalidFormat, .invalidVisual, .fileNotFound, .invalidDash,
        .invalidDSCComment, .invalidIndex, .clipNotRepresentable, .tempFileError, .invalidStride, .fontTypeMismatch,
        .userFontImmutable, .userFontError, .negativeCount, .invalidClusters, .invalidSlant, .invalidWeight,
        .invalidSize, .userFontNotImplemented, .deviceTypeMismatch, .deviceError, .invalidMeshConstruction,
        .deviceFinished, .jbig2GlobalMissing, .pngError, .freeTypeError, .win32GDIError, .tagError,
    ]

    /// The error for a cairo status that is not success.
    init(status: cairo_status_t) {
        let number = Int(status.rawValue)
        self = (1...Self.statusCases.count).contains(number) ? Self.statusCases[number - 1] : .unknownStatus(number)
    }

    /// Throws when `status` is not success.
    static func check(_ status: cairo_status_t) throws(CairoError) {
        if status != CAIRO_STATUS_SUCCESS { throw CairoError(status: status) }
    }

    /// The `cairo_status_t` number the error stands for; nil for failures cairo did not report.
    public var status: Int? {
        switch self {
        case .unknownStatus(let number): number
        case .rasterOutOfRange: nil
        default: Self.statusCases.firstIndex(of: self).map { $0 + 1 }
        }
    }

    public var description: String { "cairo: \(message)" }

    /// What went wrong, in words.
    public var message: String {
        switch self {
        case .noMemory: "out of memory"
        case .invalidRestore: "cairo_restore() without a matching cairo_save()"
        case .invalidPopGroup: "no saved group to pop (cairo_pop_group() without a matching cairo_push_group())"
        case .noCurrentPoint: "no current point defined"
        case .invalidMatrix: "invalid matrix (not invertible)"
        case .invalidStatus: "invalid value for an input cairo_status_t"
        case .nullPointer: "NULL pointer"
        case .invalidString: "input string is not valid UTF-8"
        case .invalidPathData: "input path data is not valid"
        case .readError: "error while reading from an input stream"
        case .writeError: "error while writing to an output stream"
        case .surfaceFinished: "the target surface has been finished"
        case .surfaceTypeMismatch: "the surface type is not appropriate for the operation"
        case .patternTypeMismatch: "the pattern type is not appropriate for the operation"
        case .invalidContent: "invalid value for an input cairo_content_t"
        case .invalidFormat: "invalid value for an input cairo_format_t"
        case .invalidVisual: "invalid value for an input Visual*"
        case .fileNotFound: "file not found"
        case .invalidDash: "invalid value for a dash setting"
        case .invalidDSCComment: "invalid value for a DSC comment"
        case .invalidIndex: "invalid index passed to a getter"
        case .clipNotRepresentable: "clip region not representable in the desired format"
        case .tempFileError: "error creating or writing to a temporary file"
        case .invalidStride: "invalid value for a stride"
        case .fontTypeMismatch: "the font type is not appropriate for the operation"
        case .userFontImmutable: "the user font is immutable"
        case .userFontError: "error occurred in a user font callback function"
        case .negativeCount: "negative number used where it is not allowed"
        case .invalidClusters: "input clusters do not represent the accompanying text and glyph arrays"
        case .invalidSlant: "invalid value for an input cairo_font_slant_t"
        case .invalidWeight: "invalid value for an input cairo_font_weight_t"
        case .invalidSize: "invalid value (typically too big) for the size of the input (surface, pattern, etc.)"
        case .userFontNotImplemented: "user font method not implemented"
        case .deviceTypeMismatch: "the device type is not appropriate for the operation"
        case .deviceError: "an operation on the device caused an unspecified error"
        case .invalidMeshConstruction: "invalid operation during mesh pattern construction"
        case .deviceFinished: "the target device has been finished"
        case .jbig2GlobalMissing: "CAIRO_MIME_TYPE_JBIG2_GLOBAL_ID used but no CAIRO_MIME_TYPE_JBIG2_GLOBAL data provided"
        case .pngError: "error occurred in libpng while reading from or writing to a PNG file"
        case .freeTypeError: "error occurred in libfreetype"
        case .win32GDIError: "error occurred in the Windows Graphics Device Interface"
        case .tagError: "invalid tag name, attributes, or nesting"
        case .unknownStatus(let number): "unknown cairo status \(number)"
        case .rasterOutOfRange(let width, let height): "a \(width) × \(height) pixel image is out of range; lower the dpi"
        }
    }
}

/// Collects bytes cairo writes through its stream callback.
final class ByteSink {
    var bytes: [UInt8] = []
}
