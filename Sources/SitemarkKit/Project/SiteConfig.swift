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
    public var reviewMaxAgeDays: Int = 365
    /// Target Flesch reading ease for articles (higher is easier).
    public var readabilityTarget: Double = 50
    /// Passes the raw HTML of Markdown through (off by default: it is dropped).
    public var allowRawHTML: Bool = false
    /// Keeps `javascript:`, `vbscript:` and `data:` link URLs (off by default: they are removed).
    public var allowUnsafeURLs: Bool = false
    public var glossaryLinking: GlossaryLinking = .first

    public init() {}

    static let knownKeys = ["title", "description", "base_url", "language", "publisher", "sections",
                            "review_max_age_days", "readability_target", "markdown", "glossary"]

    /// Reads `site.yml`; a missing file gives the defaults. Unknown keys are warnings.
    public static func parse(_ file: SourceFile?) -> (SiteConfig, [Diagnostic]) {
        var config = SiteConfig()
        guard let file else { return (config, []) }
        let text: String
        switch TextDecoding.decodeUTF8(file.bytes, file: file.displayPath) {
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
                if var url = reader.string(value, key: key), !url.isEmpty {
                    if !(url.hasPrefix("https://") || url.hasPrefix("http://")) {
                        reader.error("base_url must be an absolute http(s) address", at: value,
                                     hint: "for example https://clinic.example/knowledge/")
                    }
                    if !url.hasSuffix("/") { url += "/" }
                    config.baseURL = url
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
            case "sections": config.sections = reader.stringList(value, key: key) ?? []
            case "review_max_age_days": config.reviewMaxAgeDays = reader.int(value, key: key) ?? config.reviewMaxAgeDays
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
                    if option == "link", let text = reader.string(optionValue, key: "glossary.link") {
                        if let mode = GlossaryLinking(rawValue: text) { config.glossaryLinking = mode } else {
                            reader.error("glossary.link must be first, all or none", at: optionValue)
                        }
                    } else if option != "link" {
                        reader.warning("unknown glossary option '\(option)'", at: optionKey, hint: "known: link")
                    }
                }
            default:
                reader.warning("unknown key '\(key)' in site.yml", at: keyNode,
                               hint: "known keys: \(knownKeys.joined(separator: ", "))")
            }
        }
        return (config, reader.diagnostics)
    }
}
