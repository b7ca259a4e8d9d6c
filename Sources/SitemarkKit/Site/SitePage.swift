/// A page placed in the site: where it is written and which section it belongs to.
public struct SitePage: Sendable {
    public enum Kind: String, Sendable {
        case home, section, article
    }

    public var parsed: ParsedPage
    public var outputPath: String
    public var kind: Kind
    /// Folder of the section this page belongs to (`` for the top level). A section's own
    /// overview page belongs to the section it introduces.
    public var section: String

    public var path: String { parsed.path }
    public var title: String { parsed.metadata.title }
    public var metadata: PageMetadata { parsed.metadata }
    public var headingIDs: Set<String> { Set(parsed.headings.map(\.id)) }

    public static func kind(ofPagePath path: String) -> Kind {
        let name = (path as NSString).lastPathComponent
        guard name == "index.md" || name == "index.markdown" else { return .article }
        return path.contains("/") ? .section : .home
    }

    /// Default template: home, section or article, unless the page names its own.
    public var layoutName: String { metadata.layout ?? kind.rawValue }
}

/// A folder of `Pages/` with an `index.md`.
public struct Section: Sendable {
    /// Folder inside `Pages/` (`conditions`), `` for the top level.
    public var path: String
    /// The `index.md` page.
    public var indexPage: String
    /// Pages of this section (its overview page excluded), in reading order.
    public var pages: [String]
    /// Direct subsections' folders, in order.
    public var subsections: [String]
    public var parent: String?
}

import Foundation
