// swift-tools-version:6.0
import PackageDescription
import Foundation

/// Settings every Swift target shares: strict Swift 6, no C types leaking through public APIs, and
/// members visible only from modules a file imports itself.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    // Generic types a render uses (arrays and dictionaries of our values) are built by direct
    // calls rather than by demangling their names at run time: 2 % fewer instructions in a cold
    // render, where every such type is met for the first time. Release only: it is a code-size
    // trade the tests do not need.
    .unsafeFlags(["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"], .when(configuration: .release)),
]

/// This file's folder: the linker runs elsewhere, so files it reads are named in full.
let packageDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path

/// Links the Swift runtime and Foundation statically (release builds of the executable). Our
/// modules were compiled against the shared Foundation, whose objects do not name the static
/// libraries Foundation itself needs (ICU, collections, shims), so they are listed here, in one
/// linker group because they refer to each other. Every library goes through `-Xlinker`: the
/// driver moves plain `-l` flags away from the group markers, which would leave the group empty.
///
/// lld, for `-z pack-relative-relocs` (DT_RELR, glibc 2.36+, Debian 12's): the static runtime
/// makes 84 000 relative relocations, 2 MB of `.rela.dyn` that the loader read in full on every
/// start (gold cannot pack them); packed they are 16 KB. A 400-item render's peak RSS fell 1.7 MB.
let staticSwiftRuntime = ["-static-stdlib", "-use-ld=lld"] + ([
    "--start-group",
    "-lFoundation", "-lFoundationInternationalization", "-lFoundationEssentials", "-lCoreFoundation",
    "-l_FoundationCollections", "-l_FoundationCShims", "-l_FoundationICU", "-lswiftDispatch", "-ldispatch",
    "-lBlocksRuntime", "-lswift_StringProcessing", "-lswift_RegexParser", "-lswift_Concurrency",
    "-lswiftSynchronization", "-lswiftGlibc", "-lswiftCore",
    "--end-group",
    // The static runtime's link arguments export every symbol (-export-dynamic): 39 000 dynamic
    // symbols, which the loader and the runtime's start-up `dladdr` then search. Nothing looks
    // our symbols up by name, so they stay private.
    "--no-export-dynamic",
    "-z", "pack-relative-relocs",
    // The functions a render runs, side by side (scripts/symbol-order.sh): the kernel maps code
    // 64 KB around each page fault, so scattered they kept ~10 MB of code resident.
    "--symbol-ordering-file=\(packageDirectory)/LinkOrder/docengine.order", "--no-warn-symbol-ordering",
].flatMap { ["-Xlinker", $0] })

// Release builds take cairo, pixman, fontconfig and expat from their static archives: linked as
// shared libraries, cairo brought seventeen more (X11, xcb, pixman, fontconfig...) that a new
// `docengine render` spent 1.5 ms of its 38 ms mapping and relocating. Same cairo (Debian's
// libcairo2-dev ships both), same PDFs. Its calls to snprintf, zlib and FreeType's table loader
// now bind to CPDFNumbers, CPDFStreams and CSfntTables at link time instead of by interposition.
let staticCairo = ["libcairo.a", "libpixman-1.a", "libfontconfig.a", "libexpat.a"].flatMap { ["-Xlinker", "-l:" + $0] }
    + ["-lpng16", "-lfreetype", "-lz", "-lm"]

let package = Package(
    name: "DocEngine",
    products: [
        .executable(name: "docengine", targets: ["docengine"]),
        .executable(name: "docengine-service", targets: ["docengine-service"]),
        .library(name: "DocEngine", targets: ["DocEngine"]),
        .library(name: "Templates", targets: ["Templates"]),
        .library(name: "Signatures", targets: ["Signatures"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.3.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        // The shared store of a cluster: PostgreSQL, and S3-compatible object storage over HTTP.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.25.0"),
    ],
    targets: [
        // Thin wrappers of the system C libraries, found through pkg-config.
        // cairo (libcairo2-dev) is linked by DocEngine itself: into release builds from its static
        // archive (see `staticCairo`), so no pkg-config here, which would link the shared library.
        .systemLibrary(name: "CCairo"),
        .systemLibrary(name: "CHarfBuzz", pkgConfig: "harfbuzz", providers: [.apt(["libharfbuzz-dev"])]),
        .systemLibrary(name: "CFreeType", pkgConfig: "freetype2", providers: [.apt(["libfreetype-dev"])]),
        .systemLibrary(name: "CUnibreak", pkgConfig: "libunibreak", providers: [.apt(["libunibreak-dev"])]),
        .systemLibrary(name: "CQRencode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        // libdeflate (libdeflate-dev) for the PNG rasters' pixels; cairo's PDF streams reach it
        // through CPDFStreams.
        .systemLibrary(name: "CDeflate", pkgConfig: "libdeflate", providers: [.apt(["libdeflate-dev"])]),
        // Only the tests' PNG references use it directly (small grayscale goldens).
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // libjpeg reports errors by longjmp, so a few lines of C own the setjmp.
        .target(name: "CJPEG", linkerSettings: [.linkedLibrary("jpeg")]),
        // librsvg (librsvg2-dev) is opened with dlopen on the first SVG, not linked: it brings GIO,
        // Pango, libxml2 and ICU, whose loading cost a command-line render more than the render.
        .target(name: "CRsvgLoader", linkerSettings: [.linkedLibrary("dl")]),
        // libxlsxwriter (libxlsxwriter-dev) is opened with dlopen on the first spreadsheet, not
        // linked: it brings OpenSSL's libcrypto and minizip into every PDF render otherwise.
        .target(name: "CXlsxLoader", linkerSettings: [.linkedLibrary("dl")]),
        // glibc's mallopt (malloc.h is not in Swift's Glibc module), for `MemoryReuse`.
        .target(name: "CMalloc"),
        // The numbers cairo writes into PDFs, formatted without glibc's arbitrary-precision
        // printf: the executable's fortified snprintf takes cairo's calls (pdf_numbers.c says how).
        .target(name: "CPDFNumbers", linkerSettings: [.linkedLibrary("dl")]),
        // The streams cairo compresses into PDFs, deflated by libdeflate (libdeflate-dev) rather
        // than zlib: the executable's deflateInit_/deflate/deflateEnd take cairo's calls
        // (pdf_streams.c says how, and what stays with zlib).
        .target(name: "CPDFStreams", linkerSettings: [.linkedLibrary("deflate"), .linkedLibrary("dl"), .linkedLibrary("pthread")]),
        // The font tables cairo reads while it writes a PDF, answered from the font bytes in memory
        // rather than through FreeType's service lookup: the executable's FT_Load_Sfnt_Table takes
        // cairo's calls (sfnt_tables.c says how, and what stays with FreeType).
        .target(name: "CSfntTables", dependencies: ["CFreeType"], linkerSettings: [.linkedLibrary("dl"), .linkedLibrary("pthread")]),
        // The build ID of the image, in memory: what tells one build's parsed-template cache from another's.
        .target(name: "CBuildIdentity"),

        .target(
            name: "DocEngine",
            dependencies: [
                "CCairo", "CHarfBuzz", "CFreeType", "CUnibreak", "CJPEG", "CQRencode", "CRsvgLoader", "CMalloc", "CPDFNumbers",
                "CPDFStreams", "CSfntTables", "CDeflate", "CZlib",
            ],
            swiftSettings: swiftSettings,
            linkerSettings: [.linkedLibrary("cairo", .when(configuration: .debug)), .unsafeFlags(staticCairo, .when(configuration: .release))]
        ),
        // Spreadsheets: typed cells → XLSX through libxlsxwriter; knows no orders, no templates.
        .target(name: "Sheets", dependencies: ["CXlsxLoader"], swiftSettings: swiftSettings),
        .target(
            name: "Templates",
            dependencies: ["DocEngine", "Sheets", "CBuildIdentity", .product(name: "Crypto", package: "swift-crypto")],
            resources: [.copy("BuiltIn")],
            swiftSettings: swiftSettings
        ),
        .target(name: "Signatures", swiftSettings: swiftSettings),
        // The service's rooms. Arrows point one way: docengine → DocServer → DocPipeline, DocStore.
        // A render from template + data + brand to PDF/PNG; no SQL, no HTTP.
        .target(
            name: "DocPipeline",
            dependencies: [
                "DocEngine", "Templates", "Signatures", "Sheets", .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // Every SQL statement of the project, behind protocols: SQLite + files (the default), or
        // PostgreSQL with blobs in it or in an S3-compatible object store (a cluster).
        .target(
            name: "DocStore",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // The reseller's studio: static HTML, CSS and JavaScript served at /studio/ (no build step).
        .target(name: "DocStudio", resources: [.copy("Site")], swiftSettings: swiftSettings),
        // The HTTP service: routes, middleware, the render pool, the batch worker.
        .target(
            name: "DocServer",
            dependencies: [
                "DocPipeline", "DocStore", "DocStudio", "DocEngine", "Templates", "Signatures", "Sheets",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // What both executables share: the rendering options, one-line errors, the entry point.
        .target(
            name: "DocCommandLine",
            dependencies: [
                "DocPipeline", "DocEngine", "Templates", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        // The command line of documents: render, check, preview, samples, signatures. It links no
        // HTTP server and no database driver; `docengine serve|keys|store` hands over to the next one.
        .executableTarget(
            name: "docengine",
            dependencies: [
                "DocCommandLine", "DocPipeline", "DocEngine", "Templates", "Signatures",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings,
            // The Swift runtime and Foundation linked in: a cold `docengine render` no longer spends
            // a third of its time binding symbols of a dozen Swift shared libraries.
            linkerSettings: [.unsafeFlags(staticSwiftRuntime, .when(configuration: .release))]
        ),
        // The service and its store's commands (serve, keys, store), run as `docengine serve …`.
        .executableTarget(
            name: "docengine-service",
            dependencies: [
                "DocCommandLine", "DocServer", "DocPipeline", "DocStore", "DocEngine", "Templates",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            // Linked against the shared Swift runtime: a server starts once, and its S3 client's
            // XML parser (FoundationXML) has no static build here.
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "DocBench",
            dependencies: ["DocEngine", "Templates", "Signatures"],
            path: "Benchmarks/DocBench",
            swiftSettings: swiftSettings
        ),

        // What each libFuzzer target does with one input; the regression tests replay crashes through it.
        .target(
            name: "FuzzEntries", dependencies: ["Templates", "Signatures", "DocEngine"], path: "Fuzz/Entries",
            swiftSettings: swiftSettings),

        // Test-only helpers every test target shares: the repository root, the built binaries,
        // running tools, and reviewed references (text snapshots and PNG goldens, one record switch).
        .target(name: "DocTestSupport", dependencies: ["DocEngine", "Templates", "CZlib"], path: "Tests/DocTestSupport", swiftSettings: swiftSettings),

        .testTarget(
            name: "DocEngineTests",
            dependencies: ["DocEngine", "DocTestSupport", "CFreeType", "CCairo", "CPDFNumbers", "CPDFStreams", "CSfntTables", "CZlib"],
            exclude: ["Fixtures", "Snapshots"], swiftSettings: swiftSettings),
        .testTarget(
            name: "TemplatesTests", dependencies: ["Templates", "DocEngine", "DocTestSupport", "Sheets"], exclude: ["Fixtures", "Snapshots"],
            swiftSettings: swiftSettings),
        .testTarget(name: "SignaturesTests", dependencies: ["Signatures"], swiftSettings: swiftSettings),
        .testTarget(name: "SheetsTests", dependencies: ["Sheets", "DocTestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "DocPipelineTests",
            dependencies: ["DocPipeline", "DocEngine", "Templates", "Signatures", "Sheets", "DocTestSupport", "FuzzEntries"],
            exclude: ["Goldens"],  // read from the source tree by path, not bundled
            swiftSettings: swiftSettings),
        .testTarget(
            name: "DocStoreTests",
            dependencies: [
                "DocStore", "DocTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"), .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "DocServerTests",
            dependencies: [
                "DocServer", "DocPipeline", "DocStore", "DocEngine", "Templates", "DocTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings),
    ],
    swiftLanguageModes: [.v6]
)

// libFuzzer targets (`make fuzz`, scripts/fuzz.sh): only when DOCENGINE_FUZZ is set, since they are
// built with `--sanitize=fuzzer` (libFuzzer supplies `main`) and must never be part of `make test`.
if ProcessInfo.processInfo.environment["DOCENGINE_FUZZ"] != nil {
    for name in ["FuzzTemplateParser", "FuzzJSONParser", "FuzzSignatureInput", "FuzzImageHeaders"] {
        package.targets.append(
            .executableTarget(
                name: name, dependencies: ["FuzzEntries"], path: "Fuzz/Targets/\(name)",
                swiftSettings: swiftSettings + [.unsafeFlags(["-parse-as-library"])]))
    }
}
