/// The A–Z index page's data: every searchable document by title, grouped by first letter.
/// It is the search's fallback without JavaScript, so it lists exactly what search can find.
public enum AZIndex {
    /// Groups in letter order; entries sorted accent- and case-insensitively. URLs are made
    /// relative to `outputPath`, the page that shows them.
    public static func groups(_ documents: [SearchDocument], from outputPath: String) -> [AZGroup] {
        let keyed = documents.map { (key: SearchText.normalize($0.title), document: $0) }
            .sorted { a, b in
                if a.key != b.key { return SearchIndex.precedes(a.key, b.key) }
                if a.document.title != b.document.title { return a.document.title < b.document.title }
                return a.document.url < b.document.url
            }
        var groups: [AZGroup] = []
        for (key, document) in keyed {
            let letter = groupLetter(forKey: key)
            if groups.last?.letter != letter {
                groups.append(AZGroup(letter: letter, id: anchor(for: letter), entries: []))
            }
            groups[groups.count - 1].entries.append(AZEntry(
                title: document.title,
                url: URLPath.relative(from: outputPath, to: document.url),
                // nil, not "", when there is none: Mustache shows a section for an empty string.
                context: document.kind == .term ? "Glossary" : (document.context.isEmpty ? nil : document.context),
                description: document.description.isEmpty ? nil : document.description))
        }
        // Letters first, then "#" (titles starting with a digit or a sign).
        return groups.filter { $0.letter != "#" } + groups.filter { $0.letter == "#" }
    }

    /// `A` for a key starting with `a` (accents were stripped by the normalisation), `#` for
    /// one starting with anything but a letter.
    static func groupLetter(forKey key: String) -> String {
        guard let first = key.unicodeScalars.first(where: { !$0.properties.isWhitespace }),
              first.properties.isAlphabetic else { return "#" }
        return String(first).uppercased()
    }

    static func anchor(for letter: String) -> String {
        if letter == "#" { return "az-other" }
        if letter.unicodeScalars.allSatisfy({ $0.isASCII }) { return "az-" + letter.lowercased() }
        return "az-u" + letter.unicodeScalars.map { String($0.value, radix: 16) }.joined()
    }
}

public struct AZGroup: Sendable, Hashable, Codable {
    public var letter: String
    /// Anchor of the group on the page (`az-a`).
    public var id: String
    public var entries: [AZEntry]
}

public struct AZEntry: Sendable, Hashable, Codable {
    public var title: String
    public var url: String
    /// Section title or "Glossary"; nil for top-level pages and section overviews.
    public var context: String?
    public var description: String?
}
