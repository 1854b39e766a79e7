/// What a render works out from a compiled template's own text, whatever the data: each
/// literal's collapsed pieces and each span's display position. A template keeps it for its
/// next renders (`CompiledTemplate.memo`), so a service rendering the same template all day
/// works it out once instead of once per document.
struct EvaluationMemo: Sendable {
    /// "invoice.doc:14:9" by span (`Evaluator.position`).
    var positions: [SourceSpan: String] = [:]
    /// Literal text split at blank lines and collapsed (`Evaluator.appendLiteral`).
    var literals: [LiteralKey: [LiteralPiece]] = [:]

    /// Where a literal came from and whether it sits in a flow, where blank lines end paragraphs.
    struct LiteralKey: Hashable, Sendable {
        let span: SourceSpan
        let isFlow: Bool
    }

    /// One paragraph's share of a literal, whitespace collapsed.
    struct LiteralPiece: Sendable {
        /// Whether a blank line came before it, ending the paragraph so far.
        let startsParagraph: Bool
        let text: String
    }

    /// Adds what `other` found that this memo lacks.
    mutating func merge(_ other: EvaluationMemo) {
        positions.merge(other.positions) { kept, _ in kept }
        literals.merge(other.literals) { kept, _ in kept }
    }
}
