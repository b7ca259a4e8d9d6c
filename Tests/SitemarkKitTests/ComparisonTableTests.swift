import Testing
@testable import SitemarkKit

/// ```compare blocks: read in the resolve stage (pages and facts), drawn in the render stage.
@Suite("Comparison blocks")
struct ComparisonTableTests {
    /// Procedure pages with facts, in a subfolder, so column links are relative across folders.
    private let procedures = [
        "procedures/index.md": TableTestSupport.page("Procedures"),
        "procedures/ozone.md": TableTestSupport.page("Ozone injection", facts: [
            "anaesthesia": "Local anaesthetic", "typical_duration": "About 30 minutes", "risks": "Infection & allergy",
        ]),
        "procedures/surgery.md": TableTestSupport.page("Open surgery", facts: [
            "anaesthesia": "General anaesthetic", "risks": "Surgical risks",
        ]),
    ]

    /// The comparing page, `comparisons/c.md`, with `block` as its body after one line of text
    /// (so the fence is body line 3, file line 7, and the YAML starts on file line 8).
    private func site(block: String) -> Site {
        var files = procedures
        files["index.md"] = TableTestSupport.page("Home")
        files["comparisons/index.md"] = TableTestSupport.page("Comparisons")
        files["comparisons/c.md"] = TableTestSupport.page("C", body: "Intro.\n\n```compare\n" + block + "```\n\nAfter.\n")
        return TableTestSupport.site(files)
    }

    private let goodBlock = """
        caption: Ozone and surgery
        columns:
          - ../procedures/ozone.md
          - ../procedures/surgery.md
        rows:
          - anaesthesia
          - typical_duration: Usual length
          - risks

        """

    private func messages(_ site: Site) -> [String] {
        TableTestSupport.diagnostics(site).map { "\($0.location): \($0.severity.rawValue): \($0.message)" }
    }

    @Test("a comparison block renders as a captioned table: page links, row headers, facts")
    func renderedTable() {
        let site = site(block: goodBlock)
        let html = TableTestSupport.body(of: "comparisons/c.md", in: site)
        #expect(html.contains("""
            <div class="table-scroll" role="region" tabindex="0" aria-label="Comparison: Ozone and surgery">
            <table class="comparison">
            <caption>Ozone and surgery</caption>
            <thead>
            <tr>
            <td></td>
            <th scope="col"><a href="../procedures/ozone.html">Ozone injection</a></th>
            <th scope="col"><a href="../procedures/surgery.html">Open surgery</a></th>
            </tr>
            </thead>
            <tbody>
            <tr>
            <th scope="row">Anaesthesia</th>
            <td>Local anaesthetic</td>
            <td>General anaesthetic</td>
            </tr>
            <tr>
            <th scope="row">Usual length</th>
            <td>About 30 minutes</td>
            <td class="not-stated">Not stated</td>
            </tr>
            <tr>
            <th scope="row">Risks</th>
            <td>Infection &amp; allergy</td>
            <td>Surgical risks</td>
            </tr>
            </tbody>
            </table>
            </div>
            """), "\(html)")
        #expect(!html.contains("<pre>"))
        #expect(html.hasPrefix("<p>Intro.</p>") && html.hasSuffix("<p>After.</p>\n"))
    }

    @Test("a missing fact is a warning at its row, and the only problem")
    func missingFact() {
        #expect(messages(site(block: goodBlock)) == [
            "Pages/comparisons/c.md:14:5: warning: Pages/procedures/surgery.md has no fact 'typical_duration'; the table shows \"Not stated\"",
        ])
    }

    @Test("columns link like links: counted as backlinks of the compared pages")
    func columnsAreLinks() {
        let site = site(block: goodBlock)
        #expect(site.backlinks["procedures/ozone.md"] == ["comparisons/c.md"])
        #expect(site.rewrittenLinks["comparisons/c.md"]?["../procedures/surgery.md"] == "../procedures/surgery.html")
    }

    @Test("default row labels: underscores as spaces, first letter capitalised")
    func defaultLabel() {
        #expect(ComparisonSpec.defaultLabel(for: "typical_duration") == "Typical duration")
        #expect(ComparisonSpec.defaultLabel(for: "anaesthesia") == "Anaesthesia")
        // A row written `- key:` with no label gets the default one, not an empty header.
        let html = TableTestSupport.body(of: "comparisons/c.md", in: site(block: """
            columns: [../procedures/ozone.md, ../procedures/surgery.md]
            rows:
              - typical_duration:
              - anaesthesia

            """))
        #expect(html.contains(#"<th scope="row">Typical duration</th>"#), "\(html)")
    }

    @Test("a page or fact listed twice is a warning at the repeat, and shown once")
    func repeatedColumnOrRow() {
        let site = site(block: """
            columns:
              - ../procedures/ozone.md
              - ../procedures/surgery.md
              - ../procedures/ozone.md
            rows: [anaesthesia, risks, anaesthesia]

            """)
        #expect(messages(site) == [
            "Pages/comparisons/c.md:11:5: warning: '../procedures/ozone.md' is already a column",
            "Pages/comparisons/c.md:12:28: warning: the fact 'anaesthesia' is already a row",
        ])
        let html = TableTestSupport.body(of: "comparisons/c.md", in: site)
        #expect(html.components(separatedBy: #"<th scope="col">"#).count == 3)
        #expect(html.components(separatedBy: #"<th scope="row">"#).count == 3)
    }

    @Test("a missing page is an error at its line in the block, with a suggestion")
    func missingPage() throws {
        let site = site(block: "columns:\n  - ../procedures/ozone.md\n  - ../procedures/surgeri.md\nrows: [anaesthesia]\n")
        let problems = TableTestSupport.diagnostics(site)
        #expect(problems.count == 1)
        let problem = try #require(problems.first)
        #expect(problem.severity == .error)
        #expect(problem.location == "Pages/comparisons/c.md:10:5")
        #expect(problem.message.contains("comparison column") && problem.message.contains("surgeri.md"))
        #expect(problem.hint == "did you mean Pages/procedures/surgery.md?")
    }

    @Test("inside a block quote or a list item, columns count the container's prefix")
    func positionsInsideContainers() throws {
        var files = procedures
        files["index.md"] = TableTestSupport.page("Home")
        files["comparisons/index.md"] = TableTestSupport.page("Comparisons")
        files["comparisons/c.md"] = TableTestSupport.page("C", body: """
            Intro.

            > ```compare
            > columns:
            >   - ../procedures/surgeri.md
            > rows: [anaesthesia]
            > ```

            - Item:

              ```compare
              columns: [../procedures/ozone.md
              ```

            """)
        let problems = TableTestSupport.diagnostics(TableTestSupport.site(files)).map(\.location)
        // Line 9 `>   - ../procedures/surgeri.md`: the path starts at column 7. Line 16
        // `  columns: [../…`: the unclosed bracket is column 10 of the YAML, 12 in the file.
        #expect(problems == ["Pages/comparisons/c.md:9:7", "Pages/comparisons/c.md:16:12"])
    }

    @Test("a column that is not a page is an error", arguments: ["../images/photo.png", "https://example.org/"])
    func columnNotAPage(destination: String) {
        let site = site(block: "columns:\n  - \(destination)\nrows: [anaesthesia]\n")
        #expect(messages(site) == [
            "Pages/comparisons/c.md:9:5: error: comparison column '\(destination)' is not a page",
        ])
    }

    @Test("missing 'columns' or 'rows' is an error at the fence", arguments: [
        ("rows:\n  - anaesthesia\n", "columns"),
        ("columns:\n  - ../procedures/ozone.md\n", "rows"),
    ])
    func missingKey(block: String, key: String) {
        #expect(messages(site(block: block)) == ["Pages/comparisons/c.md:7:1: error: the comparison block has no '\(key)'"])
        #expect(TableTestSupport.body(of: "comparisons/c.md", in: site(block: block)).contains("<pre><code class=\"language-compare\">"),
                "a block that makes no table stays visible as written")
    }

    @Test("an unknown key is a warning at the key; the table is still made")
    func unknownKey() {
        let site = site(block: "colour: red\n" + goodBlock)
        #expect(messages(site).first == "Pages/comparisons/c.md:8:1: warning: unknown key 'colour' in the comparison block")
        #expect(TableTestSupport.body(of: "comparisons/c.md", in: site).contains("<table class=\"comparison\">"))
    }

    @Test("malformed YAML is an error on its line inside the block")
    func malformedYAML() throws {
        let site = site(block: "columns:\n  - ../procedures/ozone.md\nrows: [anaesthesia\n")
        let problems = TableTestSupport.diagnostics(site)
        let problem = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(problem.severity == .error)
        // The unclosed `[` is on file line 10, column 7; libyaml notices it a line later.
        #expect(problem.message == "malformed YAML: this '[' is never closed with ']'")
        #expect(problem.line == 10 && problem.column == 7, "\(problem)")
    }

    @Test("a malformed list item is an error at the item", arguments: [
        ("columns:\n  - [a, b]\nrows: [anaesthesia]\n", "Pages/comparisons/c.md:9:5: error: each item of 'columns' must be a page path"),
        ("columns: [../procedures/ozone.md]\nrows:\n  - {a: b, c: d}\n", "Pages/comparisons/c.md:10:5: error: each item of 'rows' must be a facts key, or 'key: Label'"),
        ("columns: ../procedures/ozone.md\nrows: [anaesthesia]\n", "Pages/comparisons/c.md:8:10: error: 'columns' must be a list (lines starting with '- ')"),
    ])
    func malformedItem(block: String, message: String) {
        #expect(messages(site(block: block)).contains(message))
    }

    @Test("a fact no compared page has is one warning naming the facts there are")
    func unknownFact() {
        let site = site(block: "columns: [../procedures/ozone.md, ../procedures/surgery.md]\nrows: [anaesthesia, anesthesia]\n")
        let problems = TableTestSupport.diagnostics(site)
        #expect(problems.count == 1)
        #expect(problems.first?.message == "no compared page has the fact 'anesthesia'")
        #expect(problems.first?.hint == "facts there: anaesthesia, risks, typical_duration")
        #expect(problems.first?.location == "Pages/comparisons/c.md:9:21")
    }

    @Test("an empty block is an error at the fence")
    func emptyBlock() {
        #expect(messages(site(block: "")) == ["Pages/comparisons/c.md:7:1: error: the comparison block is empty"])
    }

    @Test("the knowledge base's comparison pages build with no diagnostics and real tables")
    func knowledgeBase() throws {
        let report = SiteBuilder().build(Repository.knowledgeBaseOptions())
        let comparisonProblems = report.diagnostics.filter { $0.file.hasPrefix("Pages/comparisons/") || $0.file.hasPrefix("Pages/procedures/") }
        #expect(comparisonProblems.isEmpty, "\(comparisonProblems)")
        let site = try #require(report.site)
        for page in ["comparisons/ozone-vs-surgical-discectomy.md", "comparisons/routes-of-administration.md"] {
            #expect(site.comparisons[page]?.count == 1)
            #expect(site.comparisons[page]?.first??.columns.count ?? 0 >= 3)
            let html = TableTestSupport.body(of: page, in: site)
            #expect(html.contains("<table class=\"comparison\">") && !html.contains("language-compare"))
        }
    }
}
