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
    public struct Form: Sendable, Hashable {
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

    /// A match in a text: its range and the entry it names.
    public struct Match: Sendable, Hashable {
        public var range: Range<String.Index>
        public var entry: String
    }

    private struct EdgeKey: Hashable {
        /// Normalised separator before the word ("" for the first word of a form).
        var separator: String
        var word: String
    }

    private struct Accept: Sendable {
        var entry: String
        /// Word positions (0-based within the form) that must appear exactly as written.
        var exactWords: [(position: Int, text: String)]
    }

    private struct Node: Sendable {
        var children: [EdgeKey: Int] = [:]
        var accepts: [Accept] = []
    }

    private var nodes: [Node] = [Node()]
    public private(set) var formCount = 0

    public init(forms: [Form]) {
        for form in forms { insert(form) }
    }

    public var isEmpty: Bool { formCount == 0 }

    private mutating func insert(_ form: Form) {
        let words = Self.words(in: form.text)
        guard !words.isEmpty else { return }
        var node = 0
        var exact: [(Int, String)] = []
        for (position, word) in words.enumerated() {
            let key = EdgeKey(separator: position == 0 ? "" : word.separator, word: word.folded)
            if let next = nodes[node].children[key] {
                node = next
            } else {
                nodes.append(Node())
                nodes[node].children[key] = nodes.count - 1
                node = nodes.count - 1
            }
            if form.isAbbreviation || Self.isAcronym(word.exact) { exact.append((position, word.exact)) }
        }
        nodes[node].accepts.append(Accept(entry: form.entry, exactWords: exact))
        formCount += 1
    }

    /// The key a form is known by: its normalised words and separators. Two forms with the
    /// same key are the same to the matcher (ignoring case), which is what collision checks compare.
    public static func key(of text: String) -> String {
        words(in: text).enumerated().map { $0.offset == 0 ? $0.element.folded : $0.element.separator + $0.element.folded }
            .joined()
    }

    /// Every match in `text`, left to right, never overlapping.
    public func matches(in text: String) -> [Match] {
        guard !isEmpty else { return [] }
        let words = Self.words(in: text)
        var result: [Match] = []
        var start = 0
        while start < words.count {
            var node = 0
            var best: (entry: String, end: Int)?
            var index = start
            while index < words.count {
                let key = EdgeKey(separator: index == start ? "" : words[index].separator, word: words[index].folded)
                guard let next = nodes[node].children[key] else { break }
                node = next
                if let entry = accepted(nodes[node].accepts, words: words[start...index]) { best = (entry, index) }
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

    /// The first form ending here whose case-sensitive words are written exactly so; the lowest
    /// entry if several (only possible when glossary entries collide, which is an error).
    private func accepted(_ accepts: [Accept], words: ArraySlice<Word>) -> String? {
        var found: String?
        for accept in accepts where found.map({ accept.entry < $0 }) ?? true {
            let base = words.startIndex
            if accept.exactWords.allSatisfy({ words[base + $0.position].exact == $0.text }) { found = accept.entry }
        }
        return found
    }

    // MARK: Words

    struct Word {
        var range: Range<String.Index>
        /// As written, hyphens unified: what case-sensitive words compare.
        var exact: String
        /// `exact` lowercased: what case-insensitive matching compares.
        var folded: String
        /// Separator before this word: " " for whitespace, otherwise the punctuation as written.
        var separator: String
    }

    static func words(in text: String) -> [Word] {
        var words: [Word] = []
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        var separatorStart = index
        while index < scalars.endIndex {
            guard isWordScalar(scalars[index]) else {
                index = scalars.index(after: index)
                continue
            }
            let start = index
            var otherHyphens = false
            while index < scalars.endIndex {
                let scalar = scalars[index]
                if !isWordScalar(scalar) {
                    // A hyphen joins two words into one; anything else ends the word.
                    let after = scalars.index(after: index)
                    guard isHyphen(scalar), after < scalars.endIndex, isWordScalar(scalars[after]) else { break }
                    otherHyphens = otherHyphens || scalar != "-"
                }
                index = scalars.index(after: index)
            }
            var exact = String(text[start..<index])
            if otherHyphens { exact = String(exact.map { $0 == "\u{2010}" || $0 == "\u{2011}" ? "-" : $0 }) }
            words.append(Word(range: start..<index, exact: exact, folded: exact.lowercased(),
                              separator: normalisedSeparator(text[separatorStart..<start])))
            separatorStart = index
        }
        return words
    }

    private static func normalisedSeparator(_ text: Substring) -> String {
        if text.allSatisfy(\.isWhitespace) { return " " }
        var result = ""
        var lastWasSpace = false
        for character in text {
            if character.isWhitespace {
                if !lastWasSpace { result.append(" ") }
                lastWasSpace = true
            } else {
                result.append(character == "\u{2019}" ? "'" : character)
                lastWasSpace = false
            }
        }
        return result
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

    private static func isHyphen(_ scalar: Unicode.Scalar) -> Bool {
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
