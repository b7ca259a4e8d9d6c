/// Turns a file's bytes into text, or says exactly where it stops being UTF-8.
enum TextDecoding {
    /// A content file's text with each lone CR (old Mac line ends) made an LF. CommonMark and
    /// YAML take a lone CR as a line end, but the front-matter split and the position
    /// arithmetic work in LF lines; one byte for one byte, so no position moves. CRLF is kept.
    static func decodeContent(_ bytes: [UInt8], file: String) -> Result<String, Diagnostic> {
        decodeUTF8(bytes, file: file).map { text in
            guard text.utf8.contains(0x0D) else { return text }
            var bytes = Array(text.utf8)
            for index in bytes.indices where bytes[index] == 0x0D && (index + 1 == bytes.count || bytes[index + 1] != 0x0A) {
                bytes[index] = 0x0A
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    static func decodeUTF8(_ bytes: [UInt8], file: String) -> Result<String, Diagnostic> {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }  // byte-order mark
        if let text = String(validating: body, as: UTF8.self) { return .success(text) }

        // Find the first bad byte to name its line and column.
        var line = 1, column = 1
        var index = body.startIndex
        while index < body.endIndex {
            let byte = body[index]
            let length = byte < 0x80 ? 1 : byte >> 5 == 0b110 ? 2 : byte >> 4 == 0b1110 ? 3 : byte >> 3 == 0b11110 ? 4 : 0
            let end = index + length
            if length == 0 || end > body.endIndex || String(validating: body[index..<end], as: UTF8.self) == nil {
                break
            }
            if byte == 0x0A { line += 1; column = 1 } else { column += 1 }
            index = end
        }
        return .failure(.error(
            "the file is not valid UTF-8 (byte 0x\(String(body[min(index, body.endIndex - 1)], radix: 16, uppercase: true)))",
            file: file, line: line, column: column,
            hint: "save the file as UTF-8 in your editor"))
    }
}
