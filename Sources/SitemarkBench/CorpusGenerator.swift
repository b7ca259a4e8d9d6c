import Foundation

/// Generates a documentation site like the knowledge base at any size, from a seed: articles of
/// about 9 KB of Markdown (headings, lists, a pipe table in half of them, 3-8 relative links to
/// other generated pages, some to a real heading's anchor, many mentions of 50 glossary terms),
/// one overview page per section and sub-section, the 50 glossary term files and a `site.yml`.
/// The same seed and size always give the same bytes. It can also lay the same content out as
/// a minimal Hugo site, so both tools build the same text in one benchmark run.
public struct CorpusGenerator: Sendable {
    public var seed: UInt64
    public var articles: Int
    /// Articles per leaf folder; leaf folders are spread over eight top-level sections, so the
    /// menu stays small while the site grows (navigation cost per page stays constant).
    public var articlesPerFolder: Int

    public init(seed: UInt64 = 42, articles: Int, articlesPerFolder: Int = 100) {
        self.seed = seed
        self.articles = max(1, articles)
        self.articlesPerFolder = max(1, articlesPerFolder)
    }

    public struct Summary: Sendable {
        public var articles = 0
        public var overviewPages = 0
        public var glossaryTerms = 0
        public var markdownBytes = 0
        public var pages: Int { articles + overviewPages }
    }

    // MARK: The plan: every page's path, title and headings, known before any text is written,
    // so a link can name a real page and a real heading anywhere in the corpus.

    struct PlannedArticle {
        var path: String
        var title: String
        var headings: [String]
        var slugs: [String]
        var folder: Int
        var order: Int
    }

    var folderCount: Int { (articles + articlesPerFolder - 1) / articlesPerFolder }

    /// Path inside `Pages/` of article `index` (0-based).
    public func articlePath(_ index: Int) -> String { plan(index).path }

    /// `conditions/part-2`: leaf folder `index` in top section `index % 8`.
    func folderPath(_ index: Int) -> String {
        "\(Vocabulary.sections[index % Vocabulary.sections.count])/part-\(index / Vocabulary.sections.count + 1)"
    }

    func plan(_ index: Int) -> PlannedArticle {
        var random = SeededRandom(seed: seed, stream: UInt64(index))
        let topic = random.pick(Vocabulary.topics), tail = random.pick(Vocabulary.titleTails)
        let head = random.pick(Vocabulary.titleHeads)
        let folder = index / articlesPerFolder
        let headingCount = random.int(5...7)
        var pool = Vocabulary.headings
        var headings: [String] = []
        for _ in 0..<headingCount { headings.append(pool.remove(at: random.int(0...(pool.count - 1)))) }
        return PlannedArticle(
            path: "\(folderPath(folder))/\(topic)-\(tail)-\(index + 1).md",
            title: "\(head) \(topic) \(tail) \(index + 1)",
            headings: headings, slugs: headings.map(Self.slug), folder: folder,
            order: index % articlesPerFolder + 1)
    }

    /// The heading id Sitemark (and GitHub) gives a heading of letters, digits and spaces.
    static func slug(_ text: String) -> String {
        String(text.lowercased().compactMap { $0 == " " || $0 == "-" ? "-" : ($0.isLetter || $0.isNumber ? $0 : nil) })
    }

    static func termSlug(_ term: Vocabulary.Term) -> String { slug(term.term) }

    /// `../b/c.md` from the folder `a/x` to `a/b/c.md`.
    static func relative(fromFolder folder: String, to path: String) -> String {
        let from = folder.split(separator: "/"), to = path.split(separator: "/")
        var common = 0
        while common < from.count, common < to.count - 1, from[common] == to[common] { common += 1 }
        return (Array(repeating: "..", count: from.count - common) + to[common...].map(String.init)).joined(separator: "/")
    }

    static func folder(of path: String) -> String {
        path.split(separator: "/").dropLast().joined(separator: "/")
    }

    // MARK: Writing

    /// Writes `Pages/` under `project` (replacing any previous corpus there), and the same
    /// content as a Hugo site under `hugo` when given.
    @discardableResult
    public func write(to project: URL, hugo: URL? = nil) throws -> Summary {
        let pagesFolder = project.appendingPathComponent("Pages")
        try? FileManager.default.removeItem(at: pagesFolder)
        var sink = PageSink(pages: pagesFolder, hugo: hugo.map(HugoLayout.init))
        try sink.hugo?.prepare()
        var summary = Summary()

        try sink.writeRaw("site.yml", siteConfig)
        let plans = (0..<articles).map(plan)

        try sink.write(GeneratedPage(path: "index.md", title: "Generated knowledge base",
                                     description: "A generated site of \(articles) articles for benchmarking.",
                                     order: nil, body: overviewBody(stream: 1 << 40, links: [plans[0].path], from: "")))
        summary.overviewPages += 1
        var sectionsWithContent = Set<String>()
        for folder in 0..<folderCount { sectionsWithContent.insert(Vocabulary.sections[folder % Vocabulary.sections.count]) }
        for (position, section) in Vocabulary.sections.enumerated() {
            let firstFolder = (0..<folderCount).first { Vocabulary.sections[$0 % Vocabulary.sections.count] == section }
            let links = firstFolder.map { ["\(folderPath($0))/index.md"] } ?? []
            try sink.write(GeneratedPage(path: "\(section)/index.md", title: section.capitalized,
                                         description: "Overview of the \(section) section.", order: position,
                                         body: overviewBody(stream: (1 << 41) + UInt64(position), links: links, from: section)))
            summary.overviewPages += 1
        }
        for folder in 0..<folderCount {
            let path = "\(folderPath(folder))/index.md"
            let first = plans[folder * articlesPerFolder].path
            try sink.write(GeneratedPage(path: path, title: "\(folderPath(folder).replacingOccurrences(of: "/", with: " ").capitalized)",
                                         description: "Articles \(folder * articlesPerFolder + 1) onwards.", order: folder,
                                         body: overviewBody(stream: (1 << 42) + UInt64(folder), links: [first], from: Self.folder(of: path))))
            summary.overviewPages += 1
        }
        for index in 0..<articles {
            let page = article(index, plans: plans)
            summary.markdownBytes += try sink.write(page)
            summary.articles += 1
        }
        for term in Vocabulary.terms {
            try sink.writeGlossary(term, definition: definition(of: term, linkTo: plans[0].path))
            summary.glossaryTerms += 1
        }
        try sink.hugo?.finish()
        return summary
    }

    var siteConfig: String {
        """
        title: Generated knowledge base
        description: A generated corpus for benchmarking Sitemark.
        base_url: https://bench.example/
        language: en
        publisher:
          name: Benchmark Clinic
          url: https://bench.example/
        sections: [\(Vocabulary.sections.joined(separator: ", "))]
        review_max_age_days: 36500
        glossary:
          link: first

        """
    }

    // MARK: Text

    func article(_ index: Int, plans: [PlannedArticle]) -> GeneratedPage {
        let me = plans[index]
        var random = SeededRandom(seed: seed, stream: (1 << 32) + UInt64(index))
        let folder = Self.folder(of: me.path)
        var text = TextMaker(random: random)
        let target = random.int(6_900...8_100)

        // Links: mostly to neighbours in the same folder, some across the site; a third name a heading.
        var links: [String] = []
        for _ in 0..<random.int(3...8) {
            var other = random.chance(0.6)
                ? me.folder * articlesPerFolder + random.int(0...(articlesPerFolder - 1))
                : random.int(0...(articles - 1))
            if other >= articles || other == index { other = (index + 1) % articles }
            if other == index { continue }
            let target = plans[other]
            var destination = Self.relative(fromFolder: folder, to: target.path)
            if random.chance(0.35) { destination += "#" + random.pick(target.slugs) }
            links.append("[\(target.title.lowercased())](\(destination))")
        }

        var blocks: [String] = []
        blocks.append(text.paragraph(sentences: 4))
        let hasTable = index % 2 == 0
        let tableSection = random.int(0...(me.headings.count - 1))
        let listSection = random.int(0...(me.headings.count - 1))
        var subheadings = Vocabulary.subheadings
        let budget = (target - 700) / me.headings.count
        for (position, heading) in me.headings.enumerated() {
            var section = ["## \(heading)"]
            var size = 0
            func add(_ block: String) { section.append(block); size += block.utf8.count + 2 }
            add(text.paragraph(sentences: random.int(3...5)))
            if position == listSection { add(text.bulletList(items: random.int(4...6))) }
            if position == (listSection + 2) % me.headings.count { add(text.numberedList(items: random.int(3...5))) }
            if hasTable && position == tableSection { add(text.table(rows: random.int(4...6))) }
            if !subheadings.isEmpty && random.chance(0.4) {
                add("### " + subheadings.remove(at: random.int(0...(subheadings.count - 1))))
            }
            while size < budget { add(text.paragraph(sentences: random.int(3...6))) }
            blocks.append(section.joined(separator: "\n\n"))
        }
        random = text.random
        var body = blocks.joined(separator: "\n\n")
        body = Self.place(links, in: body, random: &random)

        let related = (1...2).map { step in Self.relative(fromFolder: folder, to: plans[(index + step * 7) % articles].path) }
            .filter { !$0.hasSuffix(me.path.split(separator: "/").last.map(String.init) ?? "") }
        return GeneratedPage(path: me.path, title: me.title,
                             description: "What to know about \(me.title.lowercased()): \(text.sentence().dropLast())",
                             order: me.order, tags: [random.pick(Vocabulary.tags), random.pick(Vocabulary.tags)].uniqued(),
                             reviewed: String(format: "2026-%02d-%02d", random.int(1...10), random.int(1...28)),
                             sources: (0..<random.int(1...3)).map { _ in text.source() },
                             related: related, body: body + "\n")
    }

    /// Puts each link at the end of a different paragraph ("See …"), spread over the page.
    static func place(_ links: [String], in body: String, random: inout SeededRandom) -> String {
        var paragraphs = body.components(separatedBy: "\n\n")
        let candidates = paragraphs.indices.filter {
            let first = paragraphs[$0].first
            return first != "#" && first != "-" && first != "|" && !(first?.isNumber ?? false)
        }
        guard !candidates.isEmpty else { return body }
        for (position, link) in links.enumerated() {
            let slot = candidates[(position * candidates.count / max(links.count, 1) + random.int(0...1)) % candidates.count]
            paragraphs[slot] += " See \(link)."
        }
        return paragraphs.joined(separator: "\n\n")
    }

    func overviewBody(stream: UInt64, links: [String], from folder: String) -> String {
        var text = TextMaker(random: SeededRandom(seed: seed, stream: stream))
        var body = text.paragraph(sentences: 4) + "\n\n" + text.paragraph(sentences: 3)
        for link in links {
            body += " Start with [the first page](\(Self.relative(fromFolder: folder, to: link)))."
        }
        return body + "\n"
    }

    func definition(of term: Vocabulary.Term, linkTo article: String) -> String {
        var text = TextMaker(random: SeededRandom(seed: seed, stream: (1 << 43) + UInt64(Self.termSlug(term).utf8.count)))
        return "\(term.term) is a term used throughout this site. " + text.paragraph(sentences: 2)
            + " Read more in [an article](\(Self.relative(fromFolder: "glossary", to: article))).\n"
    }
}

/// One generated page: front matter fields and body, written out for Sitemark and for Hugo.
struct GeneratedPage {
    var path: String
    var title: String
    var description: String
    var order: Int?
    var tags: [String] = []
    var reviewed: String?
    var sources: [String] = []
    var related: [String] = []
    var body: String

    var sitemarkFrontMatter: String {
        var lines = ["title: \(yamlQuoted(title))", "description: \(yamlQuoted(description))"]
        if let order { lines.append("order: \(order)") }
        if !tags.isEmpty { lines.append("tags: [\(tags.joined(separator: ", "))]") }
        if let reviewed { lines += ["reviewed: \(reviewed)", "reviewed_by: Editorial team"] }
        if !sources.isEmpty { lines.append("sources:"); lines += sources.map { "  - \(yamlQuoted($0))" } }
        if !related.isEmpty { lines.append("related: [\(related.joined(separator: ", "))]") }
        return lines.joined(separator: "\n")
    }
}

func yamlQuoted(_ text: String) -> String {
    "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
}

extension Array where Element: Hashable {
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}

/// Writes pages to disk (and to the Hugo layout when there is one), creating folders once.
struct PageSink {
    let pages: URL
    var hugo: HugoLayout?
    private var folders = Set<String>()

    init(pages: URL, hugo: HugoLayout?) {
        self.pages = pages
        self.hugo = hugo
    }

    mutating func writeRaw(_ path: String, _ text: String) throws {
        let url = pages.appendingPathComponent(path)
        let folder = url.deletingLastPathComponent().path
        if folders.insert(folder).inserted {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        try Data(text.utf8).write(to: url)
    }

    @discardableResult
    mutating func write(_ page: GeneratedPage) throws -> Int {
        let text = "---\n\(page.sitemarkFrontMatter)\n---\n\n\(page.body)"
        try writeRaw(page.path, text)
        try hugo?.write(page)
        return text.utf8.count
    }

    mutating func writeGlossary(_ term: Vocabulary.Term, definition: String) throws {
        var lines = ["term: \(yamlQuoted(term.term))", "aliases: [\(term.aliases.map(yamlQuoted).joined(separator: ", "))]"]
        if let abbreviation = term.abbreviation { lines.append("abbreviation: \(abbreviation)") }
        try writeRaw("glossary/\(CorpusGenerator.termSlug(term)).md", "---\n\(lines.joined(separator: "\n"))\n---\n\(definition)")
        try hugo?.writeGlossary(term, definition: definition)
    }
}
