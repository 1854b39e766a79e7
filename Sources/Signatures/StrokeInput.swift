/// The drawing area the app captured on, in canvas units (device-independent pixels).
public struct SignatureCanvas: Sendable, Hashable {
    /// Width in canvas units, 0 < width ≤ 10 000.
    public var width: Double
    /// Height in canvas units, 0 < height ≤ 10 000.
    public var height: Double

    /// Creates a canvas size.
    /// - Parameters:
    ///   - width: Width in canvas units.
    ///   - height: Height in canvas units.
    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }
}

/// One raw touch sample as the phone reported it.
public struct CapturedPoint: Sendable, Hashable {
    /// Horizontal position in canvas units.
    public var x: Double
    /// Vertical position in canvas units, y down.
    public var y: Double
    /// Milliseconds from the first sample of the capture.
    public var time: Double
    /// Pressure 0...1 where the device reports it; values outside are clamped (some Android devices exceed 1).
    public var pressure: Double?

    /// Creates a sample.
    /// - Parameters:
    ///   - x: Horizontal position in canvas units.
    ///   - y: Vertical position in canvas units.
    ///   - time: Milliseconds from the first sample of the capture.
    ///   - pressure: Pressure 0...1, or `nil` when the device reports none.
    public init(x: Double, y: Double, time: Double, pressure: Double? = nil) {
        self.x = x
        self.y = y
        self.time = time
        self.pressure = pressure
    }

    /// The sample's position.
    public var position: SignaturePoint { SignaturePoint(x: x, y: y) }
}

/// The samples of one finger-down … finger-up movement.
public struct CapturedStroke: Sendable, Hashable {
    /// Samples in capture order.
    public var points: [CapturedPoint]

    /// Creates a stroke.
    /// - Parameter points: Samples in capture order.
    public init(points: [CapturedPoint]) {
        self.points = points
    }
}

/// The optional descriptive fields of the schema; kept for the caller, never used for geometry.
public struct SignatureMetadata: Sendable, Hashable {
    /// When the capture started (RFC 3339 date-time).
    public var capturedAt: String?
    /// Free-form device description, at most 200 characters.
    public var device: String?
    /// The signer's name as entered, at most 300 characters.
    public var signer: String?
    /// When the signer confirmed, UTC (RFC 3339 date-time).
    public var signedAt: String?
    /// The signer's time zone name, at most 64 characters.
    public var timeZone: String?
    /// The signer's phone number, at most 40 characters.
    public var phone: String?
    /// Lower-case hex SHA-256 of the document version that was signed.
    public var documentSha256: String?

    /// Creates metadata; every field is optional.
    /// - Parameters:
    ///   - capturedAt: When the capture started.
    ///   - device: Device description.
    ///   - signer: The signer's name.
    ///   - signedAt: When the signer confirmed.
    ///   - timeZone: Time zone name.
    ///   - phone: Phone number.
    ///   - documentSha256: Hash of the signed document version.
    public init(
        capturedAt: String? = nil, device: String? = nil, signer: String? = nil, signedAt: String? = nil,
        timeZone: String? = nil, phone: String? = nil, documentSha256: String? = nil
    ) {
        self.capturedAt = capturedAt
        self.device = device
        self.signer = signer
        self.signedAt = signedAt
        self.timeZone = timeZone
        self.phone = phone
        self.documentSha256 = documentSha256
    }
}

/// A captured signature: the input contract of `signature.schema.json` as Swift values.
public struct SignatureInput: Sendable, Hashable {
    /// The drawing area.
    public var canvas: SignatureCanvas
    /// Strokes in capture order.
    public var strokes: [CapturedStroke]
    /// Descriptive fields, passed through untouched.
    public var metadata: SignatureMetadata

    /// Creates an input without checking it; ``validate()`` (called by the vectorizer) does that.
    /// - Parameters:
    ///   - canvas: The drawing area.
    ///   - strokes: Strokes in capture order.
    ///   - metadata: Descriptive fields.
    public init(canvas: SignatureCanvas, strokes: [CapturedStroke], metadata: SignatureMetadata = SignatureMetadata()) {
        self.canvas = canvas
        self.strokes = strokes
        self.metadata = metadata
    }

    /// The number of samples over all strokes.
    public var pointCount: Int { strokes.reduce(0) { $0 + $1.points.count } }

    /// Checks everything the geometry relies on, reporting the first problem in document order.
    /// - Throws: ``SignatureError`` naming the canvas field, stroke or point at fault.
    public func validate() throws(SignatureError) {
        try Self.validateCanvasSide(canvas.width, path: "canvas.width")
        try Self.validateCanvasSide(canvas.height, path: "canvas.height")
        guard !strokes.isEmpty else { throw .noStrokes }
        guard strokes.count <= SignatureLimits.maxStrokes else {
            throw .tooManyStrokes(count: strokes.count, limit: SignatureLimits.maxStrokes)
        }
        guard pointCount <= SignatureLimits.maxTotalPoints else {
            throw .tooManyPoints(count: pointCount, limit: SignatureLimits.maxTotalPoints)
        }
        let allowed = allowedArea
        for (strokeIndex, stroke) in strokes.enumerated() {
            guard !stroke.points.isEmpty else { throw .emptyStroke(stroke: strokeIndex) }
            var previousTime = -Double.infinity
            for (pointIndex, point) in stroke.points.enumerated() {
                try Self.validateFinite(point, stroke: strokeIndex, point: pointIndex)
                guard allowed.contains(point.position) else {
                    throw .farOutsideCanvas(stroke: strokeIndex, point: pointIndex, x: point.x, y: point.y)
                }
                guard point.time >= previousTime else {
                    throw .timeWentBackwards(
                        stroke: strokeIndex, point: pointIndex, previous: previousTime, found: point.time)
                }
                previousTime = point.time
            }
        }
    }

    /// The canvas grown by ``SignatureLimits/outsideCanvasMarginFraction`` on each side.
    var allowedArea: SignatureRect {
        let marginX = canvas.width * SignatureLimits.outsideCanvasMarginFraction
        let marginY = canvas.height * SignatureLimits.outsideCanvasMarginFraction
        return SignatureRect(
            minX: -marginX, minY: -marginY, maxX: canvas.width + marginX, maxY: canvas.height + marginY)
    }

    private static func validateCanvasSide(_ value: Double, path: String) throws(SignatureError) {
        guard value.isFinite, value > 0, value <= SignatureLimits.maxCanvasDimension else {
            let limit = SignatureError.format(SignatureLimits.maxCanvasDimension)
            throw .schemaViolation(
                path: path,
                message: "must be a number greater than 0 and at most \(limit), found \(SignatureError.format(value))"
            )
        }
    }

    private static func validateFinite(_ point: CapturedPoint, stroke: Int, point index: Int) throws(SignatureError) {
        let components: [(Double, PointComponent)] = [(point.x, .x), (point.y, .y), (point.time, .time)]
        for (value, component) in components where !value.isFinite {
            throw .nonFiniteValue(stroke: stroke, point: index, component: component)
        }
        if let pressure = point.pressure, !pressure.isFinite {
            throw .nonFiniteValue(stroke: stroke, point: index, component: .pressure)
        }
    }
}
