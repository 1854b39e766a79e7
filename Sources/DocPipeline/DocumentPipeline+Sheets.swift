package import Foundation
package import Sheets
package import Templates

extension DocumentPipeline {
    /// The table export of a template (its `{% sheet %}`s) as a workbook, by template name or
    /// path, from JSON bytes; an order package has none.
    /// - Throws: `PipelineError.noTableExport` when the template declares none, or the render's
    ///   own errors (template, data, white-label).
    package func workbook(template name: String, data: Data, language: Language?, branding: Branding? = nil) throws
        -> Workbook
    {
        guard name != OrderPackage.templateName else { throw PipelineError.noTableExport(name) }
        return try workbook(
            template: try templates.template(name), json: try CompiledTemplate.parseData(data), language: language,
            branding: branding)
    }

    /// The table export of a compiled template, under a brand when one is given. The whole
    /// template runs as for the PDF, so the sheets hold the rows and totals the PDF prints.
    /// - Throws: `PipelineError.noTableExport`, `TemplateError`, `WhiteLabelGuard.Violation`.
    package func workbook(template: CompiledTemplate, json: JSONValue, language: Language?, branding: Branding? = nil)
        throws -> Workbook
    {
        guard template.exportsSheets else { throw PipelineError.noTableExport(template.name) }
        // The same contract as the PDF's: a spreadsheet may not drop a misspelt field either.
        try checkContract(json)
        let (data, assets) = try prepared(json, language: language, branding: branding)
        let workbook = try template.renderWorkbook(data: data, language: language, assets: assets, cancellation: cancellation)
        if let branding, !branding.brand.isPlatform { try branding.whiteLabelGuard.check(workbook) }
        return workbook
    }

    /// The workbook as XLSX bytes: the same workbook always gives the same bytes.
    /// - Throws: `SheetError` naming the sheet, row and column of a value XLSX cannot hold.
    package func xlsx(_ workbook: Workbook) throws -> Data {
        try XLSXWriter.data(of: workbook)
    }
}
