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
    ///
    /// Most text is ASCII, where normalising is only lowercasing; such runs are handled on the
    /// bytes, and only a run holding a non-ASCII character goes through Unicode normalisation.
    public static func words(_ text: String) -> [String] {
        var words: [String] = []
        forEachWord(in: text) { words.append(String(decoding: $0, as: UTF8.self)) }
        return words
    }

    /// `words(_:)` as UTF-8 bytes handed to `body` one by one, with no String made for an
    /// ASCII word (the search index counts every word of the site this way).
    static func forEachWord(in text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var text = text
        var lowered: [UInt8] = []
        text.withUTF8 { bytes in
            var start = 0
            var hasNonASCII = false
            func flush(_ end: Int) {
                guard start < end else { return }
                if hasNonASCII {
                    for word in unicodeWords(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)) {
                        var word = word
                        word.withUTF8(body)
                    }
                } else if end - start > 1 || isASCIIDigit(bytes[start]) {
                    let word = UnsafeBufferPointer(rebasing: bytes[start..<end])
                    guard word.contains(where: isASCIIUppercase) else { return body(word) }  // most words
                    lowered.removeAll(keepingCapacity: true)
                    lowered.append(contentsOf: word)
                    lowered.withUnsafeMutableBufferPointer { buffer in
                        for index in buffer.indices where isASCIIUppercase(buffer[index]) { buffer[index] += 0x20 }
                        body(UnsafeBufferPointer(buffer))
                    }
                }
            }
            for (position, byte) in bytes.enumerated() {
                if byte >= 0x80 { hasNonASCII = true; continue }
                if isASCIIAlphanumeric(byte) { continue }
                flush(position)
                start = position + 1
                hasNonASCII = false
            }
            flush(bytes.count)
        }
    }

    /// `words` for text with non-ASCII characters: normalise, then split.
    static func unicodeWords(_ text: String) -> [String] {
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

    static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    static func isASCIIDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    static func isASCIIUppercase(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }

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
