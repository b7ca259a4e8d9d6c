import Foundation

/// Resolve-stage checks that need more than the site itself (the theme's templates, site.yml):
/// what a page asks for that the build cannot give it.
struct SiteChecks {
    let site: Site
    let templates: TemplateSet
    let config: SiteConfig
    /// site.yml's display path, for the `sections:` and `schema.about` warnings.
    let configFile: String

    var diagnostics: [Diagnostic] {
        missingLayouts() + missingGlossaryTemplates() + unknownSections() + unknownSchemaFolders() + missingDescriptions()
    }

    /// The glossary pages need their two templates; without them they would render as nothing.
    private func missingGlossaryTemplates() -> [Diagnostic] {
        guard let first = site.glossary.entries.first else { return [] }
        return ["glossary", "term"].filter { !templates.exists($0) }.map {
            .error("template '\($0)' does not exist, and the glossary needs it", file: first.displayPath, line: 1, column: 1,
                   hint: "expected Templates/\($0).mustache (see the default theme)")
        }
    }

    /// A name in site.yml's `sections` that matches no section orders nothing, silently: most
    /// likely a typo, or a folder renamed since.
    private func unknownSections() -> [Diagnostic] {
        let folders = sectionFolders
        return zip(config.sections, config.sectionPositions).compactMap { name, position in
            guard !folders.contains(name), !folders.contains(where: { ($0 as NSString).lastPathComponent == name }) else { return nil }
            return .warning("'sections' names '\(name)', which is not a section of this site", file: configFile,
                            line: position.line, column: position.column, hint: Self.sectionHint(for: name, among: folders))
        }
    }

    /// A folder under `schema.about` that holds no page describes nothing: the pages it meant
    /// fall back to a plain `Thing` in their JSON-LD, with nothing to show for it. (The folder
    /// need not be a section: it covers the pages anywhere below it; `/` covers every page.)
    private func unknownSchemaFolders() -> [Diagnostic] {
        config.schema.aboutTypes.keys.sorted().compactMap { folder in
            guard !folder.isEmpty, !site.pageOrder.contains(where: { $0.hasPrefix(folder + "/") }),
                  let position = config.schema.aboutPositions[folder] else { return nil }
            return .warning("'schema.about' names '\(folder)', a folder with no pages; the pages meant are about a plain Thing",
                            file: configFile, line: position.line, column: position.column,
                            hint: Self.sectionHint(for: folder, among: sectionFolders))
        }
    }

    private var sectionFolders: [String] { site.sections.keys.filter { !$0.isEmpty }.sorted() }

    private static func sectionHint(for name: String, among folders: [String]) -> String {
        let closest = folders.min { EditDistance.between($0, name) < EditDistance.between($1, name) }
        return closest.map { "did you mean '\($0)'? A section is a folder of Pages/ with an index.md" }
            ?? "a section is a folder of Pages/ with an index.md"
    }

    /// An article's description is its summary in listings, search results, the feed and the
    /// meta description: required (DESIGN.md), a warning on a draft, which is still being written.
    private func missingDescriptions() -> [Diagnostic] {
        site.pageOrder.compactMap { path in
            let page = site.pages[path]!
            guard page.kind == .article, !page.parsed.frontMatterIsUnreadable,
                  (page.metadata.description ?? "").allSatisfy(\.isWhitespace) else { return nil }
            return Diagnostic(page.metadata.draft ? .warning : .error, file: page.parsed.displayPath,
                              line: page.metadata.keyLines["description"] ?? 1, column: 1, "article has no 'description'",
                              hint: "add 'description:' with a sentence or two; it is the page's summary in listings, search and feeds")
        }
    }

    /// A page whose layout has no template would render as nothing, and one laid out by a
    /// partial would render as a fragment without `<html>`; say so instead.
    private func missingLayouts() -> [Diagnostic] {
        site.pageOrder.compactMap { path in
            let page = site.pages[path]!
            let line = page.metadata.keyLines["layout"] ?? 1
            if page.layoutName.hasPrefix("partials/") {
                return .error("layout '\(page.layoutName)' is a partial, not a page layout", file: page.parsed.displayPath,
                              line: line, column: 1,
                              hint: "name a template in Templates/ itself, such as '\(page.kind.rawValue)'; partials are included by layouts")
            }
            guard !templates.exists(page.layoutName) else { return nil }
            return .error("layout '\(page.layoutName)' does not exist", file: page.parsed.displayPath,
                          line: line, column: 1, hint: "expected Templates/\(page.layoutName).mustache")
        }
    }
}
