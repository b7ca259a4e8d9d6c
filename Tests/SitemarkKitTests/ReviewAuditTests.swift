import Foundation
import Testing
@testable import SitemarkKit

/// Review governance in `sitemark check`: missing review fields are errors on articles, an
/// overdue review is a warning (an error with --strict), and the report lists every article.
@Suite("Review audit")
struct ReviewAuditTests {
    /// The audit date of every build here (the fixture's reviews are from 2024–2026).
    static let today = "2026-01-20"
    @Test func overdueReviewIsAWarningAtTheReviewedLine() throws {
        let project = try FixtureProject.withShippedTheme("publishing")
        defer { project.cleanUp() }
        let report = project.build(today: "2026-01-20", write: false)
        #expect(report.succeeded)
        let stale = report.diagnostics.filter { $0.message.contains("medical review is") }
        #expect(stale.count == 1)
        let warning = try #require(stale.first)
        #expect(warning.severity == .warning)
        #expect(warning.file == "Pages/safety/old-advice.md")
        #expect(warning.line == 5)
        #expect(warning.message == "medical review is 750 days old; the limit is 365 days")
        let entry = try #require(report.review?.entries.first { $0.page == "Pages/safety/old-advice.md" })
        #expect(entry.stale)
        #expect(entry.ageDays == 750)
        #expect(entry.reviewDue == "2024-12-31")
    }

    @Test func strictMakesTheOverdueReviewAnError() throws {
        let project = try FixtureProject.withShippedTheme("publishing")
        defer { project.cleanUp() }
        let report = project.build(today: "2026-01-20", strict: true, write: false)
        #expect(!report.succeeded)
        #expect(report.diagnostics.contains {
            $0.severity == .error && $0.file == "Pages/safety/old-advice.md" && $0.message.contains("medical review is 750 days old")
        })
        // On a day when nothing is overdue, --strict passes.
        let earlier = project.build(today: "2024-06-01", strict: true, write: false)
        #expect(!earlier.diagnostics.contains { $0.message.contains("medical review is") })
    }

    @Test func theLimitItselfIsNotOverdue() throws {
        let project = try FixtureProject.withShippedTheme("publishing")
        defer { project.cleanUp() }
        let onTheDay = project.build(today: "2024-12-31", write: false)   // exactly 365 days
        #expect(!onTheDay.diagnostics.contains { $0.message.contains("medical review is") })
        let dayAfter = project.build(today: "2025-01-01", write: false)
        #expect(dayAfter.diagnostics.contains { $0.message == "medical review is 366 days old; the limit is 365 days" })
    }

    @Test func missingReviewFieldsAreErrorsOnArticles() throws {
        let project = try FixtureProject.withShippedTheme("publishing")
        defer { project.cleanUp() }
        try project.write("Pages/conditions/unreviewed.md", """
            ---
            title: Unreviewed
            description: Has none of the review fields.
            reviewed_by: "  "
            ---

            Some text.
            """)
        let report = project.build(today: Self.today, write: false)
        #expect(!report.succeeded)
        let errors = report.diagnostics.filter { $0.file == "Pages/conditions/unreviewed.md" && $0.severity == .error }
        #expect(errors.map(\.message).sorted() == [
            "article has no 'reviewed' date", "article has no 'reviewed_by'", "article lists no 'sources'",
        ])
        #expect(errors.first { $0.message.contains("reviewed_by") }?.line == 4)   // the blank value's line
        #expect(errors.first { $0.message.contains("'reviewed' date") }?.line == 1)
    }

    @Test("a 'reviewed' that is no date is one error, not also 'has no reviewed date'",
          arguments: ["2026-02-30", "2026-11-01T10:00:00Z"])
    func aReviewedThatIsNoDateIsOneError(value: String) throws {
        let project = try FixtureProject.withShippedTheme("publishing")
        defer { project.cleanUp() }
        try project.write("Pages/conditions/dated.md", "---\ntitle: Dated\ndescription: D.\nreviewed: \(value)\nreviewed_by: Dr A. Example\nsources: [One]\n---\n\nText.\n")
        let report = project.build(today: Self.today, write: false)
        let dated = report.diagnostics.filter { $0.file == "Pages/conditions/dated.md" }
        #expect(dated.map(\.message) == ["'reviewed' must be a date written YYYY-MM-DD, not '\(value)'"], "\(dated)")
        #expect(dated.first?.line == 4)
    }

    @Test func anUnreadableFrontMatterIsReportedAloneNotWithWhatItLacks() throws {
        let project = try FixtureProject.withShippedTheme("publishing")
        defer { project.cleanUp() }
        for (name, text) in [("broken", "---\ntitle: [Unclosed\n---\n\nText.\n"), ("empty", "---\n# nothing yet\n---\n\nText.\n")] {
            try project.write("Pages/conditions/\(name).md", text)
        }
        let report = project.build(today: Self.today, write: false)
        let broken = report.diagnostics.filter { $0.file == "Pages/conditions/broken.md" }
        #expect(broken.count == 1 && broken[0].message.hasPrefix("malformed YAML"), "\(broken)")
        let empty = report.diagnostics.filter { $0.file == "Pages/conditions/empty.md" }
        #expect(empty.map(\.message) == ["front matter is empty"], "\(empty)")
    }

    @Test func anArticleWithoutADescriptionIsAnErrorAndADraftsAWarning() throws {
        let project = try FixtureProject.withShippedTheme("publishing")
        defer { project.cleanUp() }
        try project.write("Pages/conditions/bare.md", "---\ntitle: Bare\ndescription: \"  \"\nreviewed: 2026-01-10\nreviewed_by: Board\nsources: [S]\n---\n\nText.\n")
        try project.write("Pages/conditions/wip.md", "---\ntitle: Wip\ndraft: true\n---\n\nText.\n")
        let report = project.build(today: Self.today, write: false, drafts: true)
        let missing = report.diagnostics.filter { $0.message == "article has no 'description'" }
        #expect(missing.map(\.file) == ["Pages/conditions/bare.md", "Pages/conditions/wip.md"])
        #expect(missing.map(\.severity) == [.error, .warning] && missing[0].line == 3)
        // Section overviews and the home page need none.
        #expect(!report.diagnostics.contains { $0.message.contains("description") && $0.file.hasSuffix("index.md") })
    }

    @Test func homeSectionOverviewsAndGlossaryAreNotAudited() throws {
        let project = try FixtureProject.withShippedTheme("publishing")
        defer { project.cleanUp() }
        try project.write("Pages/glossary/term.md", "---\nterm: Term\n---\n\nA word.\n")
        let report = project.build(today: Self.today, write: false)
        #expect(report.succeeded, "\(report.diagnostics)")
        let pages = report.review?.entries.map(\.page) ?? []
        #expect(pages == ["Pages/about.md", "Pages/conditions/back-pain.md", "Pages/conditions/risks.md",
                          "Pages/procedures/injection.md", "Pages/safety/old-advice.md"])
    }

    @Test func draftsOnlyWarnAboutWhatTheyStillLack() throws {
        let project = try FixtureProject.withShippedTheme("publishing")
        defer { project.cleanUp() }
        let report = project.build(today: Self.today, write: false, drafts: true)
        let draft = report.diagnostics.filter { $0.file == "Pages/safety/draft-page.md" }
        #expect(draft.map(\.message).sorted() == ["article has no 'reviewed_by'", "article lists no 'sources'"])
        #expect(draft.allSatisfy { $0.severity == .warning })
        #expect(report.review?.entries.first { $0.page == "Pages/safety/draft-page.md" }?.draft == true)
    }

    @Test func aSiteWithoutAReviewPolicyHasNoReviewRulesAndNoEditorialPage() throws {
        let project = try FixtureProject.withShippedTheme("publishing")
        defer { project.cleanUp() }
        let config = try String(contentsOf: project.root.appendingPathComponent("Pages/site.yml"), encoding: .utf8)
        try project.write("Pages/site.yml", config.replacingOccurrences(of: "review_max_age_days: 365\n", with: ""))
        try project.write("Pages/index.md", "---\ntitle: Fixture home\n---\n\nWelcome.\n")  // no link to editorial.md
        try project.write("Pages/conditions/unreviewed.md", "---\ntitle: Unreviewed\ndescription: No review.\n---\n\nNo review fields.\n")
        let report = project.build(today: Self.today)
        #expect(report.succeeded)
        #expect(report.diagnostics.isEmpty, "\(report.messages())")
        #expect(report.review?.maxAgeDays == nil)
        #expect(report.review?.entries.count == 6)        // still reported, readability included
        #expect(!project.outputExists("editorial.html"))
        #expect(!project.text("conditions/back-pain.html").contains("editorial.html"))
        #expect(!project.text("sitemap.xml").contains("editorial.html"))
        #expect(report.review?.textTable().contains("no review policy") == true)
    }

    @Test func reviewMaxAgeMustBePositive() {
        let file = SourceFile(path: "site.yml", displayPath: "Pages/site.yml", bytes: Array("review_max_age_days: 0\n".utf8))
        let (config, diagnostics) = SiteConfig.parse(file)
        #expect(config.reviewMaxAgeDays == nil)
        #expect(diagnostics.map(\.message) == ["'review_max_age_days' must be at least 1"])
    }

    @Test func reviewDateInTheFutureIsAWarning() throws {
        let project = try FixtureProject.withShippedTheme("publishing")
        defer { project.cleanUp() }
        let report = project.build(today: "2026-01-01", write: false)
        let future = report.diagnostics.filter { $0.message.contains("is in the future") }
        #expect(future.map(\.file).sorted() == ["Pages/about.md", "Pages/conditions/back-pain.md",
                                                 "Pages/conditions/risks.md", "Pages/procedures/injection.md"])
        #expect(future.allSatisfy { $0.severity == .warning })
        // One day early is already in the future; the day itself is not.
        let dayBefore = project.build(today: "2026-01-09", write: false).diagnostics.filter { $0.message.contains("is in the future") }
        #expect(dayBefore.contains { $0.file == "Pages/conditions/back-pain.md" })
        let sameDay = project.build(today: "2026-01-10", write: false).diagnostics.filter { $0.message.contains("is in the future") }
        #expect(sameDay.isEmpty, "\(sameDay)")
    }

    @Test func aScoreExactlyAtTheTargetIsNotBelowIt() throws {
        let project = try FixtureProject.withShippedTheme("publishing")
        defer { project.cleanUp() }
        func backPain() throws -> ReviewEntry {
            try #require(project.build(today: Self.today, write: false).review?.entries.first { $0.page == "Pages/conditions/back-pain.md" })
        }
        let score = try #require(try backPain().readability)
        try project.replace("readability_target: 60", with: "readability_target: \(score)", in: "Pages/site.yml")
        #expect(try !backPain().belowReadabilityTarget, "score \(score) against the same target")
        try project.replace("readability_target: \(score)", with: "readability_target: \(score + 0.1)", in: "Pages/site.yml")
        #expect(try backPain().belowReadabilityTarget)
    }

    @Test func reportHasEveryColumnAndReadabilityAgainstTheTarget() throws {
        let project = try FixtureProject.withShippedTheme("publishing")
        defer { project.cleanUp() }
        let report = try #require(project.build(today: "2026-01-20", write: false).review)
        #expect(report.today == "2026-01-20")
        #expect(report.maxAgeDays == 365)
        #expect(report.readabilityTarget == 60)
        let entry = try #require(report.entries.first { $0.page == "Pages/conditions/back-pain.md" })
        #expect(entry.title == "Back pain")
        #expect(entry.url == "conditions/back-pain.html")
        #expect(entry.section == "conditions")
        #expect(entry.reviewed == "2026-01-10")
        #expect(entry.reviewedBy == "Dr A. Example")
        #expect(entry.ageDays == 10)
        #expect(entry.sources == 2)
        #expect(entry.words == 31)
        let score = try #require(entry.readability)
        #expect(score > 60 && score < 100)
        #expect(!entry.belowReadabilityTarget)

        let table = report.textTable()
        let lines = table.split(separator: "\n").map(String.init)
        #expect(lines[0] == "Medical review as of 2026-01-20: 5 articles, review every 365 days, readability target 60 (Flesch reading ease)")
        #expect(lines[1].hasPrefix("Page "))
        #expect(lines[1].contains("Reviewed    Reviewer"))
        let row = try #require(lines.first { $0.hasPrefix("safety/old-advice.md") })
        #expect(row.contains("2024-01-01  Dr C. Example"))
        #expect(row.contains(" 750 "))
        #expect(row.contains("review was due by 2024-12-31"))
        #expect(lines.last == "1 overdue for review, \(report.belowTargetCount) below the readability target.")
    }

    @Test func belowTargetIsANoteNotAWarning() throws {
        let project = try FixtureProject.withShippedTheme("publishing")
        defer { project.cleanUp() }
        try project.write("Pages/procedures/injection.md", """
            ---
            title: Injection
            description: Dense prose.
            reviewed: 2026-01-10
            reviewed_by: Dr B. Example
            sources: ["Source three"]
            ---

            Intradiscal oxygen-ozone chemonucleolysis demonstrated statistically significant improvements regarding radicular symptomatology, functional disability questionnaires and analgesic consumption.
            """)
        let build = project.build(today: Self.today, write: false)
        let entry = try #require(build.review?.entries.first { $0.page == "Pages/procedures/injection.md" })
        #expect(entry.belowReadabilityTarget)
        #expect(try #require(entry.readability) < 0)
        #expect(!build.diagnostics.contains { $0.file == "Pages/procedures/injection.md" })
        #expect(build.review?.textTable().contains("below readability target") == true)
    }

    @Test func reviewEntryEncodesForCheckJSON() throws {
        let entry = ReviewEntry(page: "Pages/a.md", title: "A", url: "a.html", section: "", reviewed: "2026-01-10",
                                reviewedBy: "Dr X", ageDays: 3, reviewDue: "2027-01-10", stale: false, sources: 2,
                                words: 100, readability: 55.5, belowReadabilityTarget: false, draft: false)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(entry), as: UTF8.self)
        #expect(json == #"{"ageDays":3,"belowReadabilityTarget":false,"draft":false,"page":"Pages\/a.md","readability":55.5,"reviewDue":"2027-01-10","reviewed":"2026-01-10","reviewedBy":"Dr X","section":"","sources":2,"stale":false,"title":"A","url":"a.html","words":100}"#)
    }
}
