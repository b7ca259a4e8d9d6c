import Foundation
import Mustache
import SitemarkBench
@testable import SitemarkKit
import Testing

@Suite("Build cache parts")
struct BuildCachePartsTests {
    @Test("MurmurHash3 x64-128 gives the reference value")
    func murmurReference() {
        let hash = Fingerprint.of(Array("The quick brown fox jumps over the lazy dog".utf8))
        #expect(hash.low == 0xe34b_bc7b_bc07_1b6c)
        #expect(hash.high == 0x7a43_3ca9_c49a_9347)
        #expect(Fingerprint.of([UInt8]()) == .zero)
        // Every tail length takes its own path through the last block.
        let hashes = Set((0...33).map { Fingerprint.of(Array(repeating: UInt8(7), count: $0)) })
        #expect(hashes.count == 34)
    }

    @Test("a parsed page survives the binary form unchanged")
    func parsedPageRoundTrip() throws {
        let text = """
            ---
            title: "Round trip"
            description: A page with every field.
            order: 3
            draft: true
            tags: [a, b]
            reviewed: 2026-01-02
            reviewed_by: Someone
            sources: ["One", "Two"]
            related: [other.md]
            facts: {dose: 10 µg, sessions: "3"}
            layout: article
            unknown: key
            ---

            # Heading é

            Text with [a link](other.md#x) and ![image](pic.png) and <b>raw</b>.

            ```compare
            pages: [a.md]
            ```
            """
        let page = PageParser(allowRawHTML: false).parse(SourceFile(path: "a/b.md", displayPath: "Pages/a/b.md", bytes: Array(text.utf8)))
        #expect(!page.diagnostics.isEmpty && !page.links.isEmpty && !page.compareBlocks.isEmpty && !page.metadata.facts.isEmpty)
        let decoded = try BinaryCoding.decode(ParsedPage.self, from: try BinaryCoding.encode(page))
        // Every field, through the synthesized conformance (dictionaries in sorted order).
        func fingerprint(_ page: ParsedPage) -> Fingerprint {
            var hasher = FingerprintHasher()
            hasher.combine(encoding: page)
            return hasher.finalize()
        }
        #expect(fingerprint(decoded) == fingerprint(page))
        #expect(decoded.metadata == page.metadata && decoded.diagnostics == page.diagnostics && decoded.body == page.body)
    }

    @Test("damaged binary data throws instead of crashing")
    func damagedBinary() throws {
        let page = PageParser(allowRawHTML: false).parse(SourceFile(path: "a.md", displayPath: "Pages/a.md", bytes: Array("---\ntitle: A\n---\nBody\n".utf8)))
        let bytes = try BinaryCoding.encode(page)
        // Every cut short of the whole must be refused: a cache entry read half-written
        // would otherwise stand in for the page.
        for cut in stride(from: 0, to: bytes.count, by: 7) {
            #expect(throws: (any Error).self, "cut at \(cut) of \(bytes.count)") {
                try BinaryCoding.decode(ParsedPage.self, from: Array(bytes[..<cut]))
            }
        }
    }

    @Test("the fingerprint of a value sees every field, absent optionals and dictionary order included")
    func fingerprintEncoding() {
        struct Sample: Encodable {
            var a: String?
            var b: String?
            var map: [String: Int]
        }
        func fingerprint(_ value: Sample) -> Fingerprint {
            var hasher = FingerprintHasher()
            hasher.combine(encoding: value)
            return hasher.finalize()
        }
        #expect(fingerprint(Sample(a: "x", b: nil, map: [:])) != fingerprint(Sample(a: nil, b: "x", map: [:])))
        var map: [String: Int] = [:]
        for index in 0..<50 { map["k\(index)"] = index }
        var reversed: [String: Int] = [:]
        for index in (0..<50).reversed() { reversed["k\(index)"] = index }
        #expect(fingerprint(Sample(a: nil, b: nil, map: map)) == fingerprint(Sample(a: nil, b: nil, map: reversed)))
        reversed["k3"] = 4
        #expect(fingerprint(Sample(a: nil, b: nil, map: map)) != fingerprint(Sample(a: nil, b: nil, map: reversed)))
    }

    @Test("comparison tables are fingerprinted by hand: every stored field, each cell in its place")
    func comparisonTableFingerprint() {
        func names(_ value: Any) -> [String] { Mirror(reflecting: value).children.compactMap(\.label) }
        let column = ComparisonTable.Column(destination: "a.md", title: "A")
        let row = ComparisonTable.Row(label: "Dose", values: ["1", nil])
        let table = ComparisonTable(caption: nil, columns: [column, column], rows: [row])
        // A field added to these types fails here until `combine(into:)` feeds it.
        #expect(names(table) == ComparisonTable.fingerprintedFields["ComparisonTable"])
        #expect(names(column) == ComparisonTable.fingerprintedFields["Column"])
        #expect(names(row) == ComparisonTable.fingerprintedFields["Row"])

        func fingerprint(_ tables: [ComparisonTable]) -> Fingerprint {
            var hasher = FingerprintHasher()
            hasher.combine(encoding: tables)
            return hasher.finalize()
        }
        var variants = [table]
        variants.append({ var t = table; t.caption = "" ; return t }())
        variants.append({ var t = table; t.rows[0].values = [nil, "1"]; return t }())
        variants.append({ var t = table; t.rows[0].values = ["1", ""]; return t }())
        variants.append({ var t = table; t.columns[1].title = "B"; return t }())
        variants.append({ var t = table; t.rows[0].label = "Dos"; return t }())
        variants.append({ var t = table; t.columns[0].destination = "b.md"; return t }())
        #expect(Set(variants.map { fingerprint([$0]) }).count == variants.count)
        #expect(fingerprint([table, table]) != fingerprint([table]))
    }
}

@Suite("Speed-ups keep their meaning")
struct SpeedUpEquivalenceTests {
    @Test("templates render the dictionary tree exactly as they rendered the reflected struct")
    func templateDataMatchesReflection() throws {
        let template = try MustacheTemplate(string: """
            {{site.title}}|{{#page.description}}[{{page.description}}]{{/page.description}}{{^page.description}}none{{/page.description}}
            {{#menu}}<a href="{{url}}"{{#isCurrent}} current{{/isCurrent}}>{{title}} {{root}}</a>{{/menu}}
            {{#hasToc}}{{#toc}}{{id}}:{{text}}{{#isSubsection}}-sub{{/isSubsection}};{{/toc}}{{/hasToc}}
            {{#previous}}prev {{title}}{{/previous}}{{^next}}no next{{/next}} {{#listing}}x{{/listing}}{{^listing}}empty{{/listing}}
            {{#page.sources}}<li>{{.}}</li>{{/page.sources}} {{page.wordCount}} {{{page.content}}}
            """)
        let link = LinkView(title: "A & B", url: "a.html", description: nil, isCurrent: true)
        let context = PageContext(
            site: SiteView(title: "Site <1>", description: "", language: "en", publisher: nil),
            page: PageView(title: "T", description: nil, content: "<p>x</p>", url: "t.html", isHome: false, isSection: false,
                           isArticle: true, isDraft: false, reviewed: nil, reviewedBy: nil, sources: ["s1", "s\"2"],
                           hasSources: true, tags: [], wordCount: 12, readingMinutes: 1),
            root: "../", menu: [link, LinkView(title: "C", url: "c.html")], breadcrumbs: [], hasBreadcrumbs: false,
            toc: [TocEntry(text: "One", id: "one", isSubsection: false), TocEntry(text: "Two", id: "two", isSubsection: true)],
            hasToc: true, listing: [], hasListing: false, previous: link, next: nil, hasPageNav: true,
            backlinks: [], hasBacklinks: false, related: [], hasRelated: false, head: "", isPreview: false)
        #expect(template.render(TemplateData.make(context)) == template.render(context))
    }

    @Test("the byte-keyed word table finds each key again, across growth, and keeps its values")
    func byteKeyedTable() {
        var table = ByteKeyedTable<Int>()
        let words = (0..<2000).map { "w\($0)" } + ["", "é", "ozone"]
        func entry(_ word: String, _ value: Int) -> Int {
            var word = word
            return word.withUTF8 { table.entry(for: $0, makeValue: { value }) }
        }
        let first = words.enumerated().map { entry($0.element, $0.offset) }
        #expect(first == Array(words.indices))
        #expect(words.enumerated().map { entry($0.element, -1) } == first)  // found, not made again
        #expect(table.count == words.count)
        #expect(first.map(table.key) == words)
        #expect(first.map { table[$0] } == Array(words.indices))
    }

    @Test("HTML escaping: the five characters, and a quote before a combining mark")
    func escaping() {
        #expect(HTML.escape("plain text") == "plain text")
        #expect(HTML.escape("<a href=\"x\">&'</a>") == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;")
        #expect(HTML.escape("\"\u{301}é") == "&quot;\u{301}é")
    }

    @Test("front matter splits CRLF files and keeps line numbers")
    func crlfFrontMatter() throws {
        let split = try FrontMatterSplit.split("---\r\ntitle: A\r\n---\r\nBody\r\n", file: "a.md").get()
        #expect(split.yaml == "title: A\r")
        #expect(split.body == "Body\r\n")
        #expect(split.bodyLineOffset == 3)
        let unix = try FrontMatterSplit.split("---\ntitle: A\nx: 1\n---\n\nBody", file: "a.md").get()
        #expect(unix.yaml == "title: A\nx: 1")
        #expect(unix.body == "\nBody")
        #expect(unix.bodyLineOffset == 4)
        #expect(try FrontMatterSplit.split("---\n---", file: "a.md").get().yaml == "")
        #expect((try? FrontMatterSplit.split("---\ntitle: A\n", file: "a.md").get()) == nil)
    }

    @Test("word counts by scalar match the Character-based count on ordinary text")
    func wordCount() {
        for text in ["", "  one two\tthree\nfour  ", "Ünïcödé wörds — dash ok", "a\u{00A0}b"] {
            #expect(BodyScanner.wordCount(of: text) == text.split(whereSeparator: { $0.isWhitespace }).count)
        }
    }
}

@Suite("Benchmark corpus")
struct CorpusTests {
    @Test("the same seed and size give the same bytes, and the site builds without a problem")
    func deterministicAndValid() throws {
        let temporary = FileManager.default.temporaryDirectory
        let a = temporary.appendingPathComponent("corpus-\(UUID().uuidString)")
        let b = temporary.appendingPathComponent("corpus-\(UUID().uuidString)")
        defer {
            try? FileManager.default.removeItem(at: a)
            try? FileManager.default.removeItem(at: b)
        }
        let generator = CorpusGenerator(seed: 11, articles: 30, articlesPerFolder: 10)
        let summary = try generator.write(to: a, hugo: a.appendingPathComponent("hugo"))
        try generator.write(to: b)
        #expect(TestProject.difference(a.appendingPathComponent("Pages"), b.appendingPathComponent("Pages")) == nil)
        #expect(summary.articles == 30 && summary.glossaryTerms == 50)
        #expect(summary.markdownBytes / summary.articles > 7_000)
        #expect(FileManager.default.fileExists(atPath: a.appendingPathComponent("hugo/content/mechanisms/part-1/_index.md").path))

        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        try ThemeCopier.copy(from: repository, to: a)
        var options = BuildOptions.onFixedDay(ProjectLayout(root: a))
        options.cacheFolder = nil
        let report = SiteBuilder().build(options)
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        #expect(report.pageCount == summary.pages)
        // Some links name a heading: the anchors the generator writes are real.
        let linksWithAnchors = try String(contentsOf: a.appendingPathComponent("Pages/" + generator.articlePath(0)), encoding: .utf8)
        #expect(linksWithAnchors.contains(".md"))
    }
}

@Suite("Load stage")
struct LoadStageTests {
    @Test("the readdir listing finds exactly what Foundation's enumerator found")
    func listingMatchesFoundation() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("listing-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let pages = root.appendingPathComponent("Pages"), outside = root.appendingPathComponent("outside")
        let fileManager = FileManager.default
        for folder in ["sub/deeper", ".hidden", "empty"] {
            try fileManager.createDirectory(at: pages.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        try fileManager.createDirectory(at: outside.appendingPathComponent("dir"), withIntermediateDirectories: true)
        for file in ["index.md", "sub/a.md", "sub/deeper/e.md", "sub/picture.png", ".hidden/x.md", ".dot.md",
                     "notes.md~", "sub/.a.md.swp", "#draft.md#", "b c é.md"] {
            try Data("x".utf8).write(to: pages.appendingPathComponent(file))
        }
        try Data("x".utf8).write(to: outside.appendingPathComponent("b.md"))
        try Data("x".utf8).write(to: outside.appendingPathComponent("dir/d.md"))
        try fileManager.createSymbolicLink(atPath: pages.appendingPathComponent("linked").path, withDestinationPath: "../outside")
        try fileManager.createSymbolicLink(atPath: pages.appendingPathComponent("c.md").path, withDestinationPath: "../outside/b.md")
        try fileManager.createSymbolicLink(atPath: pages.appendingPathComponent("alias").path, withDestinationPath: "sub")
        try fileManager.createSymbolicLink(atPath: pages.appendingPathComponent("inner.md").path, withDestinationPath: "sub/a.md")
        try fileManager.createSymbolicLink(atPath: pages.appendingPathComponent("broken.md").path, withDestinationPath: "nowhere.md")

        let fast = SourceTree.listFiles(under: pages), slow = SourceTree.listFilesWithFoundation(under: pages)
        #expect(fast.map(\.0) == slow.map(\.0))
        #expect(fast.map(\.1.path) == slow.map(\.1.path))
        #expect(fast.map(\.0).contains("sub/deeper/e.md") && !fast.map(\.0).contains("c.md"))
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for folder in ["Pages", "Templates", "Public"] {
            let url = repository.appendingPathComponent(folder)
            #expect(SourceTree.listFiles(under: url).map(\.0) == SourceTree.listFilesWithFoundation(under: url).map(\.0))
        }
    }

    @Test func anUnreadableFolderIsReportedNotSkipped() throws {
        let project = try FixtureProject(["Pages/index.md": page("Home"), "Pages/hidden/a.md": page("A"), "Pages/open/b.md": page("B")])
        defer { project.cleanUp() }
        let listing = SourceTree.listing(under: project.layout.pages, openFolder: { path in
            guard !path.hasSuffix("/hidden") else { errno = EACCES; return nil }
            return opendir(path)
        })
        #expect(listing.files.map(\.0) == ["index.md", "open/b.md"])
        #expect(listing.unreadable.count == 1 && listing.unreadable[0].0 == "hidden")
        #expect(listing.unreadable[0].1 == "permission denied")
        // A folder that is not there is not an error (Public/ is optional).
        #expect(SourceTree.listing(under: project.root.appendingPathComponent("Public")).unreadable.isEmpty)
    }

    @Test func anUnreadableFileToCopyIsReportedAsThatFile() throws {
        let project = try FixtureProject(["Pages/index.md": page("Home")])
        defer { project.cleanUp() }
        let assets = ["Pages/a.png", "Public/b.css"].map { AssetFile(path: String($0.split(separator: "/")[1]), source: project.root.appendingPathComponent($0)) }
        let problems = SourceTree.unreadable(assets, layout: project.layout) { !$0.hasSuffix("b.css") }
        #expect(problems.map(\.file) == ["Public/b.css"] && problems[0].message == "cannot read this file")
    }
}
