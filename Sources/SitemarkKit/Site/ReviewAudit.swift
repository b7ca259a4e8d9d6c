import Foundation

/// The medical-review state of one article, as `sitemark check` reports it and the editorial
/// page lists it.
public struct ReviewEntry: Sendable, Hashable, Codable {
    /// The source file (`Pages/conditions/sciatica.md`).
    public var page: String
    public var title: String
    /// Output path (`conditions/sciatica.html`).
    public var url: String
    /// Section folder (`conditions`; `` for top-level pages).
    public var section: String
    public var reviewed: String?
    public var reviewedBy: String?
    /// Days from `reviewed` to the audit date; nil without a review date.
    public var ageDays: Int?
    /// The date the next review is due (`reviewed` + `review_max_age_days`); nil without a policy.
    public var reviewDue: String?
    /// Older than `review_max_age_days`.
    public var stale: Bool
    public var sources: Int
    public var words: Int
    /// Flesch reading ease, one decimal; nil for a page without prose.
    public var readability: Double?
    public var belowReadabilityTarget: Bool
    public var draft: Bool
}

/// Every article's review state on one date, with the policy it was measured against.
public struct ReviewReport: Sendable, Hashable, Codable {
    /// The audit date (`YYYY-MM-DD`).
    public var today: String
    /// `review_max_age_days`; nil when the site has no review policy.
    public var maxAgeDays: Int?
    public var readabilityTarget: Double
    public var entries: [ReviewEntry]

    public var staleCount: Int { entries.count { $0.stale } }
    public var belowTargetCount: Int { entries.count { $0.belowReadabilityTarget } }
}

/// Review governance: every article (not the home page, not a section overview, not a glossary
/// term) must say when it was reviewed, by whom and on what sources. A missing field is an
/// error; a review older than `review_max_age_days` is a warning (an error with `--strict`).
/// Governance applies to sites that set `review_max_age_days`; for others the report is still
/// made (review dates, readability) but nothing is required.
/// Readability below `readability_target` is only noted in the report: plain language is a
/// goal for editors, not a reason to hold back a page.
public struct ReviewAudit: Sendable {
    public var config: SiteConfig
    /// The audit date; injected so that checks and tests do not depend on the clock.
    public var today: ReviewDate

    public init(config: SiteConfig, today: ReviewDate) {
        self.config = config
        self.today = today
    }

    public func audit(_ site: Site) -> (ReviewReport, [Diagnostic]) {
        var entries: [ReviewEntry] = []
        var diagnostics: [Diagnostic] = []
        for path in site.pageOrder {
            guard let page = site.pages[path], page.kind == .article else { continue }
            let (entry, problems) = audit(page)
            entries.append(entry)
            diagnostics += problems
        }
        let report = ReviewReport(today: today.text, maxAgeDays: config.reviewMaxAgeDays,
                                  readabilityTarget: config.readabilityTarget, entries: entries)
        return (report, diagnostics)
    }

    func audit(_ page: SitePage) -> (ReviewEntry, [Diagnostic]) {
        let metadata = page.metadata
        let file = page.parsed.displayPath
        var diagnostics: [Diagnostic] = []
        // A draft is work in progress: what it still lacks is a warning until it is published.
        let missing: Diagnostic.Severity = metadata.draft ? .warning : .error
        func line(of key: String) -> Int { metadata.keyLines[key] ?? 1 }
        let policy = page.parsed.frontMatterIsUnreadable ? nil : config.reviewMaxAgeDays

        let reviewed = metadata.reviewed.flatMap(ReviewDate.init)
        let reviewer = metadata.reviewedBy.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        // A 'reviewed' that is written but is no date was reported as such by the parse.
        if policy != nil && metadata.reviewed == nil && metadata.keyLines["reviewed"] == nil {
            diagnostics.append(Diagnostic(missing, file: file, line: line(of: "reviewed"), column: 1,
                                          "article has no 'reviewed' date",
                                          hint: "add 'reviewed: YYYY-MM-DD', the day a clinician last checked the page"))
        }
        if policy != nil && reviewer == nil {
            diagnostics.append(Diagnostic(missing, file: file, line: line(of: "reviewed_by"), column: 1,
                                          "article has no 'reviewed_by'",
                                          hint: "name who reviewed it, e.g. 'reviewed_by: Dr A. Example, consultant in pain medicine'"))
        }
        if policy != nil && metadata.sources.isEmpty {
            diagnostics.append(Diagnostic(missing, file: file, line: line(of: "sources"), column: 1,
                                          "article lists no 'sources'",
                                          hint: "list the studies and documents the page relies on under 'sources:'"))
        }

        var age: Int?, stale = false
        if let reviewed {
            let days = reviewed.days(until: today)
            age = days
            if let policy, days > policy {
                stale = true
                diagnostics.append(.warning(
                    "medical review is \(days) days old; the limit is \(policy) days", file: file,
                    line: line(of: "reviewed"), column: 1,
                    hint: "have the page reviewed again and update 'reviewed' (limit: review_max_age_days in site.yml)"))
            } else if policy != nil && days < 0 {
                diagnostics.append(.warning("'reviewed' date \(reviewed.text) is in the future", file: file,
                                            line: line(of: "reviewed"), column: 1, hint: "check the year and month"))
            }
        }

        let score = page.parsed.readability.fleschReadingEase.map { ($0 * 10).rounded() / 10 }
        let entry = ReviewEntry(
            page: file, title: page.title, url: page.outputPath, section: page.section,
            reviewed: metadata.reviewed, reviewedBy: reviewer, ageDays: age,
            reviewDue: policy.flatMap { days in reviewed.map { $0.adding(days: days).text } }, stale: stale,
            sources: metadata.sources.count, words: page.parsed.wordCount, readability: score,
            belowReadabilityTarget: score.map { $0 < config.readabilityTarget } ?? false, draft: metadata.draft)
        return (entry, diagnostics)
    }
}

extension ReviewReport {
    /// The report as a plain-text table for the terminal, one article a line:
    ///
    ///     Page                      Reviewed    Reviewer        Age  Sources  Words  Flesch  Notes
    ///     conditions/sciatica.md    2026-11-21  Editorial team    0        6   1012    48.2  below target
    public func textTable() -> String {
        let header = ["Page", "Reviewed", "Reviewer", "Age", "Sources", "Words", "Flesch", "Notes"]
        let rightAligned: Set<Int> = [3, 4, 5, 6]
        let rows: [[String]] = entries.map { entry in
            var notes: [String] = []
            if entry.reviewed == nil { notes.append("no review date") }
            if entry.reviewedBy == nil { notes.append("no reviewer") }
            if entry.sources == 0 { notes.append("no sources") }
            if entry.stale { notes.append("review was due by \(entry.reviewDue ?? "?")") }
            if let age = entry.ageDays, age < 0 { notes.append("review date in the future") }
            if entry.belowReadabilityTarget { notes.append("below readability target") }
            if entry.draft { notes.append("draft") }
            let page = entry.page.hasPrefix("Pages/") ? String(entry.page.dropFirst(6)) : entry.page
            return [page, entry.reviewed ?? "-", entry.reviewedBy ?? "-", entry.ageDays.map(String.init) ?? "-",
                    String(entry.sources), String(entry.words),
                    entry.readability.map { String(format: "%.1f", $0) } ?? "-", notes.joined(separator: "; ")]
        }
        var widths = header.map(\.count)
        for row in rows {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        func format(_ row: [String]) -> String {
            row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return rightAligned.contains(column) ? padding + cell : (column == row.count - 1 ? cell : cell + padding)
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        let target = readabilityTarget.rounded() == readabilityTarget ? String(Int(readabilityTarget)) : String(readabilityTarget)
        let policy = maxAgeDays.map { "review every \($0) days" } ?? "no review policy (review_max_age_days)"
        var lines = ["Medical review as of \(today): \(entries.count) article\(entries.count == 1 ? "" : "s"), "
                     + "\(policy), readability target \(target) (Flesch reading ease)"]
        lines.append(format(header))
        lines += rows.map(format)
        lines.append("\(staleCount) overdue for review, \(belowTargetCount) below the readability target.")
        return lines.joined(separator: "\n") + "\n"
    }
}

private extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
