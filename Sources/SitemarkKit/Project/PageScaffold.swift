import Foundation

/// `sitemark new SECTION/SLUG`: a new page with every front-matter key filled in or marked,
/// never overwriting an existing file; `glossary/SLUG` makes a glossary entry instead.
public struct PageScaffold: Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public var path: String
    public var title: String?
    /// Date written into `reviewed:`; today by default.
    public var today: ReviewDate

    public init(path: String, title: String?, today: ReviewDate = ReviewDate(Date())) {
        self.path = path
        self.title = title
        self.today = today
    }

    /// Where the page goes: `Pages/SECTION/SLUG.md`.
    public func target(in layout: ProjectLayout) throws -> URL {
        var relative = path
        if relative.hasSuffix(".md") { relative.removeLast(3) }
        if relative.hasSuffix("/") {
            throw Failure(description: "'\(path)' names a folder; add the page's name, as in \(relative)SLUG")
        }
        let parts = relative.split(separator: "/")
        guard !parts.isEmpty, parts.allSatisfy({ $0 != ".." && $0 != "." && !$0.hasPrefix(".") }),
              parts.allSatisfy({ $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" } }) else {
            throw Failure(description: "'\(path)' is not a page path; use SECTION/SLUG (or SLUG) with letters, digits, hyphens and underscores")
        }
        if isGlossaryEntry, !TermParser.isValidSlug(String(parts[1])) {
            throw Failure(description: "'\(parts[1])' cannot name a glossary entry: it becomes the entry's web address and anchor; use lowercase letters, digits and hyphens")
        }
        // Names the build would refuse, found now rather than at the next build.
        if isGlossaryEntry, Glossary.clashesWithPageIDs(String(parts[1])) {
            throw Failure(description: "'\(parts[1])' cannot name a glossary entry: the glossary index uses it; choose another name, e.g. after the term")
        }
        if parts.count == 1, Self.generatedPageNames.contains(String(parts[0])) {
            throw Failure(description: "'\(parts[0])' is a page Sitemark makes itself (\(parts[0]).html, from Templates/\(parts[0]).mustache); choose another name")
        }
        return layout.pages.appendingPathComponent(parts.joined(separator: "/") + ".md")
    }

    public func create(in layout: ProjectLayout) throws -> URL {
        let url = try target(in: layout)
        let fileManager = FileManager.default
        guard fileManager.fileExists(atPath: layout.pages.path) else {
            throw Failure(description: "no Pages/ folder in \(layout.root.path); run from the project root or pass --root")
        }
        guard !fileManager.fileExists(atPath: url.path) else {
            throw Failure(description: "\(layout.displayPath(url)) already exists; not overwriting it")
        }
        try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard fileManager.createFile(atPath: url.path, contents: Data(contents.utf8)) else {
            throw Failure(description: "cannot write \(layout.displayPath(url))")
        }
        return url
    }

    /// Top-level pages the build writes itself with the default theme, whose templates they
    /// need (a theme without one does not make that page, but `new` does not read the theme).
    static let generatedPageNames = Set([
        SearchOutput.resultsPage, SearchOutput.azPage, PublishingFiles.editorialPath, PublishingFiles.notFoundPath,
    ].map { String($0.dropLast(".html".count)) })

    /// `glossary/SLUG`: a file of the glossary folder is an entry, with its own front matter.
    var isGlossaryEntry: Bool {
        let parts = path.split(separator: "/")
        return parts.count == 2 && parts[0] == SourceTree.glossaryFolder
    }

    public var contents: String {
        let slug = path.split(separator: "/").last.map { String($0.hasSuffix(".md") ? $0.dropLast(3) : $0) } ?? path
        let pageTitle = title ?? slug.replacingOccurrences(of: "-", with: " ").capitalized
        if isGlossaryEntry {
            return """
            ---
            term: \(yamlQuoted(title ?? slug.replacingOccurrences(of: "-", with: " ")))
            aliases: []
            draft: true
            ---
            Define the term here. The first sentence or two are the short definition shown in
            tooltips and the glossary index; write them plainly.

            """
        }
        return """
        ---
        title: \(yamlQuoted(pageTitle))
        description: ""
        order: 100
        tags: []
        reviewed: \(today.text)
        reviewed_by: ""
        sources: []
        related: []
        draft: true
        ---

        Write a short introduction here.

        ## First section

        """
    }

    private func yamlQuoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
