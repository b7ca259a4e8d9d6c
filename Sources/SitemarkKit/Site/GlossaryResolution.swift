/// A page the build makes itself, as menus, lists and links see it.
public struct GeneratedTarget: Sendable, Hashable {
    public var title: String
    public var outputPath: String
    public var description: String?
}

/// What the glossary adds to the site's address space: the index (`glossary/index.md`) and one
/// page per entry (`glossary/<slug>.md`), as link targets with their anchors, as outputs (for
/// the collision check) and as titled targets (for menus and lists).
struct GlossaryTargets {
    var linkTargets: [String: (output: String, anchors: Set<String>)] = [:]
    /// Output path -> who makes it.
    var outputs: [String: String] = [:]
    var generated: [String: GeneratedTarget] = [:]

    init(_ glossary: Glossary, config: SiteConfig) {
        guard !glossary.isEmpty else { return }
        var indexAnchors: Set<String> = []
        for entry in glossary.entries {
            indexAnchors.insert(entry.slug)
            indexAnchors.insert(Glossary.letterID(Glossary.letter(of: entry.term)))
            for heading in entry.headings { indexAnchors.insert(GlossaryPageIDs.definitionHeadingID(heading.id, in: entry.slug)) }

            let path = Glossary.pagePath(of: entry.slug), output = Glossary.outputPath(of: entry.slug)
            linkTargets[path] = (output, Set(entry.headings.map(\.id)))
            outputs[output] = entry.displayPath
            generated[path] = GeneratedTarget(title: entry.term, outputPath: output, description: entry.shortDefinition)
        }
        linkTargets[Glossary.indexPath] = (Glossary.indexOutput, indexAnchors)
        outputs[Glossary.indexOutput] = "the generated glossary index"
        generated[Glossary.indexPath] = GeneratedTarget(title: config.glossaryTitle, outputPath: Glossary.indexOutput,
                                                        description: config.glossaryDescription)
    }
}

/// Ids on the glossary index page, where every definition stands on one page.
enum GlossaryPageIDs {
    /// A heading inside a definition, made unique on the index by its entry's slug.
    static func definitionHeadingID(_ id: String, in slug: String) -> String { "\(slug)-\(id)" }
}

extension SiteResolver {
    /// The glossary's part of the resolve stage: links in definitions checked and rewritten,
    /// each entry's mentions gathered (prose mentions found at parse time, plus explicit
    /// Markdown links to the entry's page), and an entry no page mentions reported.
    func resolveGlossary(into site: inout Site, incoming: [String: Set<String>]) {
        let glossary = site.glossary
        guard !glossary.isEmpty else { return }

        for entry in glossary.entries {
            var map: [String: String] = [:]
            for link in entry.links {
                switch site.resolver.resolve(link.destination, fromPage: Glossary.pagePath(of: entry.slug)) {
                case .success(let resolution):
                    map[link.destination] = resolution.url
                    site.themeAnchorLinks += ThemeAnchors.Link(resolution, resolver: site.resolver, file: entry.displayPath,
                                                               line: link.line, column: link.column).map { [$0] } ?? []
                case .failure(let problem):
                    map[link.destination] = ""
                    site.diagnostics.append(problem.diagnostic(file: entry.displayPath, line: link.line, column: link.column))
                }
            }
            site.glossaryLinks[entry.slug] = map
        }

        // All pages in mention-list order once; each entry's list is then a filter of it (sorting
        // every entry's pages with a dictionary lookup per comparison cost O(terms × n log n)).
        let listOrder = site.pages.values.map { (SortKey.of(title: $0.title, path: $0.path), $0.path) }
            .sorted { $0.0 < $1.0 }.map(\.1)
        var mentions: [String: Set<String>] = [:]
        for path in site.pageOrder {
            for slug in site.pages[path]!.parsed.termMentions { mentions[slug, default: []].insert(path) }
        }
        for entry in glossary.entries {
            let linkers = (incoming[Glossary.pagePath(of: entry.slug)] ?? []).filter { site.pages[$0] != nil }
            let pages = mentions[entry.slug, default: []].union(linkers)
            if pages.isEmpty {
                let form = entry.forms.first { $0.kind == .term }
                site.diagnostics.append(.warning(
                    "glossary term '\(entry.term)' is not mentioned on any page", file: entry.displayPath,
                    line: form?.line ?? 1, column: form?.column ?? 1,
                    hint: "use the term (or one of its aliases) in an article, or remove the entry if the site does not need it"))
            }
            site.termMentions[entry.slug] = listOrder.filter { pages.contains($0) }
        }
    }
}

import Foundation
