import Foundation
@testable import SitemarkKit

/// Paths of the repository, found from this file, so tests need no bundle resources.
enum Repository {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func fixture(_ name: String) -> URL { root.appendingPathComponent("Tests/Fixtures/\(name)") }
}

/// A project in a fresh temporary folder: a fixture's `Pages/` (or the repository's own) with
/// the repository's default theme, built into `_site/`.
struct BuiltSite {
    let root: URL
    let report: BuildReport

    var output: URL { root.appendingPathComponent("_site") }

    /// `pages`: the folder copied as `Pages/`; `edit` may change files before the build.
    init(pages: URL, edit: (URL) throws -> Void = { _ in }) throws {
        let fileManager = FileManager.default
        root = fileManager.temporaryDirectory.appendingPathComponent("sitemark-test-\(UUID().uuidString)")
        try fileManager.createDirectory(at: root, withIntermediateDirectories: true)
        try fileManager.copyItem(at: pages, to: root.appendingPathComponent("Pages"))
        for folder in ["Templates", "Public"] {
            try fileManager.copyItem(at: Repository.root.appendingPathComponent(folder), to: root.appendingPathComponent(folder))
        }
        try edit(root.appendingPathComponent("Pages"))
        report = SiteBuilder().build(BuildOptions(layout: ProjectLayout(root: root)))
    }

    func html(_ path: String) throws -> String {
        try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
    }

    /// Every `.html` file written, by output path.
    func htmlFiles() -> [String] {
        let paths = FileManager.default.enumerator(atPath: output.path)?.allObjects.compactMap { $0 as? String } ?? []
        return paths.filter { $0.hasSuffix(".html") }.sorted()
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
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
        let end = html.range(of: "\n</div>\n", range: start.upperBound..<html.endIndex)?.lowerBound ?? html.endIndex
        return String(html[start.upperBound..<end])
    }

    static func captures(_ pattern: String, in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
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
