/// The one definition of "the same word" for search, mirrored by `Public/assets/search.js`:
/// Unicode NFD, combining marks stripped, lowercased; words are runs of letters and digits.
/// Both the index and the reader's query go through it, so `anaesthésie` finds `anaesthesie`.
public enum SearchText {
    /// `Ozone Thérapie` -> `ozone therapie`.
    public static func normalize(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCanonicalMapping.lowercased().unicodeScalars
        where !isMark(scalar) {
            scalars.append(scalar)
        }
        return String(scalars)
    }

    /// The normalised words of `text`, in order, repeats kept. Single letters are dropped (they
    /// carry no meaning alone and a query needs two characters before it searches); single
    /// digits are kept, since "type 2" and "C5" matter in medicine.
    public static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        func flush() {
            if current.count > 1 || (current.count == 1 && current.first!.properties.numericType != nil) {
                words.append(String(current))
            }
            current.removeAll()
        }
        for scalar in normalize(text).unicodeScalars {
            if isWordScalar(scalar) { current.append(scalar) } else { flush() }
        }
        flush()
        return words
    }

    static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// Letters and digits, as JavaScript's `[\p{L}\p{N}]`.
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }
}
