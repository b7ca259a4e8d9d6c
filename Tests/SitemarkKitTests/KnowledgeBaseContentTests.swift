import Foundation
import Testing
@testable import SitemarkKit

/// The shipped knowledge base in `Pages/` is part of the product: these tests hold it to the
/// content brief (coverage, front matter, facts for comparisons, no copied seed sentences) and
/// require that it builds with no warning at all.
@Suite struct KnowledgeBaseContentTests {
    static let pages = Repository.root.appendingPathComponent("Pages")

    struct Article {
        var path: String
        var parsed: ParsedPage
    }

    static func articles() -> [Article] {
        let (tree, _) = SourceTree.load(ProjectLayout(root: Repository.root))
        let parser = PageParser(allowRawHTML: false)
        return tree.pages.map { Article(path: $0.path, parsed: parser.parse($0)) }
    }

    static let procedureFacts = ["anaesthesia", "setting", "incision", "typical_duration", "sessions",
                                 "recovery", "main_risks", "evidence_level"]

    @Test func sectionsHaveTheMinimumCoverage() {
        let articles = Self.articles()
        func count(_ section: String) -> Int {
            articles.filter { $0.path.hasPrefix(section + "/") && !$0.path.hasSuffix("/index.md") }.count
        }
        #expect(count("mechanisms") >= 6)
        #expect(count("conditions") >= 6)
        #expect(count("procedures") >= 6)
        #expect(count("safety") >= 5)
        let paths = Set(articles.map(\.path))
        for required in ["index.md", "about.md", "disclaimer.md",
                         "comparisons/ozone-vs-surgical-discectomy.md", "comparisons/routes-of-administration.md",
                         "comparisons/ozone-vs-steroid-injection.md",
                         "procedures/intradiscal-ozone-discectomy.md", "procedures/paravertebral-injection.md",
                         "procedures/intraforaminal-injection.md", "procedures/intra-articular-injection.md",
                         "procedures/systemic-autohaemotherapy.md", "procedures/open-discectomy.md",
                         "procedures/minimally-invasive-discectomy.md",
                         "safety/risks-and-side-effects.md", "safety/contraindications.md", "safety/regulatory-status.md",
                         "safety/questions-to-ask.md", "safety/evidence-summary.md"] {
            #expect(paths.contains(required), "missing Pages/\(required)")
        }
        for section in ["mechanisms", "conditions", "procedures", "comparisons", "safety"] {
            #expect(paths.contains("\(section)/index.md"), "section \(section) has no overview")
        }
    }

    @Test func everyArticleHasCompleteFrontMatter() {
        for article in Self.articles() {
            let m = article.parsed.metadata
            let name = "Pages/\(article.path)"
            #expect(article.parsed.diagnostics.isEmpty, "\(name): \(article.parsed.diagnostics)")
            #expect(!m.title.isEmpty, "\(name) has no title")
            #expect(!(m.description ?? "").isEmpty, "\(name) has no description")
            #expect(!m.tags.isEmpty || article.path.hasSuffix("index.md"), "\(name) has no tags")
            #expect(m.reviewed == "2026-11-21", "\(name) reviewed: \(m.reviewed ?? "none")")
            #expect(m.reviewedBy == "Editorial team", "\(name) reviewed_by")
            #expect(!m.sources.isEmpty, "\(name) lists no sources")
            if !article.path.hasSuffix("index.md") && article.path.contains("/") {
                #expect(m.order != nil, "\(name) has no order")
            }
        }
    }

    @Test func conditionArticlesHaveTheRequiredSections() {
        let required = ["symptoms", "how-ozone-is-used", "what-the-evidence-says", "alternatives", "when-to-see-a-doctor"]
        for article in Self.articles() where article.path.hasPrefix("conditions/") && !article.path.hasSuffix("index.md") {
            let ids = Set(article.parsed.headings.map(\.id))
            for id in required { #expect(ids.contains(id), "Pages/\(article.path) lacks a '\(id)' section") }
        }
    }

    @Test func everyProcedureCarriesTheComparisonFacts() {
        let procedures = Self.articles().filter { $0.path.hasPrefix("procedures/") && !$0.path.hasSuffix("index.md") }
        #expect(procedures.count >= 7)
        for procedure in procedures {
            for key in Self.procedureFacts {
                #expect(!(procedure.parsed.metadata.facts[key] ?? "").isEmpty, "Pages/\(procedure.path) lacks fact '\(key)'")
            }
        }
    }

    @Test func glossaryHasAtLeastFortyTermsWithTheRequiredAbbreviations() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.pages.appendingPathComponent("glossary").path)
            .filter { $0.hasSuffix(".md") }
        #expect(files.count >= 40)
        var abbreviations: Set<String> = []
        for file in files {
            let text = try String(contentsOf: Self.pages.appendingPathComponent("glossary/\(file)"), encoding: .utf8)
            #expect(text.contains("\nterm: "), "glossary/\(file) has no term")
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("abbreviation: ") }) {
                abbreviations.insert(String(line.dropFirst("abbreviation: ".count)).trimmingCharacters(in: .whitespaces))
            }
        }
        #expect(abbreviations.isSuperset(of: ["VAS", "ODI", "G6PD", "ROS", "LOP"]), "\(abbreviations.sorted())")
    }

    /// Same rule as `shared/tools/seed-overlap`: no run of eight words (lowercased, punctuation
    /// ignored) may appear in both a seed document and a page.
    @Test func noEightWordRunIsCopiedFromASeed() throws {
        let seeds = Repository.shared.appendingPathComponent("seeds")
        let seedFiles = try FileManager.default.contentsOfDirectory(atPath: seeds.path).filter { $0.hasSuffix(".txt") }
        try #require(!seedFiles.isEmpty, "no seed documents at \(seeds.path)")
        var grams: Set<[Substring]> = []
        for file in seedFiles {
            let words = Self.words(try String(contentsOf: seeds.appendingPathComponent(file), encoding: .utf8))
            for start in 0..<max(0, words.count - 7) { grams.insert(Array(words[start..<start + 8])) }
        }
        for (path, url) in SourceTree.listFiles(under: Self.pages) where path.hasSuffix(".md") {
            let words = Self.words(try String(contentsOf: url, encoding: .utf8))
            for start in 0..<max(0, words.count - 7) where grams.contains(Array(words[start..<start + 8])) {
                Issue.record("Pages/\(path) copies a seed: \"\(words[start..<start + 8].joined(separator: " "))\"")
            }
        }
    }

    static func words(_ text: String) -> [Substring] {
        let lowered = text.lowercased().replacingOccurrences(of: "\u{2019}", with: "'")
        var words: [Substring] = []
        var index = lowered.startIndex
        func isWordCharacter(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber) }
        while index < lowered.endIndex {
            guard isWordCharacter(lowered[index]) else { index = lowered.index(after: index); continue }
            var end = index
            while end < lowered.endIndex, isWordCharacter(lowered[end]) { end = lowered.index(after: end) }
            // An apostrophe followed by letters stays in the word ("patient's").
            if end < lowered.endIndex, lowered[end] == "'" {
                var after = lowered.index(after: end)
                while after < lowered.endIndex, lowered[after].isASCII, lowered[after].isLetter { after = lowered.index(after: after) }
                if after > lowered.index(after: end) { end = after }
            }
            words.append(lowered[index..<end])
            index = end
        }
        return words
    }

    @Test func theKnowledgeBaseBuildsStrictlyClean() {
        var options = Repository.knowledgeBaseOptions()
        options.strict = true
        let report = SiteBuilder().build(options)
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics.map(\.description).joined(separator: "\n"))")
        #expect(report.pageCount >= 35)
    }
}
