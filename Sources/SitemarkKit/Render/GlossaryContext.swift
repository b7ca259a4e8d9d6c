/// What `Templates/glossary.mustache` (the A–Z index) and `Templates/term.mustache` (one
/// entry's page) see. Like `PageContext`, stored properties only and every value ready to
/// print; the fields the base layout and its partials read (`site`, `page`, `root`, `menu`,
/// `breadcrumbs`, `head`) mean the same here. (Flat, not a shared nested struct: Mustache
/// looks names up on the context itself.)
public struct GlossaryContext: Sendable {
    public var site: SiteView
    public var page: PageView
    public var root: String
    public var menu: [LinkView]
    public var breadcrumbs: [LinkView]
    public var hasBreadcrumbs: Bool
    public var head: String
    public var isPreview: Bool
    /// Canonical link, Open Graph and JSON-LD for `<head>`, as on every page.
    public var web: WebMetadataView
    public var hasEditorialPage: Bool
    /// Index: the jump bar, A–Z (and `#` when some term starts with something else).
    public var letters: [GlossaryLetterView] = []
    /// Index: entries by letter, letters with no entry left out.
    public var groups: [GlossaryGroupView] = []
    /// Term page: the entry.
    public var term: TermView?
}

public struct GlossaryLetterView: Sendable {
    public var letter: String
    /// Anchor of the letter's group on the index (`letter-a`).
    public var id: String
    public var hasTerms: Bool
}

public struct GlossaryGroupView: Sendable {
    public var letter: String
    public var id: String
    public var terms: [TermView]
}

public struct TermView: Sendable {
    /// Anchor id on the index, and the page's file name.
    public var slug: String
    public var term: String
    /// The entry's own page, relative to the page showing this view.
    public var url: String
    /// The entry on the index (`index.html#slug`), relative likewise.
    public var indexURL: String
    public var abbreviation: String?
    /// Other names, comma-separated, plain plurals of a name already shown left out; nil if none.
    public var aliases: String?
    /// The definition as HTML.
    public var definition: String
    public var shortDefinition: String
    /// Pages that mention the term or link to it: all of them on the term's page, the first
    /// few on the index (where the rest are counted in `moreMentions`).
    public var mentions: [LinkView]
    public var hasMentions: Bool
    public var moreMentions: Int
    public var hasMoreMentions: Bool
}
