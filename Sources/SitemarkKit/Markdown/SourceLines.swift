/// A text's lines as UTF-8 bytes, numbered from 1 as cmark numbers them (a line ends at LF,
/// CR LF or CR). cmark's block positions index into these; columns are byte columns.
struct SourceLines {
    let bytes: [UInt8]
    private let ranges: [Range<Int>]

    init(_ text: String) {
        self.init(bytes: Array(text.utf8))
    }

    init(bytes: [UInt8]) {
        self.bytes = bytes
        var ranges: [Range<Int>] = []
        var start = 0, index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == ASCII.lineFeed || byte == ASCII.carriageReturn else {
                index += 1
                continue
            }
            ranges.append(start..<index)
            let crlf = byte == ASCII.carriageReturn && index + 1 < bytes.count && bytes[index + 1] == ASCII.lineFeed
            index += crlf ? 2 : 1
            start = index
        }
        if start < bytes.count { ranges.append(start..<bytes.count) }
        self.ranges = ranges
    }

    var count: Int { ranges.count }

    /// The line without its line ending; empty past the end. Indices are offsets into `bytes`.
    subscript(number: Int) -> ArraySlice<UInt8> {
        guard number >= 1, number <= ranges.count else { return bytes[bytes.endIndex...] }
        return bytes[ranges[number - 1]]
    }
}

/// The bytes the Markdown line grammar cares about. Written as literals: `UInt8(ascii:)` made
/// each a lazily initialised global, checked on every use in the table code's byte loops.
enum ASCII {
    static let tab: UInt8 = 0x09
    static let lineFeed: UInt8 = 0x0A
    static let verticalTab: UInt8 = 0x0B
    static let formFeed: UInt8 = 0x0C
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let pipe: UInt8 = 0x7C  // |
    static let backslash: UInt8 = 0x5C  // \
    static let colon: UInt8 = 0x3A  // :
    static let hyphen: UInt8 = 0x2D  // -
    static let greaterThan: UInt8 = 0x3E  // >
    static let lessThan: UInt8 = 0x3C  // <
    static let leftBracket: UInt8 = 0x5B  // [
    static let rightBracket: UInt8 = 0x5D  // ]

    static func isSpaceOrTab(_ byte: UInt8) -> Bool { byte == space || byte == tab }

    /// cmark's `isspace`: space, tab, line feed, vertical tab, form feed, carriage return.
    static func isWhitespace(_ byte: UInt8) -> Bool { byte == space || (tab...carriageReturn).contains(byte) }

    static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }
}

extension ArraySlice where Element == UInt8 {
    /// Without leading and trailing whitespace (cmark's `isspace` set).
    var trimmingWhitespace: ArraySlice<UInt8> {
        var start = startIndex, end = endIndex
        while start < end, ASCII.isWhitespace(self[start]) { start += 1 }
        while end > start, ASCII.isWhitespace(self[end - 1]) { end -= 1 }
        return self[start..<end]
    }

    var droppingLeadingSpacesAndTabs: ArraySlice<UInt8> {
        var start = startIndex
        while start < endIndex, ASCII.isSpaceOrTab(self[start]) { start += 1 }
        return self[start...]
    }
}
