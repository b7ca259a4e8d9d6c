/// One thing the search can find: a page, a section, or a glossary term.
/// Plain text only; the index builder decides what is kept and how it is weighted.
public struct SearchDocument: Sendable, Hashable {
    public enum Kind: String, Sendable {
        case page, section, term
    }

    public var kind: Kind
    /// Output path from the site root, with a `#fragment` if the document is part of a page
    /// (`conditions/sciatica.html`, `glossary/index.html#herniated-disc`).
    public var url: String
    public var title: String
    /// Where it sits, shown above the title in results: the section's title, or "Glossary".
    public var context: String
    public var description: String
    /// Headings with their anchor ids, so a result can lead straight to the matching section.
    public var headings: [Heading]
    /// Other names: a term's aliases and abbreviation, a page's tags. Ranked almost like the title.
    public var aliases: [String]
    /// The text a reader sees, without the headings.
    public var body: String

    public struct Heading: Sendable, Hashable {
        public var text: String
        public var id: String

        public init(text: String, id: String) {
            self.text = text
            self.id = id
        }
    }

    public init(kind: Kind, url: String, title: String, context: String = "", description: String = "",
                headings: [Heading] = [], aliases: [String] = [], body: String = "") {
        self.kind = kind
        self.url = url
        self.title = title
        self.context = context
        self.description = description
        self.headings = headings
        self.aliases = aliases
        self.body = body
    }
}

extension SearchDocument {
    /// A glossary entry: found by its term (ranked as a title), its aliases and abbreviation
    /// (ranked almost as high) and its definition. `url` is where the entry is read, from the
    /// site root (`glossary/herniated-disc.html` or `glossary/index.html#herniated-disc`).
    public static func term(_ term: String, aliases: [String], abbreviation: String?, definition: String,
                            url: String) -> SearchDocument {
        let definition = definition.split(whereSeparator: \.isNewline).joined(separator: " ")
        // No description: the definition's start is the excerpt already, and the index
        // should not carry it twice.
        return SearchDocument(kind: .term, url: url, title: term, context: "Glossary",
                              aliases: (abbreviation.map { [$0] } ?? []) + aliases, body: definition)
    }

    /// One document per glossary entry, in A–Z order, pointing at the entry's own page. The
    /// short definition is what a reader needs in a result; the full one is a click away.
    public static func glossary(of site: Site) -> [SearchDocument] {
        site.glossary.entries.map { entry in
            term(entry.term, aliases: entry.aliases, abbreviation: entry.abbreviation,
                 definition: entry.shortDefinition, url: Glossary.outputPath(of: entry.slug))
        }
    }

    /// The documents for every page of a resolved site, in the site's page order.
    public static func pages(of site: Site) -> [SearchDocument] {
        site.pageOrder.compactMap { path in
            guard let page = site.pages[path] else { return nil }
            let sectionTitle = site.sections[page.section].flatMap { site.pages[$0.indexPage]?.title } ?? ""
            return SearchDocument(
                kind: page.kind == .article ? .page : .section,
                url: page.outputPath,
                title: page.title,
                // Top-level pages sit under the home page; naming it would say nothing.
                context: page.kind == .article && !page.section.isEmpty ? sectionTitle : "",
                description: page.metadata.description ?? "",
                headings: page.parsed.headings.map { Heading(text: $0.text, id: $0.id) },
                aliases: page.metadata.tags,
                body: bodyText(of: page.parsed))
        }
    }

    /// The page's text without its headings. The parse stage writes `plainText` as the headings,
    /// one per line, then the blocks; the headings are skipped on the bytes. Should that layout
    /// ever change, lines equal to a heading are filtered out instead.
    static func bodyText(of page: ParsedPage) -> String {
        let text = page.plainText
        var start = text.utf8.startIndex
        for heading in page.headings {
            let end = text.utf8[start...].firstIndex(of: UInt8(ascii: "\n")) ?? text.utf8.endIndex
            guard text.utf8[start..<end].elementsEqual(heading.text.utf8) else {
                let headings = Set(page.headings.map(\.text))
                return text.split(separator: "\n").filter { !headings.contains(String($0)) }.joined(separator: "\n")
            }
            start = end < text.utf8.endIndex ? text.utf8.index(after: end) : end
        }
        return String(text[start...])
    }
}
