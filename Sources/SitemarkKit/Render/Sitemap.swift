/// `sitemap.xml` (sitemaps.org protocol 0.9): every published page by its absolute address,
/// with `lastmod` from its review date. No build time anywhere, so the file only changes when
/// a page or a review date does.
public struct Sitemap: Sendable {
    public struct Entry: Sendable, Hashable {
        public var location: String
        /// `YYYY-MM-DD`; nil when the page has no review date.
        public var lastModified: String?

        public init(location: String, lastModified: String?) {
            self.location = location
            self.lastModified = lastModified
        }
    }

    public var entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    public var xml: String {
        var lines = [#"<?xml version="1.0" encoding="UTF-8"?>"#,
                     #"<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">"#]
        for entry in entries {
            var line = "<url><loc>\(XML.escape(entry.location))</loc>"
            if let lastModified = entry.lastModified { line += "<lastmod>\(XML.escape(lastModified))</lastmod>" }
            lines.append(line + "</url>")
        }
        lines.append("</urlset>")
        return lines.joined(separator: "\n") + "\n"
    }
}

/// `robots.txt`: allows everything and names the sitemap. Crawlers read robots.txt only at the
/// root of a host, so under a sub-path deploy the clinic's own root robots.txt must carry the
/// `Sitemap:` line; this file then documents it.
public enum RobotsFile {
    public static func text(sitemapURL: String) -> String {
        "User-agent: *\nAllow: /\n\nSitemap: \(sitemapURL)\n"
    }
}
