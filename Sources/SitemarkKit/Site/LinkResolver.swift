/// Decides what a link or image destination written in a page points at, and rewrites it to a
/// relative output URL. The one place that knows how Markdown paths map to output URLs.
public struct LinkResolver: Sendable {
    public enum Target: Sendable, Hashable {
        /// Another page (or this one), by page path.
        case page(String)
        /// A file copied verbatim (image, PDF), by output path.
        case asset(String)
        /// Something outside the site; left alone.
        case external
    }

    public struct Resolution: Sendable, Hashable {
        /// The URL to write in the output ("" to drop it).
        public var url: String
        public var target: Target?
        /// A `#fragment` that is no heading of the target but an id the theme may write
        /// (`#sources`): whether the page has it is known once it is rendered (`ThemeAnchors`).
        public var themeAnchor: String? = nil
    }

    public struct Problem: Error, Sendable {
        public var severity: Diagnostic.Severity
        public var message: String
        public var hint: String?

        /// The problem reported where the link is written. `prefix` says what kind of link it
        /// is when it is not one in the text ("related page: "); `severity` overrides the
        /// problem's own where that kind of link cannot be dropped quietly.
        func diagnostic(file: String, line: Int, column: Int, prefix: String = "",
                        severity: Diagnostic.Severity? = nil) -> Diagnostic {
            Diagnostic(severity ?? self.severity, file: file, line: line, column: column, prefix + message, hint: hint)
        }
    }

    /// Page path -> output path and heading ids, for every page a link may name (generated
    /// pages such as the glossary included).
    var pageOutputs: [String: String]
    var anchors: [String: Set<String>]
    /// Output paths of copied files (page assets and `Public/`).
    var assets: Set<String>
    var allowUnsafeURLs: Bool
    /// Pages left out of this build as drafts: a link to one is broken, and says why.
    var drafts: Set<String> = []

    static let unsafeSchemes: Set<String> = ["javascript", "vbscript", "data", "file"]

    /// The scheme of a URL that can run code or read local files when followed, if it has one.
    static func unsafeScheme(of destination: String) -> String? {
        URLPath.scheme(of: destination).flatMap { unsafeSchemes.contains($0) ? $0 : nil }
    }

    public init(pageOutputs: [String: String], anchors: [String: Set<String>], assets: Set<String>, allowUnsafeURLs: Bool) {
        self.pageOutputs = pageOutputs
        self.anchors = anchors
        self.assets = assets
        self.allowUnsafeURLs = allowUnsafeURLs
    }

    public func resolve(_ destination: String, fromPage page: String) -> Result<Resolution, Problem> {
        if destination.isEmpty { return .success(Resolution(url: "", target: nil)) }
        if let scheme = URLPath.scheme(of: destination) {
            if Self.unsafeScheme(of: destination) != nil && !allowUnsafeURLs {
                return .failure(Problem(severity: .warning, message: "'\(scheme):' URL removed",
                                        hint: "such links can run code; allow them with 'markdown: {unsafe_urls: true}' in site.yml"))
            }
            return .success(Resolution(url: destination, target: .external))
        }
        if destination.hasPrefix("//") { return .success(Resolution(url: destination, target: .external)) }

        let fromOutput = pageOutputs[page] ?? URLPath.outputPath(forPage: page)
        var rest = Substring(destination)
        var fragment: Substring?
        if let hash = rest.firstIndex(of: "#") {
            fragment = rest[rest.index(after: hash)...]
            rest = rest[..<hash]
        }
        var query = ""
        if let mark = rest.firstIndex(of: "?") {
            query = String(rest[mark...])
            rest = rest[..<mark]
        }

        // `#anchor` alone: this page.
        if rest.isEmpty {
            return checkAnchor(fragment, onPage: page).map { Resolution(url: destination, target: .page(page), themeAnchor: $0) }
        }

        let decoded = URLPath.percentDecoded(String(rest))
        guard let path = URLPath.resolve(decoded, inFolder: URLPath.folder(of: page)) else {
            return .failure(Problem(severity: .error, message: "link target '\(destination)' points outside Pages/",
                                    hint: "links are relative to this page; check the number of '../'"))
        }
        let fragmentSuffix = fragment.map { "#\($0)" } ?? ""

        if let targetPage = pagePath(for: path, isFolder: decoded.hasSuffix("/") || path.isEmpty) {
            return checkAnchor(fragment, onPage: targetPage).map {
                Resolution(url: URLPath.relative(from: fromOutput, to: pageOutputs[targetPage]!) + query + fragmentSuffix,
                           target: .page(targetPage), themeAnchor: $0)
            }
        }
        if assets.contains(path) {
            return .success(Resolution(url: URLPath.relative(from: fromOutput, to: path) + query + fragmentSuffix,
                                       target: .asset(path)))
        }
        if let draft = [path, path + "/index.md", path + "/index.markdown"].first(where: drafts.contains) {
            return .failure(Problem(severity: .error, message: "link target '\(decoded)' is a draft (Pages/\(draft)), which is not published",
                                    hint: "publish it (remove 'draft: true') or remove the link; 'sitemark serve' shows drafts"))
        }
        let kind = path.hasSuffix(".md") || path.hasSuffix(".markdown") ? "page" : "file"
        return .failure(Problem(severity: .error, message: "link target '\(decoded)' does not exist (no \(kind) Pages/\(path))",
                                hint: suggestion(for: path)))
    }

    /// Finds the page a path names: `x.md`, the output form `x.html`, or a folder's `index.md`.
    private func pagePath(for path: String, isFolder: Bool) -> String? {
        if !isFolder, pageOutputs[path] != nil { return path }
        if !isFolder, path.hasSuffix(".html") {
            let stem = String(path.dropLast(5))
            for candidate in [stem + ".md", stem + ".markdown"] where pageOutputs[candidate] == path { return candidate }
        }
        let folder = path.isEmpty ? "" : path + "/"
        for candidate in [folder + "index.md", folder + "index.markdown"] where pageOutputs[candidate] != nil {
            if isFolder || !path.contains(".") { return candidate }
        }
        return nil
    }

    /// A heading's id is found here; one of the ids the theme writes is returned, to be looked
    /// for in the rendered page.
    private func checkAnchor(_ fragment: Substring?, onPage page: String) -> Result<String?, Problem> {
        guard let fragment, !fragment.isEmpty else { return .success(nil) }
        let id = URLPath.percentDecoded(String(fragment))
        let known = anchors[page] ?? []
        // `#top` needs no element: browsers scroll to the top of the page for it (HTML spec).
        if known.contains(id) || id == "top" { return .success(nil) }
        if PageParser.reservedIDs.contains(id) { return .success(id) }
        return .failure(Problem(severity: .error, message: "anchor '#\(id)' does not exist in Pages/\(page)",
                                hint: known.isEmpty ? "that page has no headings" : "headings there: \(Self.listed(known))"))
    }

    /// Up to eight ids, sorted, and how many more there are.
    private static func listed(_ ids: Set<String>) -> String {
        let shown = ids.sorted().prefix(8).map { "#\($0)" }.joined(separator: ", ")
        return ids.count > 8 ? shown + " and \(ids.count - 8) more" : shown
    }

    /// "did you mean …" for a mistyped path: the closest existing page (or, for any other
    /// file, the closest copied file) by edit distance of the file name.
    private func suggestion(for path: String) -> String? {
        let isPage = path.hasSuffix(".md") || path.hasSuffix(".markdown") || path.hasSuffix(".html") || !path.contains(".")
        let name = (path as NSString).lastPathComponent
        var best: (String, Int)?
        for candidate in (isPage ? Array(pageOutputs.keys) : Array(assets)).sorted() {
            let distance = EditDistance.between((candidate as NSString).lastPathComponent, name)
            if distance <= max(2, name.count / 4), distance < (best?.1 ?? .max) { best = (candidate, distance) }
        }
        if let (match, _) = best { return isPage ? "did you mean Pages/\(match)?" : "did you mean \(match) (a file in Pages/ or Public/)?" }
        return isPage ? "link to the .md file, relative to this page"
            : "put the file beside the page in Pages/ (or in Public/) and link to it relative to this page"
    }
}

enum EditDistance {
    static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where j <= b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

import Foundation
