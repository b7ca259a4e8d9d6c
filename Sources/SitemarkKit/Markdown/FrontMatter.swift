/// A Markdown file split into its YAML front matter and its body, with the line on which each
/// starts, so positions in either can be reported against the file.
struct FrontMatterSplit: Sendable {
    /// The YAML between the `---` lines; nil when the file has no front matter.
    var yaml: String?
    /// File line of the first YAML line (the one after the opening `---`).
    var yamlFirstLine: Int
    var body: String
    /// Lines before the body: add to a body line number to get the file line number.
    var bodyLineOffset: Int

    /// Reads a Markdown source file: UTF-8 text, not blank, split at its front matter.
    /// `what` names the file in messages ("page", "glossary entry").
    static func read(_ file: SourceFile, what: String) -> Result<FrontMatterSplit, Diagnostic> {
        let text: String
        switch TextDecoding.decodeUTF8(file.bytes, file: file.displayPath) {
        case .success(let decoded): text = decoded
        case .failure(let diagnostic): return .failure(diagnostic)
        }
        if text.allSatisfy(\.isWhitespace) {
            return .failure(.error("the \(what) is empty", file: file.displayPath, line: 1, column: 1,
                                   hint: "add front matter, or delete the file"))
        }
        return split(text, file: file.displayPath)
    }

    /// The error for a file that does not start with front matter; `key` is the one key it needs.
    static func missing(in file: String, what: String, key: String) -> Diagnostic {
        .error("the \(what) has no front matter", file: file, line: 1, column: 1,
               hint: "start the file with '---', a line '\(key): …', and '---'")
    }

    /// Splits `text`. An opening `---` with no closing `---` (or `...`) is an error at line 1.
    static func split(_ text: String, file: String) -> Result<FrontMatterSplit, Diagnostic> {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, isDelimiter(first, opening: true) else {
            return .success(FrontMatterSplit(yaml: nil, yamlFirstLine: 0, body: text, bodyLineOffset: 0))
        }
        lines.removeFirst()
        guard let closing = lines.firstIndex(where: { isDelimiter($0, opening: false) }) else {
            return .failure(.error(
                "front matter opened here is never closed", file: file, line: 1, column: 1,
                hint: "end the front matter with a line holding only '---'"))
        }
        let yaml = lines[..<closing].joined(separator: "\n")
        let body = lines[(closing + 1)...].joined(separator: "\n")
        return .success(FrontMatterSplit(yaml: yaml, yamlFirstLine: 2, body: body, bodyLineOffset: closing + 2))
    }

    private static func isDelimiter(_ line: Substring, opening: Bool) -> Bool {
        let trimmed = line.trimmingTrailingWhitespace
        return trimmed == "---" || (!opening && trimmed == "...")
    }
}

extension Substring {
    var trimmingTrailingWhitespace: Substring {
        var end = endIndex
        while end > startIndex, let last = self[..<end].last, last == " " || last == "\t" || last == "\r" {
            end = index(before: end)
        }
        return self[..<end]
    }
}
