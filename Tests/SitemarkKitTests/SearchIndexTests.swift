import Foundation
import Testing
@testable import SitemarkKit

@Suite("Search text normalisation")
struct SearchTextTests {
    @Test func accentsAndCaseAreRemoved() {
        #expect(SearchText.normalize("Thérapie À L'OZONE") == "therapie a l'ozone")
        // Precomposed and decomposed forms of the same letter become the same word.
        #expect(SearchText.normalize("caf\u{E9}") == SearchText.normalize("cafe\u{301}"))
        #expect(SearchText.normalize("Ångström naïve Œdème") == "angstrom naive œdeme")
        #expect(SearchText.normalize("İstanbul") == "istanbul")
    }

    @Test func wordsSplitOnEverythingButLettersAndDigits() {
        #expect(SearchText.words("Oxygen-ozone (O3) therapy, 2 sessions; C5/C6 disc") ==
                ["oxygen", "ozone", "o3", "therapy", "2", "sessions", "c5", "c6", "disc"])
    }

    /// The same sample and words as PARITY_SAMPLE in Tests/browser/test_search.py, which runs
    /// it through search.js: the browser must cut and normalise exactly as the index does.
    @Test func browserParitySample() {
        #expect(SearchText.words("Thérapie À L'OZONE: naïve Œdème, İstanbul C5/C6 type 2 cafe\u{301} ﬁbre") ==
                ["therapie", "ozone", "naive", "œdeme", "istanbul", "c5", "c6", "type", "2", "cafe", "ﬁbre"])
    }

    @Test func singleLettersAreDroppedButSingleDigitsKept() {
        #expect(SearchText.words("a type 2 vitamin D") == ["type", "2", "vitamin"])
    }
}

@Suite("Search index builder")
struct SearchIndexBuilderTests {
    let documents = [
        SearchDocument(kind: .page, url: "conditions/sciatica.html", title: "Sciatica", context: "Conditions",
                       description: "Leg pain from the lower back.",
                       headings: [.init(text: "Alternatives to ozone", id: "alternatives-to-ozone")],
                       aliases: ["lumbosciatalgia"],
                       body: "Sciatica is pain. Ozone is injected. Ozone again, ozone thrice. Anesthésie locale."),
        SearchDocument(kind: .term, url: "glossary/index.html#herniated-disc", title: "Herniated disc",
                       context: "Glossary", aliases: ["slipped disc", "HNP"], body: "A disc whose centre has pushed out."),
    ]

    func fields(_ index: SearchIndex, _ word: String, document: Int) -> SearchIndex.Fields? {
        index.postings(for: word)?.first { $0.document == document }?.fields
    }

    @Test func eachWordRecordsTheFieldsItOccursIn() {
        let index = SearchIndexBuilder().build(documents)
        #expect(fields(index, "sciatica", document: 0) == [.title, .body])
        #expect(fields(index, "alternatives", document: 0) == [.heading])
        #expect(fields(index, "ozone", document: 0) == [.heading, .body])
        #expect(fields(index, "leg", document: 0) == [.description])
        #expect(fields(index, "lumbosciatalgia", document: 0) == [.alias])
        #expect(fields(index, "slipped", document: 1) == [.alias])
        #expect(fields(index, "hnp", document: 1) == [.alias])
        #expect(fields(index, "herniated", document: 1) == [.title])
        #expect(fields(index, "disc", document: 1) == [.title, .alias, .body])
    }

    @Test func glossaryTermsAreDocumentsFoundByTermAliasAndAbbreviation() {
        let term = SearchDocument.term("Non-steroidal anti-inflammatory drug", aliases: ["painkiller"],
                                       abbreviation: "NSAID", definition: "A medicine\nsuch as ibuprofen.",
                                       url: "glossary/nsaid.html")
        #expect(term.kind == .term && term.context == "Glossary")
        #expect(term.body == "A medicine such as ibuprofen." && term.description.isEmpty)
        let index = SearchIndexBuilder().build([term])
        #expect(fields(index, "nsaid", document: 0) == [.alias])
        #expect(fields(index, "painkiller", document: 0) == [.alias])
        #expect(fields(index, "steroidal", document: 0) == [.title])
        #expect(fields(index, "ibuprofen", document: 0) == [.body])
        #expect(SearchIndexScript.render(index).contains(#"["term","glossary/nsaid.html","Non-steroidal"#))
    }

    @Test func bodyFrequencyIsCountedAndMarksFrequentWords() {
        let index = SearchIndexBuilder().build(documents)
        let ozone = index.postings(for: "ozone")!.first { $0.document == 0 }!
        #expect(ozone.bodyFrequency == 3)
        #expect(ozone.packed & 32 != 0)
        let pain = index.postings(for: "pain")!.first { $0.document == 0 }!
        #expect(pain.packed & 32 == 0)
    }

    @Test func theIndexIsNormalisedSoAccentedTextIsFoundWithout() {
        let index = SearchIndexBuilder().build(documents)
        #expect(index.postings(for: "anesthesie") != nil)
        #expect(index.postings(for: "anesthésie") == nil)  // queries are normalised before lookup
        #expect(!index.words.contains { SearchText.normalize($0) != $0 })
    }

    @Test func wordsAreUniqueAndSortedAsJavaScriptComparesStrings() {
        let index = SearchIndexBuilder().build(documents + [
            SearchDocument(kind: .page, url: "x.html", title: "Zebra émoji 😀x \u{FF21}bc"),
        ])
        #expect(Set(index.words).count == index.words.count)
        for (a, b) in zip(index.words, index.words.dropFirst()) {
            #expect(a.utf16.lexicographicallyPrecedes(b.utf16), "\(a) before \(b)")
        }
        #expect(index.postings.count == index.words.count)
    }

    @Test func excerptsAreCutAtAWordBoundary() {
        let long = String(repeating: "alpha beta gamma, ", count: 100)
        let excerpt = SearchIndexBuilder.excerpt(of: long, length: 50)
        #expect(excerpt.count <= 51)
        #expect(excerpt.hasSuffix("…"))
        #expect(!excerpt.dropLast().hasSuffix(","))
        #expect(long.hasPrefix(String(excerpt.dropLast())))
        // Whole words only, and no comma left before the ellipsis.
        #expect(excerpt == "alpha beta gamma, alpha beta gamma, alpha beta…")
        #expect(SearchIndexBuilder.excerpt(of: long, length: 54) == "alpha beta gamma, alpha beta gamma, alpha beta gamma…")
        #expect(SearchIndexBuilder.excerpt(of: "short  text\nhere", length: 50) == "short text here")
    }

    @Test func sizeGrowsWithWordsNotWithTextLength() {
        // One document with 100 KB of text made of 20 distinct words: the script keeps the
        // excerpt and 20 postings, not the text.
        let vocabulary = (0..<20).map { "word\($0)x" }
        let body = (0..<15_000).map { vocabulary[$0 % 20] }.joined(separator: " ")
        let index = SearchIndexBuilder(excerptLength: 200).build([SearchDocument(kind: .page, url: "a.html", title: "A", body: body)])
        let script = SearchIndexScript.render(index)
        #expect(body.utf8.count > 100_000)
        #expect(script.utf8.count < 1_500)
    }

    @Test func postingsTakeTwoCharactersAndRoundTrip() {
        let postings = [0, 1, 2, 40, 1_000, 33_000].map {
            SearchIndex.Posting(document: $0, fields: [.title, .body], bodyFrequency: 3)
        }
        let code = PostingCode.encode(postings)
        #expect(PostingCode.encode(Array(postings.prefix(3))).count == 6)  // small gaps: 2 characters each
        let decoded = PostingCode.decode(code)
        #expect(decoded.map(\.document) == [0, 1, 2, 40, 1_000, 33_000])
        #expect(decoded.allSatisfy { $0.packed == (SearchIndex.Fields.title.rawValue | SearchIndex.Fields.body.rawValue | 32) })
        #expect(code.utf8.allSatisfy { PostingCode.alphabet.contains($0) })
    }
}

@Suite("Search index script")
struct SearchIndexScriptTests {
    static let hostile = "</script><script>alert(\"x\")</script> it's \\ back\nslash\u{2028}sep <!-- & -->"

    @Test func contentCannotEndTheStringOrTheScript() throws {
        let document = SearchDocument(kind: .page, url: "a\"b.html", title: Self.hostile, description: Self.hostile,
                                      headings: [.init(text: Self.hostile, id: "x")], aliases: [Self.hostile],
                                      body: Self.hostile)
        let script = SearchIndexScript.render(SearchIndexBuilder().build([document]))
        #expect(!script.contains("</script"))
        #expect(!script.contains("<!--"))
        #expect(!script.contains("\u{2028}"))
        let body = script.split(separator: "\n", maxSplits: 1)[1]
        #expect(!body.contains("<") && !body.contains(">") && !body.contains("&"))

        // The object literal is JSON; it parses back to exactly the strings that went in.
        let literal = try #require(script.range(of: "=")).upperBound
        let json = String(script[literal...]).trimmingCharacters(in: .whitespacesAndNewlines).dropLast()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let docs = try #require(object["docs"] as? [[Any]])
        #expect(docs[0][1] as? String == "a\"b.html")
        #expect(docs[0][2] as? String == Self.hostile)
        #expect((docs[0][5] as? [String])?.first == Self.hostile)
        #expect((docs[0][6] as? [String]) == [Self.hostile])
        #expect(object["version"] as? Int == SearchIndexScript.formatVersion)
        #expect((object["words"] as? [String])?.count == (object["postings"] as? [String])?.count)
    }

    @Test func stringLiteralEscapes() {
        #expect(JavaScript.stringLiteral("a\"b\\c") == #""a\"b\\c""#)
        #expect(JavaScript.stringLiteral("</script>") == #""\u003c/script\u003e""#)
        #expect(JavaScript.stringLiteral("\u{1}\t") == #""\u0001\t""#)
        #expect(JavaScript.stringLiteral("é😀") == "\"é😀\"")
    }

    @Test func outputIsDeterministic() {
        let documents = (0..<30).map { SearchDocument(kind: .page, url: "p\($0).html", title: "Page \($0)", body: "ozone word\($0 % 7) shared text") }
        #expect(SearchIndexScript.render(SearchIndexBuilder().build(documents)) ==
                SearchIndexScript.render(SearchIndexBuilder().build(documents)))
    }
}

@Suite("A–Z index")
struct AZIndexTests {
    @Test func groupsByFirstLetterIgnoringAccentsWithOthersLast() {
        let documents = ["Évidence", "ozone", "Anaesthesia", "5 facts", "Écho", "Apple"].map {
            SearchDocument(kind: .page, url: "d/\($0).html", title: $0, context: "Section")
        } + [SearchDocument(kind: .term, url: "glossary/index.html#x", title: "Epidural")]
        let groups = AZIndex.groups(documents, from: "az.html")
        #expect(groups.map(\.letter) == ["A", "E", "O", "#"])
        #expect(groups.map(\.id) == ["az-a", "az-e", "az-o", "az-other"])
        #expect(groups[1].entries.map(\.title) == ["Écho", "Epidural", "Évidence"])
        #expect(groups[1].entries[1].context == "Glossary")
        #expect(groups[0].entries[0].url == "d/Anaesthesia.html")
        let top = AZIndex.groups([SearchDocument(kind: .section, url: "s/index.html", title: "S", context: "")], from: "az.html")
        #expect(top[0].entries[0].context == nil)
    }

    @Test func urlsAreRelativeToThePageShowingThem() {
        let groups = AZIndex.groups([SearchDocument(kind: .page, url: "a/b.html", title: "B")], from: "x/az.html")
        #expect(groups[0].entries[0].url == "../a/b.html")
    }
}

@Suite("Search output in a build")
struct SearchBuildTests {
    /// A project on disk with the default theme (the repository's Templates/ and Public/).
    func project(pages: [String: String]) throws -> ProjectLayout {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sitemark-search-\(UUID().uuidString)")
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Pages"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: repo.appendingPathComponent("Templates"), to: root.appendingPathComponent("Templates"))
        try FileManager.default.copyItem(at: repo.appendingPathComponent("Public"), to: root.appendingPathComponent("Public"))
        try "title: Test site\nlanguage: en\n".write(to: root.appendingPathComponent("Pages/site.yml"), atomically: true, encoding: .utf8)
        for (path, text) in pages {
            let url = root.appendingPathComponent("Pages/\(path)")
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return ProjectLayout(root: root)
    }

    static let pages = [
        "index.md": "---\ntitle: Home\n---\nWelcome.\n",
        "conditions/index.md": "---\ntitle: Conditions\ndescription: All conditions.\n---\nList.\n",
        "conditions/sciatica.md": "---\ntitle: Sciatica\ndescription: Leg pain.\ntags: [back]\n---\nIntro text.\n\n## Symptoms\n\nPain in the leg.\n",
    ]

    @Test func theBuildWritesTheIndexTheResultsPageAndTheAToZPage() throws {
        let layout = try project(pages: Self.pages)
        defer { try? FileManager.default.removeItem(at: layout.root) }
        let report = SiteBuilder().build(BuildOptions.onFixedDay(layout))
        #expect(report.succeeded, "\(report.diagnostics)")
        let script = try Data(contentsOf: layout.output.appendingPathComponent("search-index.js"))
        #expect(report.searchIndex?.bytes == script.count)
        #expect(report.searchIndex?.documents == 3)
        #expect(report.searchIndex?.summary.hasPrefix("Search index: search-index.js, ") == true)

        let az = try String(contentsOf: layout.output.appendingPathComponent("az.html"), encoding: .utf8)
        for href in ["conditions/sciatica.html", "conditions/index.html", "index.html"] {
            #expect(az.contains("href=\"\(href)\""))
        }
        #expect(FileManager.default.fileExists(atPath: layout.output.appendingPathComponent("search.html").path))
        let article = try String(contentsOf: layout.output.appendingPathComponent("conditions/sciatica.html"), encoding: .utf8)
        #expect(article.contains("action=\"../az.html\""))
        #expect(article.contains("data-index=\"../search-index.js\""))
        #expect(article.contains("src=\"../assets/search.js\""))
    }

    @Test func documentsComeFromParsedPages() throws {
        let layout = try project(pages: Self.pages)
        defer { try? FileManager.default.removeItem(at: layout.root) }
        var options = BuildOptions.onFixedDay(layout)
        options.writeOutput = false
        let site = try #require(SiteBuilder().build(options).site)
        let documents = SearchDocument.pages(of: site)
        let sciatica = try #require(documents.first { $0.url == "conditions/sciatica.html" })
        #expect(sciatica.kind == .page)
        #expect(sciatica.context == "Conditions")
        #expect(sciatica.headings == [.init(text: "Symptoms", id: "symptoms")])
        #expect(sciatica.body == "Intro text.\nPain in the leg.")
        #expect(sciatica.aliases == ["back"])
        #expect(documents.first { $0.url == "conditions/index.html" }?.kind == .section)
    }

    @Test func glossaryEntriesAreSearchDocumentsLeadingToTheirPages() throws {
        var pages = Self.pages
        pages["glossary/nsaid.md"] = "---\nterm: Non-steroidal anti-inflammatory drug\naliases: [painkiller]\nabbreviation: NSAID\n---\nA medicine such as ibuprofen.\n\nIt eases pain and swelling.\n"
        pages["conditions/sciatica.md"]! += "\nAn NSAID may help.\n"
        let layout = try project(pages: pages)
        defer { try? FileManager.default.removeItem(at: layout.root) }
        var options = BuildOptions.onFixedDay(layout)
        options.writeOutput = false
        let report = SiteBuilder().build(options)
        let site = try #require(report.site)
        let documents = SearchDocument.glossary(of: site)
        #expect(documents.map(\.url) == ["glossary/nsaid.html"])
        let term = documents[0]
        #expect(term.kind == .term && term.title == "Non-steroidal anti-inflammatory drug")
        #expect(term.aliases == ["NSAID", "painkiller"])
        #expect(term.body == "A medicine such as ibuprofen.")  // the short definition
        #expect(report.searchIndex?.documents == 3 + 1)
    }

    @Test func bodyTextDropsHeadingsWhateverTheirPlaceInThePlainText() {
        var page = PageParser(allowRawHTML: false).parse(SourceFile(
            path: "a.md", displayPath: "Pages/a.md",
            bytes: Array("---\ntitle: A\n---\nFirst.\n\n## Symptoms\n\nSecond.\n\n### Signs\n\nThird.\n".utf8)))
        #expect(SearchDocument.bodyText(of: page) == "First.\nSecond.\nThird.")
        // The same without relying on the headings coming first.
        page.plainText = "First.\nSymptoms\nSecond.\nSigns\nThird."
        #expect(SearchDocument.bodyText(of: page) == "First.\nSecond.\nThird.")
    }

    @Test func theAToZPageIsInTheSitemapAndTheResultsPageIsNotIndexed() throws {
        let layout = try project(pages: Self.pages)
        defer { try? FileManager.default.removeItem(at: layout.root) }
        var options = BuildOptions.onFixedDay(layout)
        options.baseURL = "https://clinic.example/kb/"
        let report = SiteBuilder().build(options)
        #expect(report.succeeded, "\(report.diagnostics)")
        let sitemap = try String(contentsOf: layout.output.appendingPathComponent("sitemap.xml"), encoding: .utf8)
        #expect(sitemap.contains("<loc>https://clinic.example/kb/az.html</loc>"))
        #expect(!sitemap.contains("search.html"))
        let results = try String(contentsOf: layout.output.appendingPathComponent("search.html"), encoding: .utf8)
        #expect(results.contains("<meta name=\"robots\" content=\"noindex\">"))
        let az = try String(contentsOf: layout.output.appendingPathComponent("az.html"), encoding: .utf8)
        #expect(!az.contains("noindex"))
        #expect(az.contains("<link rel=\"canonical\" href=\"https://clinic.example/kb/az.html\">"))
    }

    @Test func aThemeWithoutSearchTemplatesGetsNoSearchFilesAndNoWarning() throws {
        let layout = try project(pages: Self.pages)
        defer { try? FileManager.default.removeItem(at: layout.root) }
        for name in ["search", "az"] {
            try FileManager.default.removeItem(at: layout.templates.appendingPathComponent("\(name).mustache"))
        }
        let report = SiteBuilder().build(BuildOptions.onFixedDay(layout))
        #expect(report.succeeded && report.diagnostics.isEmpty, "\(report.diagnostics)")
        #expect(report.searchIndex == nil)
        for file in ["search-index.js", "search.html", "az.html"] {
            #expect(!FileManager.default.fileExists(atPath: layout.output.appendingPathComponent(file).path))
        }
    }

    @Test func aThemeWithOnlyTheResultsPageIsWarnedAboutTheAToZPage() throws {
        let layout = try project(pages: Self.pages)
        defer { try? FileManager.default.removeItem(at: layout.root) }
        try FileManager.default.removeItem(at: layout.templates.appendingPathComponent("az.mustache"))
        let report = SiteBuilder().build(BuildOptions.onFixedDay(layout))
        #expect(report.diagnostics.map(\.message) == ["az.html is not built: there is no 'az' template"])
        #expect(FileManager.default.fileExists(atPath: layout.output.appendingPathComponent("search.html").path))
    }

    @Test func aPageThatWouldOverwriteTheSearchPageIsAnError() throws {
        var pages = Self.pages
        pages["search.md"] = "---\ntitle: Search\n---\nMine.\n"
        let layout = try project(pages: pages)
        defer { try? FileManager.default.removeItem(at: layout.root) }
        let report = SiteBuilder().build(BuildOptions.onFixedDay(layout))
        #expect(!report.succeeded)
        #expect(report.diagnostics.contains { $0.message.contains("search.html") && $0.file == "Pages/search.md" })
    }
}

@Suite("Heading ids in the index")
struct HeadingIDTests {
    @Test func idsTheBrowserCanDeriveAreLeftOut() {
        #expect(SearchIndexScript.plainSlug("How ozone is used") == "how-ozone-is-used")
        #expect(SearchIndexScript.plainSlug("C5/C6: what (and why)?") == "c5c6-what-and-why")
        let headings: [SearchDocument.Heading] = [
            .init(text: "Risks and side-effects", id: "risks-and-side-effects"),  // derivable: ""
            .init(text: "Symptoms", id: "symptoms-1"),                            // repeated heading
            .init(text: "Œdème", id: "œdème"),                                    // not ASCII: kept
        ]
        let script = SearchIndexScript.render(SearchIndexBuilder().build([
            SearchDocument(kind: .page, url: "a.html", title: "A", headings: headings),
        ]))
        #expect(script.contains(#"["Risks and side-effects","","Symptoms","symptoms-1","Œdème","œdème"]"#))
    }
}
