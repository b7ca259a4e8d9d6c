import Testing
@testable import SitemarkKit

@Suite("Glossary checks")
struct GlossaryChecksTests {
    let parser = TermParser(allowRawHTML: false)

    func term(_ slug: String, _ frontMatter: String, _ body: String = "A definition.") -> ParsedTerm {
        parser.parse(source("glossary/\(slug).md", "---\n\(frontMatter)\n---\n\(body)\n"))
    }

    func page(_ path: String, _ body: String, terms: TermMatcher) -> ParsedPage {
        PageParser(allowRawHTML: false, terms: terms)
            .parse(source(path, "---\ntitle: \(path)\ndescription: d\n---\n\(body)\n"))
    }

    @Test("front matter is read: term, aliases, abbreviation, positions; the short definition is the first sentence of a long paragraph")
    func parsesEntries() {
        let long = String(repeating: "word ", count: 45)
        let entry = term("ct", "term: Computed tomography\naliases: [CT scan, CAT scan]\nabbreviation: CT",
                         "Computed tomography (CT) is a scan, e.g. of bone. It uses X-rays. \(long)\n\nMore.")
        #expect(entry.diagnostics.isEmpty)
        #expect(entry.term == "Computed tomography" && entry.aliases == ["CT scan", "CAT scan"] && entry.abbreviation == "CT")
        #expect(entry.forms.map(\.line) == [2, 3, 3, 4])
        #expect(entry.forms.map(\.column) == [7, 11, 20, 15])
        #expect(entry.shortDefinition == "Computed tomography (CT) is a scan, e.g. of bone.")
        #expect(term("x", "term: X", "Short one. Two.").shortDefinition == "Short one. Two.")
    }

    @Test("a glossary file without 'term' is an error at its first line")
    func missingTerm() {
        let entry = term("orphan", "aliases: [thing]")
        #expect(entry.diagnostics.map(\.description) == [
            "Pages/glossary/orphan.md:1:1: error: the glossary entry has no 'term'\n"
                + "    hint: add 'term: …' to the front matter: the word or phrase this file defines"])
        #expect(Glossary([entry]).isEmpty)
        #expect(term("empty", "term: ''").diagnostics.map(\.location) == ["Pages/glossary/empty.md:2:7"])
    }

    @Test("an unknown key is a warning at the key; an empty definition and a bad file name are errors")
    func otherProblems() {
        let entry = term("ozone", "term: Ozone\nalias: [O3]")
        #expect(entry.diagnostics.map { "\($0.location) \($0.severity) \($0.message)" }
            == ["Pages/glossary/ozone.md:3:1 warning unknown glossary key 'alias'"])
        #expect(term("ozone", "term: Ozone", "").diagnostics.map(\.message) == ["the glossary entry has no definition"])
        #expect(term("Ozone_Gas", "term: Ozone").diagnostics.first?.severity == .error)
        #expect(Glossary([term("toc", "term: Table")]).diagnostics.map(\.message)
            == ["glossary file name 'toc.md' clashes with an id the glossary page uses"])
    }

    @Test("an alias or abbreviation claimed by two entries is an error at the second, naming both files")
    func collisions() {
        let disc = term("herniated-disc", "term: Herniated disc\naliases: [slipped disc]")
        let other = term("slipped-disc", "term: Prolapse\naliases: [Slipped  Disc]\nabbreviation: SD")
        let abbreviation = term("sd", "term: Something different\nabbreviation: sd")
        let glossary = Glossary([disc, other, abbreviation])
        #expect(glossary.diagnostics.map(\.description) == [
            "Pages/glossary/slipped-disc.md:3:11: error: alias 'Slipped  Disc' is already the alias 'slipped disc' of "
                + "'Herniated disc' in Pages/glossary/herniated-disc.md:3:11\n"
                + "    hint: a name can lead to one glossary entry only (letter case ignored); remove it from one of the two files",
            "Pages/glossary/slipped-disc.md:4:15: error: abbreviation 'SD' is already the abbreviation 'sd' of "
                + "'Something different' in Pages/glossary/sd.md:3:15\n"
                + "    hint: a name can lead to one glossary entry only (letter case ignored); remove it from one of the two files",
        ])
        let repeated = Glossary([term("ozone", "term: Ozone\naliases: [ozone]")])
        #expect(repeated.diagnostics.map(\.severity) == [.warning])
    }

    @Test("a term no page mentions is a warning at its term; a mention in prose or an explicit link counts")
    func unmentioned() {
        let glossary = Glossary([term("ozone", "term: Ozone"), term("disc", "term: Disc"), term("ct", "term: CT scan")])
        let pages = [
            page("index.md", "Ozone is a gas.", terms: glossary.matcher),
            page("a.md", "## Disc\n\nSee [the scan](glossary/ct.md).", terms: glossary.matcher),
        ]
        let site = SiteResolver(config: SiteConfig(), assetSources: []).resolve(pages, glossary: glossary)
        #expect(site.diagnostics.map(\.description) == [
            "Pages/glossary/disc.md:2:7: warning: glossary term 'Disc' is not mentioned on any page\n"
                + "    hint: use the term (or one of its aliases) in an article, or remove the entry if the site does not need it"])
        #expect(site.termMentions == ["ozone": ["index.md"], "ct": ["a.md"], "disc": []])
    }

    @Test("links in a definition are checked like a page's, at their line in the glossary file")
    func definitionLinks() {
        let glossary = Glossary([term("ozone", "term: Ozone", "Ozone. See [missing](../nowhere.md) and [home](../index.md).")])
        let site = SiteResolver(config: SiteConfig(), assetSources: [])
            .resolve([page("index.md", "Ozone.", terms: glossary.matcher)], glossary: glossary)
        #expect(site.diagnostics.map(\.location) == ["Pages/glossary/ozone.md:4:22"])
        #expect(site.glossaryLinks["ozone"]?["../index.md"] == "../index.html")
    }

    @Test("a file copied from Pages/ that would overwrite a glossary page is an error")
    func outputCollision() {
        let glossary = Glossary([term("ozone", "term: Ozone")])
        let site = SiteResolver(config: SiteConfig(), assetSources: [("glossary/ozone.html", "Public/glossary/ozone.html")])
            .resolve([page("index.md", "Ozone.", terms: glossary.matcher)], glossary: glossary)
        #expect(site.diagnostics.map(\.message)
            == ["two sources would write glossary/ozone.html: Public/glossary/ozone.html and Pages/glossary/ozone.md"])
    }
}
