import Testing
@testable import SitemarkKit

@Suite struct MarkdownDocumentTests {
    @Test func exposesTreeWithKindsAndPositions() {
        let document = MarkdownDocument(parsing: "# Title\n\nSome *text* and [a link](x.md).\n")
        let kinds = document.root.descendants().map(\.kind)
        #expect(kinds == [.document, .heading, .text, .paragraph, .text, .emphasis, .text, .text, .link, .text, .text])
        let paragraph = document.root.children[1]
        #expect(paragraph.kind == .paragraph)
        #expect(paragraph.startLine == 3)
        #expect(document.root.descendants().first { $0.kind == .link }?.url == "x.md")
        #expect(document.root.children[0].plainText == "Title")
    }

    @Test("plain text: text and code literals in order, line breaks as spaces, markup and URLs left out")
    func plainTextOfANode() {
        let document = MarkdownDocument(parsing: "Ozone *Ø₃ **gas**,* `O3`\nsoft [link](x.md \"t\")  \nhard ![alt](i.png) <b>x</b> &amp;\n")
        #expect(document.root.children[0].plainText == "Ozone Ø₃ gas, O3 soft link hard alt x &")
        #expect(document.root.plainText == document.root.children[0].plainText)
        #expect(MarkdownDocument(parsing: "---\n").root.plainText == "")
    }

    @Test("forEachDescendant visits what descendants() lists, in the same order")
    func walkingInPlace() {
        let document = MarkdownDocument(parsing: "# A\n\n> - *b* [c](d)\n>\n> e\n\n| x |\n")
        var walked: [MarkdownNode] = []
        document.root.forEachDescendant { walked.append($0) }
        #expect(walked == document.root.descendants())
        #expect(walked.count > 10)
    }

    @Test func customNodesAreWrittenVerbatimInSafeMode() {
        let document = MarkdownDocument(parsing: "Para\n\n<div>user html</div>\n")
        let block = document.makeCustomBlock(enter: "<aside class=\"x\">", exit: "</aside>")
        let paragraph = document.root.children[0]
        paragraph.insertBefore(block)
        let html = document.renderHTML()
        // cmark puts a line break after a custom block's opening markup.
        #expect(html.contains("<aside class=\"x\">\n</aside>"))
        #expect(html.contains("<!-- raw HTML omitted -->"))
        #expect(!html.contains("user html"))
    }

    @Test func replaceFreesTheOldNodeAndKeepsChildren() {
        let document = MarkdownDocument(parsing: "## Hello *world*\n")
        let heading = document.root.children[0]
        let block = document.makeCustomBlock(enter: "<h2 id=\"x\">", exit: "</h2>")
        heading.moveChildren(to: block)
        #expect(heading.replace(with: block))
        #expect(document.renderHTML() == "<h2 id=\"x\">\nHello <em>world</em>\n</h2>\n")
    }

    @Test func safeModeBlanksJavascriptURLsButOptInKeepsHTML() {
        let markdown = "[x](javascript:alert(1)) <b>bold</b>\n"
        #expect(MarkdownDocument(parsing: markdown).renderHTML().contains("href=\"\""))
        #expect(MarkdownDocument(parsing: markdown).renderHTML(allowRawHTML: true).contains("<b>bold</b>"))
    }

    @Test("sitemark render --raw-html passes raw HTML but not URLs that run code, in tables too")
    func fragmentWithRawHTMLStillRemovesUnsafeURLs() {
        let markdown = "[x](JaVaScRiPt:alert(1)) <b>bold</b> ![i](data:text/html,x) [ok](https://a.example/)\n\n| a |\n|---|\n| [y](vbscript:msgbox) |\n"
        let html = FragmentRenderer.render(markdown, allowRawHTML: true)
        #expect(html.contains("<b>bold</b>"))
        #expect(!html.lowercased().contains("javascript:") && !html.contains("data:") && !html.contains("vbscript:"), "\(html)")
        #expect(html.contains("<a href=\"\">x</a>") && html.contains("href=\"https://a.example/\""))
    }

    @Test("sitemark render: text that is not UTF-8 is an error at its first bad byte")
    func fragmentOfInvalidUTF8() throws {
        let result = FragmentRenderer.render(utf8: Array("# Title\n\nab".utf8) + [0xFF] + Array("c\n".utf8), file: "x.md")
        guard case .failure(let diagnostic) = result else { Issue.record("rendered \(result)"); return }
        #expect(diagnostic.file == "x.md" && diagnostic.line == 3 && diagnostic.column == 3)
        #expect(try FragmentRenderer.render(utf8: Array("*a*\n".utf8), file: "x.md").get() == "<p><em>a</em></p>\n")
    }

    @Test("sitemark render FILE leaves a page's front matter out; Markdown alone keeps its thematic breaks")
    func fragmentOfAPageFile() throws {
        let page = Array("---\ntitle: T\n---\n*a*\n".utf8)
        #expect(try FragmentRenderer.render(utf8: page, file: "x.md", skippingFrontMatter: true).get() == "<p><em>a</em></p>\n")
        #expect(try FragmentRenderer.render(utf8: page, file: "<stdin>").get().hasPrefix("<hr />"))
    }

    @Test func nodesKeepTheirDocumentAlive() {
        func firstText() -> MarkdownNode {
            MarkdownDocument(parsing: "kept alive\n").root.descendants().first { $0.kind == .text }!
        }
        let node = firstText()  // the document is owned only through the node now
        #expect(node.literal == "kept alive")
    }
}

@Suite struct SluggerTests {
    @Test func githubStyleSlugs() {
        #expect(Slugger.slug("When to see a doctor") == "when-to-see-a-doctor")
        #expect(Slugger.slug("Ozone vs. steroid (2019)!") == "ozone-vs-steroid-2019")
        #expect(Slugger.slug("Größe & Ödem") == "größe--ödem")
        #expect(Slugger.slug("snake_case-kept") == "snake_case-kept")
    }

    @Test func repeatedAndReservedSlugsGetSuffixes() {
        var slugger = Slugger(reserved: ["sources"])
        #expect(slugger.uniqueSlug("Risks") == "risks")
        #expect(slugger.uniqueSlug("Risks") == "risks-1")
        #expect(slugger.uniqueSlug("Risks") == "risks-2")
        #expect(slugger.uniqueSlug("Sources") == "sources-1")
        #expect(slugger.uniqueSlug("!!!") == "section")
    }
}
