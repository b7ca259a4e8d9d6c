/// Puts each ```compare block's table (resolved in the resolve stage) in place of the block.
/// Column headers are links to the pages, written as in the block so link rewriting gives
/// them their URL; facts are text nodes, so later text transforms reach them too. A block
/// whose table could not be made (its errors are reported) stays as it is.
struct ComparisonTables {
    /// In the order of the page's ```compare blocks.
    let tables: [ComparisonTable?]

    static let notStated = "Not stated"

    func apply(to document: MarkdownDocument) {
        guard !tables.isEmpty else { return }
        var blocks: [MarkdownNode] = []
        document.root.forEachBlock { if CodeBlockSource.isComparison($0) { blocks.append($0) } }
        for (block, table) in zip(blocks, tables) {
            guard let table else { continue }
            block.replace(with: makeTable(table, in: document))
        }
    }

    private func makeTable(_ table: ComparisonTable, in document: MarkdownDocument) -> MarkdownNode {
        let markup = TableMarkup(document: document)
        let label = table.caption.map { "Comparison: \($0)" }
            ?? TableMarkup.label(prefix: "Comparison", parts: table.columns.map(\.title))
        let region = markup.region(label: label, caption: table.caption, className: "comparison")

        let head = region.append(markup.section("thead"))
        let headerRow = head.append(markup.row())
        headerRow.append(markup.cell(.data))
        for column in table.columns {
            let link = headerRow.append(markup.cell(.columnHeader)).append(document.makeLink(to: column.destination))
            link.append(document.makeText(column.title))
        }

        guard !table.rows.isEmpty else { return region }
        let body = region.append(markup.section("tbody"))
        for row in table.rows {
            let rowNode = body.append(markup.row())
            rowNode.append(markup.cell(.rowHeader)).append(document.makeText(row.label))
            for value in row.values {
                let cell = rowNode.append(markup.cell(.data, className: value == nil ? "not-stated" : nil))
                cell.append(document.makeText(value ?? Self.notStated))
            }
        }
        return region
    }
}
