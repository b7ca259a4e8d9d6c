import ArgumentParser
import Foundation
import SitemarkKit
import SitemarkPreview

@main
struct Sitemark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sitemark",
        abstract: "Builds a cross-linked static documentation site from Markdown.",
        subcommands: [Build.self, Check.self, Serve.self, New.self, Render.self],
        defaultSubcommand: Build.self)
}

/// Options every project command shares.
struct ProjectOptions: ParsableArguments {
    @Option(name: .long, help: "Project folder (holds Pages/, Templates/, Public/).")
    var root: String = "."

    var layout: ProjectLayout {
        ProjectLayout(root: URL(fileURLWithPath: root, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)))
    }
}

/// Prints diagnostics compiler-style to standard error, then the summary line.
func report(_ report: BuildReport) {
    for diagnostic in report.diagnostics {
        FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
    }
    FileHandle.standardError.write(Data((report.summary + "\n").utf8))
}

/// Options of the commands that run the pipeline: the build cache and stage timings.
struct PipelineOptions: ParsableArguments {
    @Flag(name: .customLong("no-cache"), help: "Neither read nor update the build cache (.sitemark-cache/).")
    var noCache = false
    @Flag(help: "Print how long each stage took and how much the build cache saved.")
    var timings = false

    func apply(to options: inout BuildOptions) {
        if noCache { options.cacheFolder = nil }
    }

    /// `Stages: load 0.081 s, parse 0.412 s, …` and what was redone, to standard error.
    func printTimings(_ report: BuildReport) {
        guard timings else { return }
        let stages = report.stageSeconds.map { "\($0.stage) \(String(format: "%.3f", $0.seconds)) s" }
        var lines = ["Stages: " + (stages + ["total \(String(format: "%.3f", report.totalSeconds)) s"]).joined(separator: ", ")]
        if report.upToDate {
            lines.append("Cache: nothing changed since the last build; \(report.filesUnchanged) files checked, none written.")
        } else {
            lines.append("Cache: parsed \(report.pagesParsed) (\(report.treesKept) trees kept for rendering), "
                         + "rendered \(report.pagesRendered) of \(report.pageCount) pages; wrote \(report.filesWritten) files, \(report.filesUnchanged) unchanged.")
        }
        FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build the site into the output folder (default _site/).")

    @OptionGroup var project: ProjectOptions
    @Option(help: "Output folder.") var output: String?
    @Option(name: .customLong("base-url"), help: "Absolute address the site is published at (overrides site.yml).")
    var baseURL: String?
    @Flag(help: "Include pages marked draft: true.") var drafts = false
    @Flag(help: "Treat warnings as errors.") var strict = false
    @OptionGroup var pipeline: PipelineOptions

    /// A bad value is a usage error (exit 64), found before any page is read.
    func validate() throws {
        if let baseURL, case .failure(let failure) = SiteConfig.normalizedBaseURL(baseURL) {
            throw ValidationError("--base-url: \(failure.message)")
        }
    }

    func run() throws {
        var layout = project.layout
        if let output { layout = ProjectLayout(root: layout.root, output: URL(fileURLWithPath: output)) }
        var options = BuildOptions(layout: layout)
        options.baseURL = baseURL
        options.includeDrafts = drafts
        options.strict = strict
        pipeline.apply(to: &options)
        let result = SiteBuilder().build(options)
        report(result)
        if result.wroteOutput, let search = result.searchIndex {
            FileHandle.standardError.write(Data((search.summary + "\n").utf8))
        }
        pipeline.printTimings(result)
        if !result.succeeded { throw ExitCode(1) }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run every validation without writing anything.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var project: ProjectOptions
    @Option(help: "Report format: text or json.") var format: Format = .text
    @Flag(help: "Treat warnings as errors.") var strict = false
    @Option(name: .customLong("as-of"), help: ArgumentHelp(
        "Measure review ages on this date (YYYY-MM-DD) instead of today.", valueName: "date"))
    var asOf: String?
    @OptionGroup var pipeline: PipelineOptions

    /// In `validate`, so the usage line printed with the error is `check`'s.
    func validate() throws {
        if let asOf, ReviewDate(asOf) == nil {
            throw ValidationError("--as-of must be a date written YYYY-MM-DD, not '\(asOf)'")
        }
    }

    func run() throws {
        var options = BuildOptions(layout: project.layout)
        options.writeOutput = false
        options.strict = strict
        if let asOf, let date = ReviewDate(asOf) { options.today = date }
        pipeline.apply(to: &options)
        let result = SiteBuilder().build(options)
        switch format {
        case .text:
            if let review = result.review, review.maxAgeDays != nil, !review.entries.isEmpty {
                // Written at once (not buffered), so it comes before the diagnostics on standard error.
                FileHandle.standardOutput.write(Data((review.textTable() + "\n").utf8))
            }
            report(result)
            pipeline.printTimings(result)
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let payload = CheckPayload(diagnostics: result.diagnostics, pages: result.pageCount,
                                       errors: result.diagnostics.errorCount, warnings: result.diagnostics.warningCount,
                                       review: result.review?.entries ?? [],
                                       reviewPolicy: result.review.map {
                                           ReviewPolicy(today: $0.today, maxAgeDays: $0.maxAgeDays,
                                                        readabilityTarget: $0.readabilityTarget)
                                       })
            print(String(decoding: try encoder.encode(payload), as: UTF8.self))
        }
        if !result.succeeded { throw ExitCode(1) }
    }

    struct CheckPayload: Encodable {
        var diagnostics: [Diagnostic]
        var pages: Int
        var errors: Int
        var warnings: Int
        /// Every article's review status.
        var review: [ReviewEntry]
        var reviewPolicy: ReviewPolicy?
    }

    struct ReviewPolicy: Encodable {
        var today: String
        var maxAgeDays: Int?
        var readabilityTarget: Double
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Preview the site locally, rebuilding on save.",
        discussion: """
            Builds into .sitemark-cache/preview/ (never _site/), serves it, watches Pages/, \
            Templates/ and Public/, rebuilds on every save and reloads open pages; build errors \
            appear over the page while the last good site stays served. Drafts are shown, with \
            a banner, unless --no-drafts is given; 'sitemark build' never includes them.
            """)

    @OptionGroup var project: ProjectOptions
    @Option(help: "Address to listen on (loopback unless you say otherwise).") var host = "127.0.0.1"
    @Option(help: "Port to listen on (0: any free port).") var port = 8000
    @Flag(inversion: .prefixedNo, help: "Show pages marked draft: true, with a banner.") var drafts = true
    @Option(name: .customLong("debounce-ms"), help: ArgumentHelp("Quiet time before a rebuild, in milliseconds.", visibility: .hidden))
    var debounceMilliseconds = 50

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard debounceMilliseconds >= 0 else { throw ValidationError("--debounce-ms must not be negative") }
    }

    func run() async throws {
        var configuration = PreviewConfiguration(layout: project.layout)
        configuration.host = host
        configuration.port = port
        configuration.includeDrafts = drafts
        configuration.quietPeriod = .milliseconds(debounceMilliseconds)
        do {
            try await PreviewServer(configuration: configuration).run()
        } catch let failure as PreviewFailure {
            FileHandle.standardError.write(Data("sitemark: error: \(failure.description)\n".utf8))
            throw ExitCode(1)
        } catch let failure as WatchFailure {
            FileHandle.standardError.write(Data("sitemark: error: \(failure.description)\n".utf8))
            throw ExitCode(1)
        }
    }
}

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create a page with complete front matter.")

    @OptionGroup var project: ProjectOptions
    @Argument(help: "SECTION/SLUG, e.g. conditions/whiplash") var path: String
    @Option(help: "The page title.") var title: String?

    func run() throws {
        let layout = project.layout
        do {
            let created = try PageScaffold(path: path, title: title).create(in: layout)
            print("Created \(layout.displayPath(created)), a draft: 'sitemark serve' shows it; remove 'draft: true' to publish it")
        } catch let error as PageScaffold.Failure {
            FileHandle.standardError.write(Data("sitemark: error: \(error.description)\n".utf8))
            throw ExitCode(1)
        }
    }
}

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the HTML of one Markdown file (or standard input) with Sitemark's extensions.")

    @Argument(help: "Markdown file; standard input when omitted.") var file: String?
    @Flag(name: .customLong("raw-html"), help: "Pass raw HTML through (as 'markdown: {raw_html: true}' in site.yml does).")
    var rawHTML = false

    func run() throws {
        let data: Data
        if let file {
            guard let contents = FileManager.default.contents(atPath: file) else {
                FileHandle.standardError.write(Data("sitemark: error: cannot read \(file)\n".utf8))
                throw ExitCode(1)
            }
            data = contents
        } else {
            data = FileHandle.standardInput.readDataToEndOfFile()
        }
        // A file is most likely a page: its front matter is not Markdown to show. Standard input
        // is read as Markdown alone (a `---` there is a thematic break).
        switch FragmentRenderer.render(utf8: [UInt8](data), file: file ?? "<stdin>", allowRawHTML: rawHTML,
                                       skippingFrontMatter: file != nil) {
        case .success(let html):
            FileHandle.standardOutput.write(Data(html.utf8))
        case .failure(let diagnostic):
            FileHandle.standardError.write(Data("\(diagnostic)\n".utf8))
            throw ExitCode(1)
        }
    }
}
