/// GitHub-Flavored-Markdown pipe tables on the cmark tree. libcmark has no tables, so a table
/// reaches us as a paragraph (or a setext heading) whose source lines form one. This finds
/// those from the source text and cmark's line numbers, and puts the table in the paragraph's
/// place as custom nodes. Each cell's text is parsed as Markdown inline content, so links,
/// emphasis and code in a cell are ordinary cmark nodes that later transforms (link rewriting,
/// glossary linking) treat like body text. Lines of the paragraph before the table stay a
/// paragraph; lines after the table that end it are read again as Markdown, as cmark-gfm does.
///
/// Runs in the parse stage (headings, links and text are read from the transformed tree) and,
/// unless the parse stage kept its tree (`PreparedBody`), in the render stage, before every
/// other transform.
struct PipeTables {
    /// The text the document was parsed from.
    let source: String

    /// Tables in lines read again after a table are looked for in turn, this many times deep;
    /// past it (only contrived input gets there) such lines stay paragraphs.
    static let maximumDepth = 8

    /// Replaces the tables, with their HTML markup.
    func apply(to document: MarkdownDocument) {
        _ = run(on: document, recording: false, withMarkup: true)
    }

    /// Replaces the tables; returns where the nodes it made or moved came from. Without
    /// `withMarkup` the cells come without their tags: enough for a tree that is only read.
    func applyRecordingOrigins(to document: MarkdownDocument, withMarkup: Bool = false) -> SourceOrigins {
        run(on: document, recording: true, withMarkup: withMarkup)
    }

    private func run(on document: MarkdownDocument, recording: Bool, withMarkup: Bool) -> SourceOrigins {
        guard Self.mayContainTable(source) else { return SourceOrigins(recording: recording) }
        var pass = TablePass(definitions: PageDefinitions(text: source), withMarkup: withMarkup,
                             origins: SourceOrigins(recording: recording))
        pass.run(in: [document.root], boundary: document.root, lines: SourceLines(source), map: .identity, depth: 0)
        return pass.origins
    }
}

extension PipeTables {
    /// Most pages hold no table; they are passed over after one look at their bytes. A table
    /// needs a `|`, except one of a single column whose delimiter row is `:--`, `--:` or `:-:`.
    static func mayContainTable(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            // memchr: this runs on every page, twice (a byte loop was 1% of a build).
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
            if memchr(base, Int32(ASCII.pipe), bytes.count) != nil { return true }
            var position = 0
            while position < bytes.count, let found = memchr(base + position, Int32(ASCII.colon), bytes.count - position) {
                let colon = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if (colon > 0 && bytes[colon - 1] == ASCII.hyphen) || (colon + 1 < bytes.count && bytes[colon + 1] == ASCII.hyphen) {
                    return true
                }
                position = colon + 1
            }
            return false
        }
    }
}

/// One run over a tree (the page's, or a helper document's lines read again after a table).
private struct TablePass {
    let definitions: PageDefinitions
    /// Whether tables get their HTML tags (a tree that is rendered) or only their cells.
    let withMarkup: Bool
    var origins: SourceOrigins

    /// What a cell holds. Most cells are plain words, which inline parsing would turn into one
    /// text node as they are; only the others go through the helper document.
    private enum CellContent {
        case empty
        case plain(Range<Int>)
        /// The cell's piece in the helper document.
        case markdown(Int)
    }

    private struct Plan {
        /// The paragraph or setext heading holding the table, and any blocks it runs on into.
        var nodes: [MarkdownNode]
        var lines: [ContentLine]
        var layout: PipeTableLayout
        var leadingPiece: Int?
        /// Row by row (header first), column by column.
        var cells: [CellContent] = []
        var trailingPiece: Int?
    }

    mutating func run(in roots: [MarkdownNode], boundary: MarkdownNode, lines: SourceLines, map: LineMap, depth: Int) {
        let reader = ContentLines(lines: lines, boundary: boundary)
        var plans: [Plan] = []
        var snippets = SnippetDocument(capacity: depth == 0 ? lines.bytes.count / 2 : 0)
        var merged: Set<MarkdownNode> = []
        for root in roots {
            forEachCandidate(in: root) { node in
                guard !merged.contains(node), mayHoldDelimiterRow(node, lines: lines),
                      var content = blockLines(of: node, reader: reader) else { return }
                var underlines: Set<Int> = node.kind == .heading ? [content.count - 1] : []
                guard var layout = PipeTableLayout.first(in: content, underlines: underlines) else { return }
                // cmark ends a paragraph at a setext underline, cmark-gfm's table takes `===` (or
                // `--`) as one more row and goes on with the lines that follow.
                var nodes = [node]
                while layout.trailing.isEmpty, nodes.last?.kind == .heading, let next = nodes.last?.next,
                      next.kind == .paragraph || next.kind == .heading, next.startLine == content[content.count - 1].number + 1,
                      let more = blockLines(of: next, reader: reader) {
                    content += more
                    if next.kind == .heading { underlines.insert(content.count - 1) }
                    nodes.append(next)
                    merged.insert(next)
                    layout = PipeTableLayout.first(in: content, underlines: underlines) ?? layout
                }
                plans.append(plan(nodes, content, layout, lines: lines, snippets: &snippets))
            }
        }
        guard !plans.isEmpty else { return }
        origins.reserve(plans.reduce(0) { $0 + $1.cells.count + 4 })
        let parsed = snippets.parse(definitions: definitions)
        for plan in plans {
            replace(plan, parsed: parsed, lines: lines, map: map, depth: depth)
        }
    }

    /// A paragraph's lines; a setext heading's through its underline (cmark 0.30.2 reports the
    /// heading as ending on the line after it; the underline is the first line that can be one,
    /// since such a line ends the paragraph).
    private func blockLines(of node: MarkdownNode, reader: ContentLines) -> [ContentLine]? {
        var content = reader.contentLines(of: node, through: node.endLine)
        if node.kind == .heading {
            guard let underline = content.indices.dropFirst().first(where: { PipeTableSyntax.isSetextUnderline(content[$0]) }) else {
                return nil
            }
            content.removeSubrange((underline + 1)...)
        }
        return content
    }

    /// Paragraphs of two lines or more and setext headings (an ATX heading is one line, which
    /// cmark reports exactly), inside block quotes and list items.
    private func forEachCandidate(in node: MarkdownNode, _ body: (MarkdownNode) -> Void) {
        switch node.kind {
        case .document, .blockQuote, .list, .item:
            var child = node.firstChild
            while let current = child {
                forEachCandidate(in: current, body)
                child = current.next
            }
        case .paragraph, .heading:
            if node.endLine > node.startLine { body(node) }
        default:
            break
        }
    }

    /// A cheap test before the real one: a delimiter row holds only `|`, `:`, `-` and
    /// whitespace (plus the `>` of block quotes around it).
    private func mayHoldDelimiterRow(_ node: MarkdownNode, lines: SourceLines) -> Bool {
        for number in (node.startLine + 1)...node.endLine {
            var hasHyphen = false
            let plausible = lines[number].allSatisfy { byte in
                if byte == ASCII.hyphen { hasHyphen = true }
                return byte == ASCII.hyphen || byte == ASCII.pipe || byte == ASCII.colon
                    || byte == ASCII.greaterThan || ASCII.isWhitespace(byte)
            }
            if plausible && hasHyphen { return true }
        }
        return false
    }

    private func plan(_ nodes: [MarkdownNode], _ content: [ContentLine], _ layout: PipeTableLayout,
                      lines: SourceLines, snippets: inout SnippetDocument) -> Plan {
        var plan = Plan(nodes: nodes, lines: content, layout: layout)
        if !layout.leading.isEmpty {
            // These lines were one paragraph and stay one. A line of `=`s or `-`s among them was
            // a lazy continuation (else cmark would have made a heading); read alone it would
            // be an underline, so it is escaped. cmark-gfm takes `\|` to `|` in these lines too
            // (it shows in code spans).
            let leading = layout.leading.map { index -> [UInt8] in
                let line = content[index]
                guard index > layout.leading.lowerBound, line.indent < 4, PipeTableSyntax.isUnderlineText(line.content) else {
                    return line.standalone
                }
                return [ASCII.backslash] + line.content
            }
            plan.leadingPiece = snippets.addBlocks(leading, unescapingPipes: true)
        }
        let bytes = lines.bytes
        plan.cells.reserveCapacity((layout.body.count + 1) * layout.alignments.count)
        for row in [layout.header] + layout.body {
            for column in layout.alignments.indices {
                guard let cell = row.cell(column), !cell.isEmpty else {
                    plan.cells.append(.empty)
                    continue
                }
                plan.cells.append(PipeTableSyntax.isPlainText(bytes[cell]) ? .plain(cell) : .markdown(snippets.addInline(bytes[cell])))
            }
        }
        if !layout.trailing.isEmpty {
            plan.trailingPiece = snippets.addBlocks(layout.trailing.map { content[$0].standalone })
        }
        return plan
    }

    private mutating func replace(_ plan: Plan, parsed: ParsedSnippets, lines: SourceLines, map: LineMap, depth: Int) {
        let target = plan.nodes[0], layout = plan.layout, content = plan.lines
        func span(_ range: Range<Int>) -> SourceOrigins.Span {
            map.span(firstLine: content[range.lowerBound].number, lastLine: content[range.upperBound - 1].number)
        }

        if let piece = plan.leadingPiece {
            for block in parsed.blocks(piece) {
                let moved = target.insertBefore(block)
                origins.record(moved, span(layout.leading))
            }
        }

        // Header cells first: their text names the region the table sits in. A tree that is
        // only read (most of the parse stage's) gets the cells alone, without markup.
        let document = target.document
        let markup = TableMarkup(document: document)
        let columns = layout.alignments.count
        let cellTags = !withMarkup ? [] : layout.alignments.map {
            (header: markup.cellMarkup(.columnHeader, alignment: $0), data: markup.cellMarkup(.data, alignment: $0))
        }
        var rowNodes: [MarkdownNode] = []
        var headerTexts: [String] = []
        for (index, row) in ([layout.header] + layout.body).enumerated() {
            let isHeader = index == 0
            let rowNode = withMarkup ? markup.row() : document.makeCustomBlock(enter: "")
            rowNodes.append(rowNode)
            let line = content[row.line].number
            for column in 0..<columns {
                let tags = !withMarkup ? ("", "") : isHeader ? cellTags[column].header : cellTags[column].data
                let cellNode = rowNode.append(document.makeCustomInline(enter: tags.0, exit: tags.1))
                switch plan.cells[index * columns + column] {
                case .empty: break
                case .plain(let range): cellNode.append(document.makeText(utf8: lines.bytes[range]))
                case .markdown(let piece): parsed.moveInlines(piece, to: cellNode)
                }
                origins.record(cellNode, {
                    var span = map.span(firstLine: line, lastLine: line, offset: (row.cell(column)?.lowerBound ?? lines[line].startIndex) - lines[line].startIndex)
                    span.isTableCell = true
                    return span
                }())
                if isHeader && withMarkup {
                    if case .plain(let range) = plan.cells[column] {
                        headerTexts.append(String(decoding: lines.bytes[range], as: UTF8.self))
                    } else {
                        headerTexts.append(cellNode.plainText)
                    }
                }
            }
        }
        let region = target.insertBefore(withMarkup ? markup.region(label: TableMarkup.label(prefix: "Table", parts: headerTexts))
                                                    : document.makeCustomBlock(enter: ""))
        let lastTableLine = layout.body.last?.line ?? layout.header.line
        origins.record(region, span(layout.header.line..<(lastTableLine + 1)))
        if withMarkup {
            region.append(markup.section("thead")).append(rowNodes[0])
            if rowNodes.count > 1 {
                // cmark-gfm writes <tbody> only when there are body rows.
                let body = region.append(markup.section("tbody"))
                for rowNode in rowNodes.dropFirst() { body.append(rowNode) }
            }
        } else {
            for rowNode in rowNodes { region.append(rowNode) }
        }

        if let piece = plan.trailingPiece {
            moveTrailing(parsed.blocks(piece), before: target, parsed: parsed, piece: piece,
                         lines: layout.trailing.map { content[$0] }, source: lines, map: map, depth: depth)
        }
        for node in plan.nodes { node.remove() }
    }

    /// Lines after a table, read again as Markdown, may hold tables of their own: those are
    /// replaced in the helper document first, then everything is moved in front of `target`.
    private mutating func moveTrailing(_ blocks: [MarkdownNode], before target: MarkdownNode, parsed: ParsedSnippets,
                                       piece: Int, lines trailing: [ContentLine], source: SourceLines,
                                       map: LineMap, depth: Int) {
        guard let first = blocks.first, let last = blocks.last,
              let firstLine = trailing.first?.number, let lastLine = trailing.last?.number else { return }
        let span = map.span(firstLine: firstLine, lastLine: lastLine)
        // Markers around the piece's blocks, which a nested replacement may swap for others.
        let start = first.insertBefore(parsed.document.makeCustomBlock(enter: ""))
        let end = last.insertAfter(parsed.document.makeCustomBlock(enter: ""))
        if depth < PipeTables.maximumDepth {
            let pieceMap = map.composed(withHelperLinesFrom: parsed.lineRanges[piece].lowerBound, lines: trailing, source: source)
            run(in: blocks, boundary: parsed.document.root, lines: parsed.lines, map: pieceMap, depth: depth + 1)
        }
        var next = start.next
        while let block = next, block != end {
            next = block.next
            let moved = target.insertBefore(block)
            origins.recordUnlessKnown(moved, span)
        }
        start.remove()
        end.remove()
    }
}

/// Lines of the text being transformed back to lines of the page body: the identity for the
/// page itself; for lines read again after a table, each helper line maps to the body line it
/// was taken from (and byte offsets shift by what the container prefixes took off).
struct LineMap {
    private var entries: [Int: (line: Int, shift: Int)]?

    static let identity = LineMap(entries: nil)

    func span(firstLine: Int, lastLine: Int, offset: Int = 0) -> SourceOrigins.Span {
        guard let entries else { return SourceOrigins.Span(firstLine: firstLine, lastLine: lastLine, offset: offset) }
        let first = entries[firstLine] ?? (line: firstLine, shift: 0)
        let last = entries[lastLine]?.line ?? first.line
        return SourceOrigins.Span(firstLine: first.line, lastLine: max(last, first.line), offset: max(0, offset + first.shift))
    }

    /// The map for a helper piece starting at `helperLine` whose lines are `lines` (standalone
    /// copies of `lines`, which live in `source`) of this map's text.
    func composed(withHelperLinesFrom helperLine: Int, lines: [ContentLine], source: SourceLines) -> LineMap {
        var result: [Int: (line: Int, shift: Int)] = [:]
        for (index, line) in lines.enumerated() {
            let shift = line.content.startIndex - source[line.number].startIndex - line.indent
            let outer = entries?[line.number] ?? (line: line.number, shift: 0)
            result[helperLine + index] = (outer.line, shift + outer.shift)
        }
        return LineMap(entries: result)
    }
}

import Foundation
