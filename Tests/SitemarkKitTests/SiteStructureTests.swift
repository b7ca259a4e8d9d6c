import Testing
@testable import SitemarkKit

@Suite struct SiteStructureTests {
    static let files = [
        "Pages/site.yml": "title: Test\nsections: [b-section, a-section]\n",
        "Pages/index.md": page("Home", "Welcome. See [first](a-section/first.md).\n"),
        "Pages/about.md": page("About", "About us.\n", extra: "order: 1\n"),
        "Pages/a-section/index.md": page("A section"),
        "Pages/a-section/first.md": page("First", "Back to [home](../index.md).\n", extra: "order: 1\n"),
        "Pages/a-section/second.md": page("Second", "", extra: "order: 2\n"),
        "Pages/a-section/zeta.md": page("Alpha by title", "", extra: "order: 2\n"),
        "Pages/a-section/deep/no-index.md": page("Deep page", "", extra: "order: 9\n"),
        "Pages/a-section/sub/index.md": page("Subsection"),
        "Pages/a-section/sub/leaf.md": page("Leaf", "Up to [first](../first.md#nothing-here).\n"),
        "Pages/b-section/index.md": page("B section", "", extra: "order: 5\n"),
    ]

    @Test func pagesWithoutAnOrderComeAfterOrderedOnesSortedAsPeopleRead() throws {
        let project = try FixtureProject([
            "Pages/index.md": page("Home"),
            "Pages/steps/index.md": page("Steps"),
            "Pages/steps/ten.md": page("Step 10"),
            "Pages/steps/two.md": page("Step 2"),
            "Pages/steps/banana.md": page("Banana"),
            "Pages/steps/apple.md": page("apple"),
            "Pages/steps/last-by-title.md": page("Zebra", "", extra: "order: 1\n"),
        ])
        defer { project.cleanUp() }
        let site = try #require(project.build(write: false).site)
        // Numbers by value, case ignored; any page with an `order` first.
        #expect(site.sections["steps"]?.pages == ["steps/last-by-title.md", "steps/apple.md", "steps/banana.md", "steps/two.md", "steps/ten.md"])
        #expect(site.neighbours(of: "steps/two.md") == ("steps/banana.md", "steps/ten.md"))
    }

    @Test func sectionsOrderMenuBreadcrumbsAndNeighbours() throws {
        let project = try FixtureProject(Self.files)
        defer { project.cleanUp() }
        let report = project.build(write: false)
        let site = try #require(report.site)

        // Menu: home, then top-level sections in site.yml order.
        #expect(site.menu == ["index.md", "b-section/index.md", "a-section/index.md"])
        // Reading order: `order`, then title; a folder without index.md belongs to its parent section.
        #expect(site.sections["a-section"]?.pages == ["a-section/first.md", "a-section/zeta.md", "a-section/second.md", "a-section/deep/no-index.md"])
        #expect(site.sections["a-section"]?.subsections == ["a-section/sub"])
        #expect(site.sections[""]?.pages == ["about.md"])
        #expect(site.ancestors(of: "a-section/sub/leaf.md") == ["index.md", "a-section/index.md", "a-section/sub/index.md"])
        #expect(site.neighbours(of: "a-section/zeta.md") == ("a-section/first.md", "a-section/second.md"))
        #expect(site.neighbours(of: "a-section/first.md").previous == nil)
        #expect(site.backlinks["a-section/first.md"] == ["index.md"])
        #expect(site.backlinks["index.md"] == ["a-section/first.md"])

        // The one broken anchor is reported at its position.
        let error = try #require(report.diagnostics.first { $0.severity == .error })
        #expect(error.description.hasPrefix("Pages/a-section/sub/leaf.md:5:15: error: anchor '#nothing-here'"))
        #expect(report.diagnostics.errorCount == 1)
    }

    @Test func overviewPagesListTheirSection() throws {
        var files = Self.files
        files["Pages/a-section/sub/leaf.md"] = page("Leaf")
        let project = try FixtureProject(files)
        defer { project.cleanUp() }
        #expect(project.build().succeeded)
        let overview = try #require(project.output("a-section/index.html"))
        let order = ["sub/index.html", "first.html", "zeta.html", "second.html", "deep/no-index.html"].map {
            overview.range(of: "href=\"\($0)\"")?.lowerBound
        }
        #expect(order.allSatisfy { $0 != nil })
        #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted())
        let leaf = try #require(project.output("a-section/sub/leaf.html"))
        #expect(leaf.contains("<a class=\"crumb\" href=\"../../index.html\">Home</a><a class=\"crumb\" href=\"../index.html\">A section</a>"))
    }
}
