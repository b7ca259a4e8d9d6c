import Testing
@testable import SitemarkKit

@Suite("Readability")
struct ReadabilityTests {
    /// Syllable counts as the CMU pronouncing dictionary gives them (medical terms it lacks and
    /// initialisms counted by hand), for words common in the knowledge base and for the spellings the estimator has rules for (silent -e/-es/-ed/-gue,
    /// split vowel pairs, -le/-re, -sm, initialisms).
    static let words: [(String, Int)] = [
        ("the", 1), ("cat", 1), ("readability", 5), ("syllable", 3), ("table", 2), ("created", 3),
        ("jumped", 1), ("make", 1), ("makes", 1), ("ozone", 2), ("therapy", 3), ("injection", 3),
        ("herniation", 4), ("sciatica", 4), ("inflammation", 4), ("spondylosis", 4), ("procedure", 3), ("procedures", 3),
        ("medical", 3), ("evidence", 3), ("oxygen", 3), ("patients", 2), ("patient", 2), ("studies", 2),
        ("studied", 2), ("serious", 3), ("various", 3), ("previous", 3), ("precious", 2), ("area", 3),
        ("idea", 3), ("real", 1), ("people", 2), ("tissue", 2), ("value", 2), ("true", 1),
        ("whole", 1), ("muscle", 2), ("single", 2), ("able", 2), ("being", 2), ("going", 2),
        ("saying", 2), ("beyond", 2), ("player", 2), ("yes", 1), ("day", 1), ("they", 1),
        ("analysis", 4), ("quality", 3), ("language", 2), ("actual", 3), ("usual", 3), ("nation", 2),
        ("vision", 2), ("million", 2), ("union", 2), ("radio", 3), ("video", 3), ("biology", 4),
        ("period", 3), ("quiet", 2), ("diet", 2), ("anxiety", 4), ("client", 2), ("science", 2),
        ("experience", 4), ("calcium", 3), ("museum", 3), ("earlier", 3), ("easier", 3), ("each", 1),
        ("treat", 1), ("treatment", 2), ("disease", 2), ("diseases", 3), ("increase", 2), ("reason", 2),
        ("create", 2), ("reaction", 3), ("react", 2), ("spasm", 2), ("mechanism", 4), ("safely", 2),
        ("completely", 3), ("movement", 2), ("lives", 1), ("changes", 2), ("places", 2), ("nurses", 2),
        ("causes", 2), ("used", 1), ("caused", 1), ("based", 1), ("treated", 2), ("reported", 3),
        ("needed", 2), ("called", 1), ("followed", 2), ("reviewed", 2), ("these", 1), ("there", 1),
        ("some", 1), ("alone", 2), ("movie", 2), ("continue", 3), ("special", 2), ("partial", 2),
        ("Australian", 3), ("platypus", 3), ("seemingly", 3), ("hybrid", 2), ("mammal", 2), ("reptilian", 3),
        ("creature", 2), ("discectomy", 4), ("anaesthetic", 4), ("vertebra", 3), ("needle", 2), ("pain", 1),
        ("injections", 3), ("surgery", 3), ("risk", 1), ("lumbar", 2), ("cervical", 3), ("every", 3),
        ("because", 2), ("average", 3), ("different", 3), ("about", 2), ("before", 2), ("however", 3),
        ("other", 2), ("usually", 4), ("simple", 2), ("little", 2), ("natural", 3), ("general", 3),
        ("information", 4), ("doctor", 2), ("severe", 2), ("chronic", 2), ("safety", 2), ("mechanisms", 4),
        ("any", 2), ("colleagues", 2), ("anaesthesia", 4), ("centre", 2), ("muscles", 2), ("sometimes", 2),
        ("nucleus", 3), ("fluid", 2), ("antioxidant", 5), ("reach", 1), ("MRI", 3), ("analogue", 3),
        ("something", 2), ("senior", 2), ("ago", 2), ("via", 2), ("are", 1), ("one", 1),
        ("age", 1), ("by", 1), ("there", 1), ("centres", 2), ("ideal", 2), ("ideas", 3), ("areas", 3), ("CT", 2),
        ("Brazilian", 3), ("amnesia", 3), ("ratio", 3), ("radius", 3),
    ]

    @Test("syllables of dictionary words", arguments: words)
    func syllables(word: String, expected: Int) {
        #expect(Readability.syllables(inWord: word) == expected, "\(word)")
    }

    @Test("closing quotes and brackets after a stop still end a sentence", arguments: [
        ("below.)", true), ("\"Stop.\"", true), ("done!]", true), ("[[[x]]]", false), ("e.g.", false), ("K.", false),
        (String(repeating: "[", count: 5000) + "x." + String(repeating: "]", count: 5000), true),
    ])
    func sentenceEnds(token: String, ends: Bool) {
        #expect(Readability.endsSentence(token[...]) == ends)
    }

    @Test func shortCapitalisedWordsAreSpelledOut() {
        #expect(Readability.syllables(inWord: "MRI") == 3)
        #expect(Readability.syllables(inWord: "CT") == 2)
        #expect(Readability.syllables(inWord: "WHO") == 5)
        #expect(Readability.syllables(inWord: "Who") == 1)
    }

    @Test func hyphenatedWordsCountEachPart() {
        #expect(Readability.syllables(inWord: "oxygen-ozone") == 5)
        #expect(Readability.syllables(inWord: "meta-analysis") == 6)
    }

    @Test func shortSentence() throws {
        // 6 words, 6 syllables, 1 sentence: 206.835 − 1.015 × 6 − 84.6 × 1 = 116.145.
        let counts = Readability.count("The cat sat on the mat.")
        #expect(counts == ReadabilityCounts(sentences: 1, words: 6, syllables: 6))
        #expect(abs(try #require(counts.fleschReadingEase) - 116.145) < 0.001)
    }

    @Test func hardSentence() throws {
        // The textbook example of hard prose (Wikipedia, "Flesch–Kincaid readability tests"):
        // 13 words, 24 syllables, 1 sentence, reading ease 37.5.
        let counts = Readability.count("The Australian platypus is seemingly a hybrid of a mammal and reptilian creature.")
        #expect(counts == ReadabilityCounts(sentences: 1, words: 13, syllables: 24))
        #expect(abs(try #require(counts.fleschReadingEase) - 37.455) < 0.001)
    }

    @Test func sentencesEndAtStopsButNotAtAbbreviationsOrInitials() {
        let text = "Dr. Smith saw the cat. It sat on the mat! Did it? Steppan J, Meaders T. A meta-analysis, e.g. of ozone. Yes."
        let counts = Readability.count(text)
        #expect(counts.sentences == 5)
        #expect(counts.words == 22)
    }

    @Test func numbersAreNotWordsAndABlockEndsASentence() {
        let counts = Readability.count("pain that spreads to the leg (2010;21:534-548)")
        #expect(counts.words == 6)
        #expect(counts.sentences == 1)
    }

    @Test func emptyTextHasNoScore() {
        #expect(Readability.count("  12 34 ").fleschReadingEase == nil)
    }

    @Test func pageReadabilityCountsProseOnly() throws {
        let markdown = """
        ---
        title: T
        ---

        ## A heading that is not a sentence

        The cat sat on the mat.

        - A list item
        - Another one.

        ```
        code is not prose at all
        ```
        """
        let page = PageParser(allowRawHTML: false).parse(
            SourceFile(path: "t.md", displayPath: "Pages/t.md", bytes: Array(markdown.utf8)))
        #expect(page.readability.sentences == 3)
        #expect(page.readability.words == 11)
    }
}
