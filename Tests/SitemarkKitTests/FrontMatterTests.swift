import Testing
@testable import SitemarkKit

@Suite struct FrontMatterTests {
    func parse(_ text: String) -> ParsedPage {
        PageParser(allowRawHTML: false).parse(SourceFile(path: "a.md", displayPath: "Pages/a.md", bytes: Array(text.utf8)))
    }

    @Test func decodesEveryKnownKey() {
        let page = parse("""
        ---
        title: Sciatica
        description: Leg pain.
        order: 3
        draft: false
        tags: [spine, nerve]
        reviewed: 2026-11-21
        reviewed_by: Editorial team
        sources:
          - One
          - Two
        related: [../b.md]
        facts:
          anaesthesia: Local
        layout: article
        ---
        Body line
        """)
        #expect(page.diagnostics.isEmpty)
        let m = page.metadata
        #expect(m.title == "Sciatica" && m.description == "Leg pain." && m.order == 3 && m.draft == false)
        #expect(m.tags == ["spine", "nerve"] && m.sources == ["One", "Two"] && m.related == ["../b.md"])
        #expect(m.reviewed == "2026-11-21" && m.reviewedBy == "Editorial team")
        #expect(m.facts == ["anaesthesia": "Local"] && m.layout == "article")
        #expect(page.body == "Body line")
        #expect(page.bodyLineOffset == 16)
    }

    @Test func yamlErrorPointsIntoTheMarkdownFile() {
        let page = parse("---\ntitle: Ok\ndescription: \"unclosed\nmore: x\n---\nbody\n")
        let error = page.diagnostics.first { $0.severity == .error }
        #expect(error?.file == "Pages/a.md")
        #expect(error?.message.hasPrefix("malformed YAML") == true)
        // Line numbers are the .md file's: YAML line 2 is file line 3 or later, never 1–2.
        #expect((error?.line ?? 0) >= 3)
    }

    @Test("common YAML mistakes are said in plain words, where to fix them", arguments: [
        ("description: \"unclosed\nmore: x", "this quote is never closed", 3, 14),
        ("tags: [a, b\nmore: x", "this '[' is never closed with ']'", 3, 7),
        ("facts: {a: b\nmore: x", "this '{' is never closed with '}'", 3, 8),
        ("description: Ozone: how it works", "a value that is not quoted contains ': ', or a key is indented under another", 3, 19),
    ])
    func commonYAMLMistakes(yaml: String, message: String, line: Int, column: Int) throws {
        let error = try #require(parse("---\ntitle: Ok\n\(yaml)\n---\nbody\n").diagnostics.first { $0.severity == .error })
        #expect(error.message == "malformed YAML: \(message)")
        #expect(error.line == line && error.column == column, "\(error)")
        #expect(error.hint?.contains("quote") == true || error.hint?.contains("close") == true)
    }

    @Test("a missing comma inside brackets that are closed is not called unclosed",
          arguments: ["tags: [a, \"b\" c]", "tags: [a,\n  \"b\" c]"])
    func missingComma(yaml: String) throws {
        let error = try #require(parse("---\ntitle: Ok\n\(yaml)\n---\nbody\n").diagnostics.first)
        #expect(error.message.hasPrefix("malformed YAML") && !error.message.contains("never closed"), "\(error)")
    }

    @Test("old Mac line ends (a lone CR) read like any others", arguments: ["\r", "\r\n", "\n"])
    func lineEnds(end: String) {
        let page = parse(["---", "title: Home", "description: D.", "---", "Hello [x](b.md)", ""].joined(separator: end))
        #expect(page.diagnostics.isEmpty, "\(page.diagnostics)")
        #expect(page.metadata.title == "Home" && page.metadata.description == "D.")
        #expect(page.links.map { "\($0.line):\($0.column)" } == ["5:11"])
    }

    @Test func manyLinksOnOneLineEachGetTheirOwnColumn() {
        // Columns are counted on from the previous link on the line; an "é" is one column.
        let line = (0..<300).map { "é [l\($0)](p\($0).md)" }.joined(separator: " ")
        let page = parse("---\ntitle: T\n---\n\(line)\n")
        #expect(page.links.count == 300)
        #expect(page.links.allSatisfy { $0.line == 4 })
        #expect(page.links.map(\.column) == Self.expectedColumns(line))
    }

    /// 1-based character column of each `(` destination in a line of links.
    static func expectedColumns(_ line: String) -> [Int] {
        var columns: [Int] = []
        var column = 1
        var previous: Character = " "
        for character in line {
            if previous == "(" { columns.append(column) }
            previous = character
            column += 1
        }
        return columns
    }

    @Test func typeErrorsNameTheValuePosition() {
        let page = parse("---\ntitle: T\ndraft: maybe\norder: first\n---\n")
        let draft = page.diagnostics.first { $0.message.contains("'draft'") }
        #expect(draft?.line == 3 && draft?.column == 8)
        let order = page.diagnostics.first { $0.message.contains("'order'") }
        #expect(order?.line == 4 && order?.column == 8)
    }

    @Test func unknownKeyIsAWarningAtTheKey() {
        let page = parse("---\ntitle: T\nauthor: Me\n---\n")
        #expect(page.diagnostics.count == 1)
        #expect(page.diagnostics[0].severity == .warning)
        #expect(page.diagnostics[0].message.contains("'author'"))
        #expect(page.diagnostics[0].line == 3 && page.diagnostics[0].column == 1)
    }

    @Test func missingTitleAndMissingFrontMatterAreErrors() {
        #expect(parse("---\ndescription: x\n---\n").diagnostics.contains { $0.message.contains("no 'title'") && $0.severity == .error })
        #expect(parse("Just text\n").diagnostics.contains { $0.message.contains("no front matter") })
    }

    @Test func unclosedFrontMatterIsAnErrorAtLineOne() {
        let page = parse("---\ntitle: T\nbody without closing\n")
        #expect(page.diagnostics.count == 1)
        #expect(page.diagnostics[0].message.contains("never closed"))
        #expect(page.diagnostics[0].line == 1)
    }

    @Test func invalidUTF8NamesLineAndColumn() {
        var bytes = Array("---\ntitle: T\n---\nab".utf8)
        bytes.append(0xFF)
        let page = PageParser(allowRawHTML: false).parse(SourceFile(path: "a.md", displayPath: "Pages/a.md", bytes: bytes))
        #expect(page.diagnostics.count == 1)
        #expect(page.diagnostics[0].message.contains("not valid UTF-8"))
        #expect(page.diagnostics[0].line == 4 && page.diagnostics[0].column == 3)
    }

    @Test func emptyPageIsAnError() {
        #expect(parse("  \n\n").diagnostics.first?.message == "the page is empty")
    }

    @Test func aRepeatedKeyIsReportedWhereItIsWrittenAgain() throws {
        let problem = try #require(parse("---\ntitle: A\ndescription: B\ntags: [x]\n  \ntitle: C\n---\nText\n").diagnostics.first)
        #expect(problem.message == "duplicate key 'title'" && problem.line == 6 && problem.column == 1)
    }

    @Test func aTabInYAMLGetsAHintAboutSpaces() throws {
        let problem = try #require(parse("---\ntitle: A\n\tdescription: B\n---\nText\n").diagnostics.first)
        #expect(problem.message.hasPrefix("malformed YAML") && problem.line == 3)
        #expect(problem.hint == "YAML is indented with spaces only: replace the tab on this line with spaces")
        let noTab = try #require(parse("---\ntitle: [A\n---\nText\n").diagnostics.first)
        #expect(noTab.hint?.contains("tab") == false)
    }

    @Test func emptyFrontMatterIsAnError() {
        // Nothing between the fences, or only blank lines or comments: no title, so no page.
        for text in ["---\n---\nhello\n", "---\n\n---\nhello\n", "---\n# to do\n---\nhello\n"] {
            let diagnostics = parse(text).diagnostics
            #expect(diagnostics.map(\.message) == ["front matter is empty"], "\(text.debugDescription)")
            #expect(diagnostics.first?.severity == .error && diagnostics.first?.hint?.contains("title") == true)
        }
        let term = TermParser(allowRawHTML: false).parse(SourceFile(path: "glossary/x.md", displayPath: "Pages/glossary/x.md",
                                                                    bytes: Array("---\n---\nA word.\n".utf8)))
        #expect(term.diagnostics.contains { $0.severity == .error && $0.message == "front matter is empty" })
    }

    @Test func invalidReviewDateIsRejected() {
        #expect(parse("---\ntitle: T\nreviewed: 2026-02-30\n---\n").diagnostics.contains { $0.message.contains("'reviewed'") })
        #expect(parse("---\ntitle: T\nreviewed: 2026-02-28\n---\n").diagnostics.isEmpty)
    }

    @Test func headingsGetUniqueIDsAndFileLines() {
        let page = parse("---\ntitle: T\n---\n## Risks\n\ntext\n\n## Risks\n### Sources\n")
        #expect(page.headings.map(\.id) == ["risks", "risks-1", "sources-1"])
        #expect(page.headings.map(\.line) == [4, 8, 9])
    }

    @Test func linksAreRecordedWithFilePositions() {
        let page = parse("---\ntitle: T\n---\nIntro [a](b.md) then [c](d.md#x)\nand ![img](pic.png)\n")
        #expect(page.links.map(\.destination) == ["b.md", "d.md#x", "pic.png"])
        #expect(page.links.map(\.line) == [4, 4, 5])
        #expect(page.links.map(\.column) == [11, 26, 12])
        #expect(page.links[2].isImage)
    }

    @Test func rawHTMLWarnsUnlessAllowed() {
        let text = "---\ntitle: T\n---\n<div>x</div>\n"
        #expect(parse(text).diagnostics.contains { $0.message.contains("raw HTML") && $0.line == 4 })
        let allowed = PageParser(allowRawHTML: true).parse(SourceFile(path: "a.md", displayPath: "Pages/a.md", bytes: Array(text.utf8)))
        #expect(allowed.diagnostics.isEmpty)
    }

    @Test func rawHTMLWarningPointsAtTheTagInItsLine() {
        let warnings = parse("---\ntitle: T\n---\nSome text <b>bold</b> here.\n").diagnostics.filter { $0.message.contains("raw HTML") }
        #expect(warnings.map { [$0.line, $0.column] } == [[4, 11]], "one warning per line, at the first tag")
    }
}
