/// What the parse stage learns of one glossary file (`Pages/glossary/<slug>.md`): the term,
/// its other names, and the definition (the Markdown body).
public struct ParsedTerm: Sendable, Encodable {
    /// Path inside `Pages/` (`glossary/herniated-disc.md`).
    public var path: String
    public var displayPath: String
    /// The file name without `.md`: the entry's URL (`glossary/<slug>.html`) and anchor id.
    public var slug: String
    /// The term as it is displayed (`Herniated disc`); empty when the file has none (an error).
    public var term: String
    public var aliases: [String]
    public var abbreviation: String?
    /// `draft: true`: left out of a build (its names link nothing), shown by `serve`, like a
    /// draft page; a new entry starts as one, so its placeholder definition is never published.
    public var draft = false
    /// Every name of the entry with its position: the term first, then aliases, then the abbreviation.
    public var forms: [TermForm]
    public var body: String
    public var bodyLineOffset: Int
    public var headings: [Heading]
    public var links: [LinkReference]
    /// The definition's first paragraph as plain text, cut to its first sentence when long:
    /// the tooltip text and the term page's meta description.
    public var shortDefinition: String
    public var contentHash: UInt64
    public var diagnostics: [Diagnostic]
}

/// One name of a glossary entry, where it is written.
public struct TermForm: Sendable, Hashable, Encodable {
    public enum Kind: String, Sendable, Hashable, Encodable {
        case term, alias, abbreviation
    }

    public var text: String
    public var kind: Kind
    public var line: Int
    public var column: Int

    /// What the matcher sees: an abbreviation matches only as written.
    func matcherForm(entry: String) -> TermMatcher.Form {
        TermMatcher.Form(entry: entry, text: text, isAbbreviation: kind == .abbreviation)
    }
}

/// The parse stage for one glossary file. Shares the page parser's pieces: UTF-8 and front
/// matter splitting, YAML positions, the body scan (headings, links, raw HTML warnings).
public struct TermParser: Sendable {
    public static let knownKeys = ["term", "aliases", "abbreviation", "draft"]
    /// Longer first paragraphs are cut to their first sentence for the tooltip.
    static let shortDefinitionLimit = 200

    public var allowRawHTML: Bool

    public init(allowRawHTML: Bool) { self.allowRawHTML = allowRawHTML }

    public func parse(_ file: SourceFile) -> ParsedTerm {
        let name = (file.path as NSString).lastPathComponent
        let slug = (name as NSString).deletingPathExtension
        var entry = ParsedTerm(path: file.path, displayPath: file.displayPath, slug: slug, term: "", aliases: [],
                               abbreviation: nil, forms: [], body: "", bodyLineOffset: 0, headings: [], links: [],
                               shortDefinition: "", contentHash: file.contentHash, diagnostics: [])
        if !Self.isValidSlug(slug) {
            entry.diagnostics.append(.error(
                "glossary file name '\(name)' cannot be used: it becomes the entry's web address and anchor",
                file: file.displayPath, line: 1, column: 1,
                hint: "rename the file with lowercase letters, digits and hyphens, e.g. herniated-disc.md"))
        }
        let split: FrontMatterSplit
        switch FrontMatterSplit.read(file, what: "glossary entry") {
        case .success(let value): split = value
        case .failure(let diagnostic):
            entry.diagnostics.append(diagnostic)
            return entry
        }
        if let yaml = split.yaml {
            decodeFrontMatter(yaml, firstLine: split.yamlFirstLine, into: &entry)
        } else {
            entry.diagnostics.append(FrontMatterSplit.missing(in: file.displayPath, what: "glossary entry", key: "term"))
        }
        entry.body = split.body
        entry.bodyLineOffset = split.bodyLineOffset

        // Tables first, as for a page: links in cells are then read from the cells.
        let document = MarkdownDocument(parsing: split.body)
        let origins = PipeTables(source: split.body).applyRecordingOrigins(to: document)
        let scan = BodyScanner(document: document, body: split.body, lineOffset: split.bodyLineOffset,
                               file: file.displayPath, allowRawHTML: allowRawHTML, origins: origins)
        entry.headings = scan.headings
        entry.links = scan.links
        entry.diagnostics += scan.diagnostics
        let firstParagraph = document.root.descendants().first { $0.kind == .paragraph }
        entry.shortDefinition = Self.shortDefinition(firstParagraph?.plainText ?? "")
        if entry.shortDefinition.isEmpty {
            entry.diagnostics.append(.error("the glossary entry has no definition", file: file.displayPath,
                                            line: split.bodyLineOffset + 1, column: 1,
                                            hint: "write a plain-language definition below the front matter, starting with a paragraph"))
        }
        return entry
    }

    private func decodeFrontMatter(_ yaml: String, firstLine: Int, into entry: inout ParsedTerm) {
        var reader = YAMLReader(file: entry.displayPath, lineOffset: firstLine - 1)
        defer { entry.diagnostics += reader.diagnostics }
        guard let pairs = reader.frontMatterPairs(yaml, emptyHint: "add at least 'term: The term'") else { return }
        var forms: [TermForm] = []
        func form(_ text: String, _ kind: TermForm.Kind, at node: Yams.Node) {
            let at = reader.location(of: node)
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if TermMatcher.words(in: Array(trimmed.utf8)).isEmpty {
                reader.error(trimmed.isEmpty ? "\(kind.rawValue) is empty" : "\(kind.rawValue) '\(trimmed)' has no letters or digits to match",
                             at: node, hint: kind == .alias ? "remove it from 'aliases'" : nil)
                return
            }
            forms.append(TermForm(text: trimmed, kind: kind, line: at.line, column: at.column))
        }
        for (key, keyNode, value) in pairs {
            switch key {
            case "term":
                if let text = reader.string(value, key: key) { form(text, .term, at: value) }
            case "aliases":
                guard let sequence = value.sequence else {
                    if let text = reader.stringList(value, key: key)?.first { form(text, .alias, at: value) }
                    continue
                }
                for item in sequence {
                    if let text = reader.string(item, key: "aliases") { form(text, .alias, at: item) }
                }
            case "abbreviation":
                if let text = reader.string(value, key: key) { form(text, .abbreviation, at: value) }
            case "draft":
                entry.draft = reader.bool(value, key: key) ?? false
            default:
                reader.warning("unknown glossary key '\(key)'", at: keyNode,
                               hint: "known keys: \(Self.knownKeys.joined(separator: ", ")); check the spelling")
            }
        }
        entry.forms = forms
        entry.term = forms.first { $0.kind == .term }?.text ?? ""
        entry.aliases = forms.filter { $0.kind == .alias }.map(\.text)
        entry.abbreviation = forms.first { $0.kind == .abbreviation }?.text
        // A 'term' that is written but unusable was reported where it is written.
        if entry.term.isEmpty && !pairs.contains(where: { $0.key == "term" }) {
            reader.diagnostics.append(.error("the glossary entry has no 'term'", file: entry.displayPath, line: 1, column: 1,
                                             hint: "add 'term: …' to the front matter: the word or phrase this file defines"))
        }
    }

    /// Lowercase letters, digits and single inner hyphens: safe as a file name, URL and HTML id.
    static func isValidSlug(_ slug: String) -> Bool {
        guard let first = slug.first, let last = slug.last, first != "-", last != "-", !slug.contains("--") else { return false }
        return slug.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
    }

    /// The first paragraph, or its first sentence when the paragraph is long. A sentence ends
    /// at `.`, `!` or `?` followed by a space and a capital letter (so "e.g. a" does not end one).
    static func shortDefinition(_ paragraph: String) -> String {
        let text = paragraph.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard text.count > shortDefinitionLimit else { return text }
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            if ".!?".contains(character), next < text.endIndex, text[next] == " " {
                let after = text.index(after: next)
                if after < text.endIndex, text[after].isUppercase { return String(text[...index]) }
            }
            index = next
        }
        return text
    }
}

import Foundation
import Yams
