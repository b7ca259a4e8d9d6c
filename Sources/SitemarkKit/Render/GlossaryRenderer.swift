/// The render stage for the glossary: `glossary/index.html` (A–Z, every definition, where each
/// term is mentioned) and `glossary/<slug>.html` per entry, in the site's layout.
public struct GlossaryRenderer: Sendable {
    let pages: PageRenderer

    /// Shares the page renderer's site, templates and head markup, so glossary pages wear the
    /// same chrome as every other page.
    public init(pages: PageRenderer) { self.pages = pages }

    var site: Site { pages.site }

    /// Every glossary file, index first; none when the site has no glossary.
    public func render() -> [RenderedFile] {
        guard !site.glossary.isEmpty else { return [] }
        return [renderIndex()] + site.glossary.entries.parallelMap { renderTerm($0) }
    }

    func renderIndex() -> RenderedFile {
        let output = Glossary.indexOutput
        let entries = site.glossary.entries
        var byLetter: [String: [TermView]] = [:]
        for entry in entries {
            byLetter[Glossary.letter(of: entry.term), default: []]
                .append(termView(entry, from: output, definition: definitionHTML(entry, onIndex: true),
                                 mentionLimit: Self.indexMentionLimit))
        }
        let alphabet = (UInt8(ascii: "A")...UInt8(ascii: "Z")).map { String(UnicodeScalar($0)) } + ["#"]
        let letters = alphabet.filter { $0 != "#" || byLetter["#"] != nil }
            .map { GlossaryLetterView(letter: $0, id: Glossary.letterID($0), hasTerms: byLetter[$0] != nil) }
        let groups = alphabet.compactMap { letter in
            byLetter[letter].map { GlossaryGroupView(letter: letter, id: Glossary.letterID(letter), terms: $0) }
        }

        var context = chrome(title: site.config.glossaryTitle, description: site.config.glossaryDescription, content: "",
                             output: output, breadcrumbs: [home], structuredData: structuredData.definedTermSet())
        context.letters = letters
        context.groups = groups
        return RenderedFile(path: output, bytes: Array((pages.templates.render(context, with: "glossary") ?? "").utf8))
    }

    func renderTerm(_ entry: ParsedTerm) -> RenderedFile {
        let output = Glossary.outputPath(of: entry.slug)
        let definition = definitionHTML(entry, onIndex: false)
        var context = chrome(title: entry.term, description: entry.shortDefinition, content: definition, output: output,
                             breadcrumbs: [home, Glossary.indexPath], structuredData: structuredData.definedTerm(entry),
                             isDraft: entry.draft)
        context.term = termView(entry, from: output, definition: definition)
        return RenderedFile(path: output, bytes: Array((pages.templates.render(context, with: "term") ?? "").utf8))
    }

    /// The definition as HTML. On its own page other terms are linked (never the entry itself);
    /// on the index, where every definition stands together, terms are not linked and heading
    /// ids are prefixed with the entry's slug so they stay unique.
    func definitionHTML(_ entry: ParsedTerm, onIndex: Bool) -> String {
        let document = MarkdownDocument(parsing: entry.body)
        PipeTables(source: entry.body).apply(to: document)
        var headings = entry.headings
        if onIndex {
            for index in headings.indices {
                headings[index].id = GlossaryPageIDs.definitionHeadingID(headings[index].id, in: entry.slug)
            }
        } else {
            pages.termLinker(from: Glossary.outputPath(of: entry.slug), usedIDs: Set(headings.map(\.id)), excluding: entry.slug)
                .apply(to: document)
        }
        HeadingAnchors(headings: headings).apply(to: document)
        LinkRewriter(urls: site.glossaryLinks[entry.slug] ?? [:]).apply(to: document)
        return document.renderHTML(allowRawHTML: site.config.allowRawHTML)
    }

    /// How many "Mentioned in" links each entry shows on the index; its own page lists all.
    static let indexMentionLimit = 8

    func termView(_ entry: ParsedTerm, from output: String, definition: String, mentionLimit: Int = .max) -> TermView {
        let all = site.termMentions[entry.slug] ?? []
        let mentions = all.prefix(mentionLimit).compactMap { pages.link(to: $0, addressing: Addressing(from: output)) }
        let aliases = Self.displayedAliases(entry)
        return TermView(slug: entry.slug, term: entry.term,
                        url: URLPath.relative(from: output, to: Glossary.outputPath(of: entry.slug)),
                        indexURL: URLPath.relative(from: output, to: Glossary.indexOutput) + "#" + entry.slug,
                        abbreviation: entry.abbreviation, aliases: aliases.isEmpty ? nil : aliases.joined(separator: ", "),
                        definition: definition, shortDefinition: entry.shortDefinition,
                        mentions: mentions, hasMentions: !mentions.isEmpty,
                        moreMentions: all.count - mentions.count, hasMoreMentions: all.count > mentions.count)
    }

    /// Aliases worth showing a reader: a plain plural of a name already shown (`herniated discs`
    /// beside `herniated disc`) is there for matching, not for reading.
    static func displayedAliases(_ entry: ParsedTerm) -> [String] {
        let names = Set(([entry.term] + entry.aliases).map { $0.lowercased() })
        return entry.aliases.filter { alias in
            let lower = alias.lowercased()
            return !(lower.hasSuffix("s") && names.contains(String(lower.dropLast())))
                && !(lower.hasSuffix("es") && names.contains(String(lower.dropLast(2))))
        }
    }

    private var home: String { site.sections[""]?.indexPage ?? "index.md" }

    private var structuredData: StructuredData { StructuredData(site: site, address: pages.address) }

    /// What every glossary file shares with the site's other pages: its layout's fields and
    /// its head metadata (`structuredData`: the page's JSON-LD).
    private func chrome(title: String, description: String?, content: String, output: String,
                        breadcrumbs: [String], structuredData: String, isDraft: Bool = false) -> GlossaryContext {
        let addressing = Addressing(from: output)
        let trail = breadcrumbs.compactMap { pages.link(to: $0, addressing: addressing) }
        let page = PageView(title: title, description: description, content: content,
                            url: addressing.url(to: output), isHome: false, isSection: false,
                            isArticle: false, isDraft: isDraft, reviewed: nil, reviewedBy: nil, sources: [], hasSources: false,
                            tags: [], wordCount: 0, readingMinutes: 0)
        var web = pages.generatedWebMetadata(title: title, description: description, addressing: addressing)
        web.canonical = pages.address?.canonical(output)
        web.structuredData = structuredData
        return GlossaryContext(site: pages.siteView, page: page, root: addressing.root,
                               menu: pages.menu(addressing: addressing, currentPath: Glossary.indexPath),
                               breadcrumbs: trail, hasBreadcrumbs: !trail.isEmpty,
                               head: pages.extraHead, isPreview: pages.isPreview, web: web,
                               hasEditorialPage: pages.hasEditorialPage)
    }
}
