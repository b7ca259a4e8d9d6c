import Foundation
import Testing
@testable import SitemarkKit

@Suite struct BuildTests {
    static let site: [String: String] = [
        "Pages/index.md": page("Home", "See [the article](guide/article.md#usage) and ![logo](logo.png).\n"),
        "Pages/logo.png": "png-bytes",
        "Pages/guide/index.md": page("Guide"),
        "Pages/guide/article.md": page("Article", "## Usage\n\nText with <span>html</span>.\n"),
        "Public/assets/site.css": "body{}",
    ]

    @Test func buildsPagesAssetsAndPublicFiles() throws {
        let project = try FixtureProject(Self.site)
        defer { project.cleanUp() }
        let report = project.build()
        #expect(report.succeeded, "\(report.messages())")
        #expect(report.pageCount == 3)
        let home = try #require(project.output("index.html"))
        #expect(home.contains("href=\"guide/article.html#usage\""))
        #expect(home.contains("src=\"logo.png\""))
        #expect(project.output("logo.png") == "png-bytes")
        #expect(project.output("assets/site.css") == "body{}")
        // Raw HTML is dropped (with a warning), generated heading markup is not.
        let article = try #require(project.output("guide/article.html"))
        #expect(article.contains("<h2 id=\"usage\">"))
        #expect(!article.contains("<span>html</span>"))
        #expect(report.diagnostics.count == 1, "\(report.messages())")
    }

    @Test func outputIsDeterministic() throws {
        let first = try FixtureProject(Self.site)
        let second = try FixtureProject(Self.site)
        defer { first.cleanUp(); second.cleanUp() }
        first.build(); second.build()
        #expect(!first.snapshot().isEmpty)
        #expect(first.snapshot() == second.snapshot())
        first.build()
        #expect(first.snapshot() == second.snapshot())
    }

    @Test func unchangedFilesKeepTheirModificationTime() throws {
        let project = try FixtureProject(Self.site)
        defer { project.cleanUp() }
        project.build()
        let home = project.output.appendingPathComponent("index.html").path
        let article = project.output.appendingPathComponent("guide/article.html").path
        let past = Date(timeIntervalSince1970: 1_000_000)
        for path in [home, article] { try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: path) }
        try project.write("Pages/guide/article.md", page("Article", "## Usage\n\nNew text.\n"))
        let report = project.build()
        #expect(report.filesUnchanged > 0 && report.filesWritten >= 1)
        let homeDate = try FileManager.default.attributesOfItem(atPath: home)[.modificationDate] as? Date
        let articleDate = try FileManager.default.attributesOfItem(atPath: article)[.modificationDate] as? Date
        #expect(homeDate == past)
        #expect(articleDate != past)
        #expect(project.output("guide/article.html")?.contains("New text.") == true)
    }

    @Test func failedBuildLeavesPreviousOutputUntouched() throws {
        let project = try FixtureProject(Self.site)
        defer { project.cleanUp() }
        #expect(project.build().succeeded)
        let before = project.snapshot()
        try project.write("Pages/guide/article.md", page("Article", "[broken](nowhere.md)\n"))
        let report = project.build()
        #expect(!report.succeeded)
        #expect(!report.wroteOutput)
        #expect(report.summary.contains("left untouched"))
        #expect(project.snapshot() == before)
        // No staging folders are left behind.
        let siblings = try FileManager.default.contentsOfDirectory(atPath: project.root.path)
        #expect(!siblings.contains { $0.contains("staging") || $0.contains(".old-") })
    }

    @Test func strictTurnsWarningsIntoErrors() throws {
        let project = try FixtureProject(Self.site)
        defer { project.cleanUp() }
        let report = project.build(strict: true)
        #expect(!report.succeeded)
        #expect(report.diagnostics.allSatisfy { $0.severity == .error })
        #expect(project.snapshot().isEmpty)
    }

    @Test func checkWritesNothing() throws {
        let project = try FixtureProject(Self.site)
        defer { project.cleanUp() }
        let report = project.build(write: false)
        #expect(report.succeeded)
        #expect(!FileManager.default.fileExists(atPath: project.output.path))
        // A failing check says so, and says nothing of an output it never meant to write.
        try project.write("Pages/guide/broken.md", page("Broken", "[x](missing.md)\n"))
        let failed = project.build(write: false)
        #expect(failed.summary.hasPrefix("Check failed after reading") && !failed.summary.contains("output"), "\(failed.summary)")
    }

    @Test func draftsAreLeftOutUnlessAsked() throws {
        var files = Self.site
        files["Pages/guide/draft.md"] = page("Draft", "", extra: "draft: true\n")
        let project = try FixtureProject(files)
        defer { project.cleanUp() }
        project.build()
        #expect(project.output("guide/draft.html") == nil)
        project.build(drafts: true)
        #expect(project.output("guide/draft.html") != nil)
    }

    @Test func twoSourcesForOneOutputIsAnError() throws {
        var files = Self.site
        files["Pages/guide/article.markdown"] = page("Twin")
        let project = try FixtureProject(files)
        defer { project.cleanUp() }
        let report = project.build()
        let error = try #require(report.diagnostic(containing: "two sources would write guide/article.html"))
        #expect(error.file == "Pages/guide/article.md")
        #expect(error.message.contains("Pages/guide/article.markdown"))
        #expect(!report.succeeded)
    }

    @Test func aPageFileAndAPublicFileForOneOutputIsAnError() throws {
        var files = Self.site
        files["Pages/assets/site.css"] = "p{}"           // Public/assets/site.css is in the site too
        files["Pages/about.md"] = page("About")
        files["Public/About.html"] = "<p>old</p>"        // differs by letter case only
        let project = try FixtureProject(files)
        defer { project.cleanUp() }
        let report = project.build()
        #expect(!report.succeeded)
        let css = try #require(report.diagnostic(containing: "two sources would write assets/site.css"))
        #expect(css.message.contains("Pages/assets/site.css") && css.message.contains("Public/assets/site.css"), "\(css.message)")
        let about = try #require(report.diagnostic(containing: "two sources would write about.html"))
        #expect(about.file == "Pages/about.md" && about.message.contains("Public/About.html"), "\(about.message)")
    }

    @Test func aBrokenSiteConfigIsReportedAloneAndNothingIsWritten() throws {
        var files = Self.site
        files["Pages/site.yml"] = "title: Clinic\nreview_max_age_days: [365\n"
        files["Pages/guide/other.md"] = page("Other", "See [the editorial policy](../editorial.md).\n")
        let project = try FixtureProject(files)
        defer { project.cleanUp() }
        let report = project.build()
        #expect(!report.succeeded)
        #expect(!report.diagnostics.isEmpty && report.diagnostics.allSatisfy { $0.file == "Pages/site.yml" }, "\(report.messages())")
        #expect(project.output("index.html") == nil)
    }

    @Test func aSectionNameMatchingNoFolderIsAWarningAtItsLine() throws {
        var files = Self.site
        files["Pages/site.yml"] = "title: Clinic\nsections:\n  - guide\n  - guidz\n"
        let project = try FixtureProject(files)
        defer { project.cleanUp() }
        let report = project.build()
        #expect(report.succeeded)
        let warnings = report.diagnostics.filter { $0.message.contains("'sections' names") }
        #expect(warnings.count == 1, "\(report.messages())")
        let warning = try #require(warnings.first)
        #expect(warning.severity == .warning && warning.file == "Pages/site.yml" && warning.line == 4 && warning.column == 5)
        #expect(warning.message == "'sections' names 'guidz', which is not a section of this site")
        #expect(warning.hint?.hasPrefix("did you mean 'guide'?") == true)
    }

    @Test func aSchemaAboutFolderWithNoPagesIsAWarningAtItsLine() throws {
        var files = Self.site
        // `spine/` has pages but no index.md of its own; `/` is the top level: both cover pages.
        files["Pages/spine/neck/index.md"] = page("Neck")
        files["Pages/site.yml"] = "title: Clinic\nschema:\n  about:\n    guide: MedicalCondition\n    guidz: MedicalProcedure\n"
            + "    spine: MedicalCondition\n    /: MedicalEntity\n"
        let project = try FixtureProject(files)
        defer { project.cleanUp() }
        let report = project.build()
        let warnings = report.diagnostics.filter { $0.message.contains("'schema.about' names") }
        #expect(warnings.map(\.location) == ["Pages/site.yml:5:5"], "\(report.messages())")
        #expect(warnings.first?.hint?.hasPrefix("did you mean 'guide'?") == true)
    }

    @Test func aSymbolicLinkIsNotFollowedAndSaysSo() throws {
        let project = try FixtureProject(Self.site)
        defer { project.cleanUp() }
        try project.write("elsewhere/shared.md", page("Shared"))
        try FileManager.default.createSymbolicLink(atPath: project.root.appendingPathComponent("Pages/guide/shared.md").path,
                                                   withDestinationPath: "../../elsewhere/shared.md")
        let report = project.build()
        #expect(report.succeeded)
        let warning = try #require(report.diagnostic(containing: "symbolic link not followed"))
        #expect(warning.severity == .warning && warning.file == "Pages/guide/shared.md")
        #expect(project.output("guide/shared.html") == nil)
    }

    @Test func aLinkToADraftSaysItIsADraft() throws {
        var files = Self.site
        files["Pages/guide/draft.md"] = page("Draft", "", extra: "draft: true\n")
        files["Pages/guide/other.md"] = page("Other", "See [the draft](draft.md).\n")
        let project = try FixtureProject(files)
        defer { project.cleanUp() }
        let report = project.build()
        let error = try #require(report.diagnostic(containing: "link target 'draft.md'"))
        #expect(error.severity == .error && error.file == "Pages/guide/other.md")
        #expect(error.message == "link target 'draft.md' is a draft (Pages/guide/draft.md), which is not published")
        #expect(project.build(drafts: true).succeeded)
    }

    @Test func publicShipsWellKnownHtaccessAndNojekyllButNoOtherHiddenFile() throws {
        var files = Self.site
        files["Public/.well-known/security.txt"] = "Contact: mailto:security@clinic.example\n"
        files["Public/.htaccess"] = "ErrorDocument 404 /404.html\n"
        files["Public/.nojekyll"] = ""
        files["Public/.env"] = "SECRET=1\n"
        files["Public/.DS_Store"] = "x"
        files["Pages/.notes.md"] = "private"
        let project = try FixtureProject(files)
        defer { project.cleanUp() }
        let report = project.build()
        #expect(report.succeeded)
        #expect(project.output(".well-known/security.txt")?.hasPrefix("Contact:") == true)
        #expect(project.output(".htaccess") != nil && project.output(".nojekyll") != nil)
        #expect(project.output(".env") == nil && project.output(".DS_Store") == nil && project.output(".notes.md") == nil)
        // The secret is left out, and said so; the Finder's file and Pages/ notes quietly.
        let hidden = report.diagnostics.filter { $0.message.hasPrefix("hidden file not copied") }
        #expect(hidden.map(\.file) == ["Public/.env"] && hidden[0].severity == .warning, "\(report.messages())")
    }

    @Test func missingPagesFolderIsAnError() throws {
        let project = try FixtureProject([:])
        defer { project.cleanUp() }
        let report = project.build()
        #expect(report.diagnostic(containing: "no Pages/ folder") != nil)
        #expect(!report.succeeded)
    }

    @Test func unwritableOutputIsAnErrorAndLeavesNothingBehind() throws {
        let project = try FixtureProject(Self.site)
        defer { project.cleanUp() }
        try project.write("blocker", "a file where a folder should be")
        let report = project.build { $0.layout = ProjectLayout(root: project.root, output: project.root.appendingPathComponent("blocker/site")) }
        #expect(!report.succeeded)
        #expect(report.diagnostic(containing: "cannot write the output folder") != nil)
    }

    @Test func refusesToReplaceAFolderItDidNotMake() throws {
        let project = try FixtureProject(Self.site)
        defer { project.cleanUp() }
        try project.write("_site/precious.txt", "someone's file")
        let report = project.build()
        #expect(report.diagnostic(containing: "was not made by sitemark") != nil)
        #expect(project.output("precious.txt") == "someone's file")
        let inside = project.build { $0.layout = ProjectLayout(root: project.root, output: project.root.appendingPathComponent("Pages/out")) }
        #expect(inside.diagnostic(containing: "inside a source folder") != nil)
    }

    @Test func refusesAnOutputFolderThatHoldsTheProjectEvenOneItMade() throws {
        let project = try FixtureProject(Self.site)
        defer { project.cleanUp() }
        #expect(project.build().succeeded)
        // A second project kept inside that (Sitemark-made) folder: replacing the folder with
        // the new build would delete the project.
        let nested = project.output.appendingPathComponent("second-project")
        for (path, text) in FixtureProject.minimalTemplates.merging(Self.site, uniquingKeysWith: { $1 }) {
            let url = nested.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let report = SiteBuilder().build(BuildOptions.onFixedDay(ProjectLayout(root: nested, output: project.output)))
        #expect(report.diagnostic(containing: "it contains the project") != nil, "\(report.messages())")
        #expect(FileManager.default.fileExists(atPath: nested.appendingPathComponent("Pages/index.md").path))

        let onRoot = project.build { $0.layout = ProjectLayout(root: project.root, output: project.root) }
        #expect(onRoot.diagnostic(containing: "it contains the project") != nil)
    }

    @Test func unsafeURLsAreRemovedEvenWhenRawHTMLIsAllowed() throws {
        let body = "A [bad link](javascript:alert(1)) beside <b>allowed HTML</b>.\n"
        let project = try FixtureProject([
            "Pages/site.yml": "title: T\nmarkdown:\n  raw_html: true\n",
            "Pages/index.md": page("Home", body),
        ])
        defer { project.cleanUp() }
        let report = project.build()
        #expect(report.succeeded)
        #expect(report.diagnostic(containing: "URL removed") != nil, "\(report.messages())")
        let home = try #require(project.output("index.html"))
        #expect(home.contains("<b>allowed HTML</b>"))
        #expect(home.contains(#"<a href="">bad link</a>"#))
        #expect(!home.contains("javascript:"))

        // Both options on: the site asked for it, the link is kept as written.
        try project.write("Pages/site.yml", "title: T\nmarkdown:\n  raw_html: true\n  unsafe_urls: true\n")
        #expect(project.build().succeeded)
        #expect(project.output("index.html")?.contains(#"<a href="javascript:alert(1)">bad link</a>"#) == true)
    }

    @Test func refusesToReplaceAFileOrWriteThroughALinkIntoASourceFolder() throws {
        let project = try FixtureProject(Self.site)
        defer { project.cleanUp() }
        try project.write("notes.txt", "my notes")
        let onFile = project.build { $0.layout = ProjectLayout(root: project.root, output: project.root.appendingPathComponent("notes.txt")) }
        #expect(onFile.diagnostic(containing: "it is a file, not a folder") != nil)
        #expect(try String(contentsOf: project.root.appendingPathComponent("notes.txt"), encoding: .utf8) == "my notes")

        // A link to Pages/ beside the project: the output would land inside Pages/.
        let link = project.root.appendingPathComponent("pages-link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: project.root.appendingPathComponent("Pages"))
        let throughLink = project.build { $0.layout = ProjectLayout(root: project.root, output: link.appendingPathComponent("out")) }
        #expect(throughLink.diagnostic(containing: "inside a source folder") != nil)
        #expect(!FileManager.default.fileExists(atPath: project.root.appendingPathComponent("Pages/out").path))
    }

    @Test func templateErrorsNameTheTemplateLine() throws {
        var templates = FixtureProject.minimalTemplates
        templates["Templates/section.mustache"] = "{{<base}}\n{{$main}}\n{{>partials/missing}}\n{{/main}}{{/base}}\n"
        templates["Templates/home.mustache"] = "{{<base}}\n{{$main}}\n{{#unclosed}}\n{{/main}}{{/base}}\n"
        let project = try FixtureProject(Self.site, templates: templates)
        defer { project.cleanUp() }
        let report = project.build()
        let missing = try #require(report.diagnostic(containing: "partial 'partials/missing' does not exist"))
        #expect(missing.file == "Templates/section.mustache" && missing.line == 3 && missing.column == 1)
        let parse = try #require(report.diagnostic(containing: "template does not parse"))
        #expect(parse.file == "Templates/home.mustache" && parse.line == 4 && parse.column == 1)
        #expect(parse.message == "template does not parse: {{/main}} does not close {{#unclosed}}, opened at line 3, column 1")
        // The home page asks for the broken layout: its error is the template's, not a missing layout.
        #expect(report.diagnostic(containing: "layout 'home' does not exist") == nil, "\(report.messages())")
        #expect(!report.succeeded)
    }

    @Test func unbalancedSectionsAreFoundWhereTheyOpenOrClose() {
        #expect(TemplateTags.unbalancedSection(in: "<p>\n{{#items}}\n  {{^empty}}x{{/empty}}\n</p>\n")! == ("{{#items}} is never closed with {{/items}}", 2, 1))
        #expect(TemplateTags.unbalancedSection(in: "a {{/stray}}")! == ("{{/stray}} closes nothing: no section is open here", 1, 3))
        #expect(TemplateTags.unbalancedSection(in: "{{#a}}{{$b}}{{/b}}{{/a}}{{<p}}{{/p}}") == nil)
    }

    @Test func templatesIncludingThemselvesAreErrorsNotCrashes() throws {
        var templates = FixtureProject.minimalTemplates
        templates["Templates/article.mustache"] = "{{<base}}{{$main}}{{>partials/loop}}{{>partials/a}}{{/main}}{{/base}}\n"
        templates["Templates/partials/loop.mustache"] = "<p>\n  {{> partials/loop }}\n"
        templates["Templates/partials/a.mustache"] = "{{>partials/b}}"
        templates["Templates/partials/b.mustache"] = "{{^missing}}{{>partials/a}}{{/missing}}"  // the same context: no end
        templates["Templates/section.mustache"] = "{{<section}}{{/section}}"
        let project = try FixtureProject(Self.site, templates: templates)
        defer { project.cleanUp() }
        let report = project.build()  // swift-mustache would recurse until the stack overflows
        #expect(!report.succeeded)
        let loop = try #require(report.diagnostic(containing: "template 'partials/loop' includes itself"))
        #expect(loop.file == "Templates/partials/loop.mustache" && loop.line == 2 && loop.column == 3)
        let ring = try #require(report.diagnostic(containing: "'partials/a' → 'partials/b' → 'partials/a'"))
        #expect(ring.file == "Templates/partials/a.mustache" && ring.line == 1 && ring.column == 1)
        #expect(report.diagnostic(containing: "template 'section' includes itself") != nil)
        #expect(report.diagnostic(containing: "does not exist") == nil, "\(report.messages())")
    }

    @Test func aTemplateMayIncludeItselfInsideASection() throws {
        var templates = FixtureProject.minimalTemplates
        templates["Templates/article.mustache"] = "{{<base}}{{$main}}{{#breadcrumbs}}{{>partials/crumbs}}{{/breadcrumbs}}{{/main}}{{/base}}\n"
        // Each level moves into `subcrumbs`, which runs out (here at once: no crumb has them).
        templates["Templates/partials/crumbs.mustache"] = "<span>{{title}}</span>{{#subcrumbs}}{{>partials/crumbs}}{{/subcrumbs}}"
        let project = try FixtureProject(Self.site, templates: templates)
        defer { project.cleanUp() }
        let report = project.build()
        #expect(report.succeeded, "\(report.messages())")
        #expect(project.output("guide/article.html")?.contains("<span>Guide</span>") == true)
    }

    @Test func templateReferencesKnowWhetherASectionSurroundsThem() {
        let found = TemplateReferences.scan("{{>a}}{{#list}}{{>b}}{{/list}}{{^none}}{{>c}}{{/none}}\n{{<base}}{{$main}}{{>d}}{{/main}}{{/base}}{{$block}}{{>e}}{{/block}}")
        #expect(found.map(\.name) == ["a", "b", "c", "base", "d", "e"])
        // An override's content goes where the parent puts it, which may be inside a section.
        #expect(found.map(\.isInsideSection) == [false, true, false, false, true, false])
        #expect(found.map(\.isParent) == [false, false, false, true, false, false])
        #expect(found[3].line == 2 && found[3].column == 1)
    }

    @Test func pageAskingForAMissingLayoutIsAnError() throws {
        var files = Self.site
        files["Pages/guide/article.md"] = page("Article", "", extra: "layout: fancy\n")
        let project = try FixtureProject(files)
        defer { project.cleanUp() }
        let error = try #require(project.build().diagnostic(containing: "layout 'fancy' does not exist"))
        #expect(error.file == "Pages/guide/article.md" && error.line == 3)
    }

    @Test func pageLaidOutByAPartialIsAnError() throws {
        var files = Self.site
        files["Templates/partials/toc.mustache"] = "<nav>{{title}}</nav>"
        files["Pages/guide/article.md"] = page("Article", "", extra: "layout: partials/toc\n")
        let project = try FixtureProject(files)
        defer { project.cleanUp() }
        let error = try #require(project.build().diagnostic(containing: "layout 'partials/toc' is a partial"))
        #expect(error.file == "Pages/guide/article.md" && error.line == 3 && error.severity == .error)
    }

    @Test func everyBadInputAtOnceIsReportedTogether() throws {
        var files = Self.site
        files["Pages/a.md"] = "---\ntitle: [unclosed\n---\n"
        files["Pages/b.md"] = "---\ntitle: B\n"
        files["Pages/c.md"] = ""
        files["Pages/d.md"] = page("D", "[x](missing.md)\n", extra: "colour: red\n")
        let project = try FixtureProject(files)
        defer { project.cleanUp() }
        let report = project.build()
        let files_ = Set(report.diagnostics.map(\.file))
        #expect(files_.isSuperset(of: ["Pages/a.md", "Pages/b.md", "Pages/c.md", "Pages/d.md"]))
        #expect(report.diagnostics.contains { $0.file == "Pages/d.md" && $0.severity == .warning })
        #expect(report.diagnostics == report.diagnostics.sortedForDisplay())
    }
}

@Suite struct ThemeAnchorTests {
    /// Ids the theme writes exist only on some pages: checked in the rendered page.
    @Test func aLinkToAnIdTheThemeWritesIsCheckedInTheRenderedPage() throws {
        let project = try FixtureProject.withShippedTheme("publishing")
        defer { project.cleanUp() }
        // back-pain.md lists sources; conditions/index.md is a section overview (a listing).
        try project.write("Pages/conditions/uses.md", PageScaffoldTests.reviewedPage(
            "[a](back-pain.md#sources) [b](index.md#listing)\n\n[c](back-pain.md#listing) [d](back-pain.md#content) [e](#top)\n"))
        // A first build (pages staged), one reusing them from the output, and a check (no output).
        let build = { project.build(today: "2026-01-20") }
        for build in [build, build, { project.build(today: "2026-01-20", write: false) }] {
            let report = build()
            let anchors = report.diagnostics.filter { $0.message.contains("is not on the rendered page") }
            #expect(anchors.map(\.location) == ["Pages/conditions/uses.md:10:5", "Pages/conditions/uses.md:10:31"],
                    "\(report.messages())")
            #expect(anchors.allSatisfy { $0.severity == .error && $0.message.contains("conditions/back-pain.html") })
        }
    }

    @Test("an id is found however the theme quotes it", arguments: [
        ("<section id=\"sources\">", true), ("<section id='sources'>", true), ("<section id=sources>", true),
        ("<section\n  id=\"sources\">", true), ("<hr id=sources/>", true), ("<p data-id=\"sources\">", false),
        ("<p id=\"sources-list\">", false), ("<p id=sourcesx>", false), ("<p id=\"x\" title=\"id=sources\">", false),
    ])
    func idInMarkup(html: String, found: Bool) {
        #expect(ThemeAnchors.contains(Array(html.utf8), id: "sources") == found)
    }

    @Test func aMissingHeadingsHintSaysHowManyMoreThereAre() throws {
        let headings = (1...10).map { "## Part \($0)\n" }.joined()
        let project = try FixtureProject(["Pages/index.md": page("Home", "[x](a.md#nope)\n"), "Pages/a.md": page("A", headings)])
        defer { project.cleanUp() }
        let problem = try #require(project.build().diagnostic(containing: "#nope"))
        #expect(problem.hint?.hasSuffix(" and 2 more") == true, "\(problem)")
    }
}

@Suite struct PageScaffoldTests {
    @Test func createsAPageWithFullFrontMatterAndNeverOverwrites() throws {
        let project = try FixtureProject(["Pages/index.md": page("Home")])
        defer { project.cleanUp() }
        let scaffold = PageScaffold(path: "conditions/whiplash", title: "Whiplash \"injury\"", today: ReviewDate("2026-11-21")!)
        let url = try scaffold.create(in: project.layout)
        #expect(url.path.hasSuffix("Pages/conditions/whiplash.md"))
        let parsed = PageParser(allowRawHTML: false).parse(
            SourceFile(path: "conditions/whiplash.md", displayPath: "x", bytes: Array(try Data(contentsOf: url))))
        #expect(parsed.diagnostics.isEmpty)
        #expect(parsed.metadata.title == "Whiplash \"injury\"" && parsed.metadata.reviewed == "2026-11-21")
        #expect(parsed.metadata.draft)
        #expect(throws: PageScaffold.Failure.self) { try scaffold.create(in: project.layout) }
        #expect(throws: PageScaffold.Failure.self) { try PageScaffold(path: "../escape", title: nil).create(in: project.layout) }
    }

    @Test("names the next build would refuse are refused now", arguments: [
        "glossary/index", "glossary/main", "glossary/letter-a", "search", "az", "editorial", "404", "conditions/", "glossary/",
    ])
    func namesTheBuildWouldRefuse(path: String) throws {
        let project = try FixtureProject(["Pages/index.md": page("Home")])
        defer { project.cleanUp() }
        #expect(throws: PageScaffold.Failure.self) { try PageScaffold(path: path, title: nil).create(in: project.layout) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: project.layout.pages.path) == ["index.md"])
    }

    /// An article the publishing fixture's review policy accepts.
    static func reviewedPage(_ body: String) -> String {
        "---\ntitle: Uses\ndescription: Uses.\nreviewed: 2026-01-10\nreviewed_by: Dr A. Example\nsources: [One]\n---\n" + body
    }

    @Test("reading time is rounded up to whole minutes of 200 words", arguments: [(200, 1), (201, 2), (400, 2), (401, 3)])
    func readingTime(words: Int, minutes: Int) throws {
        let project = try FixtureProject.withShippedTheme("publishing")
        defer { project.cleanUp() }
        let body = (1...words).map { _ in "word" }.joined(separator: " ") + ".\n"
        try project.write("Pages/conditions/uses.md", Self.reviewedPage(body))
        #expect(project.build(today: "2026-01-20").succeeded)
        #expect(project.text("conditions/uses.html").contains("about \(minutes) min read"))
    }

    @Test func aLinkToADraftGlossaryEntrySaysItIsADraft() throws {
        let project = try FixtureProject.withShippedTheme("publishing")
        defer { project.cleanUp() }
        try project.write("Pages/glossary/spine.md", "---\nterm: Spine\ndraft: true\n---\nThe backbone.\n")
        try project.write("Pages/conditions/uses.md", Self.reviewedPage("See [the spine](../glossary/spine.md).\n"))
        let problem = try #require(project.build(today: "2026-01-20").diagnostic(containing: "spine.md"))
        #expect(problem.file == "Pages/conditions/uses.md" && problem.message.contains("draft"), "\(problem)")
    }

    @Test func aDraftGlossaryEntrysOwnMistakesAreStillReported() throws {
        let project = try FixtureProject.withShippedTheme("publishing")
        defer { project.cleanUp() }
        try project.write("Pages/glossary/spine.md", "---\nterm: Spine\ndraft: true\nsynonyms: [backbone]\n---\nThe backbone.\n")
        let report = project.build(today: "2026-01-20")
        let problem = try #require(report.diagnostic(containing: "synonyms"), "\(report.messages())")
        #expect(problem.file == "Pages/glossary/spine.md" && problem.line == 4, "\(problem)")
        #expect(!project.outputExists("glossary/spine.html"))
    }

    @Test func glossarySlugMakesADraftEntryThatPublishesNothingUntilItIsWritten() throws {
        let project = try FixtureProject.withShippedTheme("publishing")
        defer { project.cleanUp() }
        try project.write("Pages/conditions/uses.md", Self.reviewedPage("Ozone therapy is discussed here.\n"))
        let url = try PageScaffold(path: "glossary/ozone-therapy", title: nil).create(in: project.layout)
        #expect(url.path.hasSuffix("Pages/glossary/ozone-therapy.md"))
        let entry = TermParser(allowRawHTML: false).parse(
            SourceFile(path: "glossary/ozone-therapy.md", displayPath: "x", bytes: Array(try Data(contentsOf: url))))
        #expect(entry.diagnostics.isEmpty, "\(entry.diagnostics)")
        #expect(entry.term == "ozone therapy" && entry.shortDefinition.hasPrefix("Define the term here.") && entry.draft)
        // Published: no entry page, and its placeholder is no page's tooltip.
        let report = project.build(today: "2026-01-20")
        #expect(report.succeeded && report.diagnostics.allSatisfy { $0.severity == .warning }, "\(report.messages())")
        #expect(project.output("glossary/ozone-therapy.html") == nil)
        #expect(!project.text("conditions/uses.html").contains("Define the term here"))
        // Previewed (drafts shown): the entry, with the draft banner, and its links, as for a
        // draft page; never in the sitemap.
        let preview = project.build(today: "2026-01-20", baseURL: "https://clinic.example/", drafts: true)
        #expect(preview.succeeded, "\(preview.messages())")
        #expect(project.text("glossary/ozone-therapy.html").contains("class=\"draft-banner\""))
        #expect(project.text("conditions/uses.html").contains("data-term=\"ozone-therapy\""))
        #expect(project.text("sitemap.xml").contains("/glossary/</loc>") && !project.text("sitemap.xml").contains("ozone-therapy"))
        // A glossary entry's name is its web address and anchor: lowercase letters, digits, hyphens.
        #expect(throws: PageScaffold.Failure.self) { try PageScaffold(path: "glossary/Ozone_Therapy", title: nil).create(in: project.layout) }
    }
}
