import Testing
@testable import SitemarkKit

/// GFM pipe tables through `sitemark render` (the same transform the build uses), checked on
/// the exact markup that matters: table structure, cells, attributes.
@Suite("Pipe tables")
struct PipeTableTests {
    private func render(_ markdown: String) -> String { TableTestSupport.render(markdown) }

    @Test("a table is wrapped in a named, focusable scroll region with thead and scope=col")
    func structure() {
        let html = render("| Route | Where |\n| --- | --- |\n| Intradiscal | Disc |\n")
        #expect(html == """
            <div class="table-scroll" role="region" tabindex="0" aria-label="Table: Route, Where">
            <table>
            <thead>
            <tr>
            <th scope="col">Route</th>
            <th scope="col">Where</th>
            </tr>
            </thead>
            <tbody>
            <tr>
            <td>Intradiscal</td>
            <td>Disc</td>
            </tr>
            </tbody>
            </table>
            </div>

            """)
    }

    @Test("alignment from the delimiter row becomes text-align on every cell of the column")
    func alignment() {
        let html = render("a | b | c | d\n:-- | :-: | --: | ---\n1 | 2 | 3 | 4\n")
        #expect(html.contains(#"<th scope="col" style="text-align: left">a</th>"#))
        #expect(html.contains(#"<th scope="col" style="text-align: center">b</th>"#))
        #expect(html.contains(#"<th scope="col" style="text-align: right">c</th>"#))
        #expect(html.contains(#"<th scope="col">d</th>"#))
        #expect(html.contains(#"<td style="text-align: left">1</td>"#))
        #expect(html.contains(#"<td style="text-align: center">2</td>"#))
        #expect(html.contains(#"<td style="text-align: right">3</td>"#))
        #expect(html.contains("<td>4</td>"))
        #expect(!html.contains("align=\""), "HTML5 has no align attribute")
    }

    @Test("a header without body rows has no tbody")
    func headerOnly() {
        let html = render("| a | b |\n| - | - |\n")
        #expect(html.contains("</thead>\n</table>"))
        #expect(!html.contains("<tbody>"))
    }

    @Test("escaped pipes stay in their cell, in text and in code spans")
    func escapedPipes() {
        let html = render("| f\\|oo | b |\n| --- | --- |\n| b `\\|` az | x \\\\| y |\n")
        #expect(html.contains("<th scope=\"col\">f|oo</th>"))
        #expect(html.contains("<td>b <code>|</code> az</td>"))
        // `\\|` is a backslash escape before an escaped pipe, as in cmark-gfm: one cell.
        #expect(html.contains("<td>x | y</td>"))
        #expect(html.components(separatedBy: "<td>").count == 3)
    }

    @Test("the region's name is the headings, trimmed of any white space, empty ones left out")
    func regionName() {
        #expect(TableMarkup.label(prefix: "Table", parts: [" Route ", "Dose\u{00A0}", "", "\u{2003}", "Plain"])
            == "Table: Route, Dose, Plain")
        #expect(TableMarkup.label(prefix: "Table", parts: ["", " "]) == "Table")
        // Long headings are cut at a space before 120 characters, and say so.
        let headings = ["Route of administration", "Where the gas goes", "Usual number of sessions", "Anaesthesia",
                        "Typical recovery time", "Main risks reported"]
        let full = headings.joined(separator: ", ")
        let label = TableMarkup.label(prefix: "Table", parts: headings).dropFirst("Table: ".count)
        #expect(full.count > 120 && label.hasSuffix("…"), "\(label)")
        let kept = label.dropLast()
        #expect(kept.count <= 120 && full.hasPrefix(kept))
        #expect(full.dropFirst(kept.count).first == " ", "cut between words: \(label)")
        #expect(render("| *Route* | Dose |\n| - | - |\n| a | b |\n").contains(#"aria-label="Table: Route, Dose""#))
    }

    @Test("HTML in cells is escaped or dropped, and the region's name is escaped")
    func htmlEscaping() {
        let html = render("| \"A\" & <b>x</b> |\n| - |\n| 1 < 2 |\n")
        #expect(html.contains(#"aria-label="Table: &quot;A&quot; &amp; x""#))
        #expect(html.contains("<td>1 &lt; 2</td>"))
        #expect(html.contains("<!-- raw HTML omitted -->"))
        #expect(!html.contains("<b>"))
    }

    @Test("cells hold real inline Markdown: emphasis, code, links, reference links")
    func inlineContent() {
        let html = render("""
            | _abc_ | **b** |
            | --- | --- |
            | [Doc](a.md "T") | `x` and [ref] |
            | 1. not a list | # not a heading |

            [ref]: https://example.org/ref
            """)
        #expect(html.contains("<th scope=\"col\"><em>abc</em></th>"))
        #expect(html.contains("<th scope=\"col\"><strong>b</strong></th>"))
        #expect(html.contains(#"<td><a href="a.md" title="T">Doc</a></td>"#))
        #expect(html.contains(#"<td><code>x</code> and <a href="https://example.org/ref">ref</a></td>"#))
        #expect(html.contains("<td>1. not a list</td>"))
        #expect(html.contains("<td># not a heading</td>"))
    }

    @Test("emphasis cannot span cells: cells are split before inlines are parsed")
    func cellsSplitFirst() {
        let html = render("| *a | b* |\n| - | - |\n")
        #expect(html.contains("<th scope=\"col\">*a</th>"))
        #expect(html.contains("<th scope=\"col\">b*</th>"))
    }

    @Test("ragged rows: short rows get empty cells, long rows lose the extra ones")
    func raggedRows() {
        let html = render("| a | b | c |\n| - | - | - |\n| x\n| 1 | 2 | 3 | 4 | 5 |\n| d || e |\n")
        #expect(html.contains("<tr>\n<td>x</td>\n<td></td>\n<td></td>\n</tr>"))
        #expect(html.contains("<tr>\n<td>1</td>\n<td>2</td>\n<td>3</td>\n</tr>"))
        #expect(!html.contains(">4<") && !html.contains(">5<"))
        #expect(html.contains("<tr>\n<td>d</td>\n<td></td>\n<td>e</td>\n</tr>"))
    }

    @Test("a table in a block quote")
    func inBlockQuote() {
        let html = render("> | a | b |\n> | - | - |\n> | c | d |\n> e\n")
        #expect(html.hasPrefix("<blockquote>\n<div class=\"table-scroll\""))
        #expect(html.contains("<td>c</td>\n<td>d</td>"))
        #expect(html.contains("<td>e</td>\n<td></td>"), "a prefixed line after the rows is one more row")
        #expect(html.hasSuffix("</div>\n</blockquote>\n"))
    }

    @Test("a table in a list item, and one in a block quote in a list item")
    func inListItems() {
        let html = render("""
            - first

              | a | b |
              |---|---|
              | c | d |
            - > | x |
              > |:-:|
              > | y |
            """)
        #expect(html.contains("<li>\n<p>first</p>\n<div class=\"table-scroll\""))
        #expect(html.contains("<td>c</td>\n<td>d</td>"))
        #expect(html.contains("<li>\n<blockquote>\n<div class=\"table-scroll\""))
        #expect(html.contains("<td style=\"text-align: center\">y</td>"))
    }

    @Test("tabs in container prefixes count by tab stops, as in cmark")
    func tabsInPrefixes() {
        let html = render(">\t| a |\n>\t| - |\n>\t| b |\n")
        #expect(html.contains("<th scope=\"col\">a</th>"))
        #expect(html.contains("<td>b</td>"))
    }

    @Test("where no table forms, the paragraph is left as cmark made it", arguments: [
        "| abc | def |\n| --- |\n| bar |\n",            // header and delimiter differ in cells
        "| a |\n    | - |\n",                            // delimiter row indented as code
        "|\n-|\n",                                       // a header row with no cell
        "| a | b |\n| - | - x |\n",                      // not a delimiter row
        "| a | b |\nno delimiter | here\n",
        "a\n---\n",                                      // a setext heading wins over a table
    ])
    func nonTables(markdown: String) {
        #expect(!render(markdown).contains("<table"))
        #expect(render(markdown) == MarkdownDocument(parsing: markdown).renderHTML())
    }

    @Test("a delimiter row on a lazy line (its block-quote marker missing) makes no table")
    func lazyDelimiter() {
        let html = render("> | a |\n| - |\n")
        #expect(!html.contains("<table"))
        #expect(html.contains("<blockquote>\n<p>| a |\n| - |</p>"))
    }

    @Test("a table may start in the middle of a paragraph; the lines before stay a paragraph")
    func startsMidParagraph() {
        let html = render("123\n456 *it*\n| a | b |\n| - | - |\nd | e\n")
        #expect(html.hasPrefix("<p>123\n456 <em>it</em></p>\n<div class=\"table-scroll\""))
        #expect(html.contains("<td>d</td>\n<td>e</td>"))
    }

    @Test("lines before a table stay one paragraph: a lazy `===` among them is no underline")
    func leadingLinesStayAParagraph() {
        let html = render("> quote\n===\n> | a |\n> |-|\n")
        #expect(html.hasPrefix("<blockquote>\n<p>quote\n===</p>\n<div class=\"table-scroll\""), "\(html)")
        #expect(!html.contains("<h1"))
    }

    @Test("cells of plain words and cells with Markdown give the same kind of content")
    func plainAndMarkdownCells() {
        let html = render("| plain words | *em* & [l](u) |\n| - | - |\n| 1 < 2 | a_b |\n")
        #expect(html.contains("<th scope=\"col\">plain words</th>"))
        #expect(html.contains("<th scope=\"col\"><em>em</em> &amp; <a href=\"u\">l</a></th>"))
        #expect(html.contains("<td>1 &lt; 2</td>\n<td>a_b</td>"))
    }

    @Test("rows end at a blank line or at a line that starts another block", arguments: [
        ("| a |\n| - |\n| b |\n> quote\n", "<blockquote>\n<p>quote</p>"),
        ("| a |\n| - |\n| b |\n---\n", "<hr />"),                                   // setext underline, as a thematic break
        ("| a |\n| - |\n| b |\n    code\n", "<pre><code>code\n</code></pre>"),       // indented code
        ("| a |\n| - |\n| b |\n2. item\n", "<ol start=\"2\">\n<li>item</li>"),     // a list may start at 2 here
        ("| a |\n| - |\n| b |\n\nafter\n", "<p>after</p>"),
    ])
    func rowsThatEndTables(markdown: String, after: String) {
        let html = render(markdown)
        #expect(html.contains("<td>b</td>\n</tr>\n</tbody>\n</table>\n</div>\n" + after), "\(html)")
    }

    @Test("`===` and text after the rows are more rows, even where cmark saw a setext heading")
    func setextUnderlineIsARow() {
        let html = render("| a |\n| - |\n| b |\n===\n| c |\n")
        #expect(html.contains("<td>b</td>"))
        #expect(html.contains("<td>===</td>"))
        #expect(html.contains("<td>c</td>"))
        #expect(!html.contains("<h1"))
    }

    @Test("a second table in lines read again after the first is found too")
    func tableAfterTable() {
        let html = render("| a |\n| - |\n|\n| b |\n| - |\n| c |\n")
        #expect(html.components(separatedBy: "<table>").count == 3)
        #expect(html.contains("<p>|</p>"))
        #expect(html.contains("<td>c</td>"))
    }

    @Test("a single column needs no pipe when its delimiter row has a colon")
    func pipelessColumn() {
        #expect(render("a\n:-:\n").contains("<th scope=\"col\" style=\"text-align: center\">a</th>"))
    }
}

@Suite("Pipe tables in the build")
struct PipeTableBuildTests {
    private let body = """
        Intro line.

        | Page | Other |
        | --- | --- |
        | [One](one.md) | [One](one.md#part) |
        | `code` cell | [Two](sub/two.md) |

        Closing paragraph.
        """

    @Test("links in cells are checked and rewritten like body links, and count as backlinks")
    func linksRewritten() {
        let site = TableTestSupport.site([
            "index.md": TableTestSupport.page("Home", body: body),
            "one.md": TableTestSupport.page("One", body: "## Part\n"),
            "sub/index.md": TableTestSupport.page("Sub"),
            "sub/two.md": TableTestSupport.page("Two"),
        ])
        #expect(TableTestSupport.diagnostics(site).isEmpty)
        let html = TableTestSupport.body(of: "index.md", in: site)
        #expect(html.contains(#"<td><a href="one.html">One</a></td>"#))
        #expect(html.contains(#"<td><a href="one.html#part">One</a></td>"#))
        #expect(html.contains(#"<td><a href="sub/two.html">Two</a></td>"#))
        #expect(site.backlinks["sub/two.md"] == ["index.md"])
    }

    @Test("a broken link in a cell is reported at its own line and column")
    func brokenLinkPosition() {
        let site = TableTestSupport.site([
            "index.md": TableTestSupport.page("Home", body: "| a | b |\n| - | - |\n| [x](gone.md) | [y](gone.md) |\n"),
        ])
        let errors = TableTestSupport.diagnostics(site).filter { $0.severity == .error }
        // Body line 3 is file line 7; the two links start in columns 7 and 22.
        #expect(errors.map { "\($0.line):\($0.column)" } == ["7:7", "7:22"])
        #expect(errors.allSatisfy { $0.message.contains("gone.md") })
    }

    @Test("the parse stage reads cells as text (search text, word count), not as prose to score")
    func plainTextOfCells() {
        let page = PageParser(allowRawHTML: false).parse(SourceFile(
            path: "a.md", displayPath: "Pages/a.md", bytes: Array(TableTestSupport.page("A", body: body).utf8)))
        #expect(page.plainText.contains("Page\nOther\nOne\nOne\ncode cell\nTwo"))
        #expect(!page.plainText.contains("|"))
        #expect(page.wordCount == 2 + 2 + 5 + 2)
        #expect(page.readability.words == 4, "only the two paragraphs count for readability")
    }

    @Test("a setext heading that is really a table and a rule gives no heading to anchor")
    func setextHeadingBecomesTable() {
        let text = TableTestSupport.page("A", body: "## Real\n\n| a |\n| - |\n| b |\n---\n\n## After\n")
        let page = PageParser(allowRawHTML: false).parse(SourceFile(path: "a.md", displayPath: "Pages/a.md", bytes: Array(text.utf8)))
        #expect(page.headings.map(\.text) == ["Real", "After"])
        #expect(page.headings.map(\.line) == [5, 12])
        let site = TableTestSupport.site(["index.md": text])
        let html = TableTestSupport.body(of: "index.md", in: site)
        #expect(html.contains("<h2 id=\"after\">"))
        #expect(html.contains("<hr />"))
    }
}
