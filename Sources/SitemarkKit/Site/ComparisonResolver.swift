/// A comparison table as the render stage needs it: every page found, every fact looked up.
public struct ComparisonTable: Sendable, Hashable, Encodable {
    public struct Column: Sendable, Hashable, Encodable {
        /// The page as written in the block; link rewriting turns it into the page's URL.
        public var destination: String
        public var title: String
    }

    public struct Row: Sendable, Hashable, Encodable {
        public var label: String
        /// One per column; nil where the page has no such fact.
        public var values: [String?]
    }

    public var caption: String?
    public var columns: [Column]
    public var rows: [Row]
}

/// The resolve stage for ```compare blocks (read in the parse stage): finds their pages
/// through the site's `LinkResolver` (so a column is checked and rewritten like a link, and
/// counts as one for backlinks) and looks up the pages' facts.
struct ComparisonResolver {
    let resolver: LinkResolver
    let pages: [String: SitePage]

    struct Result {
        var table: ComparisonTable
        var diagnostics: [Diagnostic] = []
        /// Column destination as written -> URL, and the page it names.
        var links: [(destination: String, url: String, page: String)] = []
    }

    func resolve(_ spec: ComparisonSpec, on page: SitePage) -> Result {
        let file = page.parsed.displayPath
        var result = Result(table: ComparisonTable(caption: spec.caption, columns: [], rows: []))

        var columnPages: [SitePage] = []
        var columns: [ComparisonTable.Column] = []
        for column in spec.columns {
            switch resolver.resolve(column.destination, fromPage: page.path) {
            case .success(let resolution):
                guard case .page(let target) = resolution.target, let targetPage = pages[target] else {
                    result.diagnostics.append(.error(
                        "comparison column '\(column.destination)' is not a page", file: file, line: column.line,
                        column: column.column, hint: "a column names a page (.md file) whose 'facts' fill the table"))
                    continue
                }
                columnPages.append(targetPage)
                columns.append(.init(destination: column.destination, title: targetPage.title))
                result.links.append((column.destination, resolution.url, target))
            case .failure(let problem):
                result.diagnostics.append(problem.diagnostic(file: file, line: column.line, column: column.column,
                                                             prefix: "comparison column: "))
            }
        }

        var rows: [ComparisonTable.Row] = []
        for row in spec.rows {
            let values = columnPages.map { $0.metadata.facts[row.key] }
            rows.append(.init(label: row.label, values: values))
            result.diagnostics += missingFacts(row, values: values, pages: columnPages, file: file)
        }
        result.table = ComparisonTable(caption: spec.caption, columns: columns, rows: rows)
        return result
    }

    /// A fact no compared page has is most likely a typo (one warning naming the keys there
    /// are); otherwise each page lacking it gets a warning, and its cell says "Not stated".
    private func missingFacts(_ row: ComparisonSpec.Row, values: [String?], pages: [SitePage], file: String) -> [Diagnostic] {
        guard !pages.isEmpty else { return [] }
        if values.allSatisfy({ $0 == nil }) {
            let known = Set(pages.flatMap { $0.metadata.facts.keys }).sorted()
            return [.warning("no compared page has the fact '\(row.key)'", file: file, line: row.line, column: row.column,
                             hint: known.isEmpty ? "the compared pages have no 'facts:' in their front matter"
                                 : "facts there: \(known.joined(separator: ", "))")]
        }
        return zip(pages, values).compactMap { page, value in
            guard value == nil else { return nil }
            return .warning("\(page.parsed.displayPath) has no fact '\(row.key)'; the table shows \"Not stated\"",
                            file: file, line: row.line, column: row.column,
                            hint: "add '\(row.key): …' under 'facts:' in \(page.parsed.displayPath)")
        }
    }
}
