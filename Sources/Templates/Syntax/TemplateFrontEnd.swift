/// The template front end in one call: parse, then check.
public enum TemplateFrontEnd {
    /// Parses and checks a template.
    ///
    /// The checker runs even when parsing reported errors (on the recovered tree), so a single
    /// run reports syntax and semantic mistakes together.
    /// - Parameters:
    ///   - source: The template.
    ///   - filters: The filters the evaluator provides.
    /// - Returns: The tree, or nil when any diagnostic is an error; and all diagnostics
    ///   (errors and warnings) in source order.
    public static func compile(_ source: Source, filters: [FilterSignature]) -> (TemplateAST?, [Diagnostic]) {
        let (ast, parseDiagnostics, incompleteTags) = Parser.parseWithRecoveryInfo(source)
        let checkDiagnostics = Checker.check(ast, filters: filters, incompleteTags: incompleteTags)
        let diagnostics = (parseDiagnostics + checkDiagnostics).sortedBySpan()
        return (diagnostics.containsErrors ? nil : ast, diagnostics)
    }
}
