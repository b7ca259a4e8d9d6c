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
    /// The build cache to use and update. A long-running process (the preview server) keeps one
    /// across rebuilds, so unchanged pages stay parsed in memory; nil gives each build a fresh one.
    public var cache: BuildCache?
    /// Where the cache is kept between runs (`.sitemark-cache/` in the project); nil keeps it in
    /// memory only (`--no-cache`).
    public var cacheFolder: URL?
    /// Resolve the site even when nothing changed since the last build, so that the report has
    /// a `snapshot` (the preview's first build, when its cache is warm from an earlier run).
    public var needsSnapshot = false
    /// Bytes the parse stage may keep of page trees for the render stage (0: none, every body is
    /// parsed again when rendered). Output is the same either way.
    var keptTreeBudget = SiteBuilder.keptTreeBudget

    public init(layout: ProjectLayout) {
        self.layout = layout
        cacheFolder = layout.cache
    }
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
    /// False for `sitemark check`, which writes nothing (its summary says so).
    public var meantToWrite = true
    /// Pages this build parsed and rendered; the others came from the cache.
    public var pagesParsed = 0
    public var pagesRendered = 0
    /// Parsed pages whose tree the parse stage kept for the render stage (see `keptTreeBudget`).
    public var treesKept = 0
    /// Nothing changed since the last build: it stopped after loading, and `site` is nil.
    public var upToDate = false
    public var site: Site?
    /// What `PageRefresh` needs to render an edited page again; set when the build succeeded
    /// and wrote its output (nil for an up-to-date build, which resolved nothing).
    public var snapshot: SiteSnapshot?
    /// Every article's medical-review status (nil when the build stopped before resolving).
    public var review: ReviewReport?
    /// The search index the render stage produced (size in bytes of `search-index.js`).
    public var searchIndex: SearchIndexStats?

    public var succeeded: Bool { !diagnostics.hasErrors }

    public struct SearchIndexStats: Sendable, Codable {
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
        let verb = succeeded ? (wroteOutput ? "Built" : "Checked") : meantToWrite ? "Build failed after reading" : "Check failed after reading"
        let errors = diagnostics.errorCount, warnings = diagnostics.warningCount
        return "\(verb) \(pageCount) page\(pageCount == 1 ? "" : "s") in \(String(format: "%.2f", totalSeconds)) s: "
            + "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")."
            + (succeeded || !meantToWrite ? "" : " The previous output was left untouched.")
    }
}

/// Runs the pipeline: load -> parse -> resolve -> render -> write. Each stage hands a value to
/// the next; nothing reaches back. On any error the output folder is not touched.
///
/// With the build cache (`BuildCache`), parse and render skip pages whose inputs hash as
/// before, and a build in which nothing changed stops after loading. Results never depend on
/// the cache: a build with it gives the same bytes as one without.
public struct SiteBuilder: Sendable {
    public init() {}

    public func build(_ options: BuildOptions) -> BuildReport {
        let cache = options.cache ?? BuildCache()
        var report = build(options, cache: cache)
        // The cache stage: what changed goes back to .sitemark-cache/ (a cache that cannot be
        // saved only makes the next build slower, so a failure here is not an error).
        if let folder = options.cacheFolder {
            let start = DispatchTime.now().uptimeNanoseconds
            try? cache.save(to: folder)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            report.stageSeconds.append(("cache", seconds))
            report.totalSeconds += seconds
        }
        return report
    }

    private func build(_ options: BuildOptions, cache: BuildCache) -> BuildReport {
        var report = BuildReport()
        report.meantToWrite = options.writeOutput
        var clock = StageClock()
        defer { report.totalSeconds = clock.total }
        func finish() -> BuildReport {
            if options.strict { report.diagnostics = report.diagnostics.promotingWarnings() }
            report.diagnostics = report.diagnostics.sortedForDisplay()
            report.stageSeconds = clock.stages
            report.totalSeconds = clock.total
            return report
        }
        if let folder = options.cacheFolder { cache.loadIfNeeded(from: folder) }
        let last = cache.snapshot()

        // load
        let (tree, loadProblems) = SourceTree.load(options.layout)
        report.diagnostics += loadProblems
        if loadProblems.hasErrors && tree.pages.isEmpty { return finish() }
        var (config, configProblems) = SiteConfig.parse(tree.siteConfig)
        report.diagnostics += configProblems
        // Built with settings site.yml does not hold, every later check would report what
        // follows from them (a link to the editorial page a review policy would have made).
        if configProblems.hasErrors { return finish() }
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
        let keys = BuildKeys(tree: tree, options: options)
        let writer = OutputWriter(output: options.layout.output)
        let copies = tree.pageAssets.map { OutputWriter.Copy(path: $0.path, source: $0.source) }
            + tree.publicAssets.map { OutputWriter.Copy(path: $0.path, source: $0.source) }
        clock.lap("load")

        // Nothing changed since the last build, and its output is as it left it: done.
        if options.writeOutput, !options.needsSnapshot, let record = last.lastBuild, record.key == keys.build, !loadProblems.hasErrors,
           let manifest = writer.trusted(last.output),
           let stats = try? writer.write(Self.unchangedFiles(manifest, except: copies), copies: copies, previous: manifest) {
            report.diagnostics = record.diagnostics
            report.pageCount = record.pageCount
            report.review = record.review
            report.searchIndex = record.searchIndex
            report.filesWritten = stats.0.written
            report.filesUnchanged = stats.0.unchanged
            report.wroteOutput = true
            report.upToDate = true
            cache.update { state in
                state.output = stats.1
                if stats.1.buildID != manifest.buildID { state.recordDirty = true }
            }
            clock.lap("write")
            return finish()
        }

        // parse: the glossary first, since each page's parse records the terms it mentions
        cache.loadPagesIfNeeded()
        let previous = cache.snapshot()
        let termParser = TermParser(allowRawHTML: config.allowRawHTML)
        let terms = tree.glossary.parallelMap { termParser.parse($0) }
        let draftTerms = options.includeDrafts ? [] : terms.filter(\.draft)
        let glossary = Glossary(options.includeDrafts ? terms : terms.filter { !$0.draft })
        report.diagnostics += glossary.diagnostics
        // A draft entry's own mistakes are still reported, as a draft page's are.
        report.diagnostics += draftTerms.flatMap(\.diagnostics)
        let parser = PageParser(allowRawHTML: config.allowRawHTML, terms: glossary.matcher)
        let parserKey = keys.parser(allowRawHTML: config.allowRawHTML, glossary: glossary)
        let work = Self.parseWork(tree.pages, hashes: keys.pages, parserKey: parserKey, previous: previous,
                                  budget: options.keptTreeBudget)
        // Pages are parsed in runs of 32 that share a readability memo: a site's pages keep
        // using the same few thousand words, and each is worked out once per run, not per page.
        let parseResults = work.parallelMap(chunkSize: 32, scratch: { Readability.SyllableMemo() }) { memo, item -> ParseOutcome in
            if let cached = item.cached {
                return ParseOutcome(page: cached.page, key: item.key, publicKey: cached.publicKey, fresh: false)
            }
            let (page, tree) = parser.parse(item.file, readabilityMemo: &memo, keepingTree: item.keepsTree)
            return ParseOutcome(page: page, key: item.key, publicKey: SiteFingerprint.publicFingerprint(of: page),
                                fresh: true, tree: tree)
        }
        var parsed = parseResults.map(\.page)
        report.pagesParsed = parseResults.count { $0.fresh }
        report.treesKept = parseResults.count { $0.tree != nil }
        for page in parsed { report.diagnostics += page.diagnostics }
        let drafts = options.includeDrafts ? [] : Set(parsed.filter(\.metadata.draft).map(\.path) + draftTerms.map(\.path))
        if !options.includeDrafts { parsed.removeAll { $0.metadata.draft } }
        clock.lap("parse")

        // resolve
        let assets = (tree.pageAssets + tree.publicAssets).map { (path: $0.path, source: options.layout.displayPath($0.source)) }
        let publishing = PublishingFiles(config: config, templates: templates)
        let generatedOutputs = publishing.generatedOutputs.merging(SearchOutput.outputs(for: templates)) { publishing, _ in publishing }
        let site = SiteResolver(config: config, assetSources: assets, generatedOutputs: generatedOutputs)
            .resolve(parsed, glossary: glossary, extraTargets: publishing.linkTargets, drafts: drafts)
        report.diagnostics += site.diagnostics
        report.diagnostics += SiteChecks(site: site, templates: templates, config: config,
                                         configFile: tree.siteConfig?.displayPath ?? "").diagnostics
        let (review, reviewProblems) = ReviewAudit(config: config, today: options.today).audit(site)
        report.diagnostics += reviewProblems
        report.pageCount = site.pages.count
        report.site = site
        report.review = review
        clock.lap("resolve")

        // render: a page whose inputs hash as last time, and whose file is still in the output
        // as written then, is not rendered (nor written) again.
        let renderer = {
            var renderer = PageRenderer(site: site, templates: templates)
            renderer.extraHead = options.extraHead
            renderer.isPreview = options.isPreview
            renderer.hasEditorialPage = publishing.editorialPage
            return renderer
        }()
        let renderKey = keys.render(glossary: glossary)
        let trusted = options.writeOutput ? writer.trusted(previous.output) : nil
        // Checked once, here: the write stage reports it (when nothing else failed first).
        let outputRefusal = options.writeOutput ? writer.validate(against: options.layout) : nil
        // A staged write (new output, or one the cache does not know) takes each page as soon as
        // it is rendered, so no more than a few pages' bytes are in memory at a time. Only when
        // the build can still succeed: otherwise nothing may be written anywhere.
        let staging: OutputWriter.Staging? = options.writeOutput && trusted == nil && !failing(report.diagnostics, options)
            && outputRefusal == nil ? try? writer.beginStaging() : nil
        let byPath = Dictionary(zip(tree.pages.map(\.path), parseResults), uniquingKeysWith: { first, _ in first })
        let siteKey = {
            var hasher = FingerprintHasher()
            hasher.combine(SiteFingerprint.of(site, publicKeys: byPath.mapValues(\.publicKey), renderKey: renderKey))
            hasher.combine(options.today.text)
            return hasher.finalize()
        }()
        let pages = site.pageOrder.map { site.pages[$0]! }
        var rendered = pages.parallelMap { page -> RenderOutcome in
            // Reusable when its file is still in the output as written from this entry.
            func reusable(_ entry: BuildCache.RenderEntry) -> Bool {
                !options.writeOutput || trusted.map({ writer.isIntact(page.outputPath, in: $0, hash: entry.output) }) == true
            }
            var shortcutHasher = FingerprintHasher()
            shortcutHasher.combine(siteKey)
            shortcutHasher.combine(page.path)
            shortcutHasher.combine(byPath[page.path]?.key ?? Fingerprint.of(page.path))
            let shortcut = shortcutHasher.finalize()
            // Taken first, so a page that is not rendered frees its tree now.
            let keptTree = byPath[page.path]?.tree?.take(for: page.parsed)
            let entry = previous.renders[page.outputPath]
            if let entry, entry.shortcut == shortcut, reusable(entry) {
                return RenderOutcome(path: page.outputPath, inputs: entry.inputs, shortcut: shortcut, hash: entry.output, body: .unchanged)
            }
            let context = renderer.makeContext(for: page, content: "")
            var hasher = FingerprintHasher()
            hasher.combine(renderKey)
            renderer.renderInputs(of: page, context: context, into: &hasher)
            let inputs = hasher.finalize()
            if let entry, entry.inputs == inputs, reusable(entry) {
                return RenderOutcome(path: page.outputPath, inputs: inputs, shortcut: shortcut, hash: entry.output, body: .unchanged)
            }
            let file = renderer.render(page, context: context, tree: keptTree)
            let hash = Fingerprint.of(file.bytes)
            if let staging, let (record, written) = try? staging.put(file.path, bytes: file.bytes, hash: hash) {
                return RenderOutcome(path: file.path, inputs: inputs, shortcut: shortcut, hash: hash, body: .staged(record, written: written))
            }
            return RenderOutcome(path: file.path, inputs: inputs, shortcut: shortcut, hash: hash, body: .bytes(file.bytes))
        }
        report.pagesRendered = rendered.count { $0.isNew }
        // Site-wide files (glossary, editorial and 404 pages, sitemap, feed, search index) depend on
        // many pages: always made, and written only where their bytes changed.
        var generated = GlossaryRenderer(pages: renderer).render()
        generated += publishing.pages(renderer, review: review)
        generated += publishing.webFiles(site: site, review: review, otherPages: SearchOutput.sitemapPages(for: templates))
        let searchDocuments = SearchDocument.pages(of: site) + SearchDocument.glossary(of: site) + publishing.searchDocuments
        if let search = SearchOutput.render(searchDocuments, with: renderer) {
            generated += search.files
            report.diagnostics += search.diagnostics
            report.searchIndex = .init(bytes: search.indexBytes, documents: search.index.entries.count,
                                       words: search.index.words.count)
        }
        rendered += generated.parallelMap { file in
            let hash = Fingerprint.of(file.bytes)
            return RenderOutcome(path: file.path, inputs: hash, shortcut: hash, hash: hash, body: .bytes(file.bytes))
        }
        report.diagnostics += themeAnchorProblems(site, rendered: rendered, renderer: renderer, staging: staging, options: options)
        clock.lap("render")

        cache.update { state in
            Self.record(parsed: zip(tree.pages, parseResults), into: &state)
            for outcome in rendered {
                state.renders[outcome.path] = BuildCache.RenderEntry(path: outcome.path, inputs: outcome.inputs,
                                                                     shortcut: outcome.shortcut, output: outcome.hash)
            }
            state.recordDirty = true
        }

        // write
        guard options.writeOutput, !failing(report.diagnostics, options) else {
            staging?.discard()
            return finish()
        }
        if let refusal = outputRefusal {
            staging?.discard()
            report.diagnostics.append(refusal)
            return finish()
        }
        let planned = rendered.map { OutputWriter.Planned(path: $0.path, hash: $0.hash, body: $0.body) }
        do {
            let (stats, manifest) = try writer.write(planned, copies: copies, previous: trusted, staging: staging)
            report.filesWritten = stats.written
            report.filesUnchanged = stats.unchanged
            report.wroteOutput = true
            report.snapshot = SiteSnapshot(site: site, renderer: renderer, parser: parser, layout: options.layout)
            let final = finish()
            cache.update { state in
                state.output = manifest
                state.lastBuild = BuildCache.BuildRecord(key: keys.build, diagnostics: final.diagnostics, pageCount: final.pageCount,
                                                         review: final.review, searchIndex: final.searchIndex)
                state.recordDirty = true
            }
        } catch {
            let hint = error is OutputWriter.OutputChanged
                ? "another program changed the output folder while Sitemark wrote it; build again (the next build writes every file)"
                : "check that the folder and its parent are writable"
            report.diagnostics.append(.error("\(error)", file: "", hint: hint))
            cache.update { state in
                state.output = nil
                state.lastBuild = nil
                state.recordDirty = true
            }
        }
        clock.lap("write")
        return finish()
    }

    /// Links to ids the theme writes, looked for in the pages as rendered.
    private func themeAnchorProblems(_ site: Site, rendered: [RenderOutcome], renderer: PageRenderer,
                                     staging: OutputWriter.Staging?, options: BuildOptions) -> [Diagnostic] {
        guard !site.themeAnchorLinks.isEmpty else { return [] }
        let byOutput = Dictionary(rendered.map { ($0.path, $0.body) }, uniquingKeysWith: { first, _ in first })
        let pagesByOutput = Dictionary(site.pages.values.map { ($0.outputPath, $0) }, uniquingKeysWith: { first, _ in first })
        return ThemeAnchors(links: site.themeAnchorLinks).problems { path in
            switch byOutput[path] {
            case .bytes(let bytes): bytes
            case .staged: staging.flatMap { FileIO.readFile($0.folder.appendingPathComponent(path).path) }
            // Reused from the cache: in the output, checked intact, or (a `check`, whose output
            // folder may be older) rendered again, for the few pages such links name.
            case .unchanged: options.writeOutput ? FileIO.readFile(options.layout.output.appendingPathComponent(path).path)
                : pagesByOutput[path].map { renderer.render($0).bytes }
            case nil: nil
            }
        }
    }

    /// Whether these diagnostics fail the build (any error; any warning under `--strict`).
    private func failing(_ diagnostics: [Diagnostic], _ options: BuildOptions) -> Bool {
        diagnostics.hasErrors || (options.strict && !diagnostics.isEmpty)
    }

    /// One page's parse result, and whether this build parsed it (or the cache had it).
    struct ParseOutcome: Sendable {
        var page: ParsedPage
        var key: Fingerprint
        var publicKey: Fingerprint
        var fresh: Bool
        /// The body's tree, kept for the render stage (fresh pages within the budget).
        var tree: PreparedBody?
    }

    /// How many bytes the parse stage's trees kept for the render stage may take, together.
    /// Keeping a tree spares the render stage parsing the body and making its tables again
    /// (about a tenth of a cold build in profiles). The budget keeps the peak memory of a large
    /// site within bounds; pages past it are parsed again, as before.
    static let keptTreeBudget = 128 << 20
    /// Bytes a page's cmark tree takes per byte of its Markdown, as measured: about 4 for
    /// prose, 16 for a page of tables. The larger, so the budget holds.
    static let treeBytesPerMarkdownByte = 16

    /// A page to parse, or the cache's result for it; and whether its tree is kept.
    struct ParseWork: Sendable {
        var file: SourceFile
        var key: Fingerprint
        var cached: (page: ParsedPage, publicKey: Fingerprint)?
        var keepsTree = false
    }

    /// Looks each page up in the cache, then gives the pages to parse their trees in page order
    /// while the budget lasts (in page order, so a build keeps the same trees every time).
    static func parseWork(_ files: [SourceFile], hashes: [Fingerprint], parserKey: Fingerprint,
                          previous: BuildCache.State, budget: Int) -> [ParseWork] {
        var remaining = budget
        return zip(files, hashes).map { file, hash in
            let key = BuildKeys.page(file, hash: hash, parser: parserKey)
            var work = ParseWork(file: file, key: key)
            if let entry = previous.pages[file.path], entry.key == key, let page = entry.page.page {
                work.cached = (page, entry.publicKey)
                return work
            }
            let estimate = file.bytes.count * treeBytesPerMarkdownByte
            if estimate <= remaining {
                remaining -= estimate
                work.keepsTree = true
            }
            return work
        }
    }

    /// One page's render result: new bytes (in memory, or already in the staging folder), or
    /// `.unchanged` when the output already holds them.
    struct RenderOutcome: Sendable {
        var path: String
        var inputs: Fingerprint
        var shortcut: Fingerprint
        var hash: Fingerprint
        var body: OutputWriter.Planned.Body

        /// Rendered by this build (not taken from the cache).
        var isNew: Bool {
            if case .unchanged = body { return false }
            return true
        }
    }

    /// Every file of the manifest but the copies (which the writer checks against their sources).
    private static func unchangedFiles(_ manifest: OutputManifest, except copies: [OutputWriter.Copy]) -> [OutputWriter.Planned] {
        let copied = Set(copies.map(\.path))
        return manifest.files.values.filter { !copied.contains($0.path) }.sorted { $0.path < $1.path }
            .map { OutputWriter.Planned(path: $0.path, hash: $0.hash, body: .unchanged) }
    }

    /// The parse results become the cache's page entries: exactly the pages that exist now.
    private static func record<S: Sequence>(parsed results: S, into state: inout BuildCache.State)
    where S.Element == (SourceFile, ParseOutcome) {
        var pages: [String: BuildCache.PageEntry] = [:]
        for (file, outcome) in results {
            pages[file.path] = BuildCache.PageEntry(key: outcome.key, publicKey: outcome.publicKey, page: .decoded(outcome.page))
            if state.pages[file.path]?.key != outcome.key { state.dirtyShards.insert(BuildCache.shard(of: file.path)) }
        }
        for path in state.pages.keys where pages[path] == nil { state.dirtyShards.insert(BuildCache.shard(of: path)) }
        state.pages = pages
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
