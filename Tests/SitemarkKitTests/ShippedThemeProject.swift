import Foundation
@testable import SitemarkKit

extension FixtureProject {
    /// `Tests/Fixtures/NAME/Pages` with the repository's own `Templates/` and `Public/`: for
    /// tests of what the shipped theme prints (head metadata, the 404 and editorial pages).
    static func withShippedTheme(_ name: String) throws -> FixtureProject {
        try withShippedTheme(pages: Repository.fixtures.appendingPathComponent("\(name)/Pages"))
    }

    /// Any `Pages/` folder (the repository's own knowledge base, say) with the shipped theme.
    static func withShippedTheme(pages: URL) throws -> FixtureProject {
        let project = try FixtureProject([:], templates: [:])
        let fileManager = FileManager.default
        try fileManager.copyItem(at: pages, to: project.root.appendingPathComponent("Pages"))
        for folder in ["Templates", "Public"] {
            try fileManager.copyItem(at: Repository.root.appendingPathComponent(folder), to: project.root.appendingPathComponent(folder))
        }
        return project
    }

    /// Builds with a fixed audit date, so review ages never depend on the clock.
    func build(today: String, baseURL: String? = nil, strict: Bool = false, write: Bool = true,
               drafts: Bool = false) -> BuildReport {
        build(strict: strict, write: write, drafts: drafts) { options in
            options.today = ReviewDate(today)!
            options.baseURL = baseURL
        }
    }

    /// A file of the built site as text; "" when it was not written.
    func text(_ path: String) -> String { output(path) ?? "" }

    func outputExists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: output.appendingPathComponent(path).path)
    }
}

extension String {
    /// Every match of a regular expression's first capture group, in order.
    func captures(_ pattern: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]) else { return [] }
        let range = NSRange(startIndex..., in: self)
        return regex.matches(in: self, range: range).compactMap { match in
            Range(match.range(at: 1), in: self).map { String(self[$0]) }
        }
    }
}
