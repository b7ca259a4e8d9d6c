import Foundation

public struct BuildOptions: Sendable {
    public var layout: ProjectLayout
    public var includeDrafts = false
    /// Warnings count as errors.
    public var strict = false
    /// Overrides `base_url` from site.yml.
    public var baseURL: String?
    /// false for `sitemark check`: every validation, nothing written.
    public var writeOutput = true
    /// Markup added to every page's head (the preview server's reload script).
    public var extraHead = ""
    public var isPreview = false
    /// The date review ages are measured to. Injected so checks and tests do not depend on
    /// the clock; nothing written to the output depends on it.
    public var today = ReviewDate(Date())

    public init(layout: ProjectLayout) { self.layout = layout }
}

public struct BuildReport: Sendable {
    public var diagnostics: [Diagnostic] = []
    public var pageCount = 0
    public var filesWritten = 0
    public var filesUnchanged = 0
    /// Seconds per stage, in pipeline order.
    public var stageSeconds: [(stage: String, seconds: Double)] = []
    public var totalSeconds = 0.0
    /// True when the output folder was replaced by this build.
    public var wroteOutput = false
    public var site: Site?
    /// Every article's medical-review status (nil when the build stopped before resolving).
    public var review: ReviewReport?
    /// The search index the render stage produced (size in bytes of `search-index.js`).
    public var searchIndex: SearchIndexStats?

    public var succeeded: Bool { !diagnostics.hasErrors }

    public struct SearchIndexStats: Sendable {
        public var bytes: Int
        public var documents: Int
        public var words: Int

        /// `Search index: search-index.js, 96.4 KB (37 documents, 4,120 words).`
        public var summary: String {
            let size = bytes >= 1_000_000 ? String(format: "%.2f MB", Double(bytes) / 1e6) : String(format: "%.1f KB", Double(bytes) / 1e3)
            return "Search index: \(SearchIndexScript.fileName), \(size) (\(documents) document\(documents == 1 ? "" : "s"), \(words) words)."
        }
    }

    /// `Built 42 pages in 0.31 s: 0 errors, 1 warning.`
    public var summary: String {
        let verb = succeeded ? (wroteOutput ? "Built" : "Checked") : "Build failed after reading"
        let errors = diagnostics.errorCount, warnings = diagnostics.warningCount
        return "\(verb) \(pageCount) page\(pageCount == 1 ? "" : "s") in \(String(format: "%.2f", totalSeconds)) s: "
            + "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")."
            + (succeeded ? "" : " The previous output was left untouched.")
    }
}

/// Runs the pipeline: load -> parse -> resolve -> render -> write. Each stage hands a value to
/// the next; nothing reaches back. On any error the output folder is not touched.
public struct SiteBuilder: Sendable {
    public init() {}

    public func build(_ options: BuildOptions) -> BuildReport {
        var report = BuildReport()
        var clock = StageClock()
        defer { report.totalSeconds = clock.total }
        func finish() -> BuildReport {
            if options.strict { report.diagnostics = report.diagnostics.promotingWarnings() }
            report.diagnostics = report.diagnostics.sortedForDisplay()
            report.stageSeconds = clock.stages
            report.totalSeconds = clock.total
            return report
        }

        // load
        let (tree, loadProblems) = SourceTree.load(options.layout)
        report.diagnostics += loadProblems
        if loadProblems.hasErrors && tree.pages.isEmpty { return finish() }
        var (config, configProblems) = SiteConfig.parse(tree.siteConfig)
        report.diagnostics += configProblems
        if let baseURL = options.baseURL {
            switch SiteConfig.normalizedBaseURL(baseURL) {
            case .success(let normalized): config.baseURL = normalized
            case .failure(let failure):
                report.diagnostics.append(.error("--base-url: \(failure.message)", file: "",
                                                 hint: "for example --base-url https://clinic.example/knowledge/"))
            }
        }
        if config.baseURL == nil && !options.writeOutput {
            report.diagnostics.append(.warning(
                "site.yml has no base_url: pages get no canonical link or og:url, and no sitemap.xml or feed.xml is written",
                file: tree.siteConfig?.displayPath ?? "", line: tree.siteConfig == nil ? 0 : 1, column: tree.siteConfig == nil ? 0 : 1,
                hint: "add 'base_url: https://your.domain/path/' to site.yml, or pass --base-url to sitemark build"))
        }
        let (templates, templateProblems) = TemplateSet.load(tree.templates)
        report.diagnostics += templateProblems
        clock.lap("load")

        // parse: the glossary first, since each page's parse records the terms it mentions
        let termParser = TermParser(allowRawHTML: config.allowRawHTML)
        let glossary = Glossary(tree.glossary.parallelMap { termParser.parse($0) })
        report.diagnostics += glossary.diagnostics
        let parser = PageParser(allowRawHTML: config.allowRawHTML, terms: glossary.matcher)
        var parsed = tree.pages.parallelMap { parser.parse($0) }
        for page in parsed { report.diagnostics += page.diagnostics }
        if !options.includeDrafts { parsed.removeAll { $0.metadata.draft } }
        clock.lap("parse")

        // resolve
        let assets = Set(tree.pageAssets.map(\.path)).union(tree.publicAssets.map(\.path))
        let publishing = PublishingFiles(config: config, templates: templates)
        let generatedOutputs = publishing.generatedOutputs.merging(SearchOutput.outputs(for: templates)) { publishing, _ in publishing }
        let site = SiteResolver(config: config, assetPaths: assets, generatedOutputs: generatedOutputs)
            .resolve(parsed, glossary: glossary, extraTargets: publishing.linkTargets)
        report.diagnostics += site.diagnostics
        report.diagnostics += missingLayouts(site, templates)
        report.diagnostics += missingGlossaryTemplates(site, templates)
        let (review, reviewProblems) = ReviewAudit(config: config, today: options.today).audit(site)
        report.diagnostics += reviewProblems
        report.pageCount = site.pages.count
        report.site = site
        report.review = review
        clock.lap("resolve")

        // render
        let renderer = {
            var renderer = PageRenderer(site: site, templates: templates)
            renderer.extraHead = options.extraHead
            renderer.isPreview = options.isPreview
            renderer.hasEditorialPage = publishing.editorialPage
            return renderer
        }()
        let pages = site.pageOrder.map { site.pages[$0]! }
        var files = pages.parallelMap { renderer.render($0) }
        files += GlossaryRenderer(pages: renderer).render()
        files += publishing.pages(renderer, review: review)
        files += publishing.webFiles(site: site, review: review, otherPages: SearchOutput.sitemapPages(for: templates))
        let searchDocuments = SearchDocument.pages(of: site) + SearchDocument.glossary(of: site) + publishing.searchDocuments
        if let search = SearchOutput.render(searchDocuments, with: renderer) {
            files += search.files
            report.diagnostics += search.diagnostics
            report.searchIndex = .init(bytes: search.indexBytes, documents: search.index.entries.count,
                                       words: search.index.words.count)
        }
        clock.lap("render")

        // write
        let hasErrors = report.diagnostics.hasErrors || (options.strict && !report.diagnostics.isEmpty)
        guard options.writeOutput, !hasErrors else { return finish() }
        let writer = OutputWriter(output: options.layout.output)
        if let refusal = writer.validate(against: options.layout) {
            report.diagnostics.append(refusal)
            return finish()
        }
        let copies = tree.pageAssets.map { OutputWriter.Copy(path: $0.path, source: $0.source) }
            + tree.publicAssets.map { OutputWriter.Copy(path: $0.path, source: $0.source) }
        do {
            let stats = try writer.write(files, copies: copies)
            report.filesWritten = stats.written
            report.filesUnchanged = stats.unchanged
            report.wroteOutput = true
        } catch {
            report.diagnostics.append(.error("\(error)", file: "", hint: "check that the folder and its parent are writable"))
        }
        clock.lap("write")
        return finish()
    }

    /// The glossary pages need their two templates; without them they would render as nothing.
    private func missingGlossaryTemplates(_ site: Site, _ templates: TemplateSet) -> [Diagnostic] {
        guard let first = site.glossary.entries.first else { return [] }
        return ["glossary", "term"].filter { !templates.has($0) }.map {
            .error("template '\($0)' does not exist, and the glossary needs it", file: first.displayPath, line: 1, column: 1,
                   hint: "expected Templates/\($0).mustache (see the default theme)")
        }
    }

    /// A page whose layout has no template would render as nothing; say so instead.
    private func missingLayouts(_ site: Site, _ templates: TemplateSet) -> [Diagnostic] {
        site.pageOrder.compactMap { path in
            let page = site.pages[path]!
            guard !templates.has(page.layoutName) else { return nil }
            return .error("layout '\(page.layoutName)' does not exist", file: page.parsed.displayPath,
                          line: page.metadata.keyLines["layout"] ?? 1, column: 1,
                          hint: "expected Templates/\(page.layoutName).mustache")
        }
    }
}

/// Wall-clock time per stage.
struct StageClock {
    private let start = DispatchTime.now().uptimeNanoseconds
    private var last = DispatchTime.now().uptimeNanoseconds
    private(set) var stages: [(stage: String, seconds: Double)] = []

    mutating func lap(_ stage: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        stages.append((stage, Double(now - last) / 1e9))
        last = now
    }

    var total: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
}

/// `sitemark render`: one Markdown text to an HTML fragment, with Sitemark's Markdown
/// extensions but no site around it (links are left as written).
public enum FragmentRenderer {
    public static func render(_ markdown: String, allowRawHTML: Bool = false) -> String {
        let document = MarkdownDocument(parsing: markdown)
        PipeTables(source: markdown).apply(to: document)
        return document.renderHTML(allowRawHTML: allowRawHTML)
    }
}
