import Foundation
import Testing
@testable import SitemarkKit

/// The parse stage keeps page trees (tables made, with their markup) for the render stage,
/// within a memory budget; pages past it are parsed again. Both ways must give the same bytes.
@Suite("Trees kept from the parse stage for the render stage")
struct KeptTreeTests {
    /// Table cases where the kept tree differs most from a reparse: markup made in the parse
    /// stage, a glossary term and a link in cells, a setext underline taken as a row, a lone `|`
    /// ending a table (the lines after it are read again, and hold a table of their own),
    /// tables in a quote and a list, a comparison block.
    static let tablePage = """
        ---
        title: Table cases
        description: Tables of every kind, for the kept-tree test.
        reviewed: 2026-11-21
        reviewed_by: Editorial team
        sources:
          - "Test source"
        ---
        Ozone before a table.

        | Route | Note |
        |:--|--:|
        | disc | [about](../about.md) and *ozone* |
        ===
        |
        | A | B |
        |---|---|
        | `x\\|y` | z |

        > | In | Quote |
        > |---|---|
        > | a | b |

        - | In | List |
          |---|---|
          | c | d |

        ```compare
        columns:
          - ../procedures/open-discectomy.md
        rows:
          - setting
        ```
        """

    func buildKnowledgeBase(budget: Int) throws -> (report: BuildReport, files: [String: Data]) {
        let project = try FixtureProject.withShippedTheme(pages: Repository.root.appendingPathComponent("Pages"))
        defer { project.cleanUp() }
        try project.write("Pages/comparisons/table-cases.md", Self.tablePage)
        let report = project.build { options in
            options.today = ReviewDate("2026-11-21")!
            options.cacheFolder = nil
            options.keptTreeBudget = budget
        }
        var files = project.snapshot()
        files.removeValue(forKey: OutputWriter.markerName)
        return (report, files)
    }

    @Test("pages rendered from kept trees are byte for byte the pages parsed again")
    func keptTreesRenderAsReparsing() throws {
        let kept = try buildKnowledgeBase(budget: SiteBuilder.keptTreeBudget)
        let reparsed = try buildKnowledgeBase(budget: 0)
        #expect(kept.report.pagesParsed > 30)
        #expect(kept.report.treesKept == kept.report.pagesParsed)
        #expect(reparsed.report.treesKept == 0)
        #expect(kept.report.diagnostics.isEmpty, "\(kept.report.diagnostics.map(\.description))")
        #expect(kept.files["comparisons/table-cases.html"].map { String(decoding: $0, as: UTF8.self) }?
            .contains("<td style=\"text-align: right\">") == true)
        #expect(Set(kept.files.keys) == Set(reparsed.files.keys))
        for (path, data) in kept.files.sorted(by: { $0.key < $1.key }) {
            #expect(reparsed.files[path] == data, "\(path) differs between a kept tree and a reparse")
        }
    }

    @Test("trees are kept in page order while the budget lasts; cached pages keep none")
    func budgetInPageOrder() {
        let files = [300, 500, 200, 150].enumerated().map { index, size in
            SourceFile(path: "p\(index).md", displayPath: "Pages/p\(index).md", bytes: Array(repeating: 0x61, count: size))
        }
        let hashes = files.map { Fingerprint.of($0.bytes) }
        let parserKey = Fingerprint.of("parser")
        let perByte = SiteBuilder.treeBytesPerMarkdownByte
        // 300 and 200 fit in 600 bytes of Markdown; 500 does not, nor 150 once 200 is in.
        let work = SiteBuilder.parseWork(files, hashes: hashes, parserKey: parserKey, previous: BuildCache.State(),
                                         budget: 600 * perByte)
        #expect(work.map(\.keepsTree) == [true, false, true, false])
        #expect(SiteBuilder.parseWork(files, hashes: hashes, parserKey: parserKey, previous: BuildCache.State(), budget: 0)
            .allSatisfy { !$0.keepsTree })

        // p0 comes from the cache: no tree, and its size leaves the budget to the others.
        var previous = BuildCache.State()
        let page = PageParser(allowRawHTML: false).parse(files[0])
        previous.pages["p0.md"] = BuildCache.PageEntry(key: work[0].key, publicKey: Fingerprint.of("public"), page: .decoded(page))
        let warm = SiteBuilder.parseWork(files, hashes: hashes, parserKey: parserKey, previous: previous, budget: 600 * perByte)
        #expect(warm[0].cached != nil)
        #expect(warm.map(\.keepsTree) == [false, true, false, false])
    }

    @Test("a kept tree serves once, and only the version of the page it was made from")
    func treeServesOnce() {
        let parser = PageParser(allowRawHTML: false)
        var memo = Readability.SyllableMemo()
        let file = SourceFile(path: "a.md", displayPath: "Pages/a.md", bytes: Array(TableTestSupport.page("A").utf8))
        let (page, tree) = parser.parse(file, readabilityMemo: &memo, keepingTree: true)
        var edited = page
        edited.contentHash &+= 1
        #expect(tree?.take(for: edited) == nil)
        let (_, again) = parser.parse(file, readabilityMemo: &memo, keepingTree: true)
        #expect(again?.take(for: page) != nil)
        #expect(again?.take(for: page) == nil)
        #expect(parser.parse(file, readabilityMemo: &memo, keepingTree: false).tree == nil)
    }
}
