import Testing
@testable import SitemarkKit

@Suite("Term linking in the Markdown tree")
struct TermLinkingTests {
    let matcher = TermMatcher(forms: [
        .init(entry: "disc", text: "disc", isAbbreviation: false),
        .init(entry: "disc-herniation", text: "disc herniation", isAbbreviation: false),
        .init(entry: "lumbar-disc-herniation", text: "lumbar disc herniation", isAbbreviation: false),
        .init(entry: "computed-tomography", text: "CT", isAbbreviation: true),
        .init(entry: "ozone", text: "ozone", isAbbreviation: false),
    ])

    func linker(_ mode: SiteConfig.GlossaryLinking = .first, excluding: String? = nil, usedIDs: Set<String> = []) -> TermLinker {
        TermLinker(matcher: matcher, mode: mode, excluding: excluding, usedIDs: usedIDs) {
            TermLinker.Target(href: "../glossary/\($0).html", tooltip: HTML.escape("About \"\($0)\" & more."))
        }
    }

    func render(_ markdown: String, _ mode: SiteConfig.GlossaryLinking = .first, excluding: String? = nil,
                rawHTML: Bool = false) -> (html: String, linked: [String]) {
        let document = MarkdownDocument(parsing: markdown)
        let linked = linker(mode, excluding: excluding).apply(to: document)
        return (document.renderHTML(allowRawHTML: rawHTML), linked)
    }

    func mentions(_ markdown: String, excluding: String? = nil) -> [String] {
        TermScan(document: MarkdownDocument(parsing: markdown), matcher: matcher, excluding: excluding).mentionedEntries
    }

    @Test("a mention becomes a link with its tooltip: phrasing content, ids that match, text escaped")
    func markup() {
        let (html, linked) = render("Ozone is a gas.")
        #expect(linked == ["ozone"])
        #expect(html == "<p><span class=\"term-ref\"><a class=\"term\" href=\"../glossary/ozone.html\" data-term=\"ozone\" "
            + "aria-describedby=\"term-ozone\">Ozone</a><span class=\"term-tip\" role=\"tooltip\" id=\"term-ozone\">"
            + "About &quot;ozone&quot; &amp; more.</span></span> is a gas.</p>\n")
    }

    @Test("the render stage links from the parse stage's placements: same HTML, no word matched again")
    func placementsGiveTheSameLinks() {
        let markdown = "Ozone and a lumbar disc herniation.\n\n| Route | Note |\n|---|---|\n| disc | CT and *ozone* |\n\n"
            + "> A disc\n> herniation, then ozone.\n"
        for mode in [SiteConfig.GlossaryLinking.first, .all] {
            let parsed = TermScan(document: tree(markdown), matcher: matcher)
            #expect(parsed.placements.runs.count == 5)
            let fromPlacements = tree(markdown), scanned = tree(markdown)
            // A matcher that finds nothing: every link made below comes from the placements.
            let blind = TermLinker(matcher: TermMatcher(forms: []), mode: mode, usedIDs: []) {
                TermLinker.Target(href: "../glossary/\($0).html", tooltip: HTML.escape("About \"\($0)\" & more."))
            }
            let linked = blind.apply(to: fromPlacements, placements: (parsed.placements, entries: parsed.mentionedEntries))
            #expect(linked == linker(mode).apply(to: scanned))
            #expect(fromPlacements.renderHTML() == scanned.renderHTML())
        }
    }

    @Test("placements that do not fit the tree are not trusted: the text is scanned instead")
    func placementsThatDoNotFit() {
        let parsed = TermScan(document: tree("Ozone is a gas."), matcher: matcher)
        let placements = (parsed.placements, entries: parsed.mentionedEntries)
        #expect(linker(.all).apply(to: tree("A disc, not ozone."), placements: placements) == ["disc", "ozone"])
        var beyondTheEnd = TermPlacements()
        beyondTheEnd.append(ordinal: 3, length: 15, matches: [(0..<5, 0)])
        #expect(linker(.all).apply(to: tree("Ozone is a gas."), placements: (beyondTheEnd, entries: ["ozone"])) == ["ozone"])
        var unknownEntry = TermPlacements()
        unknownEntry.append(ordinal: 0, length: 15, matches: [(0..<5, 1)])
        #expect(linker(.all).apply(to: tree("Ozone is a gas."), placements: (unknownEntry, entries: ["ozone"])) == ["ozone"])
    }

    /// A page's tree as both stages make it: parsed, then pipe tables.
    func tree(_ markdown: String) -> MarkdownDocument {
        let document = MarkdownDocument(parsing: markdown)
        PipeTables(source: markdown).apply(to: document)
        return document
    }

    @Test("never inside a heading")
    func notInHeadings() {
        #expect(render("## Ozone and a disc\n\nText.").linked.isEmpty)
        #expect(mentions("# Ozone\n") == [])
    }

    @Test("never inside a link, nor an image's description")
    func notInLinks() {
        #expect(render("[ozone](a.md) and ![a disc](d.png) and <https://ozone.example/disc>").linked.isEmpty)
    }

    @Test("never inside code spans or code blocks")
    func notInCode() {
        #expect(render("Use `ozone` here.\n\n```\ndisc herniation\n```\n\n    indented disc\n").linked.isEmpty)
    }

    @Test("never between an opening and a closing raw HTML tag, linked again after it")
    func notInRawHTML() {
        let (html, linked) = render("<a href=\"x\">ozone</a> and <abbr>CT</abbr>, then ozone<br>CT.", .all, rawHTML: true)
        #expect(linked == ["ozone", "computed-tomography"])
        #expect(html.contains("<a href=\"x\">ozone</a>"))
        #expect(RawHTML.change("<br>") == 0 && RawHTML.change("<img src=x />") == 0 && RawHTML.change("<!-- c -->") == 0)
    }

    @Test("an open raw HTML element reaches into emphasis after it, not past its paragraph")
    func rawHTMLAcrossContainers() {
        // "ozone" in the emphasis is inside <span>; "CT" after </span> is not; the tag left
        // open in the first paragraph does not reach the second.
        let inside = mentions("<span>*ozone* and **<b>CT</b> ozone**</span> *CT*")
        #expect(inside == ["computed-tomography"])
        #expect(mentions("<span>left open\n\nozone") == ["ozone"])
        // A closing tag inside emphasis, before the text, balances an opening one outside it.
        #expect(mentions("<span>*</span> ozone*") == ["ozone"])
    }

    @Test("never the entry in its own definition; its words are not handed to a shorter term either")
    func notInOwnDefinition() {
        let (html, linked) = render("A disc herniation is a disc that bulges.", .all, excluding: "disc-herniation")
        #expect(linked == ["disc"])
        #expect(html.hasPrefix("<p>A disc herniation is a <span class=\"term-ref\">"))
        #expect(mentions("A disc herniation.", excluding: "disc-herniation") == [])
    }

    @Test("longest match across text nodes cmark splits, soft line breaks, but not across emphasis")
    func longestMatchInTheTree() {
        #expect(render("A lumbar disc\nherniation [x] here.").linked == ["lumbar-disc-herniation"])
        #expect(render("A lumbar disc\nherniation").html.contains(">lumbar disc\nherniation</a>"))
        #expect(render("*lumbar* disc herniation").linked == ["disc-herniation"])
    }

    @Test("first mention per page by default, every mention with 'all', none with 'none'")
    func linkingModes() {
        let text = "Ozone, a disc. Then ozone and a disc again.\n\n- ozone in a list"
        #expect(render(text, .first).linked == ["ozone", "disc"])
        #expect(render(text, .all).linked == ["ozone", "disc", "ozone", "disc", "ozone"])
        #expect(render(text, .none).linked.isEmpty)
        #expect(render(text, .none).html == MarkdownDocument(parsing: text).renderHTML())
    }

    @Test("with 'all', tooltip ids stay unique and never take a heading's id")
    func uniqueIDs() {
        let document = MarkdownDocument(parsing: "Ozone, ozone, ozone.")
        linker(.all, usedIDs: ["term-ozone"]).apply(to: document)
        let ids = HTMLReading.ids(in: document.renderHTML())
        #expect(ids == ["term-ozone-1", "term-ozone-2", "term-ozone-3"])
    }

    @Test("the parse stage's mentions are exactly what the render stage links (first mode), in order")
    func mentionsAgreeWithLinks() {
        let text = """
            # Disc heading

            A lumbar disc herniation, [ozone](x.md), `CT`, then CT and ozone.

            > A disc, a disc herniation and *ozone* again.
            """
        #expect(mentions(text) == render(text, .first).linked)
        #expect(mentions(text) == ["lumbar-disc-herniation", "computed-tomography", "ozone", "disc", "disc-herniation"])
    }
}
