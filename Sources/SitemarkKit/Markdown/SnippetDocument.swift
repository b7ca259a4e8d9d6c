/// Pieces of a page that must be parsed apart from it: a table cell's text (inline content
/// only), and the lines of a paragraph before or after a table (blocks). They are gathered into
/// one helper document, so a page with tables costs one extra cmark parse rather than one per
/// cell, and the resulting nodes are then moved into the page's tree.
///
/// How each piece is kept to itself:
/// - pieces are set off by blank lines, and no piece can open a block that runs on past one
///   (a fence or an HTML comment would have ended the page's paragraph already);
/// - a cell's text is prefixed with a no-break space: for cmark that is text, not indentation,
///   so the line can only be a paragraph (`1. x` or `# x` in a cell stay text, as in GFM),
///   while for emphasis it counts as whitespace, like the start of a line; the space is
///   removed again from the first text node;
/// - when a piece may use a link reference definition (`[label][]`) and the page has any, the
///   page's own text follows the pieces behind a paragraph that closes any open list, so its
///   definitions apply to the pieces as they do in the page.
struct SnippetDocument {
    private var text: [UInt8] = []
    private var nextLine = 1
    private var lineRanges: [ClosedRange<Int>] = []
    private var mentionsBrackets = false

    static let noBreakSpace: [UInt8] = [0xC2, 0xA0]

    /// Room for about `bytes` of text (the pieces are about as long as the tables they come from).
    init(capacity bytes: Int = 0) {
        text.reserveCapacity(bytes)
    }

    /// Adds a cell's text as written (`\|` becomes `|` here); returns its number.
    mutating func addInline(_ cell: ArraySlice<UInt8>) -> Int {
        startPiece()
        let start = text.count
        text.append(Self.noBreakSpace[0])
        text.append(Self.noBreakSpace[1])
        PipeTableSyntax.appendUnescapingPipes(cell, to: &text)
        return endPiece(lineCount: 1, from: start)
    }

    /// Adds lines to be read as blocks; returns their number. With `unescapingPipes`, `\|`
    /// becomes `|` in them.
    mutating func addBlocks(_ lines: [[UInt8]], unescapingPipes: Bool = false) -> Int {
        startPiece()
        let start = text.count
        for (index, line) in lines.enumerated() {
            if index > 0 { text.append(ASCII.lineFeed) }
            if unescapingPipes { PipeTableSyntax.appendUnescapingPipes(line[...], to: &text) } else { text += line }
        }
        return endPiece(lineCount: max(lines.count, 1), from: start)
    }

    private mutating func startPiece() {
        guard !lineRanges.isEmpty else { return }
        text.append(ASCII.lineFeed)
        text.append(ASCII.lineFeed)
    }

    private mutating func endPiece(lineCount: Int, from start: Int) -> Int {
        if !mentionsBrackets, text[start...].contains(ASCII.leftBracket) { mentionsBrackets = true }
        lineRanges.append(nextLine...(nextLine + lineCount - 1))
        nextLine += lineCount + 1
        return lineRanges.count - 1
    }

    /// Parses the pieces. `definitions` is the page's text, appended only when some piece may
    /// refer to a definition and the page may hold one (`]:` occurs in it).
    func parse(definitions: PageDefinitions) -> ParsedSnippets {
        var full = text
        if mentionsBrackets, definitions.mayExist {
            full += Array("\n\n\u{A0}\n\n".utf8) + definitions.text.utf8
        }
        let document = MarkdownDocument(parsingUTF8: full)
        var nodes = Array(repeating: [MarkdownNode](), count: lineRanges.count)
        var piece = 0
        for block in document.root.children {
            while piece < lineRanges.count, block.startLine > lineRanges[piece].upperBound { piece += 1 }
            guard piece < lineRanges.count else { break }
            if lineRanges[piece].contains(block.startLine) { nodes[piece].append(block) }
        }
        return ParsedSnippets(document: document, text: text, lineRanges: lineRanges, nodes: nodes)
    }
}

/// A page's text as the source of link reference definitions for its snippets.
struct PageDefinitions {
    let text: String

    /// False when the page cannot hold a definition (it has no `]:`), which spares reparsing
    /// it. Asked only when a snippet has a `[`.
    var mayExist: Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count > 1 else { return false }
            for index in 1..<bytes.count where bytes[index] == ASCII.colon && bytes[index - 1] == ASCII.rightBracket {
                return true
            }
            return false
        }
    }
}

/// The parsed pieces of a `SnippetDocument`, by number.
struct ParsedSnippets {
    /// Owns the nodes until they are moved into the page's tree.
    let document: MarkdownDocument
    /// The pieces' text.
    let text: [UInt8]
    let lineRanges: [ClosedRange<Int>]
    private let nodes: [[MarkdownNode]]

    init(document: MarkdownDocument, text: [UInt8], lineRanges: [ClosedRange<Int>], nodes: [[MarkdownNode]]) {
        self.document = document
        self.text = text
        self.lineRanges = lineRanges
        self.nodes = nodes
    }

    /// The pieces' lines, for finding tables in block pieces in turn.
    var lines: SourceLines { SourceLines(bytes: text) }

    /// The top-level blocks of a block piece (none when its lines were only link definitions).
    func blocks(_ piece: Int) -> [MarkdownNode] { nodes[piece] }

    /// Moves the inline content of a cell piece, its leading no-break space removed, to the
    /// end of `cell`.
    func moveInlines(_ piece: Int, to cell: MarkdownNode) {
        guard let paragraph = nodes[piece].first, paragraph.kind == .paragraph else { return }
        if let first = paragraph.firstChild, first.kind == .text,
           first.removeLiteralPrefix(SnippetDocument.noBreakSpace) == 0 {
            first.remove()
        }
        paragraph.moveChildren(to: cell)
    }
}
