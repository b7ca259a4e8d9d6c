/// Escaping for text we put into XML (sitemap, feed) ourselves.
public enum XML {
    /// Escapes markup characters and drops characters XML 1.0 cannot carry at all (control
    /// characters other than tab, line feed and carriage return), so the document always parses.
    public static func escape(_ text: String) -> String {
        text.replacingScalars { scalar in
            switch scalar {
            case "&": return "&amp;"
            case "<": return "&lt;"
            case ">": return "&gt;"
            case "\"": return "&quot;"
            case "'": return "&apos;"
            case "\t", "\n", "\r": return nil
            default:
                return scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) ? "" : nil
            }
        }
    }
}

extension String {
    /// The text with each Unicode scalar for which `replacement` returns a string replaced by
    /// it (`""` drops the scalar); scalars it returns nil for are kept. Behind the XML and
    /// JSON-LD escaping; `HTML.escape`, on every page's hot path, has a byte loop of its own.
    func replacingScalars(_ replacement: (Unicode.Scalar) -> String?) -> String {
        // Only ASCII scalars are replaced when the text is ASCII: often nothing is, and then the
        // text is returned after one pass over its bytes.
        if utf8.allSatisfy({ $0 < 0x80 }), !utf8.contains(where: { replacement(Unicode.Scalar($0)) != nil }) { return self }
        var result = ""
        result.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            if let replaced = replacement(scalar) { result += replaced } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }
}
