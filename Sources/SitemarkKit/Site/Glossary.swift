/// The glossary: every entry of `Pages/glossary/`, in A–Z order, with the matcher that finds
/// their names in pages. Built right after the glossary files are parsed, before the pages
/// are (their parse records which terms they mention).
public struct Glossary: Sendable {
    /// Where the generated A–Z page lives, and the path Markdown links name it by.
    public static let indexPath = "glossary/index.md"
    public static let indexOutput = "glossary/index.html"
    /// Ids the glossary index page uses besides the entries' slugs.
    static let letterIDPrefix = "letter-"

    /// Entries with a term, sorted by term (case- and accent-insensitive), then slug.
    public private(set) var entries: [ParsedTerm]
    private var bySlug: [String: Int]
    public let matcher: TermMatcher
    /// Slug -> short definition, HTML-escaped: the tooltip of every link to the entry.
    public let tooltips: [String: String]
    /// Problems in glossary files: their own, and collisions between entries.
    public private(set) var diagnostics: [Diagnostic]

    public static let empty = Glossary([])

    public init(_ parsed: [ParsedTerm]) {
        diagnostics = parsed.flatMap(\.diagnostics)
        var usable = parsed.filter { !$0.term.isEmpty && TermParser.isValidSlug($0.slug) }
        for (index, entry) in usable.enumerated().reversed() where Self.clashesWithPageIDs(entry.slug) {
            diagnostics.append(.error(
                "glossary file name '\(entry.slug).md' clashes with "
                    + (entry.slug == "index" ? "the generated glossary index (glossary/index.html)" : "an id the glossary page uses"),
                file: entry.displayPath, line: 1, column: 1, hint: "rename the file, e.g. after its term"))
            usable.remove(at: index)
        }
        diagnostics += Self.collisions(among: usable.sorted { $0.path < $1.path })
        entries = usable.sorted { Self.sortKey($0) < Self.sortKey($1) }
        bySlug = Dictionary(entries.enumerated().map { ($0.element.slug, $0.offset) }, uniquingKeysWith: { a, _ in a })
        tooltips = Dictionary(entries.map { ($0.slug, HTML.escape($0.shortDefinition)) }, uniquingKeysWith: { a, _ in a })
        matcher = TermMatcher(forms: entries.flatMap { entry in entry.forms.map { $0.matcherForm(entry: entry.slug) } })
    }

    public var isEmpty: Bool { entries.isEmpty }

    public func entry(_ slug: String) -> ParsedTerm? { bySlug[slug].map { entries[$0] } }

    public static func pagePath(of slug: String) -> String { "glossary/\(slug).md" }
    public static func outputPath(of slug: String) -> String { "glossary/\(slug).html" }

    /// The letter an entry is filed under: A–Z (accents dropped), or `#` for anything else.
    public static func letter(of term: String) -> String {
        guard let first = SortKey.folded(term).first, first.isASCII, first.isLetter else { return "#" }
        return first.uppercased()
    }

    public static func letterID(_ letter: String) -> String {
        letterIDPrefix + (letter == "#" ? "other" : letter.lowercased())
    }

    private static func sortKey(_ entry: ParsedTerm) -> String {
        SortKey.of(title: entry.term, path: entry.slug)
    }

    static func clashesWithPageIDs(_ slug: String) -> Bool {
        slug == "index" || PageParser.reservedIDs.contains(slug) || slug.hasPrefix(letterIDPrefix)
    }

    /// Two entries claiming one name (the same words, ignoring case) would make a mention
    /// ambiguous: an error at the second one (by path), naming the first. A name repeated
    /// within one entry is useless: a warning.
    static func collisions(among entries: [ParsedTerm]) -> [Diagnostic] {
        var claimed: [String: (entry: ParsedTerm, form: TermForm)] = [:]
        var diagnostics: [Diagnostic] = []
        for entry in entries {
            for form in entry.forms {
                let key = TermMatcher.key(of: form.text)
                guard let (owner, ownerForm) = claimed[key] else {
                    claimed[key] = (entry, form)
                    continue
                }
                if owner.path == entry.path {
                    diagnostics.append(.warning(
                        "\(form.kind.rawValue) '\(form.text)' repeats the \(ownerForm.kind.rawValue) '\(ownerForm.text)' of this entry",
                        file: entry.displayPath, line: form.line, column: form.column,
                        hint: "remove the repeated name; matching ignores letter case"))
                } else {
                    diagnostics.append(.error(
                        "\(form.kind.rawValue) '\(form.text)' is already the \(ownerForm.kind.rawValue) '\(ownerForm.text)' of "
                            + "'\(owner.term)' in \(owner.displayPath):\(ownerForm.line):\(ownerForm.column)",
                        file: entry.displayPath, line: form.line, column: form.column,
                        hint: "a name can lead to one glossary entry only (letter case ignored); remove it from one of the two files"))
                }
            }
        }
        return diagnostics
    }
}

import Foundation
