import Foundation
@testable import SitemarkKit
import Testing

/// The preview's fast path must give an edited page exactly the bytes a full build gives it,
/// and must refuse every edit whose effect reaches other pages.
@Suite("Page refresh (the preview's fast path)")
struct PageRefreshTests {
    /// Builds the project and returns the build's snapshot.
    private func snapshot(of project: TestProject) throws -> SiteSnapshot {
        let report = SiteBuilder().build(BuildOptions.onFixedDay(project.layout))
        #expect(report.succeeded, "\(report.diagnostics)")
        return try #require(report.snapshot)
    }

    private func pagePath(_ article: String) -> String { String(article.dropFirst("Pages/".count)) }

    @Test("an edit of a page's own text renders what a clean build renders")
    func bodyEditEqualsCleanBuild() throws {
        let project = try TestProject()
        defer { project.remove() }
        let snapshot = try snapshot(of: project)
        let article = project.article(3)
        // New prose in the middle of the page (positions of later headings and links move).
        try project.replace("\n## ", with: "\nA sentence added by the editor, with *emphasis*.\n\n## ", in: article)
        try project.append("\nAnd one at the end.\n", to: article)

        let files = try #require(PageRefresh.render(pages: [pagePath(article)], in: snapshot))
        let clean = try project.cleanBuild()
        defer { try? FileManager.default.removeItem(at: clean) }
        #expect(files.map(\.path) == [project.outputPath(of: article)])
        let expected = try Data(contentsOf: clean.appendingPathComponent(project.outputPath(of: article)))
        let html = String(decoding: files[0].bytes, as: UTF8.self)
        #expect(html.contains("A sentence added by the editor, with <em>emphasis</em>."))
        #expect(Data(files[0].bytes) == expected, "the fast path's page differs from a clean build's")
    }

    struct Edit: Sendable, CustomStringConvertible {
        var description: String
        var apply: @Sendable (TestProject, String) throws -> Void
    }

    static let editsOtherPagesSee: [Edit] = [
        Edit(description: "the title") { project, article in
            try project.replace("title: \"", with: "title: \"Renamed ", in: article)
        },
        Edit(description: "the description") { project, article in
            try project.replace("description: \"", with: "description: \"Edited. ", in: article)
        },
        Edit(description: "a new heading (an anchor other pages may link to)") { project, article in
            try project.append("\n## A new heading\n\nText.\n", to: article)
        },
        Edit(description: "a new link (a backlink on the target)") { project, article in
            try project.append("\nSee [another page](\(project.relativeLink(from: article, to: project.article(5)))).\n", to: article)
        },
        Edit(description: "a broken link (a diagnostic)") { project, article in
            try project.append("\nSee [nothing](missing-page.md).\n", to: article)
        },
        Edit(description: "a comparison block (cells come from other pages' facts)") { project, article in
            let other = project.relativeLink(from: article, to: project.article(5))
            try project.append("\n```compare\ncolumns: [\(other)]\nrows: [anaesthesia]\n```\n", to: article)
        },
        Edit(description: "making it a draft") { project, article in
            try project.replace("title: \"", with: "draft: true\ntitle: \"", in: article)
        },
        Edit(description: "removing it") { project, article in
            try FileManager.default.removeItem(at: project.root.appendingPathComponent(article))
        },
    ]

    @Test("edits that reach other pages are left to a full build", arguments: editsOtherPagesSee)
    func refusesEditsOthersSee(edit: Edit) throws {
        let project = try TestProject()
        defer { project.remove() }
        let snapshot = try snapshot(of: project)
        let article = project.article(4)
        try edit.apply(project, article)
        #expect(PageRefresh.render(pages: [pagePath(article)], in: snapshot) == nil)
    }

    @Test("a glossary term file, or a page the build does not know, takes a full build")
    func refusesOtherFiles() throws {
        let project = try TestProject()
        defer { project.remove() }
        let snapshot = try snapshot(of: project)
        #expect(PageRefresh.render(pages: ["glossary/ozone.md"], in: snapshot) == nil)
        try project.write("---\ntitle: \"New\"\n---\n\nNew.\n", to: "Pages/new-page.md")
        #expect(PageRefresh.render(pages: ["new-page.md"], in: snapshot) == nil)
    }
}
