/// The render stage for one page: the body through our AST transforms and cmark, then the
/// page's layout around it.
public struct PageRenderer: Sendable {
    public let site: Site
    public let templates: TemplateSet
    /// Markup added to every page's `<head>` (the preview's reload script, for instance).
    public var extraHead: String = ""
    public var isPreview: Bool = false
    /// Absolute addresses under `base_url`; nil when the site has none.
    public let address: SiteAddress?
    /// Whether the build writes `feed.xml` (it needs `base_url`), so pages may link to it.
    public var hasFeed: Bool { address != nil }
    /// Whether the build writes `editorial.html`, so the footer may link to it.
    public var hasEditorialPage = false

    /// What a link to each page shows. Templates link to pages by the hundred (menus, listings,
    /// backlinks, a term's mentions); reading these three fields out of `site.pages` copied the
    /// whole `SitePage` each time (1.5% of a build in profiles).
    private let linkTargets: [String: (title: String, outputPath: String, description: String?)]

    public init(site: Site, templates: TemplateSet) {
        self.site = site
        self.templates = templates
        self.address = SiteAddress(baseURL: site.config.baseURL)
        self.linkTargets = site.pages.mapValues { ($0.title, $0.outputPath, $0.metadata.description) }
    }

    public func render(_ page: SitePage) -> RenderedFile {
        render(page, context: makeContext(for: page, content: ""))
    }

    /// Renders with a context from `makeContext(for:content: "")` (the builder makes it first, to
    /// fingerprint it); the body is rendered and put in here, from `tree` when the parse stage
    /// kept it (see `renderBody`).
    func render(_ page: SitePage, context: PageContext, tree: MarkdownDocument? = nil) -> RenderedFile {
        var context = context
        context.page.content = renderBody(of: page, tree: tree)
        let html = templates.render(context, with: page.layoutName) ?? ""
        return RenderedFile(path: page.outputPath, bytes: Array(html.utf8))
    }

    /// Feeds everything `render` reads for this page into `hasher`, for the build cache: a page
    /// whose inputs hash as before is not rendered again. The template context (made with an
    /// empty body) carries all that other pages contribute: menu, breadcrumbs, listings,
    /// previous and next, backlinks, related (titles, URLs, descriptions). Then what
    /// `renderBody` reads. **A transform added to `renderBody` must feed its inputs here**,
    /// or edits to them would leave stale pages; the incremental-equals-clean test is there to
    /// catch that. (The glossary's matcher and linking mode are in the build's render key.)
    func renderInputs(of page: SitePage, context: PageContext, into hasher: inout FingerprintHasher) {
        hasher.combine(page.layoutName)
        hasher.combine(encoding: context)
        // renderBody's inputs: the Markdown (pipe tables are made from it), the tooltips of the
        // glossary entries it mentions, its comparison tables, heading ids, rewritten links.
        hasher.combine(page.parsed.body)
        for slug in page.parsed.termMentions {
            hasher.combine(slug)
            hasher.combine(site.glossary.tooltips[slug] ?? "")
        }
        hasher.combine(encoding: site.comparisons[page.path] ?? [])
        hasher.combine(encoding: page.parsed.headings)
        hasher.combine(encoding: site.rewrittenLinks[page.path] ?? [:])
        hasher.combine(site.config.allowRawHTML)
    }

    /// The page's Markdown as HTML. Order matters: pipe tables first (the parse stage made
    /// them too, so the tree matches the one it scanned), then glossary terms (which must see
    /// exactly that tree, where the page's mentions were recorded), then comparison tables,
    /// heading anchors, and links rewritten (those in cells and comparison headers included).
    /// `tree`, when given, is this page's body as the parse stage left it (`PreparedBody`):
    /// parsed, tables made. It is changed here, so it serves once.
    public func renderBody(of page: SitePage, tree: MarkdownDocument? = nil) -> String {
        let document = tree ?? {
            let document = MarkdownDocument(parsing: page.parsed.body)
            PipeTables(source: page.parsed.body).apply(to: document)
            return document
        }()
        termLinker(from: page.outputPath, usedIDs: page.headingIDs)
            .apply(to: document, placements: (page.parsed.termPlacements, entries: page.parsed.termMentions))
        ComparisonTables(tables: site.comparisons[page.path] ?? []).apply(to: document)
        HeadingAnchors(headings: page.parsed.headings).apply(to: document)
        LinkRewriter(urls: site.rewrittenLinks[page.path] ?? [:]).apply(to: document)
        return document.renderHTML(allowRawHTML: site.config.allowRawHTML)
    }

    /// Links glossary terms in a body written to `outputPath`; `excluding` is the entry whose
    /// own definition it is.
    func termLinker(from outputPath: String, usedIDs: Set<String>, excluding: String? = nil) -> TermLinker {
        let glossary = site.glossary
        // Every entry's page sits in glossary/: one relative prefix serves them all.
        let folder = String(URLPath.relative(from: outputPath, to: Glossary.indexOutput).dropLast("index.html".count))
        return TermLinker(matcher: glossary.matcher, mode: site.config.glossaryLinking, excluding: excluding,
                          usedIDs: usedIDs.union(PageParser.reservedIDs)) { slug in
            glossary.tooltips[slug].map { TermLinker.Target(href: folder + slug + ".html", tooltip: $0) }
        }
    }

    func link(to path: String, from page: SitePage, current: Bool = false) -> LinkView? {
        link(to: path, addressing: Addressing(from: page.outputPath), current: current)
    }

    /// A page, or a page the build generates (the glossary), as a link from one file.
    func link(to path: String, addressing: Addressing, current: Bool = false) -> LinkView? {
        if let target = linkTargets[path] {
            return LinkView(title: target.title, url: addressing.url(to: target.outputPath),
                            description: target.description, isCurrent: current)
        }
        guard let target = site.generatedTargets[path] else { return nil }
        return LinkView(title: target.title, url: addressing.url(to: target.outputPath),
                        description: target.description, isCurrent: current)
    }

    var siteView: SiteView {
        let config = site.config
        return SiteView(title: config.title, description: config.description, language: config.language,
                        publisher: config.publisher?.name)
    }

    /// The top menu as seen from a file; `currentPath` and its ancestors are marked current.
    func menu(addressing: Addressing, currentPath: String?) -> [LinkView] {
        let ancestors = currentPath.map { site.ancestors(of: $0) } ?? []
        return site.menu.compactMap { entry in
            link(to: entry, addressing: addressing,
                 current: entry == currentPath || ancestors.contains(entry) && entry != site.menu.first)
        }
    }

    func makeContext(for page: SitePage, content: String) -> PageContext {
        let metadata = page.metadata
        let ancestors = site.ancestors(of: page.path)
        let menu = menu(addressing: Addressing(from: page.outputPath), currentPath: page.path)
        let breadcrumbs = page.kind == .home ? [] : ancestors.compactMap { link(to: $0, from: page) }
        let toc = page.parsed.headings.filter { (2...3).contains($0.level) }
            .map { TocEntry(text: $0.text, id: $0.id, isSubsection: $0.level == 3) }

        var listing: [LinkView] = []
        if page.kind != .article, let section = site.sections[page.section] {
            listing = section.subsections.compactMap { site.sections[$0].flatMap { link(to: $0.indexPage, from: page) } }
                + section.pages.compactMap { link(to: $0, from: page) }
        }
        let (previous, next) = site.neighbours(of: page.path)
        let backlinks = (site.backlinks[page.path] ?? []).compactMap { link(to: $0, from: page) }
        let related = (site.related[page.path] ?? []).compactMap { link(to: $0, from: page) }
        return PageContext(
            site: siteView,
            page: PageView(title: metadata.title, description: metadata.description, content: content,
                           url: URLPath.relative(from: page.outputPath, to: page.outputPath),
                           isHome: page.kind == .home, isSection: page.kind == .section, isArticle: page.kind == .article,
                           isDraft: metadata.draft, reviewed: metadata.reviewed, reviewedBy: metadata.reviewedBy,
                           sources: metadata.sources, hasSources: !metadata.sources.isEmpty, tags: metadata.tags,
                           wordCount: page.parsed.wordCount, readingMinutes: max(1, (page.parsed.wordCount + 199) / 200)),
            root: URLPath.rootPrefix(from: page.outputPath),
            menu: menu, breadcrumbs: breadcrumbs, hasBreadcrumbs: !breadcrumbs.isEmpty,
            toc: toc, hasToc: toc.count > 1,
            listing: listing, hasListing: !listing.isEmpty,
            previous: previous.flatMap { link(to: $0, from: page) }, next: next.flatMap { link(to: $0, from: page) },
            hasPageNav: previous != nil || next != nil,
            backlinks: backlinks, hasBacklinks: !backlinks.isEmpty,
            related: related, hasRelated: !related.isEmpty,
            head: extraHead, isPreview: isPreview,
            web: webMetadata(for: page), hasEditorialPage: hasEditorialPage)
    }

    /// Canonical link, Open Graph, Twitter card, feed link and JSON-LD of a page.
    func webMetadata(for page: SitePage) -> WebMetadataView {
        let config = site.config
        var web = WebMetadataView()
        web.canonical = address?.canonical(page.outputPath)
        web.ogType = page.kind == .article ? "article" : "website"
        web.ogLocale = config.language.replacingOccurrences(of: "-", with: "_")
        web.siteName = config.title
        web.title = page.kind == .home ? config.title : page.title
        web.description = page.metadata.description ?? (page.kind == .home && !config.description.isEmpty ? config.description : nil)
        if page.kind == .article {
            web.modifiedTime = page.metadata.reviewed
            web.tags = page.metadata.tags
        }
        web.feed = hasFeed ? URLPath.relative(from: page.outputPath, to: PublishingFiles.feedPath) : nil
        web.structuredData = StructuredData(site: site, address: address).script(for: page)
        return web
    }
}

/// How one rendered file addresses the rest of the site: relative to its own place (every
/// page), or absolute from `base_url` (the 404 page, which the server returns at any depth).
struct Addressing {
    /// Output path of the file being rendered.
    var from: String
    /// Set for absolute addressing.
    var address: SiteAddress?

    init(from: String, absolute address: SiteAddress? = nil) {
        self.from = from
        self.address = address
    }

    func url(to outputPath: String) -> String {
        address?.file(outputPath) ?? URLPath.relative(from: from, to: outputPath)
    }

    /// Prefix for site-root URLs in templates: `{{root}}assets/style.css`.
    var root: String { address?.base ?? URLPath.rootPrefix(from: from) }
}

/// One output file: its path inside the output folder and its bytes.
public struct RenderedFile: Sendable, Hashable {
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}
