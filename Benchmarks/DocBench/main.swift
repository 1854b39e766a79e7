// DocBench: single-document latency and batch throughput of the engine, in process, plus one
// cold `docengine render`. Run with `make bench` (release build). Not a test: it only reports.
import DocEngine
import Dispatch
import Foundation
import Signatures
import Templates

struct Options {
    var samples = "SampleData"
    var fonts = "Fonts"
    var cli: String?
    var documents = 300
    var profile: String?
    var compile: String?
    var renders = 400

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--samples": samples = iterator.next() ?? samples
            case "--fonts": fonts = iterator.next() ?? fonts
            case "--cli": cli = iterator.next()
            case "--documents": documents = Int(iterator.next() ?? "") ?? documents
            case "--profile": profile = iterator.next()
            case "--compile": compile = iterator.next()
            case "--renders": renders = Int(iterator.next() ?? "") ?? renders
            default: FileHandle.standardError.write(Data("unknown option \(argument)\n".utf8))
            }
        }
    }
}

func milliseconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
}

func report(_ label: String, _ samples: [Double]) {
    let sorted = samples.sorted()
    let median = sorted[sorted.count / 2]
    let p95 = sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.95))]
    let mean = sorted.reduce(0, +) / Double(sorted.count)
    let name = label.padding(toLength: 44, withPad: " ", startingAt: 0)
    print(name + String(format: " median %8.2f ms   mean %8.2f ms   p95 %8.2f ms   (n=%d)", median, mean, p95, sorted.count))
}

/// Distinct one-page invoices: different numbers, names, quantities and prices, so neither
/// the shaping cache nor anything else sees the same document twice.
func variedInvoices(from base: JSONValue, count: Int) -> [Data] {
    let cities = ["Бишкек", "Алматы", "Ташкент", "Кашгар", "Урумчи", "Ош", "Нарын", "Каракол", "Талас", "Джалал-Абад"]
    var result: [Data] = []
    for index in 0..<count {
        let from = cities[index % cities.count]
        let to = cities[(index / cities.count + index + 1) % cities.count]
        let items = (0..<(3 + index % 5)).map { line in
            """
            {"name": "Транспортно-экспедиционные услуги по маршруту \(from) — \(to), заявка № \(5000 + index * 7 + line), а/м 0\(line + 1)KG\(100 + index % 900)ABC", "quantity": "\(1 + line % 3)", "unit": "рейс", "price": "\(10_000 + index * 37 + line * 1_111).\(index % 100)"}
            """
        }.joined(separator: ",")
        guard case .object(var object) = base else { break }
        let json = try! JSONParser.parse("""
            {"number": "СЧ-2026-\(100_000 + index)", "date": "2026-11-\(10 + index % 19)", "basis": "Договор № \(index)/ТЭУ от 01.03.2026", "dueDate": "2026-12-20"}
            """)
        object["document"] = json
        object["items"] = try! JSONParser.parse("[\(items)]")
        result.append(Data(JSONValue.object(object).jsonText.utf8))
    }
    return result
}

let options = Options(CommandLine.arguments)
MemoryReuse.keepFreedMemory()  // as `docengine` does
var loadedFonts: FontBook?
let fontLoadMilliseconds = try milliseconds { loadedFonts = try FontBook(directory: URL(fileURLWithPath: options.fonts)) }
let fonts = loadedFonts!
let engine = LayoutEngine(fonts: fonts)
let renderer = PDFRenderer()
let library = try TemplateLibrary.builtIn()
let template = try library.template(named: "invoice")

func renderPDF(_ data: Data) throws -> Data {
    let json = try CompiledTemplate.parseData(data)
    return try renderer.render(try engine.layout(try template.render(data: json)))
}

// `--profile request-ru [--renders N]`: render one sample over and over (for `perf record`,
// `perf stat`) and stop.
if let name = options.profile {
    guard let templateName = library.templateNames.sorted(by: { $0.count > $1.count }).first(where: { name.hasPrefix($0 + "-") })
    else { fatalError("no template for sample \(name)") }
    let profiled = try library.template(named: templateName)
    let data = try Data(contentsOf: URL(fileURLWithPath: options.samples + "/" + name + ".json"))
    var times: [Double] = []
    for _ in 0..<max(1, options.renders) {
        times.append(try milliseconds {
            _ = try renderer.render(try engine.layout(try profiled.render(data: try CompiledTemplate.parseData(data))))
        })
    }
    times.sort()
    print(String(format: "%@: %d renders, fastest %.2f ms, median %.2f ms", name, times.count, times[0], times[times.count / 2]))
    exit(0)
}

// `--compile invoice [--renders N]`: compile one template (and its partials) over and over,
// as a new process does once, without the library's cache (for `perf record`), and stop.
if let name = options.compile {
    let text = try String(contentsOf: library.directory.appendingPathComponent(name + ".doc"), encoding: .utf8)
    var times: [Double] = []
    for _ in 0..<max(1, options.renders) {
        times.append(try milliseconds { _ = try library.compile(text: text, fileName: name + ".doc") })
    }
    times.sort()
    print(String(format: "%@: %d compilations, fastest %.2f ms, median %.2f ms", name, times.count, times[0], times[times.count / 2]))
    exit(0)
}

let kgs = try Data(contentsOf: URL(fileURLWithPath: options.samples + "/invoice-kgs.json"))
let big = try Data(contentsOf: URL(fileURLWithPath: options.samples + "/invoice-400.json"))
let invoices = variedInvoices(from: try JSONParser.parse(kgs), count: options.documents)

print("DocBench — \(ProcessInfo.processInfo.activeProcessorCount) cores, release build, fonts loaded once, template compiled once")
print(String(format: "loading the fonts (hinting stripped in memory): %.1f ms", fontLoadMilliseconds))
_ = try renderPDF(kgs)  // warm the code paths, not the data: every measured invoice differs

var single: [Double] = []
var pages = 0
for invoice in invoices {
    single.append(try milliseconds { pages += 1; _ = try renderPDF(invoice) })
}
report("one-page invoice (\(invoices.count) different)", single)

// Where the time goes, stage by stage, on the same documents.
var stages = [Double](repeating: 0, count: 4)
for invoice in invoices.prefix(100) {
    var json: JSONValue = .null
    var document = Document()
    var laid = LaidOutDocument(metadata: DocumentMetadata(), pages: [])
    stages[0] += try milliseconds { json = try CompiledTemplate.parseData(invoice) }
    stages[1] += try milliseconds { document = try template.render(data: json) }
    stages[2] += try milliseconds { laid = try engine.layout(document) }
    stages[3] += try milliseconds { _ = try renderer.render(laid) }
}
print("  stages per one-page invoice: " + zip(["JSON", "template", "layout", "PDF"], stages)
    .map { String(format: "%@ %.2f ms", $0.0, $0.1 / 100) }.joined(separator: ", "))

var large: [Double] = []
for _ in 0..<7 { large.append(try milliseconds { _ = try renderPDF(big) }) }
report("400-item invoice (16 pages)", large)

let workers = ProcessInfo.processInfo.activeProcessorCount
let batchMilliseconds = milliseconds {
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
        for index in stride(from: worker, to: invoices.count, by: workers) { _ = try? renderPDF(invoices[index]) }
    }
}
print("batch throughput".padding(toLength: 44, withPad: " ", startingAt: 0)
      + String(format: " %8.1f documents/s (%d documents, %d threads)", Double(invoices.count) / batchMilliseconds * 1000,
               invoices.count, workers))

if let cli = options.cli {
    var cold: [Double] = []
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("docbench-cold.pdf").path
    for _ in 0..<7 {
        cold.append(try milliseconds {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: cli)
            process.arguments = ["render", "invoice", "--data", options.samples + "/invoice-kgs.json", "-o", output, "--fonts", options.fonts]
            try process.run()
            process.waitUntilExit()
        })
    }
    report("cold `docengine render` (new process)", cold)
}

// Every document of the sample set, timed the same way, against the one-page invoice. Rounds
// interleave the documents so that machine noise falls on all of them alike.
print("per document (in process, median of 31 interleaved rounds; µs per glyph drawn shows what is dear per unit of text):")
let sampleFiles = try FileManager.default.contentsOfDirectory(atPath: options.samples)
    .filter { $0.hasSuffix(".json") && !$0.hasPrefix("order-package") && $0 != "invoice-400.json" }.sorted()
struct TimedDocument {
    let name: String
    let template: CompiledTemplate
    let data: Data
    var times: [Double] = []
    var pages = 0
    var glyphs = 0
}

/// Glyphs drawn on the pages: what a document's cost mostly grows with.
func glyphCount(_ items: [FrameItem]) -> Int {
    items.reduce(0) { count, item in
        switch item {
        case .glyphs(let run): count + run.glyphs.count
        case .group(let inner, _): count + glyphCount(inner)
        default: count
        }
    }
}
var timed: [TimedDocument] = []
for file in sampleFiles {
    let name = String(file.dropLast(5))
    guard let templateName = library.templateNames.sorted(by: { $0.count > $1.count }).first(where: { name.hasPrefix($0 + "-") })
    else { continue }
    timed.append(TimedDocument(
        name: name, template: try library.template(named: templateName),
        data: try Data(contentsOf: URL(fileURLWithPath: options.samples + "/" + file))))
}
for _ in 0..<31 {
    for index in timed.indices {
        var laid = LaidOutDocument(metadata: DocumentMetadata(), pages: [])
        let time = try milliseconds {
            laid = try engine.layout(try timed[index].template.render(data: try CompiledTemplate.parseData(timed[index].data)))
            _ = try renderer.render(laid)
        }
        timed[index].times.append(time)
        timed[index].pages = laid.pages.count
        timed[index].glyphs = laid.pages.reduce(0) { $0 + glyphCount($1.items) }
    }
}
let median = { (times: [Double]) in times.sorted()[times.count / 2] }
let invoiceMedian = timed.first { $0.name == "invoice-kgs" }.map { median($0.times) } ?? 0
for document in timed {
    let value = median(document.times)
    let ratio = invoiceMedian > 0 ? value / invoiceMedian : 0
    print("  " + document.name.padding(toLength: 28, withPad: " ", startingAt: 0)
          + String(format: "%7.2f ms  %d page(s)  %5d glyphs  %.2f µs/glyph  %.2f× the invoice", value, document.pages,
                   document.glyphs, value * 1000 / Double(max(1, document.glyphs)), ratio))
    if ProcessInfo.processInfo.environment["DOCBENCH_STAGES"] != nil {
        var stage = [0.0, 0.0, 0.0]
        for _ in 0..<10 {
            var built = Document()
            var laid = LaidOutDocument(metadata: DocumentMetadata(), pages: [])
            stage[0] += try milliseconds { built = try document.template.render(data: try CompiledTemplate.parseData(document.data)) }
            stage[1] += try milliseconds { laid = try engine.layout(built) }
            stage[2] += try milliseconds { _ = try renderer.render(laid) }
        }
        print(String(format: "      template %.2f, layout %.2f, PDF %.2f ms", stage[0] / 10, stage[1] / 10, stage[2] / 10))
    }
}
// Issue 16's criterion, stated as measured: every one- or two-page document costs at most 1.25×
// the invoice's cost per glyph (time follows the amount of text, so documents are compared per
// glyph, not per document). Issue 3's per-document ratio is printed beside it for reference.
if invoiceMedian > 0, let invoice = timed.first(where: { $0.name == "invoice-kgs" }) {
    let invoicePerGlyph = invoiceMedian / Double(max(1, invoice.glyphs))
    let perGlyph = { (document: TimedDocument) in median(document.times) / Double(max(1, document.glyphs)) / invoicePerGlyph }
    let short = timed.filter { $0.pages <= 2 }
    if let worst = short.max(by: { perGlyph($0) < perGlyph($1) }) {
        let ratio = perGlyph(worst)
        print(String(format: "criterion, every one- and two-page document at most 1.25× the invoice's cost per glyph: %@ (worst %@ at %.2f×, %.2f µs/glyph against the invoice's %.2f; %d documents)",
                     ratio <= 1.25 ? "met" : "not met", worst.name, ratio, median(worst.times) * 1000 / Double(max(1, worst.glyphs)),
                     invoicePerGlyph * 1000, short.count))
    }
    if let slowest = short.max(by: { median($0.times) < median($1.times) }) {
        print(String(format: "  for reference, the slowest one- or two-page document: %@ at %.2f× the invoice's time with %.1f× its text",
                     slowest.name, median(slowest.times) / invoiceMedian, Double(slowest.glyphs) / Double(max(1, invoice.glyphs))))
    }
}

// Signatures: fidelity and simplification over the captured samples.
let signatureFolder = options.samples + "/signatures"
if let files = try? FileManager.default.contentsOfDirectory(atPath: signatureFolder) {
    print("signatures (SampleData/signatures):")
    let vectorizer = SignatureVectorizer()
    for file in files.filter({ $0.hasSuffix(".json") }).sorted() {
        let data = try Data(contentsOf: URL(fileURLWithPath: signatureFolder + "/" + file))
        let input = try SignatureInput(json: data)
        var signature: VectorSignature?
        let time = try milliseconds { signature = try vectorizer.vectorize(input) }
        let figures = vectorizer.measure(input, against: signature!)
        print("  " + file.padding(toLength: 16, withPad: " ", startingAt: 0)
              + String(format: "%5d points → %4d segments (%.2f× fewer), max deviation %.3f units, %.2f ms",
                       figures.pointCount, figures.segmentCount, figures.pointsPerSegment, figures.maxDeviation, time))
    }
}
