/// The parse stage for one page: bytes -> front matter + what the body contains.
/// Its settings are all it reads besides the page; the build cache keys parse results on them
/// (`BuildKeys.parser`), so a new setting must be added there.
public struct PageParser: Sendable {
    /// Ids the templates use on every page; headings never take them.
    public static let reservedIDs: Set<String> = ["main", "content", "top", "site-menu", "page-title", "toc", "listing",
                                                  "related", "sources", "backlinks", "site-search", "search-results",
                                                  "mentions", "site-search-form", "search-help", "search-status"]
    public var allowRawHTML: Bool
    /// Finds glossary terms, to record the page's mentions.
    public var terms: TermMatcher

    public init(allowRawHTML: Bool, terms: TermMatcher = TermMatcher(forms: [])) {
        self.allowRawHTML = allowRawHTML
        self.terms = terms
    }

    public func parse(_ file: SourceFile) -> ParsedPage {
        var memo = Readability.SyllableMemo()
        return parse(file, readabilityMemo: &memo)
    }

    /// `parse(_:)` with a readability memo shared with other pages (see `SyllableMemo`).
    public func parse(_ file: SourceFile, readabilityMemo memo: inout Readability.SyllableMemo) -> ParsedPage {
        parse(file, readabilityMemo: &memo, keepingTree: false).page
    }

    /// Also returns the body's tree for the render stage when `keepingTree` (and the page has a
    /// body): its tables then get their HTML markup here, which the parse stage alone does not need.
    func parse(_ file: SourceFile, readabilityMemo memo: inout Readability.SyllableMemo,
               keepingTree: Bool) -> (page: ParsedPage, tree: PreparedBody?) {
        var diagnostics: [Diagnostic] = []
        var page = ParsedPage(path: file.path, displayPath: file.displayPath, metadata: PageMetadata(),
                              body: "", bodyLineOffset: 0, headings: [], links: [], compareBlocks: [],
                              plainText: "", wordCount: 0, contentHash: file.contentHash, diagnostics: [])
        let split: FrontMatterSplit
        switch FrontMatterSplit.read(file, what: "page") {
        case .success(let value): split = value
        case .failure(let diagnostic):
            page.diagnostics = [diagnostic]
            return (page, nil)
        }
        if let yaml = split.yaml {
            let (metadata, problems) = PageMetadata.decode(yaml: yaml, firstLine: split.yamlFirstLine, file: file.displayPath)
            diagnostics += problems
            if let metadata { page.metadata = metadata }
        } else {
            diagnostics.append(FrontMatterSplit.missing(in: file.displayPath, what: "page", key: "title"))
        }
        page.body = split.body
        page.bodyLineOffset = split.bodyLineOffset

        let document = MarkdownDocument(parsing: split.body)
        let origins = PipeTables(source: split.body).applyRecordingOrigins(to: document, withMarkup: keepingTree)
        let scan = BodyScanner(document: document, body: split.body, lineOffset: split.bodyLineOffset,
                               file: file.displayPath, allowRawHTML: allowRawHTML, origins: origins, readabilityMemo: &memo)
        page.headings = scan.headings
        page.links = scan.links
        page.compareBlocks = scan.compareBlocks
        for block in scan.compareBlocks {
            let (spec, problems) = ComparisonSpec.decode(block, file: file.displayPath)
            page.comparisonSpecs.append(spec)
            diagnostics += problems
        }
        page.plainText = scan.plainText
        page.wordCount = scan.wordCount
        page.readability = scan.readability
        let mentions = TermScan(document: document, matcher: terms)
        page.termMentions = mentions.mentionedEntries
        page.termPlacements = mentions.placements
        page.diagnostics = diagnostics + scan.diagnostics
        return (page, keepingTree ? PreparedBody(document, contentHash: page.contentHash) : nil)
    }
}

/// Walks a parsed body once (after the parse-time transforms, so it sees what the render stage
/// will see) and records headings (with their ids), links (with positions), comparison blocks,
/// plain text, and raw HTML that safe mode will drop. Positions of nodes a transform made or
/// moved come from `origins`.
struct BodyScanner {
    var headings: [Heading] = []
    var links: [LinkReference] = []
    var compareBlocks: [CodeBlockSource] = []
    var plainText = ""
    var wordCount = 0
    var readability = ReadabilityCounts()
    var diagnostics: [Diagnostic] = []

    init(document: MarkdownDocument, body: String, lineOffset: Int, file: String, allowRawHTML: Bool,
         origins: SourceOrigins = SourceOrigins()) {
        var memo = Readability.SyllableMemo()
        self.init(document: document, body: body, lineOffset: lineOffset, file: file, allowRawHTML: allowRawHTML,
                  origins: origins, readabilityMemo: &memo)
    }

    init(document: MarkdownDocument, body: String, lineOffset: Int, file: String, allowRawHTML: Bool,
         origins: SourceOrigins, readabilityMemo memo: inout Readability.SyllableMemo) {
        var slugger = Slugger(reserved: PageParser.reservedIDs)
        var locator = InlineLocator(lines: Self.lines(of: body), origins: origins)
        var blockTexts: [String] = []
        var proseTexts: [String] = []
        var rawHTMLLines: Set<Int> = []

        document.root.forEachDescendant { node in
            switch node.kind {
            case .heading:
                let text = node.plainText
                headings.append(Heading(level: node.headingLevel, text: text, id: slugger.uniqueSlug(text),
                                        line: origins.startLine(of: node) + lineOffset))
            case .paragraph:
                let text = node.plainText
                proseTexts.append(text)
                blockTexts.append(text)
            case .customInline where origins.isTableCell(node):
                // Read, and found by search, but not prose: cells stay out of readability.
                blockTexts.append(node.plainText)
            case .codeBlock where CodeBlockSource.isComparison(node):
                let fence = origins.startLine(of: node), literal = node.literal ?? ""
                compareBlocks.append(CodeBlockSource(literal: literal, line: fence + lineOffset, columnShifts:
                    CodeBlockSource.columnShifts(of: literal, firstLine: fence + 1, in: locator.lines)))
            case .link, .image:
                let destination = node.url ?? ""
                let position = locator.locate(destination, near: node)
                links.append(LinkReference(destination: destination, isImage: node.kind == .image,
                                           line: position.line + lineOffset, column: position.column))
            case .htmlBlock, .htmlInline:
                let line = origins.span(for: node)?.firstLine ?? (node.startLine > 0 ? node.startLine : node.nearestLine)
                // One warning per line is enough: `<b>x</b>` is two inline HTML nodes.
                if !allowRawHTML, rawHTMLLines.insert(line).inserted {
                    diagnostics.append(.warning(
                        "raw HTML is dropped from the output", file: file, line: line + lineOffset,
                        column: max(node.startColumn, 1),
                        hint: "write it in Markdown, or allow it with 'markdown: {raw_html: true}' in site.yml"))
                }
            default:
                break
            }
        }
        plainText = (headings.map(\.text) + blockTexts).joined(separator: "\n")
        wordCount = blockTexts.reduce(0) { $0 + Self.wordCount(of: $1) }
        readability = proseTexts.reduce(ReadabilityCounts()) { $0 + Readability.count($1, memo: &memo) }
    }

    /// The body's lines, split at each LF byte (no grapheme breaking: this runs on every page).
    static func lines(of text: String) -> [Substring] {
        var text = text
        // Newline offsets by memchr over the bytes (a generic `firstIndex(of:)` on the UTF-8
        // view cost about 40 instructions a byte); a native string's offsets index it directly.
        let offsets: [Int] = text.withUTF8 { bytes in
            var offsets: [Int] = []
            guard let base = bytes.baseAddress else { return offsets }
            var position = 0
            while position < bytes.count, let found = memchr(base + position, 0x0A, bytes.count - position) {
                let offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                offsets.append(offset)
                position = offset + 1
            }
            return offsets
        }
        let utf8 = text.utf8
        var lines: [Substring] = []
        lines.reserveCapacity(offsets.count + 1)
        var start = utf8.startIndex
        for offset in offsets {
            let newline = utf8.index(utf8.startIndex, offsetBy: offset)
            lines.append(text[start..<newline])
            start = utf8.index(after: newline)
        }
        lines.append(text[start...])
        return lines
    }

    /// Runs of non-whitespace, by Unicode scalar, with an ASCII fast path (profiling showed the
    /// `Character`-based split at 13% of the parse stage).
    static func wordCount(of text: String) -> Int {
        var count = 0
        var inWord = false
        for scalar in text.unicodeScalars {
            let isSpace = scalar.isASCII
                ? scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r" || scalar.value == 0x0B || scalar.value == 0x0C
                : scalar.properties.isWhitespace
            if isSpace {
                inWord = false
            } else if !inWord {
                inWord = true
                count += 1
            }
        }
        return count
    }
}

/// cmark gives positions for blocks only. A link's column is found by looking for its
/// destination in the source lines of its block, left to right, so that two links to the
/// same place on one line get their own columns.
/// In a table cell the search starts at the cell (from `origins`), so that the same link in two
/// cells of a row gets each cell's column.
struct InlineLocator {
    let lines: [Substring]
    let origins: SourceOrigins
    /// Per line, where the next search starts and that place's column: links are found left to
    /// right, so each column is counted on from the last match (counting from the line's start
    /// each time was quadratic in a line of thousands of links).
    private var searchFrom: [Int: (index: String.Index, column: Int)] = [:]

    init(lines: [Substring], origins: SourceOrigins = SourceOrigins()) {
        self.lines = lines
        self.origins = origins
    }

    mutating func locate(_ destination: String, near node: MarkdownNode) -> SourceLocation {
        let first: Int, last: Int, fallbackColumn: Int
        var startOffset = 0
        if let span = origins.span(for: node) {
            (first, last, fallbackColumn, startOffset) = (span.firstLine, span.lastLine, 1, span.offset)
        } else {
            var block: MarkdownNode? = node
            while let current = block, current.startLine == 0 { block = current.parent }
            first = block?.startLine ?? 1
            last = max(block?.endLine ?? first, first)
            fallbackColumn = block?.startColumn ?? 1
        }
        guard !destination.isEmpty else { return SourceLocation(line: first, column: fallbackColumn) }
        for lineNumber in first...last where lineNumber - 1 < lines.count {
            let line = lines[lineNumber - 1]
            var (start, startColumn) = searchFrom[lineNumber] ?? (line.startIndex, 1)
            if lineNumber == first, startOffset > 0 {
                let cellStart = line.utf8.index(line.startIndex, offsetBy: startOffset, limitedBy: line.endIndex) ?? line.endIndex
                if cellStart > start {
                    startColumn += line.distance(from: start, to: cellStart)
                    start = cellStart
                }
            }
            if let range = Self.firstRange(of: destination, in: line[start...]) {
                let column = startColumn + line.distance(from: start, to: range.lowerBound)
                searchFrom[lineNumber] = (range.upperBound, column + line.distance(from: range.lowerBound, to: range.upperBound))
                return SourceLocation(line: lineNumber, column: column)
            }
        }
        return SourceLocation(line: first, column: fallbackColumn)
    }

    /// Byte-wise search (Foundation's `range(of:)` bridged each line to NSString: 4% of parsing).
    static func firstRange(of needle: String, in text: Substring) -> Range<String.Index>? {
        let pattern = Array(needle.utf8), bytes = text.utf8
        guard let head = pattern.first else { return nil }
        var from = bytes.startIndex
        while let candidate = bytes[from...].firstIndex(of: head) {
            if let end = bytes.index(candidate, offsetBy: pattern.count, limitedBy: bytes.endIndex),
               bytes[candidate..<end].elementsEqual(pattern) {
                return candidate..<end
            }
            from = bytes.index(after: candidate)
        }
        return nil
    }
}

import Foundation
