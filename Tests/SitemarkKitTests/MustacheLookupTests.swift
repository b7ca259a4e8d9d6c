import Mustache
import Testing
@testable import SitemarkKit

@Suite("Direct Mustache lookups")
struct MustacheLookupTests {
    /// Every stored property (what Mirror, swift-mustache's default, would find) is found by
    /// `child(named:)` with the same value, so a property added later cannot silently render empty.
    func check(_ value: some MustacheParent) {
        for child in Mirror(reflecting: value).children {
            guard let label = child.label else { continue }
            let stored = unwrapped(child.value)
            let direct = value.child(named: label)
            #expect((direct == nil) == (stored == nil), "\(type(of: value)).\(label) is not looked up")
            #expect(String(describing: direct ?? "nil") == String(describing: stored ?? "nil"), "\(type(of: value)).\(label)")
        }
        #expect(value.child(named: "no-such-field") == nil)
    }

    /// The value an optional holds (nil for none), or the value itself.
    func unwrapped(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first?.value
    }

    @Test("the view types with direct lookups find every stored property")
    func allPropertiesListed() {
        let link = LinkView(title: "T", url: "u.html", description: "d", isCurrent: true)
        check(link)
        let term = TermView(slug: "s", term: "T", url: "s.html", indexURL: "index.html#s", abbreviation: "A", aliases: "a, b",
                            definition: "<p>d</p>", shortDefinition: "d", mentions: [link], hasMentions: true,
                            moreMentions: 2, hasMoreMentions: true)
        check(term)
        let letter = GlossaryLetterView(letter: "A", id: "letter-a", hasTerms: true)
        let group = GlossaryGroupView(letter: "A", id: "letter-a", terms: [term])
        check(letter)
        check(group)
        var web = WebMetadataView()
        web.canonical = "https://x.example/p.html"
        web.description = "d"
        web.modifiedTime = "2026-11-21"
        web.tags = ["t"]
        web.feed = "feed.xml"
        web.noindex = true
        web.structuredData = "{}"
        check(web)
        check(SiteView(title: "S", description: "d", language: "en", publisher: "P"))
        check(PageView(title: "P", description: "d", content: "<p>c</p>", url: "p.html", isHome: true, isSection: true,
                       isArticle: true, isDraft: true, reviewed: "2026-11-21", reviewedBy: "R", sources: ["s"], hasSources: true,
                       tags: ["t"], wordCount: 3, readingMinutes: 1))
        check(GlossaryContext(
            site: SiteView(title: "S", description: "d", language: "en", publisher: nil),
            page: PageView(title: "P", description: nil, content: "", url: "p.html", isHome: false, isSection: false,
                           isArticle: false, isDraft: false, reviewed: nil, reviewedBy: nil, sources: [], hasSources: false,
                           tags: [], wordCount: 0, readingMinutes: 0),
            root: "../", menu: [link], breadcrumbs: [link], hasBreadcrumbs: true, head: "<meta>", isPreview: true,
            web: WebMetadataView(), hasEditorialPage: true, letters: [letter], groups: [group], term: term))
    }
}
