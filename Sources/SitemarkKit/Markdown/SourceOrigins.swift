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
        /// A table cell: its text is body text (for search and word counts) like a paragraph's.
        var isTableCell = false
    }

    /// Nil when not recording (the render stage has no use for positions).
    private var spans: [MarkdownNode: Span]?

    init(recording: Bool = true) {
        spans = recording ? [:] : nil
    }

    mutating func reserve(_ count: Int) {
        guard let recorded = spans?.count else { return }
        spans?.reserveCapacity(recorded + count)
    }

    /// Records where `node` came from; the span is worked out only when recording.
    mutating func record(_ node: MarkdownNode, _ span: @autoclosure () -> Span) {
        guard spans != nil else { return }
        spans![node] = span()
    }

    /// Records `node` unless it already is (a node placed precisely by a nested pass keeps its span).
    mutating func recordUnlessKnown(_ node: MarkdownNode, _ span: Span) {
        guard spans != nil, spans![node] == nil else { return }
        spans![node] = span
    }

    func isTableCell(_ node: MarkdownNode) -> Bool {
        spans?[node]?.isTableCell ?? false
    }

    /// The span of the nearest recorded node at or above `node`; nil when none is recorded,
    /// in which case cmark's own position is right.
    func span(for node: MarkdownNode) -> Span? {
        guard let spans, !spans.isEmpty else { return nil }
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
