import Hummingbird

/// The Content-Type for a served file, by extension. Text types say their charset: the site is
/// UTF-8 throughout, and a stylesheet or script without one is read in the browser's default.
enum ContentType {
    static func forPath(_ path: String) -> String {
        let name = path.split(separator: "/").last ?? ""
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return fallback }
        let ext = name[name.index(after: dot)...].lowercased()
        if let extra = extras[ext] { return extra }
        guard let type = MediaType.getMediaType(forExtension: ext) else { return fallback }
        return needsCharset(type) ? "\(type); charset=utf-8" : type.description
    }

    static let html = "text/html; charset=utf-8"
    static let plainText = "text/plain; charset=utf-8"
    static let fallback = "application/octet-stream"

    /// What Hummingbird's table lacks and a documentation site serves.
    private static let extras: [String: String] = [
        "map": "application/json; charset=utf-8",
        "rss": "application/rss+xml; charset=utf-8",
        "atom": "application/atom+xml; charset=utf-8",
        "md": "text/markdown; charset=utf-8",
        "avif": "image/avif",
        "svg": "image/svg+xml; charset=utf-8",
        "js": "text/javascript; charset=utf-8",
        "mjs": "text/javascript; charset=utf-8",
    ]

    private static func needsCharset(_ type: MediaType) -> Bool {
        type.type == .text || ["json", "xml", "xhtml+xml", "ld+json", "manifest+json"].contains(type.subType)
    }
}
