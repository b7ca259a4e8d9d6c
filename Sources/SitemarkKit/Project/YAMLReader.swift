import Yams

/// Reads YAML into typed values while collecting diagnostics that point into the *containing*
/// file: a page's front matter starts a few lines into the `.md` file, so every YAML position is
/// shifted by `lineOffset`.
struct YAMLReader {
    let file: String
    let lineOffset: Int
    /// Columns to add on each YAML line (1-based; past the end, the last line's, for errors
    /// noticed at the end of the text): YAML in a code block inside a block quote or list item
    /// starts after the container's prefix.
    let columnShifts: [Int]
    var diagnostics: [Diagnostic] = []

    init(file: String, lineOffset: Int = 0, columnShifts: [Int] = []) {
        self.file = file
        self.lineOffset = lineOffset
        self.columnShifts = columnShifts
    }

    /// A position in the YAML text as a position in the file.
    private func filePosition(line: Int, column: Int) -> (line: Int, column: Int) {
        let shift = columnShifts.isEmpty || line < 1 ? 0 : columnShifts[min(line, columnShifts.count) - 1]
        return (lineOffset + line, column + shift)
    }

    /// Composes the YAML text into a node tree; nil (with an error) when it does not parse.
    /// `resolver: .basic` reads every scalar as text (no regular expressions run to spot
    /// numbers, booleans and dates), for YAML that holds only text. The encoding is given
    /// because Yams otherwise looks its default up in the environment on every call.
    mutating func compose(_ yaml: String, resolver: Resolver = .default) -> Node? {
        do {
            return try Yams.compose(yaml: yaml, resolver, .default, .utf8)
        } catch let error as YamlError {
            diagnostics.append(diagnostic(for: error, in: yaml))
        } catch {
            diagnostics.append(.error("YAML error: \(error)", file: file, line: lineOffset + 1, column: 1))
        }
        return nil
    }

    private func diagnostic(for error: YamlError, in yaml: String) -> Diagnostic {
        var hint = "check indentation, a missing ':' or an unclosed quote or bracket; quote values that contain ': ' or '#'"
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            // libyaml's words for a tab ("cannot start any token", "violates indentation") do
            // not say what to do about it.
            let hasTab = { (line: Int) in line >= 1 && line <= lines.count && lines[line - 1].contains("\t") }
            let tabIsTheProblem = hasTab(mark.line) || context.map({ hasTab($0.mark.line) }) == true
            if tabIsTheProblem {
                hint = "YAML is indented with spaces only: replace the tab on this line with spaces"
            }
            // What follows the opening quote or bracket, to tell one never closed from one closed
            // later with something else wrong inside.
            let afterOpening = context.map { opened in
                lines.dropFirst(opened.mark.line - 1).enumerated().map { offset, line in
                    offset == 0 ? String(line.dropFirst(opened.mark.column)) : String(line)
                }.joined(separator: "\n")
            } ?? ""
            if !tabIsTheProblem, let plain = YAMLProblem(context: context?.text, problem: problem, afterOpening: afterOpening) {
                // An unclosed quote or bracket is noticed lines later; the place to fix is where it opened.
                let opening = plain.pointsAtOpening ? context?.mark ?? mark : mark
                let at = filePosition(line: opening.line, column: opening.column)
                return .error("malformed YAML: \(plain.message)", file: file, line: at.line, column: at.column, hint: plain.hint)
            }
            var what = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
            // An unclosed bracket or quote is noticed a line later; name where it was opened too.
            if let opened = context?.mark, opened.line != mark.line || opened.column != mark.column {
                let began = filePosition(line: opened.line, column: opened.column)
                what += " (the construct began at line \(began.line), column \(began.column))"
            }
            let at = filePosition(line: mark.line, column: mark.column)
            return .error("malformed YAML: \(what)", file: file, line: at.line, column: at.column, hint: hint)
        case let .duplicatedKeysInMapping(duplicates, context):
            // Yams points at the mapping; the line to change is the key written again.
            let repeated = duplicates.first.flatMap { Self.secondOccurrence(ofKey: $0, in: lines) }
            let at = filePosition(line: repeated?.line ?? context.mark.line, column: repeated?.column ?? context.mark.column)
            return .error("duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", "))", file: file,
                          line: at.line, column: at.column,
                          hint: "each key may appear once; remove or merge the repeated one")
        default:
            return .error("malformed YAML: \(error)", file: file, line: lineOffset + 1, column: 1, hint: hint)
        }
    }

    /// Where `key:` starts a line (after indentation or a list item's `- `) for the second
    /// time, 1-based; nil when it cannot be found so (a quoted or flow-style key).
    static func secondOccurrence(ofKey key: String, in lines: [Substring]) -> (line: Int, column: Int)? {
        var seen = 0
        for (index, line) in lines.enumerated() {
            var rest = line.drop { $0 == " " }
            if rest.hasPrefix("- ") { rest = rest.dropFirst(2).drop { $0 == " " } }
            guard rest.hasPrefix(key), rest.dropFirst(key.count).drop(while: { $0 == " " }).first == ":" else { continue }
            seen += 1
            if seen == 2 { return (index + 1, line.distance(from: line.startIndex, to: rest.startIndex) + 1) }
        }
        return nil
    }

    func location(of node: Node) -> (line: Int, column: Int) {
        guard let mark = node.mark else { return (lineOffset + 1, 1) }
        return filePosition(line: mark.line, column: mark.column)
    }

    mutating func error(_ message: String, at node: Node, hint: String? = nil) {
        let at = location(of: node)
        diagnostics.append(.error(message, file: file, line: at.line, column: at.column, hint: hint))
    }

    mutating func warning(_ message: String, at node: Node, hint: String? = nil) {
        let at = location(of: node)
        diagnostics.append(.warning(message, file: file, line: at.line, column: at.column, hint: hint))
    }

    /// A file's front matter as key-value pairs in file order; nil (with an error) when it does
    /// not parse, is empty, or is not a mapping.
    mutating func frontMatterPairs(_ yaml: String, emptyHint: String) -> [(key: String, keyNode: Node, value: Node)]? {
        let reported = diagnostics.count
        let root = compose(yaml)
        guard diagnostics.count == reported else { return nil }  // it did not parse
        // No document (blank lines or comments only), or an empty one.
        guard let root, root.scalar?.string.isEmpty != true else {
            diagnostics.append(.error("front matter is empty", file: file, line: 1, column: 1, hint: emptyHint))
            return nil
        }
        return pairs(root, what: "front matter")
    }

    /// The pairs of a mapping in file order, or nil (with an error) if `node` is not one.
    mutating func pairs(_ node: Node, what: String) -> [(key: String, keyNode: Node, value: Node)]? {
        guard let mapping = node.mapping else {
            error("\(what) must be a mapping of `key: value` lines", at: node)
            return nil
        }
        return mapping.map { (key: $0.key.string ?? "", keyNode: $0.key, value: $0.value) }
    }

    mutating func string(_ node: Node, key: String) -> String? {
        guard let scalar = node.scalar else {
            error("'\(key)' must be text", at: node)
            return nil
        }
        return scalar.string
    }

    mutating func int(_ node: Node, key: String) -> Int? {
        guard let value = node.int else {
            error("'\(key)' must be a whole number, not '\(node.string ?? "a list or mapping")'", at: node)
            return nil
        }
        return value
    }

    mutating func bool(_ node: Node, key: String) -> Bool? {
        guard let value = node.bool, node.scalar != nil else {
            error("'\(key)' must be true or false, not '\(node.string ?? "a list or mapping")'", at: node)
            return nil
        }
        return value
    }

    /// A list of text; a single text value is accepted as a list of one.
    mutating func stringList(_ node: Node, key: String) -> [String]? {
        if let scalar = node.scalar { return scalar.string.isEmpty ? [] : [scalar.string] }
        guard let sequence = node.sequence else {
            error("'\(key)' must be a list", at: node)
            return nil
        }
        var values: [String] = []
        for item in sequence {
            guard let text = item.scalar?.string else {
                error("every item of '\(key)' must be text", at: item)
                continue
            }
            values.append(text)
        }
        return values
    }

    /// A mapping of text to text, in file order.
    mutating func stringPairs(_ node: Node, key: String) -> [(String, String)]? {
        guard let pairs = pairs(node, what: "'\(key)'") else { return nil }
        var values: [(String, String)] = []
        for pair in pairs {
            guard let text = pair.value.scalar?.string else {
                error("'\(key).\(pair.key)' must be text", at: pair.value)
                continue
            }
            values.append((pair.key, text))
        }
        return values
    }
}

/// libyaml's words for the mistakes editors make most often, said in theirs: a front matter
/// is written by people who know Markdown, not YAML's grammar.
struct YAMLProblem {
    let message: String
    let hint: String
    /// Whether the error belongs where the quote or bracket was opened rather than where
    /// libyaml gave up.
    let pointsAtOpening: Bool

    /// `afterOpening`: the YAML text after the quote or bracket libyaml names as opened; an
    /// unclosed bracket has no closing one there (`[a, "b" c]` is closed, a ',' is missing).
    init?(context: String?, problem: String, afterOpening: String) {
        switch (context ?? "", problem) {
        case ("while scanning a quoted scalar", let problem) where problem.contains("end of stream"):
            message = "this quote is never closed"
            hint = "end the value with the same quote mark; to use that mark inside the value, quote with the other kind"
            pointsAtOpening = true
        case ("while parsing a flow sequence", _) where !afterOpening.contains("]"):
            message = "this '[' is never closed with ']'"
            hint = "close the list with ']', or quote the whole value if the '[' is part of the text"
            pointsAtOpening = true
        case ("while parsing a flow mapping", _) where !afterOpening.contains("}"):
            message = "this '{' is never closed with '}'"
            hint = "close it with '}', or quote the whole value if the '{' is part of the text"
            pointsAtOpening = true
        case ("", "mapping values are not allowed in this context"):
            message = "a value that is not quoted contains ': ', or a key is indented under another"
            hint = "put the whole value in quotes, as in title: \"Ozone: how it works\"; or start the key in the same column as the others"
            pointsAtOpening = false
        default:
            return nil
        }
    }
}
