/// What the parse stage learns of one page: plain values, no cmark tree (the tree is not
/// Sendable and costs memory). The build cache stores these; the render stage parses the body
/// again, unless the build kept the tree beside this (`PreparedBody`).
public struct ParsedPage: Sendable, Codable {
    /// Path inside `Pages/` (`conditions/sciatica.md`): the page's identity.
    public var path: String
    /// Path named in diagnostics (`Pages/conditions/sciatica.md`).
    public var displayPath: String
    public var metadata: PageMetadata
    /// Markdown after the front matter.
    public var body: String
    /// Add to a body line number to get the file's line number.
    public var bodyLineOffset: Int
    public var headings: [Heading]
    public var links: [LinkReference]
    /// Fenced ```compare blocks, for the comparison-table extension.
    public var compareBlocks: [CodeBlockSource]
    /// The same blocks read (their YAML checked here, their pages and facts in the resolve
    /// stage); nil for a block that cannot make a table, with diagnostics saying why.
    var comparisonSpecs: [ComparisonSpec?] = []
    /// The text a reader sees, block by block, for search and word counts.
    public var plainText: String
    public var wordCount: Int
    /// Sentences, words and syllables of the prose, for the readability score.
    public var readability = ReadabilityCounts()
    public var contentHash: UInt64
    public var diagnostics: [Diagnostic]
    /// Glossary entries (slugs) this page mentions in its prose, each once, in order of first
    /// mention: found by the same scan that links them when the page is rendered.
    public var termMentions: [String] = []
    /// Where in the body those mentions are, so the render stage links them without matching
    /// every word again.
    var termPlacements = TermPlacements()

    /// The front matter could not be read at all, and that error is reported: checks of what it
    /// should hold (review date, sources) would only bury it under errors that follow from it.
    var frontMatterIsUnreadable: Bool {
        metadata.keyLines.isEmpty && diagnostics.contains { $0.severity == .error }
    }
}

public struct Heading: Sendable, Hashable, Codable {
    public var level: Int
    public var text: String
    public var id: String
    /// Line in the `.md` file.
    public var line: Int
}

/// A link or image destination as written in a page, and where.
public struct LinkReference: Sendable, Hashable, Codable {
    public var destination: String
    public var isImage: Bool
    public var line: Int
    public var column: Int
}

public struct CodeBlockSource: Sendable, Hashable, Codable {
    public var literal: String
    /// Line of the opening fence in the `.md` file.
    public var line: Int

    /// A fenced block whose info string starts with `compare`: a comparison table. The parse
    /// and render stages both find them with this, in the same order.
    static func isComparison(_ node: MarkdownNode) -> Bool {
        node.kind == .codeBlock && node.fenceInfo?.split(separator: " ").first == "compare"
    }
}
