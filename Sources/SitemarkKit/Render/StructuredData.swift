import Foundation

/// schema.org JSON-LD for `<script type="application/ld+json">`. Built from Codable values and
/// written by `JSONEncoder`, so it is always valid JSON whatever a title or source contains;
/// then made safe to sit inside a script element.
///
/// Articles are `MedicalWebPage`s: `about` is typed from the article's section (`schema.about`
/// in site.yml), `citation` lists its `sources`, `reviewedBy`/`lastReviewed` come from its
/// front matter, `publisher` from site.yml, `breadcrumb` is its trail from the home page. The
/// home page describes the `WebSite`. Addresses (`url`, breadcrumb `item`) need `base_url`
/// and are left out without it.
public struct StructuredData: Sendable {
    public let site: Site
    public let address: SiteAddress?

    public init(site: Site, address: SiteAddress?) {
        self.site = site
        self.address = address
    }

    /// The JSON-LD of a page, ready to print inside the script element; nil for pages that
    /// have none (section overviews).
    public func script(for page: SitePage) -> String? {
        switch page.kind {
        case .article: return Self.scriptSafe(Self.encode(medicalWebPage(page)))
        case .home: return Self.scriptSafe(Self.encode(webSite(withContext: true)))
        case .section: return nil
        }
    }

    func medicalWebPage(_ page: SitePage) -> MedicalWebPage {
        let metadata = page.metadata
        let config = site.config
        // Titles and paths only: a whole SitePage per crumb was copied here before.
        let trail: [(title: String, outputPath: String)] =
            site.ancestors(of: page.path).compactMap { site.pages[$0].map { ($0.title, $0.outputPath) } }
            + [(page.title, page.outputPath)]
        let breadcrumb = BreadcrumbList(itemListElement: trail.enumerated().map { index, crumb in
            ListItem(position: index + 1, name: crumb.title, item: address?.canonical(crumb.outputPath))
        })
        return MedicalWebPage(
            name: metadata.title, description: metadata.description,
            url: address?.canonical(page.outputPath), inLanguage: config.language,
            lastReviewed: metadata.reviewed, reviewedBy: metadata.reviewedBy.flatMap { agent(named: $0) },
            about: Thing(type: config.schema.aboutType(forSection: page.section), name: metadata.title),
            citation: metadata.sources.isEmpty ? nil : metadata.sources,
            keywords: metadata.tags.isEmpty ? nil : metadata.tags.joined(separator: ", "),
            publisher: publisher, isPartOf: webSite(withContext: false), breadcrumb: breadcrumb)
    }

    func webSite(withContext: Bool) -> WebSite {
        let config = site.config
        return WebSite(context: withContext ? WebSite.schemaContext : nil, name: config.title,
                       url: address?.base, description: withContext && !config.description.isEmpty ? config.description : nil,
                       inLanguage: withContext ? config.language : nil, publisher: withContext ? publisher : nil)
    }

    private var publisher: Agent? {
        site.config.publisher.map { Agent(type: "Organization", name: $0.name, url: $0.url) }
    }

    /// A reviewer is a person unless site.yml lists the name as an organisation (or it is the
    /// publisher itself).
    private func agent(named name: String) -> Agent? {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        if let publisher = site.config.publisher, publisher.name == trimmed {
            return Agent(type: "Organization", name: trimmed, url: publisher.url)
        }
        return Agent(type: site.config.schema.organizations.contains(trimmed) ? "Organization" : "Person", name: trimmed, url: nil)
    }

    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings, numbers and optionals cannot fail.
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// JSON text that cannot end or confuse the script element around it: `<`, `>` and `&`
    /// become `\u003c` `\u003e` `\u0026` (so no `</script>` or `<!--`), and U+2028/U+2029 are
    /// escaped for old JavaScript parsers. These characters occur in JSON only inside strings,
    /// where the escapes mean the same characters, so the data is unchanged.
    public static func scriptSafe(_ json: String) -> String {
        // Usually none of them occurs: one pass over the bytes (0xE2 leads U+2028 and U+2029).
        var bytes = json
        guard bytes.withUTF8({ $0.contains { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0xE2 } }) else { return json }
        return json.replacingScalars { scalar in
            switch scalar {
            case "<": return "\\u003c"
            case ">": return "\\u003e"
            case "&": return "\\u0026"
            case "\u{2028}": return "\\u2028"
            case "\u{2029}": return "\\u2029"
            default: return nil
            }
        }
    }
}

// MARK: The schema.org vocabulary Sitemark writes. Optional properties are left out when nil.

struct MedicalWebPage: Encodable {
    let context = WebSite.schemaContext
    let type = "MedicalWebPage"
    var name: String
    var description: String?
    var url: String?
    var inLanguage: String
    var lastReviewed: String?
    var reviewedBy: Agent?
    var about: Thing
    var citation: [String]?
    var keywords: String?
    var publisher: Agent?
    var isPartOf: WebSite
    var breadcrumb: BreadcrumbList

    enum CodingKeys: String, CodingKey {
        case context = "@context", type = "@type"
        case name, description, url, inLanguage, lastReviewed, reviewedBy, about, citation, keywords, publisher
        case isPartOf, breadcrumb
    }
}

struct WebSite: Encodable {
    static let schemaContext = "https://schema.org"
    var context: String?
    let type = "WebSite"
    var name: String
    var url: String?
    var description: String?
    var inLanguage: String?
    var publisher: Agent?

    enum CodingKeys: String, CodingKey {
        case context = "@context", type = "@type", name, url, description, inLanguage, publisher
    }
}

/// A `Person` or an `Organization`.
struct Agent: Encodable {
    var type: String
    var name: String
    var url: String?

    enum CodingKeys: String, CodingKey { case type = "@type", name, url }
}

/// What a page is about: `MedicalCondition`, `MedicalProcedure` … or a plain `Thing`.
struct Thing: Encodable {
    var type: String
    var name: String

    enum CodingKeys: String, CodingKey { case type = "@type", name }
}

struct BreadcrumbList: Encodable {
    let type = "BreadcrumbList"
    var itemListElement: [ListItem]

    enum CodingKeys: String, CodingKey { case type = "@type", itemListElement }
}

struct ListItem: Encodable {
    let type = "ListItem"
    var position: Int
    var name: String
    var item: String?

    enum CodingKeys: String, CodingKey { case type = "@type", position, name, item }
}
