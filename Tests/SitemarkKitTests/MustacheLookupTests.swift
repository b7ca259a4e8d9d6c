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

    @Test("LinkView and TermView look up every stored property")
    func allPropertiesListed() {
        let link = LinkView(title: "T", url: "u.html", description: "d", isCurrent: true)
        check(link)
        check(TermView(slug: "s", term: "T", url: "s.html", indexURL: "index.html#s", abbreviation: "A", aliases: "a, b",
                       definition: "<p>d</p>", shortDefinition: "d", mentions: [link], hasMentions: true,
                       moreMentions: 2, hasMoreMentions: true))
    }
}
