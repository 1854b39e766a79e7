public import DocEngine
public import Sheets

extension CompiledTemplate {
    /// Whether the template declares a table export (`{% sheet %}`, in it or in a partial it
    /// includes), so it can be written as XLSX.
    public var exportsSheets: Bool {
        var found = false
        var visited = Set<String>()
        func visit(_ nodes: [Node]) {
            for node in nodes where !found {
                switch node {
                case .include(let include):
                    // Includes never cycle (a compile error), but a partial included twice is walked once.
                    if visited.insert(include.name).inserted { visit(partials[include.name]?.ast.nodes ?? []) }
                case .element(let element):
                    if element.name == "sheet" { found = true } else { visit(element.children ?? []) }
                case .ifBlock(let block):
                    block.branches.forEach { visit($0.body) }
                    visit(block.elseBody ?? [])
                case .forLoop(let loop): visit(loop.body)
                default: break
                }
            }
        }
        visit(ast.nodes)
        return found
    }

    /// Runs the template on JSON data and returns its table export: one worksheet per
    /// `{% sheet %}`, typed cells, and the document's title, author and date as properties.
    ///
    /// The whole template runs, as for the PDF, so the sheets read the same variables (sorted
    /// rows, totals) the PDF prints.
    /// - Parameters:
    ///   - data: the document data (schema/document.schema.json).
    ///   - language: overrides the data's `locale`; Russian when neither says.
    ///   - assets: the brand's look (`theme` colours for the header row).
    ///   - cancellation: checked at every loop iteration.
    /// - Returns: the workbook; it has no sheets when the template declares none (see `exportsSheets`).
    /// - Throws: `TemplateError` naming the template position and the JSON path.
    public func renderWorkbook(
        data: JSONValue, language: Language? = nil, assets: RenderAssets = RenderAssets(),
        iterationLimit: Int = CompiledTemplate.defaultIterationLimit, cancellation: RenderCancellation? = nil
    ) throws(TemplateError) -> Workbook {
        let locale = data["locale"]?.stringValue.flatMap(Language.init(rawValue:))
        let evaluator = Evaluator(
            template: self, data: data, language: language ?? locale ?? .ru, assets: assets,
            iterationLimit: iterationLimit, cancellation: cancellation)
        evaluator.sheets = []
        defer { evaluator.rememberForNextRenders() }
        let document: Document
        do {
            document = try evaluator.run(ast)
        } catch {
            throw .evaluation(Diagnostic.error(error.message, at: error.span, hints: error.hints), sources)
        }
        let metadata = document.metadata
        return Workbook(
            sheets: evaluator.sheets ?? [],
            properties: WorkbookProperties(
                title: metadata.title ?? "", author: metadata.author ?? "", subject: metadata.subject ?? "",
                created: metadata.creationDate.flatMap(Self.creationTime)))
    }

    /// `2026-11-30T00:00:00` (what `{% meta created=… %}` stores) as the workbook's creation time.
    private static func creationTime(_ text: String) -> SheetDateTime? {
        guard let date = try? CalendarDate(String(text.prefix(10))) else { return nil }
        let bytes = Array(text.utf8)
        func field(_ range: Range<Int>) -> Int { CalendarDate.number(bytes, range) ?? 0 }
        let hasTime = bytes.count >= 19
        return SheetDateTime(
            year: date.year, month: date.month, day: date.day, hour: hasTime ? field(11..<13) : 0,
            minute: hasTime ? field(14..<16) : 0, second: hasTime ? field(17..<19) : 0)
    }
}
