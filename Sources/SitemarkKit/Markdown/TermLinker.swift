/// Where glossary terms occur in a parsed Markdown tree. The parse stage uses it to record a
/// page's mentions and the render stage to link them: one scan, so the links a reader sees and
/// the mentions the glossary lists can never disagree.
///
/// Text counts only where a reader sees it as running prose: never inside a heading, a link, an
/// image's description, code, generated markup, or between an opening and a closing raw HTML
/// tag. Words are looked for across adjacent text nodes and soft line breaks of one inline
/// container (cmark splits text at brackets and such), not across emphasis boundaries.
struct TermScan {
    /// Adjacent text and soft-break siblings, read as one UTF-8 text (soft breaks as "\n").
    struct Run {
        var nodes: [MarkdownNode]
        var text: [UInt8]
        var matches: [TermMatcher.Match]

        func text(_ range: Range<Int>) -> String { String(decoding: text[range], as: UTF8.self) }
    }

    /// Runs with at least one match, in document order.
    private(set) var runs: [Run] = []
    /// Each run's number among all runs of the tree (counted from 0), for `placements`.
    private var ordinals: [Int] = []

    /// Node kinds whose text is never a mention. Custom inlines are not among them: when terms
    /// are scanned the only ones in the tree are pipe-table cells, whose text is prose and gets
    /// terms linked like body text. (Transforms that add links of their own run afterwards.)
    static let excludedContainers: Set<MarkdownNodeKind> = [.heading, .link, .image, .code, .codeBlock,
                                                            .htmlBlock, .htmlInline]

    /// `excluding`: the entry whose own definition this is; its forms are found (so a longer
    /// term cannot claim their words) but never reported.
    init(document: MarkdownDocument, matcher: TermMatcher, excluding: String? = nil) {
        guard !matcher.isEmpty else { return }
        var ordinal = 0
        Self.forEachRun(in: document) { start in
            defer { ordinal += 1 }
            let (nodes, text) = Self.members(from: start)
            let matches = matcher.matches(inUTF8: text).filter { $0.entry != excluding }
            guard !matches.isEmpty else { return }
            runs.append(Run(nodes: nodes, text: text, matches: matches))
            ordinals.append(ordinal)
        }
    }

    /// The runs `placements` name, read from `document` without matching a word; nil when they
    /// do not fit it (a run missing or of another length), so the caller scans instead.
    /// `entries`: the `mentionedEntries` of the scan that made the placements.
    init?(document: MarkdownDocument, placements: TermPlacements, entries: [String]) {
        var pending = placements.runs[...]
        let matches = placements.matches
        var nextMatch = 0
        var ordinal = 0
        var fits = true
        Self.forEachRun(in: document) { start in
            defer { ordinal += 1 }
            guard fits, let next = pending.first, next.ordinal == ordinal else { return }
            pending.removeFirst()
            let (nodes, text) = Self.members(from: start)
            guard next.matchCount <= matches.count - nextMatch else {
                fits = false
                return
            }
            let found = matches[nextMatch..<(nextMatch + next.matchCount)]
            nextMatch += next.matchCount
            guard text.count == next.length,
                  found.allSatisfy({ 0 <= $0.start && $0.start < $0.end && $0.end <= text.count && (0..<entries.count).contains($0.entry) }) else {
                fits = false
                return
            }
            runs.append(Run(nodes: nodes, text: text,
                            matches: found.map { TermMatcher.Match(range: $0.start..<$0.end, entry: entries[$0.entry]) }))
        }
        guard fits, pending.isEmpty else { return nil }
    }

    /// Where this scan found its mentions, to be found again in a tree made the same way.
    var placements: TermPlacements {
        let entries = mentionedEntries
        let index = Dictionary(uniqueKeysWithValues: entries.enumerated().map { ($0.element, $0.offset) })
        var placements = TermPlacements()
        for (run, ordinal) in zip(runs, ordinals) {
            placements.append(ordinal: ordinal, length: run.text.count,
                              matches: run.matches.map { ($0.range, index[$0.entry]!) })
        }
        return placements
    }

    /// Calls `body` with the first node of each run where terms count, in document order.
    /// `body` must not change the tree.
    private static func forEachRun(in document: MarkdownDocument, _ body: (MarkdownNode) -> Void) {
        forEachRun(below: document.root, excluded: false, rawHTMLDepth: 0, body)
    }

    /// One walk that carries down what a node's ancestors decide (an excluded container above
    /// it; raw HTML elements left open before it) instead of asking for each text node: a page
    /// of tables has a run per cell. `rawHTMLDepth` counts the raw HTML elements opened and not
    /// closed before `parent`, by inline siblings of it and of its inline ancestors (a block
    /// starts again from 0); text counts only where the count is 0 or less.
    private static func forEachRun(below parent: MarkdownNode, excluded: Bool, rawHTMLDepth: Int,
                                   _ body: (MarkdownNode) -> Void) {
        var depth = rawHTMLDepth
        var previousIsRunMember = false
        var child = parent.firstChild
        while let node = child {
            let kind = node.kind
            switch kind {
            case .text, .softBreak:
                if !previousIsRunMember, !excluded, depth <= 0 { body(node) }
                previousIsRunMember = true
            case .htmlInline:
                depth += RawHTML.change(node.literal ?? "")
                previousIsRunMember = false
            default:
                if node.firstChild != nil {
                    forEachRun(below: node, excluded: excluded || excludedContainers.contains(kind),
                               rawHTMLDepth: kind.isBlock ? 0 : depth, body)
                }
                previousIsRunMember = false
            }
            child = node.next
        }
    }

    private static func members(from start: MarkdownNode) -> (nodes: [MarkdownNode], text: [UInt8]) {
        var nodes: [MarkdownNode] = []
        var text: [UInt8] = []
        var current: MarkdownNode? = start
        while let member = current, member.kind == .text || member.kind == .softBreak {
            nodes.append(member)
            if member.kind == .text { member.appendLiteral(to: &text) } else { text.append(0x0A) }
            current = member.next
        }
        return (nodes, text)
    }

    /// Entries mentioned, each once, in order of first mention.
    var mentionedEntries: [String] {
        var seen: Set<String> = []
        return runs.flatMap(\.matches).map(\.entry).filter { seen.insert($0).inserted }
    }
}

/// Where a page's glossary mentions are in its tree, as the parse stage found them: the render
/// stage links them from this instead of matching every word again. Numbers only, in two flat
/// arrays (entries are indices into the page's `termMentions`): a 10,000-page site holds about
/// a million of them, in memory and in the build cache.
struct TermPlacements: Sendable, Hashable, Codable {
    /// Per run with a match: its number among all runs of the tree, its text's length in
    /// bytes, and how many of `matches` are its.
    private var runValues: [Int32] = []
    /// Per match, run by run: start and end (byte offsets in the run's text), entry index.
    private var matchValues: [Int32] = []

    mutating func append(ordinal: Int, length: Int, matches: [(range: Range<Int>, entry: Int)]) {
        runValues += [Int32(ordinal), Int32(length), Int32(matches.count)]
        for match in matches { matchValues += [Int32(match.range.lowerBound), Int32(match.range.upperBound), Int32(match.entry)] }
    }

    var runs: [(ordinal: Int, length: Int, matchCount: Int)] {
        stride(from: 0, to: runValues.count - 2, by: 3).map { (Int(runValues[$0]), Int(runValues[$0 + 1]), Int(runValues[$0 + 2])) }
    }

    var matches: [(start: Int, end: Int, entry: Int)] {
        stride(from: 0, to: matchValues.count - 2, by: 3).map { (Int(matchValues[$0]), Int(matchValues[$0 + 1]), Int(matchValues[$0 + 2])) }
    }
}

/// The render-stage transform: turns the mentions a `TermScan` finds into links to their
/// glossary entries, each with its short definition as a tooltip that shows on hover and on
/// keyboard focus (pure CSS, no script, no network).
///
/// Markup, per linked mention:
/// `<span class="term-ref"><a class="term" href="…" data-term="slug" aria-describedby="ID">text</a>`
/// `<span class="term-tip" role="tooltip" id="ID">definition</span></span>`: phrasing content only,
/// so it stands anywhere text does; the tooltip is hidden (and out of the accessibility tree)
/// until shown, while `aria-describedby` still gives screen readers the definition.
struct TermLinker {
    struct Target {
        /// Relative URL of the entry's page, HTML-escaped.
        var href: String
        /// The short definition, HTML-escaped (escaped once per entry, not once per mention).
        var tooltip: String
    }

    var matcher: TermMatcher
    var mode: SiteConfig.GlossaryLinking
    /// The entry whose own definition is being rendered: never linked to itself.
    var excluding: String?
    /// Ids already used on the page (headings, template ids): tooltip ids avoid them.
    var usedIDs: Set<String>
    var target: (String) -> Target?

    /// Links the mentions in `document`; returns the entries linked, in document order.
    /// `placements`: where the parse stage found them in a tree made the same way, and the
    /// entries they number (used when they fit this tree, which spares matching every word a
    /// second time).
    @discardableResult
    func apply(to document: MarkdownDocument, placements: (TermPlacements, entries: [String])? = nil) -> [String] {
        guard mode != .none else { return [] }
        let scan = placements.flatMap { excluding == nil ? TermScan(document: document, placements: $0.0, entries: $0.entries) : nil }
            ?? TermScan(document: document, matcher: matcher, excluding: excluding)
        var linked: [String] = []
        var seen: Set<String> = []
        var ids = usedIDs
        for run in scan.runs {
            let chosen = run.matches.filter { mode == .all || seen.insert($0.entry).inserted }
            guard !chosen.isEmpty else { continue }
            var replacement: [MarkdownNode] = []
            var position = 0
            for match in chosen {
                guard let target = target(match.entry) else { continue }
                if position < match.range.lowerBound {
                    replacement.append(document.makeText(run.text(position..<match.range.lowerBound)))
                }
                let id = Slugger.unique("term-" + match.entry, avoiding: &ids)
                let link = document.makeCustomInline(
                    enter: "<span class=\"term-ref\"><a class=\"term\" href=\"\(target.href)\" "
                        + "data-term=\"\(match.entry)\" aria-describedby=\"\(id)\">",
                    exit: "</a><span class=\"term-tip\" role=\"tooltip\" id=\"\(id)\">\(target.tooltip)</span></span>")
                link.append(document.makeText(run.text(match.range)))
                replacement.append(link)
                position = match.range.upperBound
                linked.append(match.entry)
            }
            if position < run.text.count { replacement.append(document.makeText(run.text(position..<run.text.count))) }
            guard let first = run.nodes.first else { continue }
            for node in replacement { first.insertBefore(node) }
            for node in run.nodes { node.remove() }
        }
        return linked
    }
}

/// Inline raw HTML as tags that open and close: text between `<a …>` and `</a>` (or any other
/// element the writer opened in raw HTML) belongs to that markup, not to the prose around it.
enum RawHTML {
    static let voidElements: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                                            "meta", "source", "track", "wbr"]

    /// +1 for an opening tag, -1 for a closing one, 0 for comments, void and self-closed elements.
    static func change(_ tag: String) -> Int {
        let body = tag.dropFirst()
        guard tag.hasPrefix("<"), !tag.hasSuffix("/>") else { return 0 }
        if body.hasPrefix("/") { return -1 }
        let name = body.prefix { $0.isLetter || $0.isNumber || $0 == "-" }.lowercased()
        guard let first = name.first, first.isLetter, !voidElements.contains(name) else { return 0 }
        return 1
    }
}
