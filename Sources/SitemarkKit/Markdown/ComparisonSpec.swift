import Foundation
import Yams

/// A ```compare block as written: the pages to compare (columns) and the `facts` keys to show
/// (rows), each with where it was written, so later problems point into the block.
///
/// ```compare
/// caption: Ozone discectomy and surgery at a glance   # optional
/// columns:                                            # pages, relative to this page
///   - ../procedures/intradiscal-ozone-discectomy.md
///   - ../procedures/open-discectomy.md
/// rows:                                               # keys of the pages' `facts`
///   - anaesthesia                                     # labelled "Anaesthesia"
///   - typical_duration: Usual length                  # or with a label of its own
/// ```
struct ComparisonSpec: Sendable, Hashable, Codable {
    struct Column: Sendable, Hashable, Codable {
        /// The page as written (relative to the page holding the block, like a link).
        var destination: String
        var line: Int
        var column: Int
    }

    struct Row: Sendable, Hashable, Codable {
        var key: String
        var label: String
        var line: Int
        var column: Int
    }

    var caption: String?
    var columns: [Column]
    var rows: [Row]

    static let knownKeys = ["caption", "columns", "rows"]

    /// Reads a block's YAML. Problems point at their line in the `.md` file (the YAML starts on
    /// the line after the fence). Nil when the block cannot make a table at all.
    static func decode(_ block: CodeBlockSource, file: String) -> (ComparisonSpec?, [Diagnostic]) {
        var reader = YAMLReader(file: file, lineOffset: block.line, columnShifts: block.columnShifts)
        let example = "write 'columns:' with a list of pages and 'rows:' with a list of facts keys"
        guard !block.literal.allSatisfy(\.isWhitespace) else {
            return (nil, [.error("the comparison block is empty", file: file, line: block.line, column: 1, hint: example)])
        }
        // Paths, keys and labels are all text: `- 2024` or `- yes` stay as written.
        guard let root = reader.compose(block.literal, resolver: .basic),
              let pairs = reader.pairs(root, what: "a comparison block") else { return (nil, reader.diagnostics) }

        var caption: String?
        var columns: [Column]?
        var rows: [Row]?
        for (key, keyNode, value) in pairs {
            switch key {
            case "caption": caption = reader.string(value, key: key)
            case "columns": columns = readColumns(value, reader: &reader)
            case "rows": rows = readRows(value, reader: &reader)
            default:
                reader.warning("unknown key '\(key)' in the comparison block", at: keyNode,
                               hint: "known keys: \(knownKeys.joined(separator: ", ")); check the spelling")
            }
        }
        for (name, list, what) in [("columns", columns?.count, "pages to compare"), ("rows", rows?.count, "facts keys to show")]
        where list == nil && !pairs.contains(where: { $0.key == name }) {
            reader.diagnostics.append(.error("the comparison block has no '\(name)'", file: file, line: block.line, column: 1,
                                             hint: "add '\(name):' with a list of the \(what)"))
        }
        guard let columns, let rows, !columns.isEmpty, !rows.isEmpty else { return (nil, reader.diagnostics) }
        return (ComparisonSpec(caption: caption, columns: columns, rows: rows), reader.diagnostics)
    }

    private static func readColumns(_ node: Node, reader: inout YAMLReader) -> [Column]? {
        readList(node, key: "columns", reader: &reader) { item, at, reader in
            guard let path = item.scalar?.string, !path.isEmpty else {
                reader.error("each item of 'columns' must be a page path", at: item,
                             hint: "for example ../procedures/open-discectomy.md")
                return nil
            }
            return (path, "'\(path)' is already a column", Column(destination: path, line: at.line, column: at.column))
        }
    }

    private static func readRows(_ node: Node, reader: inout YAMLReader) -> [Row]? {
        readList(node, key: "rows", reader: &reader) { item, at, reader in
            let key: String, label: String
            if let scalar = item.scalar, !scalar.string.isEmpty {
                (key, label) = (scalar.string, defaultLabel(for: scalar.string))
            } else if let mapping = item.mapping, mapping.count == 1, let pair = mapping.first,
                      let name = pair.key.scalar?.string, let text = pair.value.scalar?.string {
                (key, label) = (name, text.isEmpty ? defaultLabel(for: name) : text)
            } else {
                reader.error("each item of 'rows' must be a facts key, or 'key: Label'", at: item,
                             hint: "for example '- anaesthesia' or '- typical_duration: Typical duration'")
                return nil
            }
            return (key, "the fact '\(key)' is already a row", Row(key: key, label: label, line: at.line, column: at.column))
        }
    }

    /// The items of a YAML list, each read by `read` (nil: not usable, already reported); an
    /// item whose identity repeats an earlier one is dropped with a warning.
    private static func readList<Item>(
        _ node: Node, key: String, reader: inout YAMLReader,
        read: (Node, (line: Int, column: Int), inout YAMLReader) -> (id: String, repeated: String, item: Item)?
    ) -> [Item]? {
        guard let sequence = node.sequence else {
            reader.error("'\(key)' must be a list (lines starting with '- ')", at: node)
            return nil
        }
        if sequence.isEmpty { reader.error("'\(key)' is empty", at: node) }
        var items: [Item] = []
        var seen: Set<String> = []
        for entry in sequence {
            guard let (id, repeated, item) = read(entry, reader.location(of: entry), &reader) else { continue }
            guard seen.insert(id).inserted else {
                reader.warning(repeated, at: entry, hint: "remove the repeated line")
                continue
            }
            items.append(item)
        }
        return items
    }

    /// `typical_duration` -> `Typical duration`.
    static func defaultLabel(for key: String) -> String {
        // Not Foundation's replacingOccurrences: it goes through NSString, which was a
        // quarter of reading a block.
        let words = String(key.map { $0 == "_" ? " " : $0 })
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}
