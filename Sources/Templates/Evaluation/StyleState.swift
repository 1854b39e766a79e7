import DocEngine

/// The inherited look while a template runs: what `span`, `cell`, `row` and friends change
/// for the content inside them.
struct StyleState {
    var text = TextStyle(size: 9)
    var alignment: Alignment = .left
    var leading = 1.25
}
