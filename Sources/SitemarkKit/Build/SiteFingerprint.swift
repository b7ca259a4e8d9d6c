/// What every page's template context can see of the site, hashed: the whole resolved `Site`
/// (navigation, sections, rewritten links, backlinks, related pages, comparisons, glossary …)
/// with each page's parsed data reduced to its public part (`ParsedPage.publicPart`).
///
/// It makes one-page edits cheap. A page's output depends on the site and on its own parsed
/// data. If this fingerprint is as in the last build, and a page's own parse key too, its
/// output is as last time, known without building its context (about 1 ms a page: 10 s of CPU
/// for a 10,000-page site). An edit that changes what other pages show (a title, a
/// description, a new heading or link, a term mention) changes this fingerprint, and then
/// every page is checked by its full context fingerprint instead, as before.
///
/// `Site` is walked by reflection at the top level, so a field added to it is included without
/// any list to update: through `Encodable` when its type conforms, field by field otherwise.
enum SiteFingerprint {
    static func of(_ site: Site, publicKeys: [String: Fingerprint], renderKey: Fingerprint) -> Fingerprint {
        var hasher = FingerprintHasher()
        hasher.combine(renderKey)
        for child in Mirror(reflecting: site).children {
            hasher.combine(child.label ?? "")
            if child.label == "pages" {
                for path in site.pages.keys.sorted() {
                    hasher.combine(path)
                    combine(site.pages[path]!, publicKey: publicKeys[path], into: &hasher)
                }
            } else {
                combine(child.value, into: &hasher)
            }
        }
        return hasher.finalize()
    }

    /// A placed page: its public part (by its cached fingerprint) and everything else it holds.
    private static func combine(_ page: SitePage, publicKey: Fingerprint?, into hasher: inout FingerprintHasher) {
        for child in Mirror(reflecting: page).children {
            hasher.combine(child.label ?? "")
            if child.label == "parsed" {
                hasher.combine(publicKey ?? publicFingerprint(of: page.parsed))
            } else {
                combine(child.value, into: &hasher)
            }
        }
    }

    static func publicFingerprint(of page: ParsedPage) -> Fingerprint {
        var hasher = FingerprintHasher()
        hasher.combine(encoding: page.publicPart)
        return hasher.finalize()
    }

    /// Any value: through `Encodable` if it can, else its reflected children (dictionaries in
    /// key order, so the hash does not depend on the process's hash seed).
    private static func combine(_ value: Any, into hasher: inout FingerprintHasher) {
        if let encodable = value as? any Encodable {
            hasher.combine(encoding: encodable)
            return
        }
        let mirror = Mirror(reflecting: value)
        hasher.combine(String(describing: mirror.displayStyle))
        var children = mirror.children.map { ($0.label ?? "", $0.value) }
        if mirror.displayStyle == .dictionary || mirror.displayStyle == .set {
            children = children.map { (String(describing: $0.1), $0.1) }.sorted { $0.0 < $1.0 }
        }
        hasher.combine(children.count)
        if children.isEmpty { hasher.combine(String(describing: value)) }
        for (label, child) in children {
            hasher.combine(label)
            combine(child, into: &hasher)
        }
    }
}

extension ParsedPage {
    /// What other pages' contexts may show of this page: everything but what is read only when
    /// this page itself is rendered (its body and what the parse derived from it). Site-wide
    /// results drawn from those fields (backlinks, anchors, term mentions, related pages,
    /// comparisons) are part of `Site` and hashed there. A field added to `ParsedPage` counts
    /// as public until it is blanked here: safe by default.
    var publicPart: ParsedPage {
        var page = self
        page.body = ""
        page.bodyLineOffset = 0
        page.headings = []
        page.links = []
        page.compareBlocks = []
        page.comparisonSpecs = []
        page.plainText = ""
        page.wordCount = 0
        page.readability = ReadabilityCounts()
        page.contentHash = 0
        page.diagnostics = []
        page.termMentions = []
        page.termPlacements = TermPlacements()
        return page
    }
}

/// Everything in a `Glossary` besides its entries (the matcher, the tooltips, the index by
/// slug) is computed from them, so the entries and the diagnostics are its whole state.
extension Glossary: Encodable {
    private enum CodingKeys: String, CodingKey { case entries, diagnostics }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(entries, forKey: .entries)
        try container.encode(diagnostics, forKey: .diagnostics)
    }
}
