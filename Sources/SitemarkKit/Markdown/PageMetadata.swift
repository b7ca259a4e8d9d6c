import Yams

/// A page's front matter, typed.
public struct PageMetadata: Sendable, Hashable, Codable {
    public var title: String = ""
    public var description: String?
    public var order: Int?
    public var draft: Bool = false
    public var tags: [String] = []
    /// Review date as written (`YYYY-MM-DD`), validated.
    public var reviewed: String?
    public var reviewedBy: String?
    public var sources: [String] = []
    /// Pages this one names as related, as written (relative to the page, like links).
    public var related: [String] = []
    /// Facts for comparison tables, by key (a comparison block names the rows it shows, in its order).
    public var facts: [String: String] = [:]
    public var layout: String?

    public init() {}

    public static let knownKeys = ["title", "description", "order", "draft", "tags", "reviewed",
                                   "reviewed_by", "sources", "related", "facts", "layout"]

    /// Positions of keys, for diagnostics raised later (a missing `related` page, say).
    public var keyLines: [String: Int] = [:]

    /// Decodes front matter YAML. Problems are reported at their line in the `.md` file.
    static func decode(yaml: String, firstLine: Int, file: String) -> (PageMetadata?, [Diagnostic]) {
        var reader = YAMLReader(file: file, lineOffset: firstLine - 1)
        var metadata = PageMetadata()
        guard let pairs = reader.frontMatterPairs(yaml, emptyHint: "add at least 'title: Your title'") else {
            return (nil, reader.diagnostics)
        }

        for (key, keyNode, value) in pairs {
            metadata.keyLines[key] = reader.location(of: keyNode).line
            switch key {
            case "title":
                if let title = reader.string(value, key: key) {
                    if title.trimmingCharacters(in: .whitespaces).isEmpty {
                        reader.error("'title' is empty", at: value)
                    } else {
                        metadata.title = title
                    }
                }
            case "description": metadata.description = reader.string(value, key: key)
            case "order": metadata.order = reader.int(value, key: key)
            case "draft": metadata.draft = reader.bool(value, key: key) ?? false
            case "tags": metadata.tags = reader.stringList(value, key: key) ?? []
            case "reviewed":
                if let date = reader.string(value, key: key) {
                    if ReviewDate(date) == nil {
                        reader.error("'reviewed' must be a date written YYYY-MM-DD, not '\(date)'", at: value)
                    } else {
                        metadata.reviewed = date
                    }
                }
            case "reviewed_by": metadata.reviewedBy = reader.string(value, key: key)
            case "sources": metadata.sources = reader.stringList(value, key: key) ?? []
            case "related": metadata.related = reader.stringList(value, key: key) ?? []
            case "facts":
                for (name, text) in reader.stringPairs(value, key: key) ?? [] { metadata.facts[name] = text }
            case "layout": metadata.layout = reader.string(value, key: key)
            default:
                reader.warning("unknown front-matter key '\(key)'", at: keyNode,
                               hint: "known keys: \(knownKeys.joined(separator: ", ")); check the spelling")
            }
        }
        // A 'title' that is written but unusable was reported where it is written.
        if metadata.keyLines["title"] == nil {
            reader.diagnostics.append(.error("the page has no 'title'", file: file, line: 1, column: 1,
                                             hint: "add 'title: …' to the front matter"))
        }
        return (metadata, reader.diagnostics)
    }
}

import Foundation

/// A calendar date `YYYY-MM-DD`, compared and aged in whole days (UTC), so review ages do not
/// depend on the machine's time zone.
public struct ReviewDate: Sendable, Hashable, Comparable {
    public var year: Int, month: Int, day: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        self.year = year; self.month = month; self.day = day
        guard Self.calendar.date(from: components) != nil,
              Self.calendar.component(.day, from: date) == day else { return nil }
    }

    public init(_ date: Date) {
        let parts = Self.calendar.dateComponents([.year, .month, .day], from: date)
        year = parts.year!; month = parts.month!; day = parts.day!
    }

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    private var components: DateComponents { DateComponents(year: year, month: month, day: day) }
    public var date: Date { Self.calendar.date(from: components)! }
    public var text: String { String(format: "%04d-%02d-%02d", year, month, day) }

    /// The date `days` later (earlier when negative).
    public func adding(days: Int) -> ReviewDate {
        ReviewDate(Self.calendar.date(byAdding: .day, value: days, to: date)!)
    }

    public func days(until other: ReviewDate) -> Int {
        Self.calendar.dateComponents([.day], from: date, to: other.date).day ?? 0
    }

    public static func < (a: ReviewDate, b: ReviewDate) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }
}
