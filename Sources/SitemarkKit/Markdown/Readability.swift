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
        var counts = ReadabilityCounts()
        var openSentence = false
        for token in text.split(whereSeparator: { $0.isWhitespace || $0 == "\u{2014}" || $0 == "\u{2013}" }) {
            let word = token.drop(while: { !$0.isLetter && !$0.isNumber })
            if word.contains(where: \.isLetter) {
                counts.words += 1
                counts.syllables += syllables(inWord: String(word))
                openSentence = true
            }
            if openSentence && endsSentence(token) {
                counts.sentences += 1
                openSentence = false
            }
        }
        if openSentence { counts.sentences += 1 }
        return counts
    }

    /// Words whose full stop does not end a sentence.
    static let abbreviations: Set<String> = [
        "e.g.", "i.e.", "etc.", "vs.", "al.", "dr.", "mr.", "mrs.", "ms.", "prof.", "st.", "no.", "fig.",
        "approx.", "cf.", "ca.", "vol.", "pp.", "p.", "ed.", "eds.", "inc.", "ltd.", "jr.", "sr.",
    ]

    static func endsSentence(_ token: Substring) -> Bool {
        // Closing quotes and brackets may follow the stop: `(see below.)`, `"Stop."`.
        let core = token.reversed().drop(while: { "\"'\u{201D}\u{2019})]".contains($0) }).reversed()
        guard let last = core.last, last == "." || last == "!" || last == "?" else { return false }
        if last == "." {
            let lower = String(core).lowercased()
            let word = lower.drop(while: { !$0.isLetter })
            if abbreviations.contains(String(word)) { return false }
            // An initial (`K.` in `Murphy K. et al.`) is not the end of a sentence.
            let letters = word.dropLast()
            if letters.count == 1, let initial = core.dropLast().last, initial.isUppercase { return false }
        }
        return true
    }

    /// Syllables of one word (hyphenated words count each part). Never less than 1.
    public static func syllables(inWord word: String) -> Int {
        let parts = word.lowercased().split(whereSeparator: { !$0.isLetter })
        let total = parts.reduce(0) { $0 + syllables(inPart: folded($1)) }
        return max(1, total)
    }

    /// Letters with accents folded to plain a–z (`é` -> `e`), so vowels are recognised.
    private static func folded(_ part: Substring) -> String {
        String(part).applyingTransform(.stripDiacritics, reverse: false) ?? String(part)
    }

    /// One unhyphenated word: vowel groups of the word with its silent ending removed, plus
    /// the vowel pairs that are spoken as two syllables.
    static func syllables(inPart word: String) -> Int {
        let letters = Array(word)
        guard letters.count > 3 else { return letters.isEmpty ? 0 : 1 }
        let stem = Array(withoutSilentEnding(word))
        var count = vowelGroups(stem)
        count += hiatusCount(word)
        if word.hasSuffix("ing"), letters.count > 4, "aeiou".contains(letters[letters.count - 4]) { count += 1 }  // be-ing, go-ing
        if word.hasSuffix("sm") { count += 1 }                                                        // spa-sm, mecha-nism
        for suffix in ["ely", "ement", "eful", "eless", "eness"] where word.hasSuffix(suffix) {
            let e = letters.count - suffix.count        // index of the silent `e`: safely, movement
            if e >= 2, !isVowel(letters[e - 1]), isVowel(letters[e - 2]) { count -= 1 }
        }
        return max(1, count)
    }

    private static func isVowel(_ c: Character) -> Bool { "aeiouy".contains(c) }

    /// Runs of vowels. `y` is a vowel unless a vowel follows it (`yes`, `beyond`, `player`).
    static func vowelGroups(_ letters: [Character]) -> Int {
        var groups = 0
        var inGroup = false
        for (index, c) in letters.enumerated() {
            let next = index + 1 < letters.count ? letters[index + 1] : " "
            let vowel = c == "y" ? (index > 0 && !"aeiou".contains(next)) : "aeiou".contains(c)
            if vowel && !inGroup { groups += 1 }
            inGroup = vowel
        }
        return groups
    }

    /// The word without an ending that adds no syllable: a final `e` (make, injure, tissue),
    /// `-es` after most letters (makes, types) and `-ed` except after `t`/`d` (jumped, used).
    /// A consonant + `le` ending is spoken (ta-ble), and so are `-ses`, `-ches`, `-ges` (cau-ses).
    static func withoutSilentEnding(_ word: String) -> Substring {
        let letters = Array(word)
        let n = letters.count
        let beforeLast2 = n >= 3 ? letters[n - 3] : " "
        if word.hasSuffix("ed"), !"td".contains(beforeLast2), vowelGroups(Array(letters.dropLast(2))) > 0 {
            return word.dropLast(2)
        }
        if word.hasSuffix("es"), !"sxzcgi".contains(beforeLast2), !word.hasSuffix("hes"),
           vowelGroups(Array(letters.dropLast(2))) > 0 {
            return word.dropLast(2)
        }
        if word.hasSuffix("e"), !word.hasSuffix("ee"), !(word.hasSuffix("le") && !isVowel(beforeLast2)),
           vowelGroups(Array(letters.dropLast())) > 0 {
            return word.dropLast()
        }
        return word[...]
    }

    /// Vowel pairs spoken as two syllables, which a vowel-group count merges: bac-te-ri-a,
    /// ra-di-o, vi-de-o, ac-tu-al, flu-o-ro, cli-ent, qui-et, cal-ci-um, mu-se-um, a-re-a.
    /// Not where the pair is one sound: na-tion, vi-sion, pre-cious, spe-cial, qual-i-ty,
    /// lan-guage, peo-ple, pa-tient, mil-lion.
    static func hiatusCount(_ word: String) -> Int {
        let letters = Array(word)
        var count = 0
        for index in 1..<max(1, letters.count - 1) {
            let before = letters[index - 1], a = letters[index], b = letters[index + 1]
            let after = index + 2 < letters.count ? letters[index + 2] : " "
            let rest = String(letters[(index + 2)...])
            switch (a, b) {
            case ("i", "a"):
                if "tcsg".contains(before) && (after == "l" || after == "n") { continue }   // partial, asian, -gian
                count += 1
            case ("i", "o"):
                if "tscxgln".contains(before) { continue }                                 // nation, million, union
                count += 1
            case ("e", "o"):
                if before == "p" || ("gc".contains(before) && "nu".contains(after)) { continue } // people, pigeon, -geous
                count += 1
            case ("u", "a"), ("u", "o"):
                if "gq".contains(before) { continue }                                      // language, quote
                count += 1
            case ("i", "e"):
                if after == "t" { count += 1 }                                            // quiet, diet, anxiety
                else if after == "n" && !"tc".contains(before) { count += 1 }             // client, nutrient
                else if after == "n" && index >= 2 && letters[index - 2] == "s" && before == "c" { count += 1 } // science
                else if after == "r" && rest.count == 1 { count += 1 }                    // earlier, easier
            case ("i", "u"), ("e", "u"):
                if after == "m" && rest.count == 1 { count += 1 }                         // calcium, museum
            case ("e", "a"):
                // `ea` is mostly one sound (each, treat, disease); two at the end (area, idea),
                // in re-act and cre-ate, and in real/ideal.
                if rest.isEmpty || (before == "r" && index == 1) && (after == "c" || after == "l")
                    || (before == "r" && index == 2 && letters[0] == "c" && !rest.hasPrefix("tu")) || (before == "d" && after == "l") { count += 1 }
            default:
                continue
            }
        }
        return count
    }
}

import Foundation
