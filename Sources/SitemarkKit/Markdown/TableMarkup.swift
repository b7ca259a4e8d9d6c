/// HTML tables as custom nodes, shared by pipe tables and comparison tables. The table sits in
/// a scroll region, so a wide table scrolls sideways on a phone instead of widening the page;
/// the region can take focus (keyboard users can scroll it) and so has an accessible name.
/// Rows are custom blocks; cells are custom inline nodes whose children are ordinary inline
/// content, so cmark writes `<td>text</td>` with nothing added inside the cell.
struct TableMarkup {
    enum CellKind {
        /// `<th scope="col">`
        case columnHeader
        /// `<th scope="row">`
        case rowHeader
        case data
    }

    let document: MarkdownDocument

    /// The scroll region with the table in it; sections go inside.
    func region(label: String, caption: String? = nil, className: String? = nil) -> MarkdownNode {
        let table = className.map { "<table class=\"\(HTML.escape($0))\">" } ?? "<table>"
        return document.makeCustomBlock(
            enter: Self.regionOpening(label: label) + "\n" + table + (caption.map { "\n<caption>\(HTML.escape($0))</caption>" } ?? ""),
            exit: "</table>\n</div>")
    }


    /// `<thead>` or `<tbody>`.
    func section(_ name: String) -> MarkdownNode {
        document.makeCustomBlock(enter: "<\(name)>", exit: "</\(name)>")
    }

    func row() -> MarkdownNode {
        document.makeCustomBlock(enter: "<tr>", exit: "</tr>")
    }

    /// A cell; each ends its line, as in cmark-gfm's output.
    func cell(_ kind: CellKind, alignment: PipeTableSyntax.Alignment = .none, className: String? = nil) -> MarkdownNode {
        let tags = cellMarkup(kind, alignment: alignment, className: className)
        return document.makeCustomInline(enter: tags.enter, exit: tags.exit)
    }

    /// A cell's opening and closing tags (worked out once per column, not per cell).
    func cellMarkup(_ kind: CellKind, alignment: PipeTableSyntax.Alignment = .none,
                    className: String? = nil) -> (enter: String, exit: String) {
        var attributes = ""
        switch kind {
        case .columnHeader: attributes += " scope=\"col\""
        case .rowHeader: attributes += " scope=\"row\""
        case .data: break
        }
        if let className { attributes += " class=\"\(HTML.escape(className))\"" }
        // HTML5 has no `align` attribute; a style is the valid equivalent.
        switch alignment {
        case .none: break
        case .left: attributes += " style=\"text-align: left\""
        case .center: attributes += " style=\"text-align: center\""
        case .right: attributes += " style=\"text-align: right\""
        }
        let tag = kind == .data ? "td" : "th"
        return ("<\(tag)\(attributes)>", "</\(tag)>\n")
    }

    /// `Table: Route, Where the gas goes, …`: names a table by its column headings, shortened
    /// to a length a screen reader can announce.
    static func label(prefix: String, parts: [String]) -> String {
        let named = parts.map { $0.trimmingSpaces }.filter { !$0.isEmpty }
        guard !named.isEmpty else { return prefix }
        var text = named.joined(separator: ", ")
        // Counting Characters only when the bytes could be too many (a byte count bounds it).
        if text.utf8.count > 120, text.count > 120 {
            text = String(text.prefix(120))
            if let space = text.lastIndex(of: " ") { text = String(text[..<space]) }
            text += "…"
        }
        return "\(prefix): \(text)"
    }

    private static func regionOpening(label: String) -> String {
        "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"\(HTML.escape(label))\">"
    }
}

private extension String {
    var trimmingSpaces: Substring {
        // Most headings need no trimming: ASCII non-space bytes at both ends say so without
        // walking Characters (there is one call per heading of every table).
        if let first = utf8.first, let last = utf8.last, (0x21..<0x7F).contains(first), (0x21..<0x7F).contains(last) {
            return self[...]
        }
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map(index(after:)) ?? start
        return self[start..<max(start, end)]
    }
}
