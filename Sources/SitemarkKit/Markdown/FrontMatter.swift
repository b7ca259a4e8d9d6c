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
        switch TextDecoding.decodeContent(file.bytes, file: file.displayPath) {
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
    /// Works on the UTF-8 bytes: a line ends at every LF, so CRLF files split too (splitting by
    /// `Character` would not: "\r\n" is one Character) and the scan costs no grapheme breaking.
    static func split(_ text: String, file: String) -> Result<FrontMatterSplit, Diagnostic> {
        let utf8 = text.utf8
        func endOfLine(from start: String.Index) -> String.Index {
            utf8[start...].firstIndex(of: UInt8(ascii: "\n")) ?? utf8.endIndex
        }
        let firstEnd = endOfLine(from: utf8.startIndex)
        guard isDelimiter(utf8[utf8.startIndex..<firstEnd], opening: true) else {
            return .success(FrontMatterSplit(yaml: nil, yamlFirstLine: 0, body: text, bodyLineOffset: 0))
        }
        let unclosed = Diagnostic.error(
            "front matter opened here is never closed", file: file, line: 1, column: 1,
            hint: "end the front matter with a line holding only '---'")
        guard firstEnd < utf8.endIndex else { return .failure(unclosed) }
        let yamlStart = utf8.index(after: firstEnd)
        var lineStart = yamlStart
        var yamlLines = 0
        while true {
            let lineEnd = endOfLine(from: lineStart)
            if isDelimiter(utf8[lineStart..<lineEnd], opening: false) {
                // The YAML is every line in between, without the newline before the closing line.
                let yaml = yamlLines == 0 ? "" : String(text[yamlStart..<utf8.index(before: lineStart)])
                let body = lineEnd == utf8.endIndex ? "" : String(text[utf8.index(after: lineEnd)...])
                return .success(FrontMatterSplit(yaml: yaml, yamlFirstLine: 2, body: body, bodyLineOffset: yamlLines + 2))
            }
            guard lineEnd < utf8.endIndex else { return .failure(unclosed) }
            lineStart = utf8.index(after: lineEnd)
            yamlLines += 1
        }
    }

    /// `---` (or, closing, `...`) with nothing after it but spaces, tabs or a CR.
    private static func isDelimiter(_ line: Substring.UTF8View, opening: Bool) -> Bool {
        var trimmed = line[...]
        while let last = trimmed.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") || last == UInt8(ascii: "\r") {
            trimmed = trimmed.dropLast()
        }
        return trimmed.elementsEqual("---".utf8) || (!opening && trimmed.elementsEqual("...".utf8))
    }
}
