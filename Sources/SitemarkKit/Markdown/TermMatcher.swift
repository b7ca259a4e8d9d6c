/// Finds glossary terms in running text: every term, alias and abbreviation at once, in one
/// left-to-right pass over the words of the text (a trie over normalised words), so the cost
/// grows with the text, not with the number of terms.
///
/// Matching rules (what writers of `Pages/` can rely on):
/// - Whole words only. A word is a run of letters, digits and combining marks; a hyphen between
///   two such characters joins them into one word, so `disc` matches neither `discectomy` nor
///   `disc-shaped`, and `oxygen-ozone` is one word. An apostrophe ends a word (`disc's` holds `disc`).
/// - Words of a multi-word form must be separated as in the form: any whitespace (line breaks
///   included) stands for a space, other punctuation must be the same (`disc. Herniation` is not
///   `disc herniation`).
/// - Case-insensitive, except where a form is an abbreviation: the `abbreviation` field, and any
///   word of a term or alias written as an acronym (two or more characters, every letter capital,
///   a plural `s` allowed: `CT`, `O2`, `LOPs`), match only as written. So `CT` never links `ct`
///   or `Ct`, and `CI` never links `ci`.
/// - Leftmost first, then longest: at each word the longest form that starts there wins
///   (`lumbar disc herniation` over `disc herniation` over `disc`), and matches never overlap.
public struct TermMatcher: Sendable {
    /// One written form of a glossary entry.
    public struct Form: Sendable, Hashable, Encodable {
        /// The entry's identity (its slug).
        public var entry: String
        public var text: String
        /// The `abbreviation` field: every word matches case-sensitively.
        public var isAbbreviation: Bool

        public init(entry: String, text: String, isAbbreviation: Bool) {
            self.entry = entry
            self.text = text
            self.isAbbreviation = isAbbreviation
        }
    }

    /// A match in a text: its range (UTF-8 offsets) and the entry it names.
    public struct Match: Sendable, Hashable {
        public var range: Range<Int>
        public var entry: String

        /// The matched text, as written.
        public func text(in text: String) -> String {
            String(decoding: Array(text.utf8)[range], as: UTF8.self)
        }
    }

    private struct Accept: Sendable {
        var entry: String
        /// Word positions (0-based within the form) that must appear exactly as written.
        var exactWords: [(position: Int, text: String)]
    }

    /// A trie edge: from a node, over a separator and a word, both interned as numbers so that
    /// walking the trie hashes small integers. A text word is looked up once in `vocabulary`;
    /// the (many) words no form uses stop there.
    private struct Edge: Hashable {
        var node: Int32
        var separator: Int32
        var word: Int32
    }

    /// The folded words of the forms, by their UTF-8 bytes; a word's id is its entry number.
    /// Text words are looked up as they are scanned, with no String made for an ASCII word.
    private var vocabulary = ByteKeyedTable<Void>()
    /// Separators between the words of forms; 0 stands before a form's first word.
    private var separators: [String: Int32] = ["": 0]
    private var edges: [Edge: Int32] = [:]
    /// Per trie node: the forms that end there.
    private var accepts: [[Accept]] = [[]]
    public private(set) var formCount = 0

    public init(forms: [Form]) {
        for form in forms { insert(form) }
    }

    public var isEmpty: Bool { formCount == 0 }

    private mutating func insert(_ form: Form) {
        let bytes = Array(form.text.utf8)
        let words = Self.words(in: bytes)
        guard !words.isEmpty else { return }
        var node: Int32 = 0
        var exact: [(Int, String)] = []
        for (position, word) in words.enumerated() {
            let separator = position == 0 ? 0 : intern(word.separator, in: &separators)
            let edge = Edge(node: node, separator: separator, word: internWord(word.folded))
            if let next = edges[edge] {
                node = next
            } else {
                accepts.append([])
                node = Int32(accepts.count - 1)
                edges[edge] = node
            }
            let written = word.exact(in: bytes)
            if form.isAbbreviation || Self.isAcronym(written) { exact.append((position, written)) }
        }
        accepts[Int(node)].append(Accept(entry: form.entry, exactWords: exact))
        formCount += 1
    }

    private mutating func internWord(_ folded: String) -> Int32 {
        var folded = folded
        return Int32(folded.withUTF8 { vocabulary.entry(for: $0, makeValue: {}) })
    }

    private func intern(_ text: String, in table: inout [String: Int32]) -> Int32 {
        if let id = table[text] { return id }
        let id = Int32(table.count)
        table[text] = id
        return id
    }

    /// The key a form is known by: its normalised words and separators. Two forms with the
    /// same key are the same to the matcher (ignoring case), which is what collision checks compare.
    public static func key(of text: String) -> String {
        words(in: Array(text.utf8)).enumerated().map { $0.offset == 0 ? $0.element.folded : $0.element.separator + $0.element.folded }
            .joined()
    }

    /// Every match in `text`, left to right, never overlapping.
    public func matches(in text: String) -> [Match] {
        matches(inUTF8: Array(text.utf8))
    }

    /// Every match in UTF-8 text, left to right, never overlapping.
    public func matches(inUTF8 text: [UInt8]) -> [Match] {
        guard !isEmpty else { return [] }
        return text.withUnsafeBufferPointer { bytes in
            let words = scan(bytes)
            var result: [Match] = []
            var start = 0
            while start < words.count {
                var node: Int32 = 0
                var best: (entry: String, end: Int)?
                var index = start
                while index < words.count, words[index].id >= 0 {
                    // Separators are normalised only here, inside a possible match (rare).
                    let separator = index == start ? 0
                        : separators[Self.normalisedSeparator(UnsafeBufferPointer(rebasing: bytes[words[index].separatorStart..<words[index].range.lowerBound]))] ?? -1
                    guard let next = edges[Edge(node: node, separator: separator, word: words[index].id)] else { break }
                    node = next
                    if !accepts[Int(node)].isEmpty,
                       let entry = accepted(accepts[Int(node)], words: words[start...index], in: text) { best = (entry, index) }
                    index += 1
                }
                if let best {
                    result.append(Match(range: words[start].range.lowerBound..<words[best.end].range.upperBound, entry: best.entry))
                    start = best.end + 1
                } else {
                    start += 1
                }
            }
            return result
        }
    }

    /// A word of a text being matched: where it is, and its vocabulary id (-1: no form has it,
    /// so no edge can take it).
    private struct ScannedWord {
        var range: Range<Int>
        var separatorStart: Int
        var id: Int32
    }

    /// The text's words with their ids. An ASCII word is folded into a scratch buffer and
    /// looked up by its bytes; any other goes through `Word.folded`'s String.
    private func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> [ScannedWord] {
        var words: [ScannedWord] = []
        var folded: [UInt8] = []
        Self.forEachWord(in: bytes) { range, isASCII, separatorStart in
            let entry: Int?
            if isASCII {
                folded.removeAll(keepingCapacity: true)
                for index in range { folded.append(Self.foldASCII(bytes[index])) }
                entry = folded.withUnsafeBufferPointer { vocabulary.entry(for: $0) }
            } else {
                var word = Self.foldedNonASCII(UnsafeBufferPointer(rebasing: bytes[range]))
                entry = word.withUTF8 { vocabulary.entry(for: $0) }
            }
            words.append(ScannedWord(range: range, separatorStart: separatorStart, id: entry.map(Int32.init) ?? -1))
        }
        return words
    }

    /// The first form ending here whose case-sensitive words are written exactly so; the lowest
    /// entry if several (only possible when glossary entries collide, which is an error).
    private func accepted(_ accepts: [Accept], words: ArraySlice<ScannedWord>, in text: [UInt8]) -> String? {
        var found: String?
        for accept in accepts where found.map({ accept.entry < $0 }) ?? true {
            let base = words.startIndex
            if accept.exactWords.allSatisfy({ Self.exact(words[base + $0.position].range, in: text) == $0.text }) { found = accept.entry }
        }
        return found
    }

    // MARK: Words

    struct Word {
        /// UTF-8 offsets in the text.
        var range: Range<Int>
        /// Lowercased, hyphens unified: what case-insensitive matching compares.
        var folded: String
        /// Separator before this word: " " for whitespace, otherwise the punctuation as written.
        var separator: String

        /// As written, hyphens unified: what case-sensitive words compare. Made only when a
        /// case-sensitive form reaches this word, which is rare.
        func exact(in text: [UInt8]) -> String { TermMatcher.exact(range, in: text) }
    }

    static func exact(_ range: Range<Int>, in text: [UInt8]) -> String {
        unifyingHyphens(String(decoding: text[range], as: UTF8.self))
    }

    /// The words of UTF-8 `text` with their folded forms and separators (for building the trie;
    /// matching uses `scan`, which makes no Strings).
    static func words(in text: [UInt8]) -> [Word] {
        text.withUnsafeBufferPointer { bytes in
            var words: [Word] = []
            forEachWord(in: bytes) { range, isASCII, separatorStart in
                let folded: String
                if isASCII {
                    folded = String(unsafeUninitializedCapacity: range.count) { buffer in
                        for offset in 0..<range.count { buffer[offset] = foldASCII(bytes[range.lowerBound + offset]) }
                        return range.count
                    }
                } else {
                    folded = foldedNonASCII(UnsafeBufferPointer(rebasing: bytes[range]))
                }
                words.append(Word(range: range, folded: folded,
                                  separator: normalisedSeparator(UnsafeBufferPointer(rebasing: bytes[separatorStart..<range.lowerBound]))))
            }
            return words
        }
    }

    /// Calls `body` for each word of UTF-8 `bytes`, in one pass: ASCII is classified byte by
    /// byte (the common case); other scalars are decoded and classified by their Unicode
    /// properties. `separatorStart`: where the text since the previous word began.
    @inline(__always)
    private static func forEachWord(in bytes: UnsafeBufferPointer<UInt8>,
                                    _ body: (_ range: Range<Int>, _ isASCII: Bool, _ separatorStart: Int) -> Void) {
        var index = 0
        var separatorStart = 0
        while index < bytes.count {
            let (first, firstLength) = scalar(at: index, in: bytes)
            guard isWordScalar(first) else {
                index += firstLength
                continue
            }
            let start = index
            var isASCII = true
            while index < bytes.count {
                let (scalar, length) = scalar(at: index, in: bytes)
                if !isWordScalar(scalar) {
                    // A hyphen joins two words into one; anything else ends the word.
                    let after = index + length
                    guard isHyphen(scalar), after < bytes.count, isWordScalar(Self.scalar(at: after, in: bytes).0) else { break }
                }
                if length > 1 { isASCII = false }
                index += length
            }
            body(start..<index, isASCII, separatorStart)
            separatorStart = index
        }
    }

    @inline(__always)
    private static func foldASCII(_ byte: UInt8) -> UInt8 { (0x41...0x5A).contains(byte) ? byte + 0x20 : byte }

    private static func foldedNonASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        unifyingHyphens(String(decoding: bytes, as: UTF8.self)).lowercased()
    }

    /// The scalar starting at `index` of valid UTF-8, and its length in bytes.
    @inline(__always)
    private static func scalar(at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (Unicode.Scalar, Int) {
        let lead = UInt32(bytes[index])
        if lead < 0x80 { return (Unicode.Scalar(UInt8(lead)), 1) }
        func continuation(_ offset: Int) -> UInt32 { UInt32(bytes[index + offset]) & 0x3F }
        let (value, length): (UInt32, Int) =
            lead < 0xE0 ? ((lead & 0x1F) << 6 | continuation(1), 2)
            : lead < 0xF0 ? ((lead & 0x0F) << 12 | continuation(1) << 6 | continuation(2), 3)
            : ((lead & 0x07) << 18 | continuation(1) << 12 | continuation(2) << 6 | continuation(3), 4)
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    static func unifyingHyphens(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "\u{2010}" || $0 == "\u{2011}" }) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { isHyphen($0) ? "-" : $0 }))
    }

    /// " " for whitespace (the common case, checked byte by byte), otherwise the punctuation as
    /// written with each whitespace run as one space and a curly apostrophe as a straight one.
    private static func normalisedSeparator(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D }) { return " " }
        var result = ""
        var lastWasSpace = false
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            if scalar.properties.isWhitespace {
                if !lastWasSpace { result.append(" ") }
                lastWasSpace = true
            } else {
                result.unicodeScalars.append(scalar == "\u{2019}" ? "'" : scalar)
                lastWasSpace = false
            }
        }
        return result == " " ? " " : result
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (0x61...0x7A).contains(value) || (0x41...0x5A).contains(value) || (0x30...0x39).contains(value)
        }
        let properties = scalar.properties
        if properties.isAlphabetic || properties.numericType != nil { return true }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    static func isHyphen(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "-" || scalar == "\u{2010}" || scalar == "\u{2011}"
    }

    /// `CT`, `MRI`, `O2`, `G6PD`, `LOPs`: two or more characters, every letter a capital (a
    /// trailing plural `s` aside), at least one letter.
    static func isAcronym(_ word: String) -> Bool {
        var body = Substring(word)
        if body.count > 2, body.last == "s" { body = body.dropLast() }
        guard body.count >= 2 else { return false }
        var hasLetter = false
        for character in body where character.isLetter {
            guard character.isUppercase else { return false }
            hasLetter = true
        }
        return hasLetter
    }
}
