/// Where the nodes an AST transform made or moved came from, in lines of the parsed text. cmark
/// knows no position for a node we create, and a node moved in from a helper document carries
/// that document's line numbers, so the parse stage asks here before trusting cmark.
struct SourceOrigins {
    struct Span: Equatable {
        var firstLine: Int
        var lastLine: Int
        /// Byte offset into `firstLine` where the node's text starts (a table cell's first
        /// character), so two cells of one row holding the same link get their own columns.
        var offset: Int = 0
    }

    private var spans: [MarkdownNode: Span] = [:]
    /// Table cells: their text is body text (for search and word counts) like a paragraph's.
    private(set) var tableCells: Set<MarkdownNode> = []

    var isEmpty: Bool { spans.isEmpty }

    mutating func record(_ node: MarkdownNode, _ span: Span) {
        spans[node] = span
    }

    /// Records `node` unless it already is (a node placed precisely by a nested pass keeps its span).
    mutating func recordUnlessKnown(_ node: MarkdownNode, _ span: Span) {
        if spans[node] == nil { spans[node] = span }
    }

    mutating func recordCell(_ node: MarkdownNode, _ span: Span) {
        spans[node] = span
        tableCells.insert(node)
    }

    /// The span of the nearest recorded node at or above `node`; nil when none is recorded,
    /// in which case cmark's own position is right.
    func span(for node: MarkdownNode) -> Span? {
        guard !spans.isEmpty else { return nil }
        var current: MarkdownNode? = node
        while let candidate = current {
            if let span = spans[candidate] { return span }
            current = candidate.parent
        }
        return nil
    }

    /// The line a block starts on: recorded, else cmark's.
    func startLine(of node: MarkdownNode) -> Int {
        span(for: node)?.firstLine ?? node.startLine
    }
}
