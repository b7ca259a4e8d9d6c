/// The search index: every word of every document, each with the documents it occurs in and
/// where (title, alias, heading, description, body). The browser ranks with it; it never
/// needs the full text, so only a short excerpt per document is kept for result snippets.
public struct SearchIndex: Sendable, Hashable {
    /// Where in a document a word occurs; the browser weighs them (title highest, body lowest).
    public struct Fields: OptionSet, Sendable, Hashable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        public static let title = Fields(rawValue: 1)
        public static let alias = Fields(rawValue: 2)
        public static let heading = Fields(rawValue: 4)
        public static let description = Fields(rawValue: 8)
        public static let body = Fields(rawValue: 16)
        /// Bits the field flags use; the body frequency is stored above them.
        static let bitCount = 5
    }

    public struct Posting: Sendable, Hashable {
        /// Index into `documents`.
        public var document: Int
        public var fields: Fields
        /// Occurrences in the body.
        public var bodyFrequency: Int

        /// A body word seen this often counts as frequent (one bit in the index, a small boost).
        public static let frequentFrom = 3

        /// Fields plus the "frequent in the body" bit: six bits, one character of the script.
        var packed: Int { fields.rawValue | (bodyFrequency >= Self.frequentFrom ? 1 << Fields.bitCount : 0) }
    }

    public struct Entry: Sendable, Hashable {
        public var document: SearchDocument
        /// The start of the body, for snippets.
        public var excerpt: String
    }

    public var entries: [Entry]
    /// Normalised words, sorted by UTF-16 code units (the order JavaScript compares strings in),
    /// so the browser finds every word with a prefix by binary search.
    public var words: [String]
    /// Per word (same order as `words`): its postings, by ascending document.
    public var postings: [[Posting]]

    /// Postings of one word, or nil if no document has it.
    public func postings(for word: String) -> [Posting]? {
        var low = 0, high = words.count
        while low < high {
            let mid = (low + high) / 2
            if SearchIndex.precedes(words[mid], word) { low = mid + 1 } else { high = mid }
        }
        return low < words.count && words[low] == word ? postings[low] : nil
    }

    static func precedes(_ a: String, _ b: String) -> Bool {
        a.utf16.lexicographicallyPrecedes(b.utf16)
    }
}

/// Documents -> `SearchIndex`.
public struct SearchIndexBuilder: Sendable {
    /// Characters of body text kept per document for snippets (cut at a word boundary). Words
    /// beyond it are still found; their result shows the description instead of a snippet.
    public var excerptLength: Int

    public init(excerptLength: Int = 200) {
        self.excerptLength = excerptLength
    }

    public func build(_ documents: [SearchDocument]) -> SearchIndex {
        // Each document's words are independent work: count them on all cores, then merge in
        // document order, so every word's postings come out ascending and the result is the
        // same whatever the scheduling.
        let perDocument = documents.parallelMap(Self.occurrences)
        var byWord: [String: [SearchIndex.Posting]] = [:]
        for (number, occurrences) in perDocument.enumerated() {
            for (word, found) in occurrences {
                byWord[word, default: []].append(
                    SearchIndex.Posting(document: number, fields: found.fields, bodyFrequency: found.bodyFrequency))
            }
        }
        let entries = documents.map { SearchIndex.Entry(document: $0, excerpt: Self.excerpt(of: $0.body, length: excerptLength)) }
        let words = byWord.keys.sorted(by: SearchIndex.precedes)
        return SearchIndex(entries: entries, words: words, postings: words.map { byWord[$0]! })
    }

    /// Where one word occurs in one document.
    struct Occurrence: Sendable {
        var fields: SearchIndex.Fields = []
        var bodyFrequency = 0

        mutating func add(_ field: SearchIndex.Fields) {
            fields.insert(field)
            if field == .body { bodyFrequency += 1 }
        }
    }

    /// Every word of one document, with the fields it occurs in and its count in the body.
    @Sendable static func occurrences(in document: SearchDocument) -> [String: Occurrence] {
        // Counted by the words' bytes: a String is made once per distinct word, not per word.
        var table = ByteKeyedTable<Occurrence>()
        func add(_ text: String, _ field: SearchIndex.Fields) {
            SearchText.forEachWord(in: text) { word in
                table[table.entry(for: word, makeValue: Occurrence.init)].add(field)
            }
        }
        add(document.title, .title)
        for alias in document.aliases { add(alias, .alias) }
        for heading in document.headings { add(heading.text, .heading) }
        add(document.description, .description)
        add(document.body, .body)
        var found: [String: Occurrence] = [:]
        found.reserveCapacity(table.count)
        for entry in 0..<table.count { found[table.key(entry)] = table[entry] }
        return found
    }

    /// The first `length` characters of `text` with its white space collapsed, cut after a
    /// whole word, with `…` if cut. Works on Unicode scalars and on the start of the text only:
    /// bodies run to many kilobytes and only the start is kept.
    static func excerpt(of text: String, length: Int) -> String {
        var kept = String.UnicodeScalarView()
        var lastSpace: Int? = nil
        var count = 0
        var pendingSpace = false
        var cut = false
        for scalar in text.unicodeScalars {
            let isSpace = scalar.isASCII ? (scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r")
                                         : scalar.properties.isWhitespace
            if isSpace {
                pendingSpace = count > 0
                continue
            }
            if pendingSpace {
                if count + 1 > length { cut = true; break }
                lastSpace = kept.count
                kept.append(" ")
                count += 1
                pendingSpace = false
            }
            if count + 1 > length { cut = true; break }
            kept.append(scalar)
            count += 1
        }
        guard cut else { return String(kept) }
        var result = String(String.UnicodeScalarView(kept.prefix(lastSpace ?? kept.count)))
        while let last = result.last, ",;:–—-(".contains(last) || last == " " { result.removeLast() }
        return result + "…"
    }
}
