/// What a template sees. Plain stored properties only (swift-mustache reads them by
/// reflection); every value is ready to print, so templates compute nothing.
public struct PageContext: Sendable {
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
}

public struct SiteView: Sendable {
    public var title: String
    public var description: String
    public var language: String
    public var publisher: String?
}

public struct PageView: Sendable {
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

public struct LinkView: Sendable {
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

public struct TocEntry: Sendable {
    public var text: String
    public var id: String
    public var isSubsection: Bool
}
