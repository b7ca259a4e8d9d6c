/// Sentence, word and syllable counts of a page's prose, and the Flesch reading ease computed
/// from them. Counted at parse time (each page in parallel) from the text of its paragraphs and
/// list items; headings, code and tables are left out because they are not sentences.
public struct ReadabilityCounts: Sendable, Hashable, Codable {
    public var sentences = 0
    public var words = 0
    public var syllables = 0

    public init(sentences: Int = 0, words: Int = 0, syllables: Int = 0) {
        self.sentences = sentences
        self.words = words
        self.syllables = syllables
    }

    /// Flesch reading ease: 206.835 − 1.015 × (words / sentences) − 84.6 × (syllables / words).
    /// About 60–70 is plain English; below 30 reads like an academic paper. Nil without words.
    public var fleschReadingEase: Double? {
        guard words > 0, sentences > 0 else { return nil }
        return 206.835 - 1.015 * (Double(words) / Double(sentences)) - 84.6 * (Double(syllables) / Double(words))
    }

    public static func + (a: ReadabilityCounts, b: ReadabilityCounts) -> ReadabilityCounts {
        ReadabilityCounts(sentences: a.sentences + b.sentences, words: a.words + b.words, syllables: a.syllables + b.syllables)
    }
}

/// Counts English prose the way readability formulas expect. Syllables are estimated from
/// spelling (vowel groups with corrections for silent and split vowels), as every readability
/// tool without a pronouncing dictionary does; the estimate is right for most everyday words
/// and off by one for some names and loanwords, which moves a page's score by a point or two.
public enum Readability {
    /// Counts one block of prose (a paragraph or a list item). A block always ends a sentence,
    /// so a list item without a full stop still counts as one.
    public static func count(_ text: String) -> ReadabilityCounts {
        var memo = SyllableMemo()
        return count(text, memo: &memo)
    }

    /// What is known of each token seen so far (on a page, or a run of pages the parse stage
    /// gives one memo): its syllables (0: not a word) and whether it ends a sentence. Pages use
    /// a few thousand distinct tokens over and over; working one out costs thousands of
    /// instructions (profiling put readability at 9% of a whole build with a memo per page), so
    /// they are kept by the token's exact bytes, looked up without making a String.
    public struct SyllableMemo {
        struct Token: Equatable {
            var syllables: Int
            var endsSentence: Bool
        }

        private var table = ByteKeyedTable<Token>()

        public init() {}

        /// The token's facts, worked out by `compute` the first time these bytes are seen.
        mutating func token(_ token: UnsafeBufferPointer<UInt8>, compute: () -> Token) -> Token {
            table[table.entry(for: token, makeValue: compute)]
        }
    }

    /// `count(_:)` for the blocks of one page, sharing the page's memo.
    public static func count(_ text: String, memo: inout SyllableMemo) -> ReadabilityCounts {
        var counts = ReadabilityCounts()
        var openSentence = false
        var text = text
        text.withUTF8 { bytes in
            forEachToken(in: bytes) { range in
                let token = memo.token(UnsafeBufferPointer(rebasing: bytes[range])) {
                    // A token this memo has not seen (rare after a page or two): read as a String.
                    let word = Substring(String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self))
                    return SyllableMemo.Token(syllables: hasLetter(word) ? syllables(inWord: word) : 0,
                                              endsSentence: endsSentence(word))
                }
                if token.syllables > 0 {
                    counts.words += 1
                    counts.syllables += token.syllables
                    openSentence = true
                }
                if openSentence && token.endsSentence {
                    counts.sentences += 1
                    openSentence = false
                }
            }
        }
        if openSentence { counts.sentences += 1 }
        return counts
    }

    /// The text split at white space (and no-break spaces) and at em and en dashes, as byte
    /// ranges of its UTF-8: walking Characters (grapheme clusters) would cost several times
    /// more, for every word of the site.
    static func forEachToken(in bytes: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>) -> Void) {
        var start: Int? = nil
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            var separatorLength = 0
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                separatorLength = 1
            } else if byte == 0xE2, count - index >= 3, bytes[index + 1] == 0x80, bytes[index + 2] == 0x93 || bytes[index + 2] == 0x94 {
                separatorLength = 3                                                            // – —
            } else if byte == 0xC2, index + 1 < count, bytes[index + 1] == 0xA0 {
                separatorLength = 2                                                            // no-break space
            }
            if separatorLength > 0 {
                if let tokenStart = start { body(tokenStart..<index) }
                start = nil
                index += separatorLength
            } else {
                if start == nil { start = index }
                index += 1
            }
        }
        if let tokenStart = start { body(tokenStart..<count) }
    }

    /// Whether a token is a word (has a letter), not a number or a mark.
    private static func hasLetter(_ token: Substring) -> Bool {
        if token.utf8.allSatisfy({ $0 < 0x80 }) { return token.utf8.contains { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A } }
        return token.contains(where: \.isLetter)
    }

    /// Words whose full stop does not end a sentence.
    static let abbreviations: Set<String> = [
        "e.g.", "i.e.", "etc.", "vs.", "al.", "dr.", "mr.", "mrs.", "ms.", "prof.", "st.", "no.", "fig.",
        "approx.", "cf.", "ca.", "vol.", "pp.", "p.", "ed.", "eds.", "inc.", "ltd.", "jr.", "sr.",
    ]

    static func endsSentence(_ token: Substring) -> Bool {
        // Most words end in a letter: answer those without looking at characters.
        guard let lastByte = token.utf8.last else { return false }
        switch lastByte {
        case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: "\""), UInt8(ascii: "'"),
             UInt8(ascii: ")"), UInt8(ascii: "]"), 0x80...: break
        default: return false
        }
        // Closing quotes and brackets may follow the stop: `(see below.)`, `"Stop."`.
        // Stepped back with `index(before:)`: `dropLast()` on a Substring measures what is left
        // each time, quadratic for a "word" of thousands of brackets.
        var end = token.endIndex
        while end > token.startIndex, "\"'\u{201D}\u{2019})]".contains(token[token.index(before: end)]) {
            end = token.index(before: end)
        }
        let core = token[..<end]
        guard let last = core.last, last == "." || last == "!" || last == "?" else { return false }
        if last == "." {
            let word = core.drop(while: { !$0.isLetter })
            if word.count <= 8, abbreviations.contains(word.lowercased()) { return false }
            // An initial (`K.` in `Murphy K. et al.`) is not the end of a sentence.
            if word.count == 2, let initial = word.first, initial.isUppercase { return false }
        }
        return true
    }

    /// Syllables of one word (hyphenated words count each part). Never less than 1.
    public static func syllables<S: StringProtocol>(inWord word: S) -> Int {
        var total = 0
        if word.utf8.allSatisfy({ $0 < 0x80 }) {
            // Plain ASCII, the common case: split into letter runs without making strings.
            var part: [UInt8] = []
            part.reserveCapacity(word.utf8.count)
            var capitals = 0
            func finishPart() {
                // A short all-capitals word is an initialism, spelled out: MRI, CT, NHS.
                if (2...4).contains(part.count) && capitals == part.count {
                    total += part.reduce(0) { $0 + ($1 == UInt8(ascii: "w") ? 3 : 1) }
                } else {
                    total += syllables(inPart: Letters(bytes: part[...]))
                }
                part.removeAll(keepingCapacity: true)
                capitals = 0
            }
            for byte in word.utf8 {
                let lower = byte | 0x20
                if lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z") {
                    part.append(lower)
                    if byte != lower { capitals += 1 }
                } else if !part.isEmpty {
                    finishPart()
                }
            }
            if !part.isEmpty { finishPart() }
        } else {
            for part in word.lowercased().split(whereSeparator: { !$0.isLetter }) {
                total += syllables(inPart: Letters(bytes: Array(folded(part).utf8)[...]))
            }
        }
        return max(1, total)
    }

    /// Letters with accents folded to plain a–z (`é` -> `e`), so vowels are recognised.
    private static func folded(_ part: Substring) -> String {
        String(part).applyingTransform(.stripDiacritics, reverse: false) ?? String(part)
    }

    /// A lowercase word as ASCII bytes (letters outside a–z count as consonants), so the
    /// rules below index and compare without allocating: this runs for every word of the site.
    struct Letters {
        let bytes: ArraySlice<UInt8>
        init(bytes: ArraySlice<UInt8>) { self.bytes = bytes }

        var count: Int { bytes.count }
        /// The letter at `index` from the start; a space outside the word.
        subscript(index: Int) -> UInt8 {
            index >= 0 && index < bytes.count ? bytes[bytes.startIndex + index] : UInt8(ascii: " ")
        }
        func hasSuffix(_ suffix: StaticString) -> Bool {
            // An index loop: the generic `suffix(_:).elementsEqual(_:)` was 5% of a whole build.
            let length = suffix.utf8CodeUnitCount
            guard bytes.count >= length else { return false }
            let start = bytes.endIndex - length
            for offset in 0..<length where bytes[start + offset] != suffix.utf8Start[offset] { return false }
            return true
        }
        func dropLast(_ k: Int) -> Letters { Letters(bytes: bytes.dropLast(k)) }
    }

    private static func byte(_ c: Unicode.Scalar) -> UInt8 { UInt8(ascii: c) }
    /// Two letters as one number, for switching over vowel pairs.
    private static func pair(_ a: UInt8, _ b: UInt8) -> UInt16 { UInt16(a) << 8 | UInt16(b) }
    private static func pair(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> UInt16 { pair(UInt8(ascii: a), UInt8(ascii: b)) }
    private static func isIn(_ c: UInt8, _ set: StaticString) -> Bool {
        UnsafeBufferPointer(start: set.utf8Start, count: set.utf8CodeUnitCount).contains(c)
    }
    private static func isVowel(_ c: UInt8) -> Bool { isIn(c, "aeiouy") }

    /// One unhyphenated word: vowel groups of the word with its silent ending removed, plus
    /// the vowel pairs that are spoken as two syllables.
    static func syllables(inPart word: Letters) -> Int {
        let n = word.count
        guard n > 0 else { return 0 }
        var count = vowelGroups(withoutSilentEnding(word))
        count += hiatusCount(word)
        if word.hasSuffix("ing"), n > 4, isIn(word[n - 4], "aeiou") { count += 1 }   // be-ing, go-ing
        if word.hasSuffix("sm") || word.hasSuffix("sms") { count += 1 }              // spa-sm, mecha-nisms
        if n > 5, word[0] == byte("s"), word[1] == byte("o"), word[2] == byte("m"), word[3] == byte("e") {
            count -= 1                                                                // some-times, some-thing
        }
        // A silent `e` before a suffix: safely, movement, careful, hopeless, lateness, safety.
        if word.hasSuffix("ly") || word.hasSuffix("ent") || word.hasSuffix("ful") || word.hasSuffix("ess") || word.hasSuffix("ety") {
            for (suffix, length) in silentESuffixes where word.hasSuffix(suffix) {
                let e = n - length
                if e >= 2, !isVowel(word[e - 1]), isVowel(word[e - 2]) { count -= 1 }
            }
        }
        return max(1, count)
    }

    private static let silentESuffixes: [(StaticString, Int)] = [("ely", 3), ("ement", 5), ("eful", 4), ("eless", 5), ("eness", 5), ("ety", 3)]

    /// Runs of vowels. `y` is a vowel unless a vowel follows it (`yes`, `beyond`, `player`).
    static func vowelGroups(_ word: Letters) -> Int {
        var groups = 0
        var inGroup = false
        for index in 0..<word.count {
            let c = word[index]
            let vowel = c == byte("y") ? (index > 0 && !isIn(word[index + 1], "aeiou")) : isIn(c, "aeiou")
            if vowel && !inGroup { groups += 1 }
            inGroup = vowel
        }
        return groups
    }

    /// The word without an ending that adds no syllable: a final `e` (make, injure, tissue),
    /// `-es` after most letters (makes, types), `-ed` except after `t`/`d` (jumped, used), and
    /// `-ue(s)` after `g` (league, colleagues). A consonant + `le`/`re` ending is spoken
    /// (ta-ble, cen-tre), and so are `-ses`, `-ches`, `-ges` (cau-ses).
    static func withoutSilentEnding(_ word: Letters) -> Letters {
        let n = word.count
        let beforeLast2 = word[n - 3]
        /// Consonant + `le`/`re` starting at `index`: ta-ble, cen-tre, mus-cles.
        func spokenE(_ index: Int) -> Bool {
            (word[index] == byte("l") || word[index] == byte("r")) && !isVowel(word[index - 1])
        }
        if n > 4, word.hasSuffix("gues") || word.hasSuffix("gue"), vowelGroups(word.dropLast(word.hasSuffix("s") ? 3 : 2)) > 0 {
            return word.dropLast(word.hasSuffix("s") ? 3 : 2)
        }
        if word.hasSuffix("ed"), !isIn(beforeLast2, "td"), vowelGroups(word.dropLast(2)) > 0 {
            return word.dropLast(2)
        }
        if word.hasSuffix("es"), !isIn(beforeLast2, "sxzcgi"), !word.hasSuffix("hes"), !(n >= 4 && spokenE(n - 3)),
           vowelGroups(word.dropLast(2)) > 0 {
            return word.dropLast(2)
        }
        if word.hasSuffix("e"), !word.hasSuffix("ee"), !(n >= 3 && spokenE(n - 2)), vowelGroups(word.dropLast(1)) > 0 {
            return word.dropLast(1)
        }
        return word
    }

    /// Vowel pairs spoken as two syllables, which a vowel-group count merges: bac-te-ri-a,
    /// ra-di-o, vi-de-o, ac-tu-al, flu-o-ro, cli-ent, qui-et, cal-ci-um, mu-se-um, a-re-a.
    /// Not where the pair is one sound: na-tion, vi-sion, pre-cious, spe-cial, qual-i-ty,
    /// lan-guage, peo-ple, pa-tient, mil-lion.
    static func hiatusCount(_ word: Letters) -> Int {
        let n = word.count
        var count = 0
        for index in 1..<max(1, n - 1) {
            let before = word[index - 1], after = word[index + 2]
            let restCount = n - index - 2        // letters after the pair
            switch pair(word[index], word[index + 1]) {
            case pair("i", "a"):
                if isIn(before, "tcsgl") && (isIn(after, "ln") || restCount == 0) { continue } // partial, Asian, Brazilian, amnesia
                count += 1
            case pair("i", "o"):
                if isIn(before, "tscxg") && isIn(after, "nu") || isIn(before, "ln") { continue } // nation, anxious, million, senior
                count += 1
            case pair("u", "i"):
                if isIn(before, "lr") && isIn(after, "dn") { count += 1 }                   // flu-id, ru-in
            case pair("e", "o"):
                if before == byte("p") || (isIn(before, "gc") && isIn(after, "nu")) { continue } // people, pigeon, -geous
                count += 1
            case pair("u", "a"), pair("u", "o"):
                if isIn(before, "gq") { continue }                                       // language, quote
                count += 1
            case pair("i", "e"):
                if after == byte("t") { count += 1 }                                     // quiet, diet, anxiety
                else if after == byte("n") && !isIn(before, "tc") { count += 1 }         // client, nutrient
                else if after == byte("n") && before == byte("c") && word[index - 2] == byte("s") { count += 1 } // science
                else if after == byte("r") && restCount == 1 { count += 1 }              // earlier, easier
            case pair("i", "u"), pair("e", "u"):
                if isIn(after, "ms") && restCount == 1 { count += 1 }                    // calcium, museum, nucleus
            case pair("e", "a"):
                // `ea` is mostly one sound (each, treat, disease); two at the end (area, ideas),
                // and in re-act and cre-ate (not crea-ture).
                let reAct = before == byte("r") && index == 1 && after == byte("c") && word[index + 3] == byte("t")
                let create = before == byte("r") && index == 2 && word[0] == byte("c")
                    && !(after == byte("t") && word[index + 3] == byte("u"))
                if restCount == 0 || (restCount == 1 && after == byte("s")) || reAct || create { count += 1 }
            default:
                continue
            }
        }
        return count
    }
}

import Foundation
