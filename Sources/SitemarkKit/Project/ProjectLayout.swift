import Foundation

/// Where a project's folders are. Paths in diagnostics are relative to `root`.
public struct ProjectLayout: Sendable {
    public var root: URL
    public var output: URL

    public init(root: URL, output: URL? = nil) {
        self.root = root.standardizedFileURL
        self.output = (output ?? root.appendingPathComponent("_site")).standardizedFileURL
    }

    public var pages: URL { root.appendingPathComponent("Pages") }
    public var templates: URL { root.appendingPathComponent("Templates") }
    public var publicAssets: URL { root.appendingPathComponent("Public") }
    public var siteConfig: URL { pages.appendingPathComponent("site.yml") }
    /// Per-project build cache; ignored by git.
    public var cache: URL { root.appendingPathComponent(".sitemark-cache") }

    /// `Pages/conditions/sciatica.md` for a file under the root; the absolute path otherwise.
    public func displayPath(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        let prefix = root.path.hasSuffix("/") ? root.path : root.path + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
