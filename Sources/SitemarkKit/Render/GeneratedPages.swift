/// Files the build makes itself rather than from a Markdown page: the editorial page, the 404
/// page, and (with `base_url`) `sitemap.xml`, `feed.xml` and `robots.txt`.
public enum PublishingFiles {
    public static let editorialPath = "editorial.html"
    public static let notFoundPath = "404.html"
    public static let sitemapPath = "sitemap.xml"
    public static let feedPath = "feed.xml"
    public static let robotsPath = "robots.txt"
    /// Templates of the generated pages.
    public static let editorialTemplate = "editorial"
    public static let notFoundTemplate = "404"

    /// Output path -> what makes it, so a page or asset that would overwrite one is reported.
    public static let generatedOutputs: [String: String] = [
        editorialPath: "the generated editorial page", notFoundPath: "the generated 404 page",
        sitemapPath: "the generated sitemap", feedPath: "the generated feed", robotsPath: "the generated robots.txt",
    ]

    /// Lets pages link to the editorial page like to any other: `[review status](editorial.md)`.
    public static let linkTargets: [String: (output: String, anchors: Set<String>)] = [
        "editorial.md": (output: editorialPath, anchors: ["review-table"]),
    ]

    /// `sitemap.xml`, `feed.xml` and `robots.txt`. The first two need absolute addresses (their
    /// formats require them), so without `base_url` only robots.txt is written.
    public static func make(site: Site, review: ReviewReport) -> [RenderedFile] {
        let robots: String
        var files: [RenderedFile] = []
        if let address = SiteAddress(baseURL: site.config.baseURL) {
            let published = site.pageOrder.compactMap { site.pages[$0] }.filter { !$0.metadata.draft }
            var entries = published.map {
                Sitemap.Entry(location: address.canonical($0.outputPath), lastModified: $0.metadata.reviewed)
            }
            let newestReview = review.entries.filter { !$0.draft }.compactMap(\.reviewed).max()
            entries.append(Sitemap.Entry(location: address.canonical(editorialPath), lastModified: newestReview))
            files.append(RenderedFile(path: sitemapPath, text: Sitemap(entries: entries).xml))

            let config = site.config
            let feedEntries = published.filter { $0.kind == .article }.compactMap { page -> AtomFeed.Entry? in
                guard let reviewed = page.metadata.reviewed.flatMap(ReviewDate.init) else { return nil }
                return AtomFeed.Entry(title: page.title, url: address.canonical(page.outputPath),
                                      summary: page.metadata.description, updated: reviewed, categories: page.metadata.tags)
            }
            let feed = AtomFeed(title: config.title, subtitle: config.description, language: config.language,
                                siteURL: address.base, feedURL: address.file(feedPath),
                                authorName: config.publisher?.name ?? config.title, authorURL: config.publisher?.url,
                                entries: feedEntries)
            files.append(RenderedFile(path: feedPath, text: feed.xml))
            robots = RobotsFile.text(sitemapURL: address.file(sitemapPath))
        } else {
            robots = RobotsFile.text(sitemapURL: nil)
        }
        files.append(RenderedFile(path: robotsPath, text: robots))
        return files
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
            rows: rows, articleCount: rows.count, maxAgeDays: report.maxAgeDays,
            readabilityTarget: target.rounded() == target ? String(Int(target)) : String(target),
            belowTargetCount: rows.count { $0.belowTarget })
        var context = generatedContext(
            path: path, addressing: addressing, title: "Editorial review status",
            description: "When each article was last medically reviewed, by whom, on how many sources, and how easy it is to read.")
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

    /// The site chrome (menu, root, head metadata) around a page that has no Markdown source.
    private func generatedContext(path: String, addressing: Addressing, title: String, description: String) -> PageContext {
        let config = site.config
        let menu = menu(addressing: addressing, currentPath: nil)
        let home = site.menu.first.flatMap { link(to: $0, addressing: addressing) }
        var web = WebMetadataView()
        web.ogLocale = config.language.replacingOccurrences(of: "-", with: "_")
        web.siteName = config.title
        web.title = title
        web.description = description
        web.feed = hasFeed ? addressing.url(to: PublishingFiles.feedPath) : nil
        return PageContext(
            site: SiteView(title: config.title, description: config.description, language: config.language,
                           publisher: config.publisher?.name),
            page: PageView(title: title, description: description, content: "", url: addressing.url(to: path),
                           isHome: false, isSection: false, isArticle: false, isDraft: false, reviewed: nil,
                           reviewedBy: nil, sources: [], hasSources: false, tags: [], wordCount: 0, readingMinutes: 0),
            root: addressing.root, menu: menu, breadcrumbs: home.map { [$0] } ?? [], hasBreadcrumbs: home != nil,
            toc: [], hasToc: false, listing: [], hasListing: false, previous: nil, next: nil, hasPageNav: false,
            backlinks: [], hasBacklinks: false, related: [], hasRelated: false,
            head: extraHead, isPreview: isPreview, web: web)
    }
}
