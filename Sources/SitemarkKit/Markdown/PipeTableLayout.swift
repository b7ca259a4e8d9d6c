/// Where the first table sits among a paragraph's lines, decided as cmark-gfm decides it line by
/// line: a delimiter row turns the line just before it into the header (earlier lines stay a
/// paragraph of their own); the rows that follow belong to the table until a line that is no
/// row, that is lazy, or that starts another block; what is left starts afresh after the table.
struct PipeTableLayout {
    typealias Cell = PipeTableSyntax.Cell

    struct Row {
        /// Index into the paragraph's lines.
        var line: Int
        /// The cells as written. The table has `alignments.count` columns: extra cells are
        /// dropped and missing ones are empty, as GFM asks.
        var cells: [Cell]

        func cell(_ column: Int) -> Cell? { column < cells.count ? cells[column] : nil }
    }

    /// Lines before the header: a paragraph of their own (may be empty).
    var leading: Range<Int>
    var alignments: [PipeTableSyntax.Alignment]
    var header: Row
    var body: [Row]
    /// Lines after the table, to be read again as Markdown (may be empty).
    var trailing: Range<Int>

    /// The first table in `lines`, or nil. `underlines` are the indices of setext-heading
    /// underlines: cmark-gfm reads a setext underline before trying a table, so such a line is
    /// never a delimiter row (once a table is open it is a row, or a thematic break ending it).
    static func first(in lines: [ContentLine], underlines: Set<Int> = []) -> PipeTableLayout? {
        guard lines.count >= 2 else { return nil }
        for index in 1..<lines.count where !underlines.contains(index) {
            let line = lines[index]
            guard !line.isLazy, line.indent < 4,
                  let alignments = PipeTableSyntax.delimiterRow(line.text),
                  let header = PipeTableSyntax.row(lines[index - 1].text),
                  header.count == alignments.count else { continue }
            var body: [Row] = []
            var next = index + 1
            while next < lines.count, !lines[next].isLazy, !PipeTableSyntax.startsBlock(lines[next]),
                  let cells = PipeTableSyntax.row(lines[next].text) {
                body.append(Row(line: next, cells: cells))
                next += 1
            }
            return PipeTableLayout(leading: 0..<(index - 1), alignments: alignments,
                                   header: Row(line: index - 1, cells: header), body: body,
                                   trailing: next..<lines.count)
        }
        return nil
    }
}
