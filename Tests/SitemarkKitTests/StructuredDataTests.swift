import Foundation
import Testing
@testable import SitemarkKit

/// schema.org JSON-LD: valid JSON whatever the text, the medical properties from front matter
/// and site.yml, and safe inside its script element.
@Suite("Structured data")
struct StructuredDataTests {
    static let base = "https://clinic.example/knowledge/"
    /// The audit date of every build here (the fixture's reviews are from 2024–2026).
    static let today = "2026-01-20"

    /// The one JSON-LD block of a page, parsed.
    static func jsonLD(in html: String) throws -> [String: Any] {
        let blocks = html.captures(#"<script type="application/ld\+json">(.*?)</script>"#)
        try #require(blocks.count == 1, "expected one JSON-LD block, found \(blocks.count)")
        let object = try JSONSerialization.jsonObject(with: Data(blocks[0].utf8))
        return try #require(object as? [String: Any])
    }

    func builtSite() throws -> FixtureProject {
        let project = try FixtureProject.withShippedTheme("publishing")
        let report = project.build(today: Self.today)
        #expect(report.succeeded, "\(report.diagnostics)")
        return project
    }

    @Test func conditionArticleIsAMedicalWebPageAboutAMedicalCondition() throws {
        let project = try builtSite()
        defer { project.cleanUp() }
        let json = try Self.jsonLD(in: project.text("conditions/back-pain.html"))
        #expect(json["@context"] as? String == "https://schema.org")
        #expect(json["@type"] as? String == "MedicalWebPage")
        #expect(json["name"] as? String == "Back pain")
        #expect(json["description"] as? String == "What back pain is and how it is treated.")
        #expect(json["url"] as? String == Self.base + "conditions/back-pain.html")
        #expect(json["inLanguage"] as? String == "en-GB")
        #expect(json["lastReviewed"] as? String == "2026-01-10")
        #expect(json["keywords"] as? String == "spine, pain")
        let reviewer = try #require(json["reviewedBy"] as? [String: Any])
        #expect(reviewer["@type"] as? String == "Person")
        #expect(reviewer["name"] as? String == "Dr A. Example")
        let about = try #require(json["about"] as? [String: Any])
        #expect(about["@type"] as? String == "MedicalCondition")
        #expect(about["name"] as? String == "Back pain")
        #expect(json["citation"] as? [String] == ["Source one. J Test. 2010;1:1-2.", "Source two (web page, undated)"])
        let publisher = try #require(json["publisher"] as? [String: Any])
        #expect(publisher["@type"] as? String == "Organization")
        #expect(publisher["name"] as? String == "Fixture Clinic")
        #expect(publisher["url"] as? String == "https://clinic.example/")
        let site = try #require(json["isPartOf"] as? [String: Any])
        #expect(site["@type"] as? String == "WebSite")
        #expect(site["url"] as? String == Self.base)
    }

    @Test func breadcrumbListRunsFromTheHomePage() throws {
        let project = try builtSite()
        defer { project.cleanUp() }
        let json = try Self.jsonLD(in: project.text("conditions/back-pain.html"))
        let breadcrumb = try #require(json["breadcrumb"] as? [String: Any])
        #expect(breadcrumb["@type"] as? String == "BreadcrumbList")
        let items = try #require(breadcrumb["itemListElement"] as? [[String: Any]])
        #expect(items.map { $0["@type"] as? String } == ["ListItem", "ListItem", "ListItem"])
        #expect(items.map { $0["position"] as? Int } == [1, 2, 3])
        #expect(items.map { $0["name"] as? String } == ["Fixture home", "Conditions", "Back pain"])
        #expect(items.map { $0["item"] as? String } == [Self.base, Self.base + "conditions/", Self.base + "conditions/back-pain.html"])
    }

    @Test func aboutTypeComesFromTheSectionFolder() throws {
        let project = try builtSite()
        defer { project.cleanUp() }
        func aboutType(_ path: String) throws -> String? {
            let json = try Self.jsonLD(in: project.text(path))
            return (json["about"] as? [String: Any])?["@type"] as? String
        }
        #expect(try aboutType("procedures/injection.html") == "MedicalProcedure")
        #expect(try aboutType("safety/old-advice.html") == "Thing")
        #expect(try aboutType("about.html") == "Thing")
        // A listed organisation reviews as an Organization.
        let about = try Self.jsonLD(in: project.text("about.html"))
        #expect((about["reviewedBy"] as? [String: Any])?["@type"] as? String == "Organization")
    }

    @Test func aPageReviewedByThePublisherNamesItAsTheOrganizationWithItsAddress() throws {
        let project = try FixtureProject.withShippedTheme("publishing")
        defer { project.cleanUp() }
        try project.replace("reviewed_by: Editorial board", with: "reviewed_by: Fixture Clinic", in: "Pages/about.md")
        let report = project.build(today: Self.today)
        #expect(report.succeeded, "\(report.diagnostics)")
        let reviewer = try #require(try Self.jsonLD(in: project.text("about.html"))["reviewedBy"] as? [String: Any])
        #expect(reviewer["@type"] as? String == "Organization")
        #expect(reviewer["name"] as? String == "Fixture Clinic")
        #expect(reviewer["url"] as? String == "https://clinic.example/")
    }

    @Test func nestedSectionsInheritTheNearestListedType() {
        let settings = SiteConfig.SchemaSettings(aboutTypes: ["conditions": "MedicalCondition", "conditions/drugs": "Drug"])
        #expect(settings.aboutType(forSection: "conditions/spine") == "MedicalCondition")
        #expect(settings.aboutType(forSection: "conditions/drugs/new") == "Drug")
        #expect(settings.aboutType(forSection: "safety") == "Thing")
        #expect(settings.aboutType(forSection: "") == "Thing")
    }

    @Test func unknownAboutTypeIsAWarningAtItsLine() {
        let file = SourceFile(path: "site.yml", displayPath: "Pages/site.yml",
                              bytes: Array("title: T\nschema:\n  about:\n    conditions: MedicalConditon\n".utf8))
        let (config, diagnostics) = SiteConfig.parse(file)
        #expect(config.schema.aboutTypes.isEmpty)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.severity == .warning)
        #expect(diagnostics.first?.line == 4)
        #expect(diagnostics.first?.message.contains("MedicalConditon") == true)
    }

    @Test func textThatCouldBreakTheScriptElementIsEscapedAndStillRoundTrips() throws {
        let project = try builtSite()
        defer { project.cleanUp() }
        let html = project.text("conditions/risks.html")
        let script = try #require(html.captures(#"<script type="application/ld\+json">(.*?)</script>"#).first)
        #expect(!script.contains("</"))
        #expect(!script.contains("<!--"))
        #expect(!script.contains("\u{2028}"))
        #expect(script.contains(#"\u003c/script\u003e"#))
        let json = try Self.jsonLD(in: html)
        #expect(json["name"] as? String == #"Risks & "side effects" </script><!-- of care"#)
        #expect(json["description"] as? String == "A title with characters that must be escaped \u{2028} everywhere.")
        #expect(json["citation"] as? [String] == ["Source & co <one>"])
    }

    @Test func scriptSafeEscapesOnlyWhatMatters() {
        #expect(StructuredData.scriptSafe(#"{"a":"</script>&\#u{2028}\#u{2029}é"}"#)
                == #"{"a":"\u003c/script\u003e\u0026\u2028\u2029é"}"#)
    }

    @Test func homePageDescribesTheWebSiteAndSectionsHaveNone() throws {
        let project = try builtSite()
        defer { project.cleanUp() }
        let home = try Self.jsonLD(in: project.text("index.html"))
        #expect(home["@type"] as? String == "WebSite")
        #expect(home["url"] as? String == Self.base)
        #expect(home["name"] as? String == "Fixture Clinic & Co <Knowledge>")
        #expect((home["publisher"] as? [String: Any])?["name"] as? String == "Fixture Clinic")
        #expect(!project.text("conditions/index.html").contains("application/ld+json"))
    }
}
