/// The limits the input is checked against. Those marked "schema" come from `signature.schema.json`;
/// the others are ours, chosen far above any real signature so that hostile input fails fast.
public enum SignatureLimits {
    /// Largest accepted JSON document, 8 MiB: a long real capture is well under 1 MiB.
    public static let maxInputBytes = 8 * 1024 * 1024

    /// Most strokes in one signature (schema: `strokes.maxItems`).
    public static let maxStrokes = 1000

    /// Most points over all strokes. 20 000 points is about 80 s of continuous drawing at 240 Hz,
    /// where a signature takes 2–10 s; counting stops at the limit, so larger input is rejected in
    /// time proportional to the limit, not to its size.
    public static let maxTotalPoints = 20_000

    /// Largest canvas side in canvas units (schema: `canvas.width.maximum`, `canvas.height.maximum`).
    public static let maxCanvasDimension = 10_000.0

    /// How far outside the canvas a point may lie, as a fraction of the canvas side on that axis.
    /// Phones keep reporting a finger that slides off the view, so points a little outside are kept;
    /// a point beyond this margin is a glitch or forged, and the signature is rejected.
    public static let outsideCanvasMarginFraction = 0.5

    /// Longest accepted `device` string in Unicode scalars (schema).
    public static let maxDeviceLength = 200
    /// Longest accepted `signer` string in Unicode scalars (schema).
    public static let maxSignerLength = 300
    /// Longest accepted `timeZone` string in Unicode scalars (schema).
    public static let maxTimeZoneLength = 64
    /// Longest accepted `phone` string in Unicode scalars (schema).
    public static let maxPhoneLength = 40
}
