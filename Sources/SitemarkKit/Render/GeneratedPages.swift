/// Files the build makes itself rather than from a Markdown page, and when:
/// - `404.html` when the theme has a `404` template;
/// - `editorial.html` when the site has a review policy (`review_max_age_days`) and the theme
///   an `editorial` template;
/// - `sitemap.xml`, `feed.xml` and `robots.txt` when the site has a `base_url` (the first two
///   need absolute addresses; robots.txt only says where the sitemap is).
public struct PublishingFiles: Sendable {
    public static let editorialPath = "editorial.html"
    public static let notFoundPath = "404.html"
    public static let sitemapPath = "sitemap.xml"
    public static let feedPath = "feed.xml"
    public static let robotsPath = "robots.txt"
    /// Templates of the generated pages.
    public static let editorialTemplate = "editorial"
    public static let editorialTitle = "Editorial review status"
    public static let editorialDescription =
        "When each article was last reviewed, by whom, on how many sources, and how easy it is to read."
    public static let notFoundTemplate = "404"

    public var editorialPage: Bool
    public var notFoundPage: Bool
    /// Absolute addresses for the sitemap, feed and robots.txt; nil without `base_url`.
    public var address: SiteAddress?

    public init(config: SiteConfig, templates: TemplateSet) {
        editorialPage = config.reviewMaxAgeDays != nil && templates.has(Self.editorialTemplate)
        notFoundPage = templates.has(Self.notFoundTemplate)
        address = SiteAddress(baseURL: config.baseURL)
    }

    /// Output path -> what makes it, so a page or asset that would overwrite one is reported.
    public var generatedOutputs: [String: String] {
        var outputs: [String: String] = [:]
        if editorialPage { outputs[Self.editorialPath] = "the generated editorial page" }
        if notFoundPage { outputs[Self.notFoundPath] = "the generated 404 page" }
        if address != nil {
            outputs[Self.sitemapPath] = "the generated sitemap"
            outputs[Self.feedPath] = "the generated feed"
            outputs[Self.robotsPath] = "the generated robots.txt"
        }
        return outputs
    }

    /// Lets pages link to the editorial page like to any other: `[review status](editorial.md)`.
    public var linkTargets: [String: (output: String, anchors: Set<String>)] {
        editorialPage ? ["editorial.md": (output: Self.editorialPath, anchors: Set(["review-table"]))] : [:]
    }

    /// The generated pages, rendered with the site's chrome.
    public func pages(_ renderer: PageRenderer, review: ReviewReport) -> [RenderedFile] {
        (editorialPage ? [renderer.renderEditorial(review)] : []) + (notFoundPage ? [renderer.renderNotFound()] : [])
    }

    /// What search and the A–Z index know of the generated pages: the editorial page (the
    /// 404 page is for nobody to find).
    public var searchDocuments: [SearchDocument] {
        guard editorialPage else { return [] }
        return [SearchDocument(kind: .page, url: Self.editorialPath, title: Self.editorialTitle,
                               description: Self.editorialDescription)]
    }

    /// `sitemap.xml`, `feed.xml` and `robots.txt` (none without `base_url`).
    /// `otherPages`: output paths of further generated pages a search engine may list (the A–Z index).
    public func webFiles(site: Site, review: ReviewReport, otherPages: [String] = []) -> [RenderedFile] {
        guard let address else { return [] }
        let published = site.pageOrder.compactMap { site.pages[$0] }.filter { !$0.metadata.draft }
        var entries = published.map {
            Sitemap.Entry(location: address.canonical($0.outputPath), lastModified: $0.metadata.reviewed)
        }
        // The glossary's index and term pages are pages a search can land on too.
        if !site.glossary.isEmpty {
            entries += ([Glossary.indexOutput] + site.glossary.entries.filter { !$0.draft }.map { Glossary.outputPath(of: $0.slug) })
                .map { Sitemap.Entry(location: address.canonical($0), lastModified: nil) }
        }
        entries += otherPages.map { Sitemap.Entry(location: address.canonical($0), lastModified: nil) }
        if editorialPage {
            // The editorial page changes when the newest review does.
            let newestReview = review.entries.filter { !$0.draft }.compactMap(\.reviewed).max()
            entries.append(Sitemap.Entry(location: address.canonical(Self.editorialPath), lastModified: newestReview))
        }

        let config = site.config
        let feedEntries = published.filter { $0.kind == .article }.compactMap { page -> AtomFeed.Entry? in
            guard let reviewed = page.metadata.reviewed.flatMap(ReviewDate.init) else { return nil }
            return AtomFeed.Entry(title: page.title, url: address.canonical(page.outputPath),
                                  summary: page.metadata.description, updated: reviewed, categories: page.metadata.tags)
        }
        let feed = AtomFeed(title: config.title, subtitle: config.description, language: config.language,
                            siteURL: address.base, feedURL: address.file(Self.feedPath),
                            authorName: config.publisher?.name ?? config.title, authorURL: config.publisher?.url,
                            entries: feedEntries)
        return [
            RenderedFile(path: Self.sitemapPath, text: Sitemap(entries: entries).xml),
            RenderedFile(path: Self.feedPath, text: feed.xml),
            RenderedFile(path: Self.robotsPath, text: RobotsFile.text(sitemapURL: address.file(Self.sitemapPath))),
        ]
    }
}

extension RenderedFile {
    init(path: String, text: String) { self.init(path: path, bytes: Array(text.utf8)) }
}

extension PageRenderer {
    /// `editorial.html`: every article's review status. Linked from every page's footer.
    public func renderEditorial(_ report: ReviewReport) -> RenderedFile {
        let path = PublishingFiles.editorialPath
        let addressing = Addressing(from: path)
        let rows = report.entries.filter { !$0.draft }.map { entry in
            EditorialRow(title: entry.title, url: addressing.url(to: entry.url),
                         section: site.sections[entry.section].flatMap { site.pages[$0.indexPage]?.title } ?? "",
                         reviewed: entry.reviewed ?? "not reviewed", reviewedBy: entry.reviewedBy ?? "not stated",
                         reviewDue: entry.reviewDue ?? "now", sources: entry.sources, words: entry.words,
                         readability: entry.readability.map { String(format: "%.0f", $0) } ?? "–",
                         belowTarget: entry.belowReadabilityTarget)
        }
        let target = report.readabilityTarget
        let editorial = EditorialView(
            rows: rows, articleCount: rows.count, maxAgeDays: report.maxAgeDays ?? 0,
            readabilityTarget: target.rounded() == target ? String(Int(target)) : String(target),
            belowTargetCount: rows.count { $0.belowTarget })
        var context = generatedContext(
            path: path, addressing: addressing, title: PublishingFiles.editorialTitle,
            description: PublishingFiles.editorialDescription)
        context.editorial = editorial
        context.web.canonical = address?.canonical(path)
        let html = templates.render(context, with: PublishingFiles.editorialTemplate) ?? ""
        return RenderedFile(path: path, text: html)
    }

    /// `404.html`: the server returns it for any missing address, at any depth, so every URL in
    /// it is absolute from `base_url`. Without `base_url` its URLs are relative to the site root:
    /// right when it is opened from disk or served for a top-level address.
    public func renderNotFound() -> RenderedFile {
        let path = PublishingFiles.notFoundPath
        let addressing = Addressing(from: path, absolute: address)
        var context = generatedContext(
            path: path, addressing: addressing, title: "Page not found",
            description: "The page you asked for is not here. It may have moved, or the address may be mistyped.")
        context.listing = Array(context.menu.dropFirst())
        context.hasListing = !context.listing.isEmpty
        context.web.noindex = true
        let html = templates.render(context, with: PublishingFiles.notFoundTemplate) ?? ""
        return RenderedFile(path: path, text: html)
    }

    /// Head metadata of a page the build makes itself (no canonical link: callers that have
    /// one set it).
    func generatedWebMetadata(title: String, description: String?, addressing: Addressing) -> WebMetadataView {
        var web = WebMetadataView()
        web.ogLocale = site.config.language.replacingOccurrences(of: "-", with: "_")
        web.siteName = site.config.title
        web.title = title
        web.description = description
        web.feed = hasFeed ? addressing.url(to: PublishingFiles.feedPath) : nil
        return web
    }

    /// The site chrome (menu, root, head metadata) around a page that has no Markdown source.
    func generatedContext(path: String, addressing: Addressing, title: String, description: String) -> PageContext {
        let config = site.config
        let menu = menu(addressing: addressing, currentPath: nil)
        let home = site.menu.first.flatMap { link(to: $0, addressing: addressing) }
        let web = generatedWebMetadata(title: title, description: description, addressing: addressing)
        return PageContext(
            site: SiteView(title: config.title, description: config.description, language: config.language,
                           publisher: config.publisher?.name),
            page: PageView(title: title, description: description, content: "", url: addressing.url(to: path),
                           isHome: false, isSection: false, isArticle: false, isDraft: false, reviewed: nil,
                           reviewedBy: nil, sources: [], hasSources: false, tags: [], wordCount: 0, readingMinutes: 0),
            root: addressing.root, menu: menu, breadcrumbs: home.map { [$0] } ?? [], hasBreadcrumbs: home != nil,
            toc: [], hasToc: false, listing: [], hasListing: false, previous: nil, next: nil, hasPageNav: false,
            backlinks: [], hasBacklinks: false, related: [], hasRelated: false,
            head: extraHead, isPreview: isPreview, web: web, hasEditorialPage: hasEditorialPage)
    }
}
