import Testing
@testable import SitemarkKit

/// The knowledge base in `Pages/` itself: its glossary must be clean and its connections real.
@Suite("Glossary of the real knowledge base")
struct RealSiteGlossaryTests {
    @Test("Pages/ builds without errors, and its glossary without a single diagnostic")
    func realSite() throws {
        let site = try BuiltSite(pages: Repository.root.appendingPathComponent("Pages"))
        defer { site.remove() }
        #expect(site.report.diagnostics.errorCount == 0, "\(site.report.diagnostics)")
        let glossaryProblems = site.report.diagnostics.filter { $0.file.hasPrefix("Pages/glossary/") || $0.message.contains("glossary") }
        #expect(glossaryProblems.map(\.description) == [])
        #expect(site.report.site?.glossary.entries.count == site.htmlFiles().filter { $0.hasPrefix("glossary/") }.count - 1)
        try SiteConnections.verify(site)
    }
}
