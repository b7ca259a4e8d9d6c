/// Escaping for text we put into HTML ourselves, and for every `{{variable}}` in templates.
public enum HTML {
    /// Escapes `& < > " '`. Works on UTF-8 bytes, so a quote followed by a combining mark is
    /// still escaped (a `Character` loop sees one grapheme there, not a quote, and lets it through
    /// into an attribute), and text with nothing to escape, the usual case, is returned as is
    /// after one scan, without building a copy.
    public static func escape(_ text: String) -> String {
        let utf8 = text.utf8
        guard let first = utf8.firstIndex(where: needsEscape) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 16)
        bytes.append(contentsOf: utf8[..<first])
        for byte in utf8[first...] {
            if needsEscape(byte) { bytes.append(contentsOf: replacement(byte).utf8) } else { bytes.append(byte) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @inline(__always)
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }

    private static func replacement(_ byte: UInt8) -> String {
        switch byte {
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        case UInt8(ascii: "\""): "&quot;"
        default: "&#39;"
        }
    }
}
