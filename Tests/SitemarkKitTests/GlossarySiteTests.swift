import Foundation
import Testing
@testable import SitemarkKit

/// Builds the glossary fixture (Tests/Fixtures/glossary) with the default theme and reads the
/// HTML back: what a reader gets, checked against what the sources say.
@Suite("Glossary in a built site")
struct GlossarySiteTests {
    static let fixture = Repository.fixtures.appendingPathComponent("glossary/Pages")

    func build(link mode: String = "first") throws -> BuiltSite {
        try BuiltSite(pages: Self.fixture) { pages in
            let config = pages.appendingPathComponent("site.yml")
            let text = try String(contentsOf: config, encoding: .utf8).replacingOccurrences(of: "link: first", with: "link: \(mode)")
            try text.write(to: config, atomically: true, encoding: .utf8)
        }
    }

    @Test("the fixture builds clean, with the glossary index and one page per term")
    func builds() throws {
        let site = try build()
        defer { site.remove() }
        #expect(site.report.diagnostics.map(\.description) == [])
        #expect(site.htmlFiles().filter { $0.hasPrefix("glossary/") } == [
            "glossary/computed-tomography.html", "glossary/disc-herniation.html", "glossary/disc.html",
            "glossary/index.html", "glossary/lumbar-disc-herniation.html", "glossary/ozone.html"])
    }

    @Test("an article links each term's first mention, longest match first, and none of the exclusions")
    func articleLinks() throws {
        let site = try build()
        defer { site.remove() }
        let html = try site.html("conditions/disc.html")
        #expect(HTMLReading.termLinks(in: html)
            == ["lumbar-disc-herniation", "disc-herniation", "disc", "ozone", "computed-tomography"])
        // The text each link carries: the longest form, as written.
        #expect(HTMLReading.captures(#"aria-describedby="[^"]*">([^<]*)</a>"#, in: html)
            == ["lumbar disc herniation", "disc herniation", "disc", "OZONE", "CT scan"])
        // Exclusions, one by one.
        #expect(html.contains("<h2 id=\"disc-herniation-in-a-heading\">\nDisc herniation in a heading\n<a class=\"heading-anchor\""))
        #expect(html.contains("<a href=\"imaging.html\">a disc herniation in a link</a>"))
        #expect(html.contains("<code>disc</code>") && html.contains("alt=\"a disc in an image\""))
        #expect(html.contains("<pre><code>disc herniation in a code block\n</code></pre>"))
        #expect(html.contains("Whole words only: discectomy, disc-shaped, subdisc."))
        #expect(html.contains("but not an act or a ct or a Ct."))
        #expect(html.contains("A second disc and a second lumbar disc herniation are not linked again."))
        // The tooltip carries the short definition.
        #expect(html.contains("<span class=\"term-tip\" role=\"tooltip\" id=\"term-ozone\">Ozone is a reactive gas made of three oxygen atoms. It is not a disc.</span>"))
    }

    @Test("a pipe table in a definition is a table on the term's page and the index, its links rewritten")
    func tableInDefinition() throws {
        let site = try BuiltSite(pages: Self.fixture) { pages in
            let entry = pages.appendingPathComponent("glossary/disc.md")
            let text = try String(contentsOf: entry, encoding: .utf8)
                + "\n| Part | Where |\n|:--|--:|\n| Nucleus | [centre](../conditions/imaging.md) |\n| Annulus \\| ring | edge |\n"
            try text.write(to: entry, atomically: true, encoding: .utf8)
        }
        defer { site.remove() }
        #expect(site.report.diagnostics.map(\.description) == [])
        for path in ["glossary/disc.html", "glossary/index.html"] {
            let html = try site.html(path)
            #expect(html.contains("<th scope=\"col\" style=\"text-align: left\">Part</th>"), "\(path)")
            #expect(html.contains("<a href=\"../conditions/imaging.html\">centre</a>"), "\(path)")
            #expect(html.contains("Annulus | ring") && !html.contains("| Nucleus |"), "\(path)")
        }
    }

    @Test("'all' links every mention and 'none' links nothing, while mentions are still listed")
    func linkingModes() throws {
        let all = try build(link: "all")
        defer { all.remove() }
        #expect(HTMLReading.termLinks(in: try all.html("conditions/disc.html")) == [
            "lumbar-disc-herniation", "disc-herniation", "disc", "ozone", "ozone", "computed-tomography", "disc",
            "lumbar-disc-herniation"])
        let none = try build(link: "none")
        defer { none.remove() }
        #expect(HTMLReading.termLinks(in: try none.html("conditions/disc.html")).isEmpty)
        #expect(HTMLReading.sectionLinks(labelledBy: "mentions", in: try none.html("glossary/ozone.html"))
            == ["../conditions/disc.html", "../conditions/imaging.html"])
    }

    @Test("a term's own page: breadcrumb to the glossary, other terms linked, never itself")
    func termPage() throws {
        let site = try build()
        defer { site.remove() }
        let html = try site.html("glossary/disc-herniation.html")
        #expect(HTMLReading.termLinks(in: html) == ["disc", "lumbar-disc-herniation"])
        #expect(HTMLReading.content(of: html).hasPrefix("\n<p>A disc herniation is a <span class=\"term-ref\">"))
        #expect(html.contains("<li><a href=\"index.html\">Glossary</a></li>\n<li><span aria-current=\"page\">Disc herniation</span></li>"))
        #expect(html.contains("<h1 id=\"page-title\">Disc herniation</h1>"))
        #expect(html.contains("Also called: herniated disc"))
        #expect(html.contains("<meta name=\"description\" content=\"A disc herniation is a disc whose centre has pushed out."))
    }

    @Test("the index: A–Z jump bar to letters that exist, an anchor per term, definitions, aliases and abbreviations")
    func index() throws {
        let site = try build()
        defer { site.remove() }
        let html = try site.html("glossary/index.html")
        let ids = Set(HTMLReading.ids(in: html))
        let jumps = HTMLReading.captures(##"<li><a href="#(letter-[a-z]+)">"##, in: html)
        #expect(jumps == ["letter-c", "letter-d", "letter-l", "letter-o"])
        #expect(jumps.allSatisfy(ids.contains))
        #expect(HTMLReading.captures(#"<dt id="([^"]*)">"#, in: html)
            == ["computed-tomography", "disc", "disc-herniation", "lumbar-disc-herniation", "ozone"])
        #expect(html.contains("<dt id=\"computed-tomography\"><a href=\"computed-tomography.html\">Computed tomography</a> <span class=\"term-abbreviation\">(CT)</span></dt>"))
        #expect(html.contains("<p>Ozone appears in <a href=\"../conditions/disc.html\">disc problems</a>.</p>"))
        // No term links on the index itself: every definition is already on the page.
        #expect(HTMLReading.termLinks(in: html).isEmpty)
    }

    @Test("the glossary is in the menu after the sections, and Markdown links reach it and its terms")
    func reachable() throws {
        let site = try build()
        defer { site.remove() }
        let home = try site.html("index.html")
        #expect(home.contains("<li><a href=\"conditions/index.html\">Conditions</a></li>\n<li><a href=\"glossary/index.html\">Glossary</a></li>\n</ul>"))
        #expect(home.contains("the <a href=\"glossary/index.html\">glossary</a>"))
        #expect(try site.html("conditions/imaging.html").contains("<a href=\"../glossary/ozone.html\">ozone</a>"))
        #expect(try site.html("glossary/ozone.html").contains("<a href=\"index.html\" aria-current=\"page\">Glossary</a>"))
    }

    @Test("related: the related: pages first, then pages sharing terms or tags")
    func related() throws {
        let site = try build()
        defer { site.remove() }
        #expect(HTMLReading.sectionLinks(labelledBy: "related", in: try site.html("conditions/disc.html"))
            == ["imaging.html", "unrelated.html"])
        #expect(HTMLReading.sectionLinks(labelledBy: "related", in: try site.html("conditions/imaging.html")) == ["disc.html"])
    }

    @Test("term pages are pages the web can find: canonical link, DefinedTerm JSON-LD, sitemap entries")
    func webMetadata() throws {
        let site = try build()
        defer { site.remove() }
        let html = try site.html("glossary/ozone.html")
        #expect(html.contains("<link rel=\"canonical\" href=\"https://fixture.example/glossary/ozone.html\">"))
        let json = try #require(HTMLReading.captures(#"<script type="application/ld\+json">(.*?)</script>"#, in: html).first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["@type"] as? String == "DefinedTerm" && object["name"] as? String == "Ozone")
        #expect(object["alternateName"] as? [String] == ["medical ozone", "O3"])
        #expect((object["inDefinedTermSet"] as? [String: Any])?["url"] as? String == "https://fixture.example/glossary/")
        let index = try site.html("glossary/index.html")
        #expect(index.contains("\"@type\":\"DefinedTermSet\"") && index.contains("<link rel=\"canonical\" href=\"https://fixture.example/glossary/\">"))
        let sitemap = try String(contentsOf: site.output.appendingPathComponent("sitemap.xml"), encoding: .utf8)
        #expect(sitemap.contains("<loc>https://fixture.example/glossary/</loc>"))
        #expect(sitemap.contains("<loc>https://fixture.example/glossary/ozone.html</loc>"))
    }

    @Test("every backlink and every 'Mentioned in' entry is real, and every real one is shown")
    func connectionsAreReal() throws {
        let site = try build()
        defer { site.remove() }
        try SiteConnections.verify(site)
    }
}

/// Checks a built site's connections against its own pages: "Linked from" against the links in
/// page bodies (the Markdown link graph), "Mentioned in" against the term links and explicit
/// glossary links in page bodies; ids unique on every page; no link inside a link.
enum SiteConnections {
    static func verify(_ site: BuiltSite, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let files = site.htmlFiles()
        // The graph is made of Markdown pages only: generated pages (glossary, editorial, 404)
        // link to pages too, but "Linked from" and "Mentioned in" are about what writers wrote.
        let markdownPages = Set(site.report.site?.pages.values.map(\.outputPath) ?? [])
        var linkedFrom: [String: Set<String>] = [:]
        var mentionedIn: [String: Set<String>] = [:]
        for file in files where markdownPages.contains(file) {
            let html = try site.html(file)
            let body = HTMLReading.content(of: html)
            for href in HTMLReading.captures(##"<a href="([^"#:]+\.html)[^"]*""##, in: body) {
                let target = HTMLReading.resolve(href, from: file)
                if target.hasPrefix("glossary/") {
                    mentionedIn[String(target.dropFirst("glossary/".count).dropLast(".html".count)), default: []].insert(file)
                } else if target != file {
                    linkedFrom[target, default: []].insert(file)
                }
            }
            for slug in HTMLReading.termLinks(in: body) { mentionedIn[slug, default: []].insert(file) }
        }
        for file in files {
            let html = try site.html(file)
            let ids = HTMLReading.ids(in: html)
            #expect(ids.count == Set(ids).count, "duplicate ids in \(file)", sourceLocation: sourceLocation)
            #expect(!html.contains(try Regex("<a [^>]*>(?:(?!</a>).)*<a ")), "a link inside a link in \(file)", sourceLocation: sourceLocation)
            if html.contains("<body class=\"page page-article\">") {
                // Articles show "Linked from" (home and section pages list their pages instead).
                let shown = Set(HTMLReading.sectionLinks(labelledBy: "backlinks", in: html).map { HTMLReading.resolve($0, from: file) })
                #expect(shown == linkedFrom[file, default: []], "Linked from on \(file)", sourceLocation: sourceLocation)
            } else if file == Glossary.indexOutput {
                // The index shows the first few of each term's pages, then how many more its page lists.
                let entries = HTMLReading.indexEntries(in: html)
                #expect(!entries.isEmpty, sourceLocation: sourceLocation)
                for (slug, entry) in entries {
                    let all = HTMLReading.sectionLinks(labelledBy: "mentions", in: try site.html("glossary/\(slug).html"))
                    let limit = GlossaryRenderer.indexMentionLimit
                    let shown = HTMLReading.captures(#"<li><a href="([^"]*)">"#, in: entry)
                    #expect(shown == Array(all.prefix(limit)) + (all.count > limit ? ["\(slug).html"] : []),
                            "index entry \(slug)", sourceLocation: sourceLocation)
                    #expect(entry.contains("\(all.count - limit) more on the page for") == (all.count > limit),
                            "index entry \(slug)", sourceLocation: sourceLocation)
                }
            } else if file.hasPrefix("glossary/") {
                let slug = String(file.dropFirst("glossary/".count).dropLast(".html".count))
                let shown = Set(HTMLReading.sectionLinks(labelledBy: "mentions", in: html).map { HTMLReading.resolve($0, from: file) })
                #expect(shown == mentionedIn[slug, default: []], "Mentioned in on \(file)", sourceLocation: sourceLocation)
                #expect(!shown.isEmpty, "\(file) is mentioned nowhere", sourceLocation: sourceLocation)
            }
        }
    }
}
