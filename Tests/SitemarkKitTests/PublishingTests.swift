import Foundation
import Testing
@testable import SitemarkKit
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Canonical links, Open Graph, sitemap, feed, robots.txt, the 404 and editorial pages, built
/// from Tests/Fixtures/publishing (base_url https://clinic.example/knowledge/).
@Suite("Publishing")
struct PublishingTests {
    static let base = "https://clinic.example/knowledge/"
    /// The audit date of every build here (the fixture's reviews are from 2024–2026).
    static let today = "2026-01-20"

    /// Builds the fixture once per test; a test may pass its own base URL.
    func built(baseURL: String? = nil, edit: (FixtureProject) throws -> Void = { _ in }) throws -> (FixtureProject, BuildReport) {
        let project = try FixtureProject.withShippedTheme("publishing")
        try edit(project)
        let report = project.build(today: Self.today, baseURL: baseURL)
        #expect(report.succeeded, "\(report.diagnostics)")
        return (project, report)
    }

    @Test func canonicalAndOpenGraphAreAbsoluteButLinksStayRelative() throws {
        let (project, _) = try built()
        defer { project.cleanUp() }
        let article = project.text("conditions/back-pain.html")
        #expect(article.contains(#"<html lang="en-GB">"#))
        #expect(article.captures(#"<link rel="canonical" href="([^"]*)""#) == [Self.base + "conditions/back-pain.html"])
        #expect(article.contains(#"<meta property="og:url" content="https://clinic.example/knowledge/conditions/back-pain.html">"#))
        #expect(article.contains(#"<meta property="og:type" content="article">"#))
        #expect(article.contains(#"<meta property="og:locale" content="en_GB">"#))
        #expect(article.contains(#"<meta property="og:description" content="What back pain is and how it is treated.">"#))
        #expect(article.contains(#"<meta name="description" content="What back pain is and how it is treated.">"#))
        #expect(article.contains(#"<meta property="article:modified_time" content="2026-01-10">"#))
        #expect(article.contains(#"<meta name="twitter:card" content="summary">"#))
        #expect(article.contains(#"<link rel="alternate" type="application/atom+xml" title="Fixture Clinic &amp; Co &lt;Knowledge&gt;" href="../feed.xml">"#))
        // Every link a reader follows is relative.
        let anchors = article.captures(#"<a [^>]*href="([^"]*)""#)
        #expect(!anchors.isEmpty)
        #expect(anchors.allSatisfy { !$0.hasPrefix("http") && !$0.hasPrefix("/") }, "\(anchors)")
        #expect(anchors.contains("../procedures/injection.html"))
        // Folder pages are canonical by their folder.
        #expect(project.text("index.html").captures(#"<link rel="canonical" href="([^"]*)""#) == [Self.base])
        #expect(project.text("conditions/index.html").captures(#"<link rel="canonical" href="([^"]*)""#) == [Self.base + "conditions/"])
        #expect(project.text("index.html").contains(#"<meta property="og:type" content="website">"#))
    }

    @Test func subPathBaseURLFromTheCommandLine() throws {
        let (project, _) = try built(baseURL: "http://127.0.0.1:8080/docs/kb")  // no trailing slash
        defer { project.cleanUp() }
        let base = "http://127.0.0.1:8080/docs/kb/"
        #expect(project.text("conditions/back-pain.html").captures(#"<link rel="canonical" href="([^"]*)""#)
                == [base + "conditions/back-pain.html"])
        #expect(project.text("sitemap.xml").contains("<loc>\(base)procedures/injection.html</loc>"))
        #expect(project.text("robots.txt").contains("Sitemap: \(base)sitemap.xml"))
        #expect(project.text("404.html").contains(#"<link rel="stylesheet" href="http://127.0.0.1:8080/docs/kb/assets/style.css">"#))
        #expect(project.text("conditions/back-pain.html").contains(#"<link rel="stylesheet" href="../assets/style.css">"#))
    }

    @Test("a base URL is written as given into sitemap, robots and canonical links, so it must be valid", arguments: [
        ("https://x.example/my docs/", "cannot contain a space"),
        ("https://x.example:99999/", "port 99999"),
        ("https://x.example/a/../b/", "'.' or '..'"),
        ("https://x.example/café/", "cannot contain 'é' ('https://x.example/café/'); percent-encode it"),
        ("https://clínica.example/", "xn--"),
        ("https://x.example/a\u{A0}b/", "cannot contain U+A0"),
        ("https://x.example/kb?x=1", "query or fragment"),
    ])
    func invalidBaseURLs(url: String, problem: String) {
        guard case .failure(let failure) = SiteConfig.normalizedBaseURL(url) else {
            Issue.record("\(url) was accepted")
            return
        }
        #expect(failure.message.contains(problem), "\(failure.message)")
    }

    @Test func validBaseURLsGetTheirTrailingSlash() throws {
        #expect(try SiteConfig.normalizedBaseURL("https://x.example/caf%C3%A9/kb").get() == "https://x.example/caf%C3%A9/kb/")
        #expect(try SiteConfig.normalizedBaseURL("http://127.0.0.1:8080/docs/").get() == "http://127.0.0.1:8080/docs/")
    }

    @Test func aBadBaseURLIsAnError() throws {
        let project = try FixtureProject.withShippedTheme("publishing")
        defer { project.cleanUp() }
        let report = project.build(today: Self.today, baseURL: "clinic.example/knowledge")
        #expect(!report.succeeded)
        #expect(report.diagnostics.contains { $0.message.contains("--base-url: base_url must be an absolute http(s) address") })
        try project.write("Pages/site.yml", "title: T\nbase_url: ftp://clinic.example/\n")
        let fromConfig = project.build(today: Self.today)
        #expect(fromConfig.diagnostics.contains { $0.file == "Pages/site.yml" && $0.line == 2 && $0.severity == .error })
    }

    @Test func sitemapListsEveryPublishedPageWithReviewDates() throws {
        let (project, report) = try built()
        defer { project.cleanUp() }
        let sitemap = project.text("sitemap.xml")
        let locations = sitemap.captures("<loc>([^<]*)</loc>")
        let site = try #require(report.site)
        let expected = site.pageOrder.map { path -> String in
            let output = site.pages[path]!.outputPath
            return output == "index.html" ? Self.base
                : output.hasSuffix("/index.html") ? Self.base + output.dropLast("index.html".count) : Self.base + output
        } + [Self.base + "az.html", Self.base + "editorial.html"]
        #expect(locations == expected)
        // Not the 404 page, drafts, or the search results page (noindex).
        #expect(!locations.contains { $0.contains("404") || $0.contains("draft-page") || $0.contains("search.html") })
        #expect(sitemap.contains("<url><loc>\(Self.base)conditions/back-pain.html</loc><lastmod>2026-01-10</lastmod></url>"))
        #expect(sitemap.contains("<url><loc>\(Self.base)safety/old-advice.html</loc><lastmod>2024-01-01</lastmod></url>"))
        // The editorial page changes when the newest review does.
        #expect(sitemap.contains("<url><loc>\(Self.base)editorial.html</loc><lastmod>2026-01-10</lastmod></url>"))
        #expect(sitemap.hasPrefix(#"<?xml version="1.0" encoding="UTF-8"?>"#))
        #expect(try XMLDocumentCheck.parses(sitemap))
    }

    @Test func robotsTxtPointsAtTheSitemap() throws {
        let (project, _) = try built()
        defer { project.cleanUp() }
        #expect(project.text("robots.txt") == "User-agent: *\nAllow: /\n\nSitemap: https://clinic.example/knowledge/sitemap.xml\n")
    }

    @Test func feedIsAtomOrderedByReviewDateWithTieBreakByTitle() throws {
        let (project, _) = try built()
        defer { project.cleanUp() }
        let feed = project.text("feed.xml")
        #expect(try XMLDocumentCheck.parses(feed))
        #expect(feed.contains(#"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB">"#))
        #expect(feed.contains("<title>Fixture Clinic &amp; Co &lt;Knowledge&gt;</title>"))
        #expect(feed.contains(#"<link rel="self" type="application/atom+xml" href="https://clinic.example/knowledge/feed.xml"/>"#))
        #expect(feed.contains("<author><name>Fixture Clinic</name><uri>https://clinic.example/</uri></author>"))
        // Newest review first; three reviewed 2026-01-10, ordered by title; drafts left out.
        #expect(feed.captures("<entry>\n<title>([^<]*)</title>") == [
            "Back pain", "Injection", "Risks &amp; &quot;side effects&quot; &lt;/script&gt;&lt;!-- of care", "About us", "Old advice",
        ])
        #expect(feed.captures("<feed[^>]*>.*?<updated>([^<]*)</updated>").first == "2026-01-10T00:00:00Z")
        #expect(feed.contains("<category term=\"spine\"/>"))
        #expect(feed.contains("<summary type=\"text\">What back pain is and how it is treated.</summary>"))
    }

    @Test func theFeedListsArticlesOnlyNotSectionPagesWithAReviewDate() throws {
        let (project, _) = try built { project in
            try project.replace("description: Conditions in the fixture.\n", with: "description: Conditions in the fixture.\nreviewed: 2026-01-15\n",
                                in: "Pages/conditions/index.md")
        }
        defer { project.cleanUp() }
        let titles = project.text("feed.xml").captures("<entry>\n<title>([^<]*)</title>")
        #expect(titles.first == "Back pain", "\(titles)")
        #expect(!titles.contains("Conditions"))
        // The section page is still in the sitemap, with its date.
        #expect(project.text("sitemap.xml").contains("<url><loc>\(Self.base)conditions/</loc><lastmod>2026-01-15</lastmod></url>"))
    }

    @Test func draftsBuiltWithDraftsOnStayOutOfTheSitemapAndTheFeed() throws {
        let project = try FixtureProject.withShippedTheme("publishing")
        defer { project.cleanUp() }
        let report = project.build(today: Self.today, drafts: true)
        #expect(report.succeeded, "\(report.diagnostics)")
        #expect(project.outputExists("safety/draft-page.html"), "--drafts builds the draft")
        #expect(!project.text("sitemap.xml").contains("draft-page"))
        #expect(!project.text("sitemap.xml").isEmpty)
        #expect(!project.text("feed.xml").contains("Draft page"))
        #expect(project.text("feed.xml").contains("<title>Back pain</title>"))
    }

    @Test func outputIsDeterministicAndFreeOfBuildTimes() throws {
        let project = try FixtureProject.withShippedTheme("publishing")
        defer { project.cleanUp() }
        #expect(project.build(today: "2026-01-20").succeeded)
        let first = ["sitemap.xml", "feed.xml", "robots.txt", "404.html", "editorial.html", "conditions/back-pain.html"]
            .map(project.text)
        #expect(project.build(today: "2027-06-30").succeeded)  // another day: the same bytes
        let second = ["sitemap.xml", "feed.xml", "robots.txt", "404.html", "editorial.html", "conditions/back-pain.html"]
            .map(project.text)
        #expect(first == second)
        #expect(!first.joined().contains("2026-01-20"))
    }

    @Test func withoutBaseURLNoAbsoluteAddressesAndCheckWarnsOnce() throws {
        let project = try FixtureProject.withShippedTheme("publishing")
        defer { project.cleanUp() }
        let config = try String(contentsOf: project.root.appendingPathComponent("Pages/site.yml"), encoding: .utf8)
        try project.write("Pages/site.yml", config.replacingOccurrences(of: "base_url: https://clinic.example/knowledge/\n", with: ""))
        let check = project.build(today: Self.today, write: false)
        #expect(check.diagnostics.filter { $0.message.contains("no base_url") }.count == 1)
        let build = project.build(today: Self.today)
        #expect(build.succeeded)
        #expect(!build.diagnostics.contains { $0.message.contains("no base_url") })  // build stays quiet
        let article = project.text("conditions/back-pain.html")
        #expect(!article.contains("rel=\"canonical\""))
        #expect(!article.contains("og:url"))
        #expect(!article.contains("application/atom+xml"))
        #expect(!project.outputExists("sitemap.xml"))
        #expect(!project.outputExists("feed.xml"))
        #expect(!project.outputExists("robots.txt"))  // it would only say "allow everything"
        // The 404 page falls back to root-relative addresses: right from disk and at the top level.
        let notFound = project.text("404.html")
        #expect(notFound.contains(#"<link rel="stylesheet" href="assets/style.css">"#))
        #expect(notFound.contains(#"<a class="site-title" href="index.html">"#))
        // JSON-LD is still written, without addresses.
        let json = try StructuredDataTests.jsonLD(in: article)
        #expect(json["url"] == nil)
        #expect(json["lastReviewed"] as? String == "2026-01-10")
    }

    @Test func notFoundPageUsesAbsoluteAddressesAndIsNotIndexed() throws {
        let (project, _) = try built()
        defer { project.cleanUp() }
        let page = project.text("404.html")
        #expect(page.contains(#"<meta name="robots" content="noindex">"#))
        #expect(page.contains("<h1 id=\"page-title\">Page not found</h1>"))
        #expect(page.contains(#"class="page page-not-found""#))
        #expect(!page.contains("rel=\"canonical\""))
        let references = page.captures(#"(?:href|src)="([^"]*)""#).filter { !$0.hasPrefix("#") }
        #expect(!references.isEmpty)
        #expect(references.allSatisfy { $0.hasPrefix(Self.base) }, "\(references)")
        #expect(references.contains(Self.base + "assets/style.css"))
        #expect(references.contains(Self.base + "conditions/index.html"))
    }

    @Test func editorialPageListsEveryPublishedArticle() throws {
        let (project, report) = try built()
        defer { project.cleanUp() }
        let page = project.text("editorial.html")
        let rows = page.captures(#"<tr><th scope="row"><a href="([^"]*)">"#)
        #expect(rows == ["about.html", "conditions/back-pain.html", "conditions/risks.html", "procedures/injection.html", "safety/old-advice.html"])
        #expect(page.contains(#"<td><time datetime="2024-01-01">2024-01-01</time></td><td>Dr C. Example</td><td><time datetime="2024-12-31">2024-12-31</time></td>"#))
        #expect(page.contains("our target is 60 or more"))
        #expect(page.contains(#"<link rel="canonical" href="https://clinic.example/knowledge/editorial.html">"#))
        // Pages may link to it like to any page, and every page's footer does.
        #expect(project.text("index.html").contains(#"<a href="editorial.html">review status</a>"#))
        #expect(project.text("conditions/back-pain.html").contains(#"<a href="../editorial.html">Review status</a>"#))
        #expect(report.review?.entries.count == 5)  // drafts are not built, so not listed
    }

    @Test func aThemeWithoutA404TemplateGetsNo404PageAndThePageMayBeWritten() throws {
        let project = try FixtureProject.withShippedTheme("publishing")
        defer { project.cleanUp() }
        try project.remove("Templates/404.mustache")
        #expect(project.build(today: Self.today).succeeded)
        #expect(!project.outputExists("404.html"))
        try project.write("Pages/404.md", "---\ntitle: Lost\ndescription: Not found.\nreviewed: 2026-01-10\nreviewed_by: Editorial board\nsources: [None]\n---\n\nNothing here.\n")
        let report = project.build(today: Self.today)
        #expect(!report.diagnostics.contains { $0.message.contains("two sources would write") })
        #expect(project.text("404.html").contains("Nothing here."))
    }

    @Test func generatedFilesCannotBeOverwrittenByPages() throws {
        let project = try FixtureProject.withShippedTheme("publishing")
        defer { project.cleanUp() }
        try project.write("Pages/editorial.md", "---\ntitle: Mine\n---\n\nText.\n")
        let report = project.build(today: Self.today)
        #expect(report.diagnostics.contains { $0.file == "Pages/editorial.md" && $0.message.contains("two sources would write editorial.html") })
    }
}

/// Parses XML with Foundation's parser, so escaping mistakes fail the test.
enum XMLDocumentCheck {
    static func parses(_ text: String) throws -> Bool {
        let parser = XMLParser(data: Data(text.utf8))
        let ok = parser.parse()
        if !ok { Issue.record("XML does not parse: \(parser.parserError.map { "\($0)" } ?? "?")") }
        return ok
    }
}
