/// The render stage for one page: the body through our AST transforms and cmark, then the
/// page's layout around it.
public struct PageRenderer: Sendable {
    public let site: Site
    public let templates: TemplateSet
    /// Markup added to every page's `<head>` (the preview's reload script, for instance).
    public var extraHead: String = ""
    public var isPreview: Bool = false

    public init(site: Site, templates: TemplateSet) {
        self.site = site
        self.templates = templates
    }

    public func render(_ page: SitePage) -> RenderedFile {
        let context = makeContext(for: page, content: renderBody(of: page))
        let html = templates.render(context, with: page.layoutName) ?? ""
        return RenderedFile(path: page.outputPath, bytes: Array(html.utf8))
    }

    /// The page's Markdown as HTML, with links rewritten and headings anchored.
    public func renderBody(of page: SitePage) -> String {
        let document = MarkdownDocument(parsing: page.parsed.body)
        HeadingAnchors(headings: page.parsed.headings).apply(to: document)
        LinkRewriter(urls: site.rewrittenLinks[page.path] ?? [:]).apply(to: document)
        return document.renderHTML(allowRawHTML: site.config.allowRawHTML)
    }

    func link(to path: String, from page: SitePage, current: Bool = false) -> LinkView? {
        guard let target = site.pages[path] else { return nil }
        return LinkView(title: target.title, url: URLPath.relative(from: page.outputPath, to: target.outputPath),
                        description: target.metadata.description, isCurrent: current)
    }

    func makeContext(for page: SitePage, content: String) -> PageContext {
        let metadata = page.metadata
        let ancestors = site.ancestors(of: page.path)
        let menu = site.menu.compactMap { entry in
            link(to: entry, from: page, current: entry == page.path || ancestors.contains(entry) && entry != site.menu.first)
        }
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
        let config = site.config

        return PageContext(
            site: SiteView(title: config.title, description: config.description, language: config.language,
                           publisher: config.publisher?.name),
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
            head: extraHead, isPreview: isPreview)
    }
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
