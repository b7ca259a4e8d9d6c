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
    /// For each line of `literal`, the columns the page line has before it: a block quote's
    /// `> ` or a list item's indent, which cmark takes off. Empty when there are none.
    public var columnShifts: [Int] = []

    init(literal: String, line: Int, columnShifts: [Int] = []) {
        self.literal = literal
        self.line = line
        self.columnShifts = columnShifts.allSatisfy { $0 == 0 } ? [] : columnShifts
    }

    /// The shifts of `literal`'s lines, which are `lines[first...]` of the page body less what
    /// the containers took (a line that is not a suffix of its page line, a tab cmark expanded
    /// say, gets none).
    static func columnShifts(of literal: String, firstLine first: Int, in lines: [Substring]) -> [Int] {
        // cmark ends the literal with a line feed: the empty text after it is no line.
        literal.split(separator: "\n", omittingEmptySubsequences: false).dropLast(literal.hasSuffix("\n") ? 1 : 0)
            .enumerated().map { index, text in
                let number = first + index
                guard number >= 1, number <= lines.count, lines[number - 1].hasSuffix(text) else { return 0 }
                return lines[number - 1].count - text.count
            }
    }

    /// A fenced block whose info string starts with `compare`: a comparison table. The parse
    /// and render stages both find them with this, in the same order.
    static func isComparison(_ node: MarkdownNode) -> Bool {
        node.kind == .codeBlock && node.fenceInfo?.split(separator: " ").first == "compare"
    }
}
