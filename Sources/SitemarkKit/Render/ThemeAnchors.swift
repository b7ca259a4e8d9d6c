/// Links to ids the theme writes rather than the page's headings (`#sources`, `#related`):
/// whether a page has one depends on its template and its data, so they are checked in the
/// rendered page, after the render stage, and a missing one fails the build like a missing
/// heading.
public struct ThemeAnchors: Sendable {
    public struct Link: Sendable, Hashable {
        public var file: String
        public var line: Int
        public var column: Int
        /// Output path of the page linked to, and the id looked for there.
        public var output: String
        public var id: String

        /// The link to check, when the resolver left its fragment to the rendered page.
        init?(_ resolution: LinkResolver.Resolution, resolver: LinkResolver, file: String, line: Int, column: Int) {
            guard let id = resolution.themeAnchor, case .page(let page) = resolution.target else { return nil }
            let output = resolver.pageOutputs[page] ?? URLPath.outputPath(forPage: page)
            (self.file, self.line, self.column, self.output, self.id) = (file, line, column, output, id)
        }
    }

    public var links: [Link]

    /// `html` gives a rendered page's bytes by output path, nil for a path the build did not
    /// render (then the link is not checked); each page is asked for once.
    public func problems(html: (String) -> [UInt8]?) -> [Diagnostic] {
        var pages: [String: [UInt8]?] = [:]  // a page with no bytes is remembered as .some(nil)
        return links.compactMap { link in
            let bytes = pages[link.output] ?? {
                let read = html(link.output)
                pages[link.output] = read
                return read
            }()
            guard let bytes, !Self.contains(bytes, id: link.id) else { return nil }
            return .error("anchor '#\(link.id)' is not on the rendered page \(link.output)", file: link.file,
                          line: link.line, column: link.column,
                          hint: "the theme writes that id only on some pages (for example #sources where a page lists sources); link to a heading instead")
        }
    }

    /// Whether the page has an element with this id: an `id=` attribute (after white space,
    /// its value in double, single or no quotes) whose value is exactly `id`. Read from the
    /// markup as text; a theme writes its ids literally.
    static func contains(_ html: [UInt8], id: String) -> Bool {
        let name = Array("id=".utf8), value = Array(id.utf8)
        var from = html.startIndex
        while let found = html[from...].firstRange(of: name) {
            from = found.upperBound
            guard found.lowerBound > html.startIndex, isSpace(html[found.lowerBound - 1]) else { continue }
            var index = found.upperBound
            let quote = index < html.endIndex && (html[index] == UInt8(ascii: "\"") || html[index] == UInt8(ascii: "'")) ? html[index] : nil
            if quote != nil { index += 1 }
            guard html[index...].starts(with: value) else { continue }
            index += value.count
            guard index < html.endIndex else { return quote == nil }
            let end = html[index]
            if quote.map({ end == $0 }) ?? (isSpace(end) || end == UInt8(ascii: ">") || end == UInt8(ascii: "/")) { return true }
        }
        return false
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C
    }
}
