/// One source line of a paragraph as the paragraph's container sees it: block-quote markers and
/// list-item indentation taken off. cmark reports which lines a paragraph spans, not which
/// prefixes each line carried, so `ContentLines` works them out again with cmark's own rules.
struct ContentLine {
    /// Line number in the parsed text.
    var number: Int
    /// The line from where its container's content starts; leading whitespace kept. Indices are
    /// offsets into the parsed text's bytes.
    var text: ArraySlice<UInt8>
    /// Visual column (tab stops every 4, from 0) at which `text` starts. When a prefix took part
    /// of a tab, `text` starts at that tab and the column is inside it, as in cmark.
    var column: Int
    /// The line lacks a prefix its container needs (cmark's lazy continuation): it may continue
    /// a paragraph, but it can neither be a table's delimiter row nor continue a table.
    var isLazy: Bool

    /// Columns of whitespace before the first other character.
    var indent: Int { LineCursor(text, column: column).indent }

    /// The text after its leading whitespace.
    var content: ArraySlice<UInt8> { text.droppingLeadingSpacesAndTabs }

    /// The line as it reads on its own: leading whitespace as that many spaces (so a tab that a
    /// prefix cut in two keeps its remaining width), then the rest unchanged.
    var standalone: [UInt8] { Array(repeating: ASCII.space, count: indent) + content }
}

/// Computes `ContentLine`s for paragraphs (and setext headings) of one parsed text.
struct ContentLines {
    let lines: SourceLines
    /// Containers at or above this node are not the paragraph's business (the document root, or
    /// the root of a helper document whose top-level blocks are being looked at).
    let boundary: MarkdownNode

    fileprivate enum Prefix {
        case blockQuote
        /// A list item's content starts this many columns in (cmark: marker offset + padding).
        case listItem(width: Int)
    }

    /// The lines of `node` from its first through `lastLine`. The first line starts where cmark
    /// says the node starts; the others lose the prefixes of the node's containers.
    func contentLines(of node: MarkdownNode, through lastLine: Int) -> [ContentLine] {
        let prefixes = containerPrefixes(of: node)
        var result: [ContentLine] = []
        let first = lines[node.startLine]
        let start = min(first.startIndex + max(node.startColumn - 1, 0), first.endIndex)
        result.append(ContentLine(number: node.startLine, text: first[start...],
                                  column: LineCursor.column(of: start, in: first), isLazy: false))
        guard lastLine > node.startLine else { return result }
        for number in (node.startLine + 1)...lastLine {
            var cursor = LineCursor(lines[number], column: 0)
            let matched = cursor.match(prefixes)
            result.append(ContentLine(number: number, text: cursor.rest, column: cursor.column, isLazy: !matched))
        }
        return result
    }

    /// The block quotes and list items around `node`, outermost first.
    private func containerPrefixes(of node: MarkdownNode) -> [Prefix] {
        var chain: [MarkdownNode] = []
        var current = node.parent
        while let container = current, container != boundary {
            chain.append(container)
            current = container.parent
        }
        var prefixes: [Prefix] = []
        for container in chain.reversed() {
            switch container.kind {
            case .blockQuote: prefixes.append(.blockQuote)
            case .item: prefixes.append(.listItem(width: itemWidth(container, inside: prefixes)))
            default: break
            }
        }
        return prefixes
    }

    /// The columns a list item's content is indented by, read from the item's first line as
    /// cmark reads it: spaces before the marker, the marker, then 1–4 spaces (or 1 when there
    /// are more, or when nothing follows the marker).
    private func itemWidth(_ item: MarkdownNode, inside outer: [Prefix]) -> Int {
        var cursor = LineCursor(lines[item.startLine], column: 0)
        _ = cursor.match(outer)
        let markerOffset = cursor.indent
        cursor.skipToFirstNonspace()
        let markerLength = cursor.listMarkerLength
        guard markerLength > 0 else { return markerOffset + 2 }
        cursor.advance(bytes: markerLength)
        let afterMarker = cursor.column
        while cursor.column - afterMarker <= 5, let byte = cursor.current, ASCII.isSpaceOrTab(byte) {
            cursor.advance(columns: 1)
        }
        let spaces = cursor.column - afterMarker
        let padding = spaces >= 5 || spaces < 1 || cursor.current == nil ? markerLength + 1 : markerLength + spaces
        return markerOffset + padding
    }

    /// A position in a line, tracked the way cmark's block parser tracks it (byte offset, visual
    /// column, and a tab that may be partly consumed).
    fileprivate struct LineCursor {
        let line: ArraySlice<UInt8>
        private(set) var offset: Int
        private(set) var column: Int

        init(_ text: ArraySlice<UInt8>, column: Int) {
            line = text
            offset = text.startIndex
            self.column = column
        }

        var current: UInt8? { offset < line.endIndex ? line[offset] : nil }
        var rest: ArraySlice<UInt8> { line[offset...] }

        /// The first character that is not a space or tab, and its column.
        private var firstNonspace: (offset: Int, column: Int) {
            var index = offset, col = column
            var toTabStop = 4 - column % 4
            while index < line.endIndex {
                if line[index] == ASCII.space {
                    col += 1
                    toTabStop = toTabStop == 1 ? 4 : toTabStop - 1
                } else if line[index] == ASCII.tab {
                    col += toTabStop
                    toTabStop = 4
                } else {
                    break
                }
                index += 1
            }
            return (index, col)
        }

        var indent: Int { firstNonspace.column - column }

        mutating func skipToFirstNonspace() {
            (offset, column) = firstNonspace
        }

        /// Advances by columns; a tab wider than what is left is consumed in part.
        mutating func advance(columns count: Int) {
            var count = count
            while count > 0, let byte = current {
                if byte == ASCII.tab {
                    let toTabStop = 4 - column % 4
                    let step = min(count, toTabStop)
                    column += step
                    if step == toTabStop { offset += 1 }
                    count -= step
                } else {
                    offset += 1
                    column += 1
                    count -= 1
                }
            }
        }

        mutating func advance(bytes count: Int) {
            for _ in 0..<count {
                guard let byte = current else { return }
                column += byte == ASCII.tab ? 4 - column % 4 : 1
                offset += 1
            }
        }

        /// Takes off the prefixes in order; false (cursor where the first failure left it) when
        /// one is missing, which makes the line lazy.
        mutating func match(_ prefixes: [Prefix]) -> Bool {
            for prefix in prefixes {
                switch prefix {
                case .blockQuote:
                    let (markerOffset, markerColumn) = firstNonspace
                    guard markerColumn - column <= 3, markerOffset < line.endIndex, line[markerOffset] == ASCII.greaterThan else {
                        return false
                    }
                    advance(columns: markerColumn - column + 1)
                    if let byte = current, ASCII.isSpaceOrTab(byte) { advance(columns: 1) }
                case .listItem(let width):
                    guard indent >= width else { return false }
                    advance(columns: width)
                }
            }
            return true
        }

        /// Bytes of a list marker at the cursor (`-`, `+`, `*`, or 1–9 digits and `.` or `)`).
        var listMarkerLength: Int {
            guard let first = current else { return 0 }
            if first == ASCII.hyphen || first == UInt8(ascii: "+") || first == UInt8(ascii: "*") { return 1 }
            var index = offset
            while index < line.endIndex, ASCII.isDigit(line[index]), index - offset < 9 { index += 1 }
            guard index > offset, index < line.endIndex,
                  line[index] == UInt8(ascii: ".") || line[index] == UInt8(ascii: ")") else { return 0 }
            return index - offset + 1
        }

        /// The visual column of byte `index` of a line (tabs stop every 4).
        static func column(of index: Int, in line: ArraySlice<UInt8>) -> Int {
            var column = 0
            for byte in line[line.startIndex..<index] {
                column += byte == ASCII.tab ? 4 - column % 4 : 1
            }
            return column
        }
    }
}

private typealias LineCursor = ContentLines.LineCursor
