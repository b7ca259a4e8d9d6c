import Foundation
@testable import SitemarkKit

/// A project with the shipped theme, built once: a fixture's `Pages/` or the repository's own.
struct BuiltSite {
    let project: FixtureProject
    let report: BuildReport

    var output: URL { project.output }

    /// `pages`: the folder copied as `Pages/`; `edit` may change its files before the build.
    init(pages: URL, edit: (URL) throws -> Void = { _ in }) throws {
        project = try FixtureProject.withShippedTheme(pages: pages)
        try edit(project.root.appendingPathComponent("Pages"))
        report = project.build(today: "2026-11-21")
    }

    func html(_ path: String) throws -> String {
        try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
    }

    /// Every `.html` file written, by output path.
    func htmlFiles() -> [String] {
        SourceTree.listFiles(under: output).map(\.0).filter { $0.hasSuffix(".html") }
    }

    func remove() { project.cleanUp() }
}

/// Small, dependable readings of the HTML Sitemark writes (its own markup, one element per line
/// in the templates), enough to compare what a page shows with what the sources say.
enum HTMLReading {
    /// Every `id="…"` value, in order.
    static func ids(in html: String) -> [String] {
        captures(#"\sid="([^"]*)""#, in: html)
    }

    /// The `href` values of the links inside the `<section …aria-labelledby="ID">` block.
    static func sectionLinks(labelledBy id: String, in html: String) -> [String] {
        guard let start = html.range(of: "aria-labelledby=\"\(id)\">"),
              let end = html.range(of: "</section>", range: start.upperBound..<html.endIndex) else { return [] }
        return captures(#"<a href="([^"]*)""#, in: String(html[start.upperBound..<end.lowerBound]))
    }

    /// The glossary index's entries: slug -> the HTML from its `<dt>` to the next one.
    static func indexEntries(in html: String) -> [(slug: String, html: String)] {
        let parts = html.components(separatedBy: "<dt id=\"").dropFirst()
        return parts.map { part in
            let slug = String(part.prefix { $0 != "\"" })
            return (slug, part.components(separatedBy: "</dl>")[0])
        }
    }

    /// `data-term` of every glossary link, in document order.
    static func termLinks(in html: String) -> [String] {
        captures(#"<a class="term" href="[^"]*" data-term="([^"]*)""#, in: html)
    }

    /// The HTML of the page's body content (`<div class="content">` … `</div>` before the sources).
    static func content(of html: String) -> String {
        guard let start = html.range(of: "<div class=\"content\">") else { return "" }
        // The body may hold divs of its own (a table's scroll box): end at the matching </div>.
        var depth = 1
        var cursor = start.upperBound
        while cursor < html.endIndex {
            let open = html.range(of: "<div", range: cursor..<html.endIndex)
            guard let close = html.range(of: "</div>", range: cursor..<html.endIndex) else { break }
            if let open, open.lowerBound < close.lowerBound {
                depth += 1
                cursor = open.upperBound
            } else {
                depth -= 1
                if depth == 0 { return String(html[start.upperBound..<close.lowerBound]) }
                cursor = close.upperBound
            }
        }
        return String(html[start.upperBound...])
    }

    static func captures(_ pattern: String, in text: String) -> [String] {
        text.captures(pattern)
    }

    /// Resolves a relative URL written in the file at `from` to an output path (fragment dropped).
    static func resolve(_ href: String, from: String) -> String {
        let path = String(href.prefix { $0 != "#" })
        return URLPath.resolve(path, inFolder: URLPath.folder(of: from)) ?? path
    }
}

/// A source file made in memory.
func source(_ path: String, _ text: String) -> SourceFile {
    SourceFile(path: path, displayPath: "Pages/" + path, bytes: Array(text.utf8))
}
