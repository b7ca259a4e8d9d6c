/// The line grammar of GitHub-Flavored-Markdown pipe tables, as cmark-gfm's table extension
/// reads it: rows, the delimiter row, and the lines that start another block (which end a
/// table). Lines are UTF-8 bytes without their line ending.
enum PipeTableSyntax {
    enum Alignment: Sendable, Equatable {
        case none, left, center, right
    }

    /// Where a cell's text is, trimmed, as written (`\|` becomes `|` when it is parsed): a
    /// range of the parsed text's bytes, which also gives the cell's position.
    typealias Cell = Range<Int>

    /// The cells of a row: `|`-separated, a leading and a trailing pipe optional, `\|` is a
    /// pipe inside a cell. Nil when the line has no cell at all (a lone `|`).
    static func row(_ line: ArraySlice<UInt8>) -> [Cell]? {
        var index = line.startIndex
        let end = line.endIndex
        func skipWhitespace() { while index < end, ASCII.isWhitespace(line[index]) { index += 1 } }
        skipWhitespace()
        if index < end, line[index] == ASCII.pipe {
            index += 1
            skipWhitespace()
        }
        var cells: [Cell] = []
        while index < end {
            let cellStart = index
            while index < end, line[index] != ASCII.pipe {
                let escapedPipe = line[index] == ASCII.backslash && index + 1 < end && line[index + 1] == ASCII.pipe
                index += escapedPipe ? 2 : 1
            }
            let content = line[cellStart..<index].trimmingWhitespace
            let endsWithPipe = index < end
            if endsWithPipe || !content.isEmpty || index > cellStart {
                cells.append(content.startIndex..<content.endIndex)
            }
            guard endsWithPipe else { break }
            index += 1
            skipWhitespace()
        }
        return cells.isEmpty ? nil : cells
    }

    /// The alignments of a delimiter row (`| :-- | :-: | --: |`), one per column; nil when the
    /// line is not one.
    static func delimiterRow(_ line: ArraySlice<UInt8>) -> [Alignment]? {
        var body = line.trimmingWhitespace
        guard !body.isEmpty else { return nil }
        if body.first == ASCII.pipe { body = body.dropFirst() }
        if body.last == ASCII.pipe { body = body.dropLast() }
        guard !body.isEmpty else { return nil }
        var alignments: [Alignment] = []
        var partStart = body.startIndex
        while partStart <= body.endIndex {
            let partEnd = body[partStart...].firstIndex(of: ASCII.pipe) ?? body.endIndex
            var marker = body[partStart..<partEnd].trimmingWhitespace
            let left = marker.first == ASCII.colon
            let right = marker.count > 1 && marker.last == ASCII.colon
            if left { marker = marker.dropFirst() }
            if right { marker = marker.dropLast() }
            guard !marker.isEmpty, marker.allSatisfy({ $0 == ASCII.hyphen }) else { return nil }
            alignments.append(left && right ? .center : left ? .left : right ? .right : .none)
            partStart = partEnd + 1
        }
        return alignments
    }

    /// Would this line open a block of its own where no paragraph is open (which is the case
    /// inside a table)? Such a line ends the table. cmark already ends a paragraph at the
    /// blocks that may interrupt one; the ones that matter here are those that may not:
    /// indented code, an ordered list not starting at 1, an empty list item, an HTML block of
    /// kind 7, and a setext underline that is also a thematic break.
    static func startsBlock(_ line: ContentLine) -> Bool {
        if line.indent >= 4 { return true }
        let text = line.content
        guard let first = text.first else { return false }
        switch first {
        case ASCII.greaterThan: return true
        case UInt8(ascii: "#"): return isATXHeading(text)
        case UInt8(ascii: "`"), UInt8(ascii: "~"): return isFence(text)
        case ASCII.lessThan: return HTMLBlockStart.isCompleteTagLine(text)
        default: return isThematicBreak(text) || isListItem(text)
        }
    }

    /// Text that cmark's inline parser would keep as one text node, unchanged: no backslash,
    /// code, emphasis, link, image, autolink, HTML, entity or line-break syntax, and nothing a
    /// parser repairs (NUL, carriage return).
    static func isPlainText(_ text: ArraySlice<UInt8>) -> Bool {
        !text.contains { plainTextBreakers[Int($0)] }
    }

    private static let plainTextBreakers: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in Array("\\`*_[]!<&|\0\r\n".utf8) { table[Int(byte)] = true }
        return table
    }()

    /// A setext heading's underline: `=`s or `-`s only, indented less than 4 columns.
    static func isSetextUnderline(_ line: ContentLine) -> Bool {
        !line.isLazy && line.indent < 4 && isUnderlineText(line.content)
    }

    /// `=`s or `-`s only (trailing whitespace allowed).
    static func isUnderlineText(_ content: ArraySlice<UInt8>) -> Bool {
        var text = content
        while let last = text.last, ASCII.isWhitespace(last) { text = text.dropLast() }
        guard let mark = text.first, mark == UInt8(ascii: "=") || mark == ASCII.hyphen else { return false }
        return text.allSatisfy { $0 == mark }
    }

    /// Appends `text` with `\|` turned into `|` (every other backslash stays for the inline
    /// parser), as cmark-gfm does before parsing a cell.
    static func appendUnescapingPipes(_ text: ArraySlice<UInt8>, to result: inout [UInt8]) {
        guard text.contains(ASCII.backslash) else {
            result.append(contentsOf: text)
            return
        }
        var index = text.startIndex
        while index < text.endIndex {
            if text[index] == ASCII.backslash, index + 1 < text.endIndex, text[index + 1] == ASCII.pipe {
                index += 1
            }
            result.append(text[index])
            index += 1
        }
    }

    private static func isATXHeading(_ text: ArraySlice<UInt8>) -> Bool {
        let hashes = text.prefix { $0 == UInt8(ascii: "#") }.count
        guard (1...6).contains(hashes) else { return false }
        let after = text.dropFirst(hashes)
        return after.first.map(ASCII.isSpaceOrTab) ?? true
    }

    private static func isFence(_ text: ArraySlice<UInt8>) -> Bool {
        guard let mark = text.first else { return false }
        let run = text.prefix { $0 == mark }.count
        return run >= 3 && (mark != UInt8(ascii: "`") || !text.dropFirst(run).contains(mark))
    }

    private static func isThematicBreak(_ text: ArraySlice<UInt8>) -> Bool {
        guard let mark = text.first, [ASCII.hyphen, UInt8(ascii: "*"), UInt8(ascii: "_")].contains(mark) else { return false }
        var count = 0
        for byte in text {
            if byte == mark { count += 1 } else if !ASCII.isSpaceOrTab(byte) { return false }
        }
        return count >= 3
    }

    private static func isListItem(_ text: ArraySlice<UInt8>) -> Bool {
        var index = text.startIndex
        if [ASCII.hyphen, UInt8(ascii: "+"), UInt8(ascii: "*")].contains(text[index]) {
            index += 1
        } else {
            while index < text.endIndex, ASCII.isDigit(text[index]), index - text.startIndex < 9 { index += 1 }
            guard index > text.startIndex, index < text.endIndex,
                  text[index] == UInt8(ascii: ".") || text[index] == UInt8(ascii: ")") else { return false }
            index += 1
        }
        return index == text.endIndex || ASCII.isSpaceOrTab(text[index])
    }
}

/// CommonMark's HTML block of kind 7: a line holding only one complete opening or closing tag
/// (other than `script`, `style`, `pre` and `textarea`, which start kind 1).
enum HTMLBlockStart {
    static func isCompleteTagLine(_ text: ArraySlice<UInt8>) -> Bool {
        var scanner = Scanner(text: text)
        guard scanner.take(ASCII.lessThan) else { return false }
        let closing = scanner.take(UInt8(ascii: "/"))
        guard let name = scanner.tagName(), !["script", "style", "pre", "textarea"].contains(name) else { return false }
        if closing {
            scanner.skipWhitespace()
        } else {
            while scanner.attribute() {}
            scanner.skipWhitespace()
            _ = scanner.take(UInt8(ascii: "/"))
        }
        guard scanner.take(ASCII.greaterThan) else { return false }
        scanner.skipWhitespace()
        return scanner.atEnd
    }

    private struct Scanner {
        let text: ArraySlice<UInt8>
        var index: Int

        init(text: ArraySlice<UInt8>) {
            self.text = text
            index = text.startIndex
        }

        var atEnd: Bool { index >= text.endIndex }
        var current: UInt8? { atEnd ? nil : text[index] }

        mutating func take(_ byte: UInt8) -> Bool {
            guard current == byte else { return false }
            index += 1
            return true
        }

        @discardableResult
        mutating func skipWhitespace() -> Bool {
            let start = index
            while let byte = current, ASCII.isWhitespace(byte) { index += 1 }
            return index > start
        }

        /// A tag name, lowercased: a letter, then letters, digits and hyphens.
        mutating func tagName() -> String? {
            guard let first = current, ASCII.isLetter(first) else { return nil }
            let start = index
            while let byte = current, ASCII.isLetter(byte) || ASCII.isDigit(byte) || byte == ASCII.hyphen { index += 1 }
            return String(decoding: text[start..<index], as: UTF8.self).lowercased()
        }

        /// ` name`, ` name=value`, ` name='value'` or ` name="value"`; the cursor stays put when
        /// there is none.
        mutating func attribute() -> Bool {
            let start = index
            guard skipWhitespace(), let first = current,
                  ASCII.isLetter(first) || first == UInt8(ascii: "_") || first == ASCII.colon else {
                index = start
                return false
            }
            while let byte = current, ASCII.isLetter(byte) || ASCII.isDigit(byte) || "_.:-".utf8.contains(byte) { index += 1 }
            let beforeValue = index
            skipWhitespace()
            guard take(UInt8(ascii: "=")) else {
                index = beforeValue
                return true
            }
            skipWhitespace()
            guard let opening = current else { index = start; return false }
            if opening == UInt8(ascii: "\"") || opening == UInt8(ascii: "'") {
                index += 1
                while let byte = current, byte != opening { index += 1 }
                guard take(opening) else { index = start; return false }
            } else {
                let valueStart = index
                while let byte = current, !ASCII.isWhitespace(byte), !"\"'=<>`".utf8.contains(byte) { index += 1 }
                guard index > valueStart else { index = start; return false }
            }
            return true
        }
    }
}
