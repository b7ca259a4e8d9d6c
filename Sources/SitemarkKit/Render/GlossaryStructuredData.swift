/// schema.org JSON-LD for the glossary: each term page is a `DefinedTerm` in the site's
/// `DefinedTermSet` (the index), so search engines can read a term, its other names and its
/// definition. Addresses need `base_url` and are left out without it.
extension StructuredData {
    public func definedTermSet() -> String {
        Self.scriptSafe(Self.encode(termSet(withContext: true)))
    }

    public func definedTerm(_ entry: ParsedTerm) -> String {
        let names = entry.aliases + (entry.abbreviation.map { [$0] } ?? [])
        let term = DefinedTerm(name: entry.term, alternateName: names.isEmpty ? nil : names,
                               description: entry.shortDefinition, url: address?.canonical(Glossary.outputPath(of: entry.slug)),
                               termCode: entry.slug, inDefinedTermSet: termSet(withContext: false))
        return Self.scriptSafe(Self.encode(term))
    }

    private func termSet(withContext: Bool) -> DefinedTermSet {
        DefinedTermSet(context: withContext ? WebSite.schemaContext : nil, name: site.config.glossaryTitle,
                       description: withContext ? site.config.glossaryDescription : nil,
                       url: address?.canonical(Glossary.indexOutput), inLanguage: withContext ? site.config.language : nil,
                       isPartOf: withContext ? webSite(withContext: false) : nil)
    }
}

struct DefinedTermSet: Encodable {
    var context: String?
    let type = "DefinedTermSet"
    var name: String
    var description: String?
    var url: String?
    var inLanguage: String?
    var isPartOf: WebSite?

    enum CodingKeys: String, CodingKey {
        case context = "@context", type = "@type", name, description, url, inLanguage, isPartOf
    }
}

struct DefinedTerm: Encodable {
    let context = WebSite.schemaContext
    let type = "DefinedTerm"
    var name: String
    var alternateName: [String]?
    var description: String
    var url: String?
    var termCode: String
    var inDefinedTermSet: DefinedTermSet

    enum CodingKeys: String, CodingKey {
        case context = "@context", type = "@type", name, alternateName, description, url, termCode, inDefinedTermSet
    }
}
