/// `feed.xml`: an Atom 1.0 feed (RFC 4287) of the articles, most recently reviewed first, so
/// readers and aggregators see new and re-reviewed pages. Dates are review dates at midnight
/// UTC; nothing depends on when the build ran.
public struct AtomFeed: Sendable {
    public struct Entry: Sendable, Hashable {
        public var title: String
        /// Absolute address; also the entry's permanent id.
        public var url: String
        public var summary: String?
        public var updated: ReviewDate
        public var categories: [String]

        public init(title: String, url: String, summary: String?, updated: ReviewDate, categories: [String]) {
            self.title = title
            self.url = url
            self.summary = summary
            self.updated = updated
            self.categories = categories
        }
    }

    public var title: String
    public var subtitle: String
    public var language: String
    /// Home page address; also the feed's id.
    public var siteURL: String
    public var feedURL: String
    /// The feed's author (Atom requires one): the publisher, else the site.
    public var authorName: String
    public var authorURL: String?
    public var entries: [Entry]

    public init(title: String, subtitle: String, language: String, siteURL: String, feedURL: String,
                authorName: String, authorURL: String?, entries: [Entry]) {
        self.title = title
        self.subtitle = subtitle
        self.language = language
        self.siteURL = siteURL
        self.feedURL = feedURL
        self.authorName = authorName
        self.authorURL = authorURL
        self.entries = entries
    }

    /// Newest review first; equal dates by title, then address, so the order never depends on
    /// hashing or file-system order.
    public static func ordered(_ entries: [Entry]) -> [Entry] {
        entries.sorted { a, b in
            if a.updated != b.updated { return a.updated > b.updated }
            if a.title != b.title { return a.title < b.title }
            return a.url < b.url
        }
    }

    private static func timestamp(_ date: ReviewDate) -> String { date.text + "T00:00:00Z" }

    public var xml: String {
        let ordered = Self.ordered(entries)
        // The feed changes when its newest entry does; with no entries, the epoch (fixed).
        let updated = ordered.first.map { Self.timestamp($0.updated) } ?? "1970-01-01T00:00:00Z"
        var lines = [
            #"<?xml version="1.0" encoding="utf-8"?>"#,
            #"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\#(XML.escape(language))">"#,
            "<title>\(XML.escape(title))</title>",
        ]
        if !subtitle.isEmpty { lines.append("<subtitle>\(XML.escape(subtitle))</subtitle>") }
        lines += [
            #"<link rel="self" type="application/atom+xml" href="\#(XML.escape(feedURL))"/>"#,
            #"<link rel="alternate" type="text/html" href="\#(XML.escape(siteURL))"/>"#,
            "<id>\(XML.escape(siteURL))</id>",
            "<updated>\(updated)</updated>",
            "<author><name>\(XML.escape(authorName))</name>"
                + (authorURL.map { "<uri>\(XML.escape($0))</uri>" } ?? "") + "</author>",
            "<generator>Sitemark</generator>",
        ]
        for entry in ordered {
            lines.append("<entry>")
            lines.append("<title>\(XML.escape(entry.title))</title>")
            lines.append(#"<link rel="alternate" type="text/html" href="\#(XML.escape(entry.url))"/>"#)
            lines.append("<id>\(XML.escape(entry.url))</id>")
            lines.append("<updated>\(Self.timestamp(entry.updated))</updated>")
            if let summary = entry.summary, !summary.isEmpty {
                lines.append(#"<summary type="text">\#(XML.escape(summary))</summary>"#)
            }
            for category in entry.categories { lines.append(#"<category term="\#(XML.escape(category))"/>"#) }
            lines.append("</entry>")
        }
        lines.append("</feed>")
        return lines.joined(separator: "\n") + "\n"
    }
}
