/// The parse stage for one page: bytes -> front matter + what the body contains.
public struct PageParser: Sendable {
    /// Ids the templates use on every page; headings never take them.
    public static let reservedIDs: Set<String> = ["main", "content", "top", "site-menu", "page-title", "toc", "listing",
                                                  "related", "sources", "backlinks", "site-search", "search-results",
                                                  "mentions"]
    public var allowRawHTML: Bool
    /// Finds glossary terms, to record the page's mentions.
    public var terms: TermMatcher

    public init(allowRawHTML: Bool, terms: TermMatcher = TermMatcher(forms: [])) {
        self.allowRawHTML = allowRawHTML
        self.terms = terms
    }

    public func parse(_ file: SourceFile) -> ParsedPage {
        var diagnostics: [Diagnostic] = []
        var page = ParsedPage(path: file.path, displayPath: file.displayPath, metadata: PageMetadata(),
                              body: "", bodyLineOffset: 0, headings: [], links: [], compareBlocks: [],
                              plainText: "", wordCount: 0, contentHash: file.contentHash, diagnostics: [])
        let split: FrontMatterSplit
        switch FrontMatterSplit.read(file, what: "page") {
        case .success(let value): split = value
        case .failure(let diagnostic):
            page.diagnostics = [diagnostic]
            return page
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
        let scan = BodyScanner(document: document, split: split, file: file.displayPath, allowRawHTML: allowRawHTML)
        page.headings = scan.headings
        page.links = scan.links
        page.compareBlocks = scan.compareBlocks
        page.plainText = scan.plainText
        page.wordCount = scan.wordCount
        page.readability = scan.readability
        page.termMentions = TermScan(document: document, matcher: terms).mentionedEntries
        page.diagnostics = diagnostics + scan.diagnostics
        return page
    }
}

/// Walks a parsed body once and records headings (with their ids), links (with positions),
/// comparison blocks, plain text, and raw HTML that safe mode will drop.
struct BodyScanner {
    var headings: [Heading] = []
    var links: [LinkReference] = []
    var compareBlocks: [CodeBlockSource] = []
    var plainText = ""
    var wordCount = 0
    var readability = ReadabilityCounts()
    var diagnostics: [Diagnostic] = []

    init(document: MarkdownDocument, split: FrontMatterSplit, file: String, allowRawHTML: Bool) {
        self.init(document: document, body: split.body, lineOffset: split.bodyLineOffset, file: file, allowRawHTML: allowRawHTML)
    }

    init(document: MarkdownDocument, body: String, lineOffset: Int, file: String, allowRawHTML: Bool) {
        var slugger = Slugger(reserved: PageParser.reservedIDs)
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        var locator = InlineLocator(lines: lines)
        var blockTexts: [String] = []
        var rawHTMLLines: Set<Int> = []

        for node in document.root.descendants() {
            switch node.kind {
            case .heading:
                let text = node.plainText
                headings.append(Heading(level: node.headingLevel, text: text, id: slugger.uniqueSlug(text),
                                        line: node.startLine + lineOffset))
            case .paragraph, .codeBlock:
                if node.kind == .codeBlock, node.fenceInfo?.split(separator: " ").first == "compare" {
                    compareBlocks.append(CodeBlockSource(literal: node.literal ?? "", line: node.startLine + lineOffset))
                } else if node.kind == .paragraph {
                    blockTexts.append(node.plainText)
                }
            case .link, .image:
                let destination = node.url ?? ""
                let position = locator.locate(destination, near: node)
                links.append(LinkReference(destination: destination, isImage: node.kind == .image,
                                           line: position.line + lineOffset, column: position.column))
            case .htmlBlock, .htmlInline:
                let line = node.startLine > 0 ? node.startLine : node.nearestLine
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
        wordCount = blockTexts.reduce(0) { $0 + $1.split(whereSeparator: { $0.isWhitespace }).count }
        readability = blockTexts.reduce(ReadabilityCounts()) { $0 + Readability.count($1) }
    }
}

/// cmark gives positions for blocks only. A link's column is found by looking for its
/// destination in the source lines of its block, left to right, so that two links to the
/// same place on one line get their own columns.
struct InlineLocator {
    let lines: [Substring]
    private var searchFrom: [Int: String.Index] = [:]

    init(lines: [Substring]) { self.lines = lines }

    mutating func locate(_ destination: String, near node: MarkdownNode) -> SourceLocation {
        var block: MarkdownNode? = node
        while let current = block, current.startLine == 0 { block = current.parent }
        let first = block?.startLine ?? 1
        let last = max(block?.endLine ?? first, first)
        guard !destination.isEmpty else { return SourceLocation(line: first, column: block?.startColumn ?? 1) }
        for lineNumber in first...last where lineNumber - 1 < lines.count {
            let line = lines[lineNumber - 1]
            let start = searchFrom[lineNumber] ?? line.startIndex
            if let range = line[start...].range(of: destination) {
                searchFrom[lineNumber] = range.upperBound
                return SourceLocation(line: lineNumber, column: line.distance(from: line.startIndex, to: range.lowerBound) + 1)
            }
        }
        return SourceLocation(line: first, column: block?.startColumn ?? 1)
    }
}
