/// What a template sees. Plain stored properties only; every value is ready to print, so
/// templates compute nothing. `Encodable` (synthesized) for two readers: `TemplateData` turns it
/// into the dictionaries Mustache reads, and the build cache fingerprints it. A new field needs
/// an `Encodable` type, and a line in its view's `child(named:)` when that view is one of
/// MustacheLookup.swift's.
public struct PageContext: Sendable, Encodable {
    public var site: SiteView
    public var page: PageView
    /// Relative prefix to the site root from this page (`../` or ``): `{{root}}style.css`.
    public var root: String
    public var menu: [LinkView]
    public var breadcrumbs: [LinkView]
    public var hasBreadcrumbs: Bool
    public var toc: [TocEntry]
    public var hasToc: Bool
    /// On overview pages: the section's pages and subsections.
    public var listing: [LinkView]
    public var hasListing: Bool
    public var previous: LinkView?
    public var next: LinkView?
    public var hasPageNav: Bool
    public var backlinks: [LinkView]
    public var hasBacklinks: Bool
    public var related: [LinkView]
    public var hasRelated: Bool
    /// Extra markup for `<head>` (metadata, preview scripts); already HTML.
    public var head: String
    public var isPreview: Bool
    /// Canonical link, Open Graph, Twitter card, feed link and JSON-LD for `<head>`.
    public var web = WebMetadataView()
    /// The editorial page's review table (generated page `editorial.html` only).
    public var editorial: EditorialView? = nil
    /// Whether the site has the editorial page, so the footer may link to it.
    public var hasEditorialPage = false
    /// On the A–Z index page: every searchable document, by letter.
    public var azGroups: [AZGroup] = []
    public var hasAZ: Bool = false
}

/// What `partials/meta` prints into `<head>`. Absolute addresses only where the web needs
/// them (canonical, `og:url`); nil when the site has no `base_url`.
public struct WebMetadataView: Sendable, Encodable {
    public var canonical: String?
    /// `website` for the home page and overviews, `article` for articles.
    public var ogType = "website"
    /// `en_GB` from the site language `en-GB`.
    public var ogLocale = "en"
    public var siteName = ""
    public var title = ""
    public var description: String?
    /// `article:modified_time`: the review date.
    public var modifiedTime: String?
    public var tags: [String] = []
    /// URL of `feed.xml` from this page (relative, or absolute on the 404 page); nil without a feed.
    public var feed: String?
    /// Keeps the page out of search results (the 404 page).
    public var noindex = false
    /// JSON-LD, already safe inside `<script>`.
    public var structuredData: String?

    public init() {}
}

/// The editorial page: every article's review status, as `sitemark check` reports it, minus
/// anything that depends on the day of the build (the age), so the page is deterministic.
public struct EditorialView: Sendable, Encodable {
    public var rows: [EditorialRow]
    public var articleCount: Int
    public var maxAgeDays: Int
    public var readabilityTarget: String
    public var belowTargetCount: Int
}

public struct EditorialRow: Sendable, Encodable {
    public var title: String
    public var url: String
    public var section: String
    public var reviewed: String
    public var reviewedBy: String
    public var reviewDue: String
    public var sources: Int
    public var words: Int
    public var readability: String
    public var belowTarget: Bool
}

public struct SiteView: Sendable, Encodable {
    public var title: String
    public var description: String
    public var language: String
    public var publisher: String?
}

public struct PageView: Sendable, Encodable {
    public var title: String
    public var description: String?
    /// Body HTML.
    public var content: String
    public var url: String
    public var isHome: Bool
    public var isSection: Bool
    public var isArticle: Bool
    public var isDraft: Bool
    public var reviewed: String?
    public var reviewedBy: String?
    public var sources: [String]
    public var hasSources: Bool
    public var tags: [String]
    public var wordCount: Int
    public var readingMinutes: Int
}

public struct LinkView: Sendable, Encodable {
    public var title: String
    public var url: String
    public var description: String?
    public var isCurrent: Bool

    public init(title: String, url: String, description: String? = nil, isCurrent: Bool = false) {
        self.title = title
        self.url = url
        self.description = description
        self.isCurrent = isCurrent
    }
}

public struct TocEntry: Sendable, Encodable {
    public var text: String
    public var id: String
    public var isSubsection: Bool
}
