import Testing
@testable import SitemarkKit

@Suite struct URLPathTests {
    @Test func relativeURLsBetweenOutputs() {
        #expect(URLPath.relative(from: "conditions/sciatica.html", to: "procedures/x.html") == "../procedures/x.html")
        #expect(URLPath.relative(from: "index.html", to: "conditions/index.html") == "conditions/index.html")
        #expect(URLPath.relative(from: "a/b/c.html", to: "a/d.html") == "../d.html")
        #expect(URLPath.relative(from: "a/b.html", to: "a/b.html") == "b.html")
        #expect(URLPath.relative(from: "a/b.html", to: "index.html") == "../index.html")
        #expect(URLPath.rootPrefix(from: "a/b/c.html") == "../../")
        #expect(URLPath.rootPrefix(from: "index.html") == "")
    }

    @Test func resolvingPathsNeverClimbsAboveTheTop() {
        #expect(URLPath.resolve("../b/c.md", inFolder: "a") == "b/c.md")
        #expect(URLPath.resolve("./c.md", inFolder: "a") == "a/c.md")
        #expect(URLPath.resolve("../../c.md", inFolder: "a") == nil)
        #expect(URLPath.resolve("/x/y.md", inFolder: "a") == "x/y.md")
    }
}

@Suite struct LinkResolverTests {
    let resolver = LinkResolver(
        pageOutputs: ["index.md": "index.html", "conditions/index.md": "conditions/index.html",
                      "conditions/sciatica.md": "conditions/sciatica.html", "procedures/disc.md": "procedures/disc.html"],
        anchors: ["conditions/sciatica.md": ["symptoms"], "procedures/disc.md": []],
        assets: ["conditions/spine.png", "assets/style.css"], allowUnsafeURLs: false)

    func url(_ destination: String, from page: String = "procedures/disc.md") -> String? {
        try? resolver.resolve(destination, fromPage: page).get().url
    }

    @Test func rewritesPageLinksWithAnchors() {
        #expect(url("../conditions/sciatica.md#symptoms") == "../conditions/sciatica.html#symptoms")
        #expect(url("../conditions/sciatica.md") == "../conditions/sciatica.html")
        #expect(url("../conditions/") == "../conditions/index.html")
        // A folder written without its slash, as people often do, is the folder.
        #expect(url("../conditions") == "../conditions/index.html")
        #expect(url("../index.md") == "../index.html")
        #expect(url("/conditions/sciatica.md") == "../conditions/sciatica.html")
        #expect(url("sciatica.md", from: "conditions/index.md") == "sciatica.html")
    }

    @Test func aPercentEncodedFragmentIsTheIdItEncodes() {
        let resolver = LinkResolver(pageOutputs: ["a.md": "a.html", "b.md": "b.html"], anchors: ["b.md": ["café-au-lait"]],
                                    assets: [], allowUnsafeURLs: false)
        #expect((try? resolver.resolve("b.md#caf%C3%A9-au-lait", fromPage: "a.md").get().url) == "b.html#caf%C3%A9-au-lait")
        #expect((try? resolver.resolve("b.md#café-au-lait", fromPage: "a.md").get()) != nil)
    }

    @Test func leavesExternalLinksAlone() {
        #expect(url("https://example.org/a.md") == "https://example.org/a.md")
        #expect(url("mailto:team@example.org") == "mailto:team@example.org")
        #expect(url("//cdn.example.org/x") == "//cdn.example.org/x")
    }

    @Test func assetsResolveAndMissingFilesFail() {
        #expect(url("../conditions/spine.png") == "../conditions/spine.png")
        #expect(url("../assets/style.css") == "../assets/style.css")
        guard case .failure(let problem) = resolver.resolve("../conditions/missing.png", fromPage: "procedures/disc.md") else {
            Issue.record("missing image resolved"); return
        }
        #expect(problem.severity == .error)
    }

    @Test func missingPageAndAnchorAreErrorsWithHints() {
        guard case .failure(let page) = resolver.resolve("../conditions/sciatca.md", fromPage: "procedures/disc.md") else {
            Issue.record("missing page resolved"); return
        }
        #expect(page.message.contains("does not exist"))
        #expect(page.hint?.contains("conditions/sciatica.md") == true)
        guard case .failure(let anchor) = resolver.resolve("../conditions/sciatica.md#nope", fromPage: "procedures/disc.md") else {
            Issue.record("missing anchor resolved"); return
        }
        #expect(anchor.message.contains("#nope"))
        #expect(anchor.hint?.contains("#symptoms") == true)
    }

    @Test func aMissingFileIsMatchedAgainstFilesNotPages() throws {
        let hint = { (destination: String) -> String? in
            guard case .failure(let problem) = resolver.resolve(destination, fromPage: "conditions/index.md") else { return nil }
            return problem.hint
        }
        #expect(hint("spine.jpg") == "did you mean conditions/spine.png (a file in Pages/ or Public/)?")
        #expect(try #require(hint("diagram.svg")).hasPrefix("put the file beside the page"))
        #expect(hint("sciatca.md") == "did you mean Pages/conditions/sciatica.md?")
    }

    @Test func unsafeSchemesAreRemovedUnlessAllowed() {
        guard case .failure(let problem) = resolver.resolve("javascript:alert(1)", fromPage: "index.md") else {
            Issue.record("javascript: passed"); return
        }
        #expect(problem.severity == .warning)
        var permissive = resolver
        permissive.allowUnsafeURLs = true
        #expect((try? permissive.resolve("javascript:alert(1)", fromPage: "index.md").get().url) == "javascript:alert(1)")
    }

    @Test func linksCannotLeavePages() {
        guard case .failure(let problem) = resolver.resolve("../../../etc/passwd", fromPage: "procedures/disc.md") else {
            Issue.record("escaped Pages/"); return
        }
        #expect(problem.message.contains("outside Pages/"))
    }
}
