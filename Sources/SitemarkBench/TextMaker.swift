/// Sentences, paragraphs, lists and tables in the knowledge base's register, with glossary
/// terms mentioned by name, alias or abbreviation, and some inline emphasis and code.
struct TextMaker {
    var random: SeededRandom

    mutating func mention() -> String {
        let term = random.pick(Vocabulary.terms)
        switch random.int(0...5) {
        case 0, 1, 2: return term.term.lowercased()
        case 3, 4: return random.pick(term.aliases)
        default: return term.abbreviation ?? term.term.lowercased()
        }
    }

    mutating func sentence() -> String {
        let subject = random.pick(Vocabulary.subjects), verb = random.pick(Vocabulary.verbs)
        let object = random.pick(Vocabulary.objects), connective = random.pick(Vocabulary.connectives)
        switch random.int(0...6) {
        case 0: return "\(subject) \(verb) \(object) \(connective)."
        case 1: return "\(subject) \(verb) \(object) in people with \(mention())."
        case 2: return "When \(mention()) is involved, \(subject.lowercased()) \(verb) \(object)."
        case 3: return "\(subject) \(verb) how \(mention()) relates to \(mention()) \(connective)."
        case 4: return "Before any \(mention()), \(subject.lowercased()) \(verb) *\(object)*."
        case 5: return "A typical dose is written as `\(random.int(10...40)) µg/ml`, and \(subject.lowercased()) \(verb) \(object)."
        default: return "**\(subject)** \(verb) the link between \(mention()) and \(object) \(connective)."
        }
    }

    mutating func paragraph(sentences: Int) -> String {
        (0..<sentences).map { _ in sentence() }.joined(separator: " ")
    }

    mutating func bulletList(items: Int) -> String {
        (0..<items).map { _ in "- \(random.pick(Vocabulary.listItems)), especially with \(mention());" }.joined(separator: "\n")
    }

    mutating func numberedList(items: Int) -> String {
        (1...items).map { "\($0). \(random.pick(Vocabulary.listItems).capitalizedFirst)." }.joined(separator: "\n")
    }

    mutating func table(rows: Int) -> String {
        var lines = ["| Measure | Before | After one month | After six months |", "| --- | ---: | ---: | ---: |"]
        for _ in 0..<rows {
            let before = random.int(40...90)
            let month = random.int(20...before), later = random.int(10...month)
            lines.append("| \(mention().capitalizedFirst) score | \(before) | \(month) | \(later) |")
        }
        return lines.joined(separator: "\n")
    }

    mutating func source() -> String {
        let authors = ["Rossi A", "Bianchi M", "Steppan J", "Muto M", "Magalhaes FN", "Lopez R", "Chen L", "Okafor B"]
        let journals = ["J Pain Res", "Spine", "Eur Spine J", "Pain Physician", "Int J Rheum Dis"]
        return "\(random.pick(authors)), \(random.pick(authors)). \(sentence().dropLast()). \(random.pick(journals)). "
            + "\(random.int(2005...2025));\(random.int(1...40))(\(random.int(1...12))):\(random.int(100...900))."
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
