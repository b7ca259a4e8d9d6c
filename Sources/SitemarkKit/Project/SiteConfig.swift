import Foundation
import Yams

/// `Pages/site.yml`: the site as a whole.
public struct SiteConfig: Sendable, Hashable {
    public struct Publisher: Sendable, Hashable {
        public var name: String
        public var url: String?
    }

    public enum GlossaryLinking: String, Sendable, Hashable, CaseIterable {
        /// Link the first mention of each term in an article (the default).
        case first
        /// Link every mention.
        case all
        /// Never link automatically.
        case none
    }

    public var title: String = "Sitemark site"
    public var description: String = ""
    /// Absolute address of the deployed site, ending in `/`; nil when not set. Used only where
    /// a URL must be absolute (canonical, sitemap, feed, Open Graph).
    public var baseURL: String?
    public var language: String = "en"
    public var publisher: Publisher?
    /// Section folder names in menu order; sections not named follow, by title.
    public var sections: [String] = []
    /// Where each of `sections` is written in site.yml, to point at a name that matches no folder.
    public var sectionPositions: [Position] = []

    public struct Position: Sendable, Hashable {
        public var line: Int
        public var column: Int
    }
    /// The review policy: an article must be reviewed again within this many days. Setting it
    /// turns on review governance (required review fields, overdue warnings, the editorial
    /// page); nil for a site without medical review.
    public var reviewMaxAgeDays: Int?
    /// Target Flesch reading ease for articles (higher is easier).
    public var readabilityTarget: Double = 50
    /// Passes the raw HTML of Markdown through (off by default: it is dropped).
    public var allowRawHTML: Bool = false
    /// Keeps `javascript:`, `vbscript:`, `data:` and `file:` link URLs (off by default: they are removed).
    public var allowUnsafeURLs: Bool = false
    public var glossaryLinking: GlossaryLinking = .first
    /// Title and lead of the generated glossary index (`glossary/index.html`).
    public var glossaryTitle: String = "Glossary"
    public var glossaryDescription: String = "Plain-language definitions of the terms used on this site."
    /// How articles are described in schema.org JSON-LD (`schema:` in site.yml).
    public var schema = SchemaSettings()

    /// `schema:` in site.yml. Front matter has no key for what a page is about, so the type
    /// comes from the article's section folder: `about: {conditions: MedicalCondition}`.
    public struct SchemaSettings: Sendable, Hashable {
        /// Section folder -> schema.org type of its articles' subject. The nearest listed folder
        /// above an article wins; articles elsewhere are about a plain `Thing`.
        public var aboutTypes: [String: String] = [:]
        /// Where each folder of `aboutTypes` is written in site.yml, to point at one that
        /// matches no section.
        public var aboutPositions: [String: Position] = [:]
        /// `reviewed_by` names that are organisations (an editorial team, a board); any other
        /// reviewer is a `Person`. The publisher's own name is always an organisation.
        public var organizations: Set<String> = []

        public init(aboutTypes: [String: String] = [:], organizations: Set<String> = []) {
            self.aboutTypes = aboutTypes
            self.organizations = organizations
        }

        /// schema.org types a medical page can be about (MedicalEntity and its common subtypes).
        public static let aboutTypeNames: Set<String> = [
            "Thing", "MedicalEntity", "MedicalCondition", "MedicalSignOrSymptom", "InfectiousDisease",
            "MedicalProcedure", "TherapeuticProcedure", "DiagnosticProcedure", "SurgicalProcedure",
            "PhysicalTherapy", "MedicalTherapy", "Drug", "DrugClass", "Substance", "MedicalTest",
            "MedicalDevice", "AnatomicalStructure", "AnatomicalSystem", "MedicalRiskFactor",
            "MedicalContraindication", "MedicalGuideline", "MedicalStudy",
        ]

        /// The type for an article in `folder` (`conditions/spine`): the nearest listed folder.
        public func aboutType(forSection folder: String) -> String {
            var current = folder
            while true {
                if let type = aboutTypes[current] { return type }
                guard !current.isEmpty else { return "Thing" }
                current = URLPath.folder(of: current)
            }
        }
    }

    public init() {}

    static let knownKeys = ["title", "description", "base_url", "language", "publisher", "sections",
                            "review_max_age_days", "readability_target", "markdown", "glossary", "schema"]

    /// `base_url` (or `--base-url`) as used: an absolute http(s) address ending in `/`.
    /// The message says what is wrong when it cannot be used.
    public static func normalizedBaseURL(_ text: String) -> Result<String, Failure> {
        let url = text.trimmingCharacters(in: .whitespaces)
        guard let parsed = URLComponents(string: url), let scheme = parsed.scheme?.lowercased(),
              scheme == "https" || scheme == "http", let host = parsed.host, !host.isEmpty else {
            return .failure(Failure(message: "base_url must be an absolute http(s) address, not '\(text)'"))
        }
        guard parsed.query == nil, parsed.fragment == nil else {
            return .failure(Failure(message: "base_url cannot have a query or fragment ('\(text)')"))
        }
        // Written as given into sitemap.xml, robots.txt and every canonical link, so it must
        // already be a valid URL: Foundation would accept a space, and a crawler would not.
        if let bad = url.unicodeScalars.first(where: { !Self.urlCharacters.contains($0) }) {
            let shown = bad == " " ? "a space" : bad.properties.isWhitespace || bad.value < 0x20
                ? "U+" + String(bad.value, radix: 16, uppercase: true) : "'\(bad)'"
            let advice = host.unicodeScalars.contains(bad) ? "write the host name in its xn-- (IDNA) form"
                : bad == " " ? "percent-encode it (a space is %20)" : "percent-encode it"
            return .failure(Failure(message: "base_url cannot contain \(shown) ('\(text)'); \(advice)"))
        }
        if let port = parsed.port, !(1...65535).contains(port) {
            return .failure(Failure(message: "base_url has port \(port), outside 1–65535 ('\(text)')"))
        }
        if parsed.path.split(separator: "/").contains(where: { $0 == "." || $0 == ".." }) {
            return .failure(Failure(message: "base_url cannot contain '.' or '..' folders ('\(text)'); write the folder it means"))
        }
        return .success(url.hasSuffix("/") ? url : url + "/")
    }

    public struct Failure: Error, Sendable {
        public var message: String
    }

    /// RFC 3986's unreserved and reserved characters, and `%` for escapes.
    private static let urlCharacters = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        .union(CharacterSet(charactersIn: "-._~:/?#[]@!$&'()*+,;=%"))

    /// Reads `site.yml`; a missing file gives the defaults. Unknown keys are warnings.
    public static func parse(_ file: SourceFile?) -> (SiteConfig, [Diagnostic]) {
        var config = SiteConfig()
        guard let file else { return (config, []) }
        let text: String
        switch TextDecoding.decodeContent(file.bytes, file: file.displayPath) {
        case .success(let decoded): text = decoded
        case .failure(let diagnostic): return (config, [diagnostic])
        }
        var reader = YAMLReader(file: file.displayPath)
        guard let root = reader.compose(text) else { return (config, reader.diagnostics) }
        guard let pairs = reader.pairs(root, what: "site.yml") else { return (config, reader.diagnostics) }

        for (key, keyNode, value) in pairs {
            switch key {
            case "title": config.title = reader.string(value, key: key) ?? config.title
            case "description": config.description = reader.string(value, key: key) ?? ""
            case "language": config.language = reader.string(value, key: key) ?? config.language
            case "base_url":
                if let url = reader.string(value, key: key), !url.isEmpty {
                    switch normalizedBaseURL(url) {
                    case .success(let normalized): config.baseURL = normalized
                    case .failure(let failure):
                        reader.error(failure.message, at: value, hint: "for example https://clinic.example/knowledge/")
                    }
                }
            case "publisher":
                if let name = value.scalar?.string {
                    config.publisher = Publisher(name: name, url: nil)
                } else if let fields = reader.stringPairs(value, key: key) {
                    let map = Dictionary(fields, uniquingKeysWith: { a, _ in a })
                    if let name = map["name"] {
                        config.publisher = Publisher(name: name, url: map["url"])
                    } else {
                        reader.error("publisher needs a 'name'", at: value)
                    }
                }
            case "sections":
                config.sections = reader.stringList(value, key: key) ?? []
                let items = value.sequence.map(Array.init) ?? [value]
                config.sectionPositions = items.filter { $0.scalar != nil }.map {
                    let at = reader.location(of: $0)
                    return Position(line: at.line, column: at.column)
                }
            case "review_max_age_days":
                if let days = reader.int(value, key: key) {
                    if days > 0 { config.reviewMaxAgeDays = days } else {
                        reader.error("'review_max_age_days' must be at least 1", at: value, hint: "365 asks for a review every year")
                    }
                }
            case "readability_target":
                if let number = value.float { config.readabilityTarget = number } else {
                    reader.error("'readability_target' must be a number", at: value)
                }
            case "markdown":
                for (option, optionKey, optionValue) in reader.pairs(value, what: "'markdown'") ?? [] {
                    switch option {
                    case "raw_html": config.allowRawHTML = reader.bool(optionValue, key: "markdown.raw_html") ?? false
                    case "unsafe_urls": config.allowUnsafeURLs = reader.bool(optionValue, key: "markdown.unsafe_urls") ?? false
                    default: reader.warning("unknown markdown option '\(option)'", at: optionKey, hint: "known: raw_html, unsafe_urls")
                    }
                }
            case "glossary":
                for (option, optionKey, optionValue) in reader.pairs(value, what: "'glossary'") ?? [] {
                    switch option {
                    case "link":
                        guard let text = reader.string(optionValue, key: "glossary.link") else { continue }
                        if let mode = GlossaryLinking(rawValue: text) { config.glossaryLinking = mode } else {
                            reader.error("glossary.link must be first, all or none", at: optionValue)
                        }
                    case "title":
                        if let text = reader.string(optionValue, key: "glossary.title"), !text.isEmpty { config.glossaryTitle = text }
                    case "description":
                        if let text = reader.string(optionValue, key: "glossary.description") { config.glossaryDescription = text }
                    default:
                        reader.warning("unknown glossary option '\(option)'", at: optionKey, hint: "known: link, title, description")
                    }
                }
            case "schema": config.schema = parseSchema(value, reader: &reader)
            default:
                reader.warning("unknown key '\(key)' in site.yml", at: keyNode,
                               hint: "known keys: \(knownKeys.joined(separator: ", "))")
            }
        }
        return (config, reader.diagnostics)
    }

    private static func parseSchema(_ node: Node, reader: inout YAMLReader) -> SchemaSettings {
        var settings = SchemaSettings()
        for (option, optionKey, optionValue) in reader.pairs(node, what: "'schema'") ?? [] {
            switch option {
            case "about":
                guard let pairs = reader.pairs(optionValue, what: "'schema.about'") else { continue }
                for (folder, folderNode, typeNode) in pairs {
                    guard let type = reader.string(typeNode, key: "schema.about.\(folder)") else { continue }
                    if SchemaSettings.aboutTypeNames.contains(type) {
                        let trimmed = folder.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
                        settings.aboutTypes[trimmed] = type
                        let at = reader.location(of: folderNode)
                        settings.aboutPositions[trimmed] = Position(line: at.line, column: at.column)
                    } else {
                        reader.warning("'\(type)' is not a schema.org type Sitemark knows for 'about'", at: typeNode,
                                       hint: "use one of: \(SchemaSettings.aboutTypeNames.sorted().joined(separator: ", "))")
                    }
                }
            case "organizations":
                settings.organizations = Set(reader.stringList(optionValue, key: "schema.organizations") ?? [])
            default:
                reader.warning("unknown schema option '\(option)'", at: optionKey, hint: "known: about, organizations")
            }
        }
        return settings
    }
}
