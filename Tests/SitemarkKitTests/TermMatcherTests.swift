import Testing
@testable import SitemarkKit

@Suite("Term matcher")
struct TermMatcherTests {
    /// The matched text and entry of every match, in order.
    func found(_ text: String, _ forms: [TermMatcher.Form]) -> [String] {
        TermMatcher(forms: forms).matches(in: text).map { "\($0.text(in: text))=\($0.entry)" }
    }

    func form(_ entry: String, _ text: String, abbreviation: Bool = false) -> TermMatcher.Form {
        TermMatcher.Form(entry: entry, text: text, isAbbreviation: abbreviation)
    }

    var discForms: [TermMatcher.Form] {
        [form("disc", "disc"), form("herniation", "disc herniation"), form("lumbar", "lumbar disc herniation")]
    }

    @Test("the longest form starting at a word wins, and matches never overlap")
    func longestMatch() {
        #expect(found("A lumbar disc herniation, a disc herniation, a disc.", discForms)
            == ["lumbar disc herniation=lumbar", "disc herniation=herniation", "disc=disc"])
        // The longer form fails part-way: the shorter one still matches.
        #expect(found("lumbar disc pain", discForms) == ["disc=disc"])
    }

    @Test("whole words only: no match inside a word or a hyphenated compound; an apostrophe ends a word")
    func wholeWords() {
        #expect(found("discectomy subdisc disc-shaped discs", discForms).isEmpty)
        #expect(found("the disc's centre", discForms) == ["disc=disc"])
        #expect(found("oxygen-ozone mixture, not ozone-free", [form("o3", "ozone"), form("mix", "oxygen-ozone mixture")])
            == ["oxygen-ozone mixture=mix"])
    }

    @Test("words of a form must be separated as written: whitespace and line breaks are a space, punctuation is not")
    func separators() {
        #expect(found("disc\nherniation", discForms) == ["disc\nherniation=herniation"])
        #expect(found("disc.  Herniation", discForms) == ["disc=disc"])
        #expect(found("Crohn\u{2019}s disease", [form("c", "Crohn's disease")]) == ["Crohn\u{2019}s disease=c"])
    }

    @Test("terms and aliases match in any letter case")
    func caseInsensitive() {
        #expect(found("OZONE, Ozone and ozone", [form("o", "Ozone")]) == ["OZONE=o", "Ozone=o", "ozone=o"])
    }

    @Test("an abbreviation matches only as written, never an ordinary lowercase word")
    func abbreviationsAreCaseSensitive() {
        let forms = [form("ct", "CT", abbreviation: true), form("ci", "CI", abbreviation: true)]
        #expect(found("act, ct, Ct, CT, ci, Ci, CI, CTs", forms) == ["CT=ct", "CI=ci"])
    }

    @Test("acronym words inside aliases match as written; other words of the alias ignore case")
    func acronymWordsInAliases() {
        let forms = [form("ct", "CT scan"), form("lop", "LOPs"), form("mac", "MacNab scale")]
        #expect(found("CT scan, CT Scan, ct scan, lops, LOPs, Macnab scale", forms)
            == ["CT scan=ct", "CT Scan=ct", "LOPs=lop", "Macnab scale=mac"])
        #expect(TermMatcher.isAcronym("CT") && TermMatcher.isAcronym("O2") && TermMatcher.isAcronym("LOPs")
            && TermMatcher.isAcronym("G6PD"))
        #expect(!TermMatcher.isAcronym("X") && !TermMatcher.isAcronym("Ozone") && !TermMatcher.isAcronym("MacNab"))
    }

    @Test("non-ASCII letters are word characters; the key ignores case and unifies hyphens and spaces")
    func unicode() {
        #expect(found("œdème, anaesthésie", [form("a", "anaesthésie")]) == ["anaesthésie=a"])
        #expect(TermMatcher.key(of: "Disc  Herniation") == TermMatcher.key(of: "disc herniation"))
        #expect(TermMatcher.key(of: "double\u{2010}blind") == TermMatcher.key(of: "Double-blind"))
    }
}
