/// The resolve stage's result: every page placed, every link checked and rewritten, sections
/// and navigation known. Rendering reads it and never changes it.
public struct Site: Sendable {
    public var config: SiteConfig
    /// Pages by path, and their paths in a stable order (sorted).
    public var pages: [String: SitePage]
    public var pageOrder: [String]
    /// Sections by folder (`` is the top level, whose overview is the home page).
    public var sections: [String: Section]
    /// Top-level menu: the home page, then the top-level sections in order, then the glossary
    /// index when there is a glossary (a path of `pages` or of `generatedTargets`).
    public var menu: [String]
    /// Per page: destination as written -> URL to write.
    public var rewrittenLinks: [String: [String: String]]
    /// Per page: pages that link to it, sorted.
    public var backlinks: [String: [String]]
    /// Per page: its `related:` pages that exist, in the order written; then, on articles, the
    /// articles sharing the most glossary terms and tags (see `RelatedPages`).
    public var related: [String: [String]]
    /// Per page: the tables of its ```compare blocks, in block order (nil for a block that
    /// could not make one).
    public var comparisons: [String: [ComparisonTable?]]
    public var resolver: LinkResolver
    public var diagnostics: [Diagnostic]
    /// The glossary as parsed: entries in A–Z order and the matcher that finds them.
    public var glossary: Glossary = .empty
    /// Per glossary entry (slug): the pages that mention it or link to it, by title.
    public var termMentions: [String: [String]] = [:]
    /// Per glossary entry (slug): destination as written in its definition -> URL to write.
    public var glossaryLinks: [String: [String: String]] = [:]
    /// Links to ids the theme writes (`#sources`), checked against the rendered pages.
    public var themeAnchorLinks: [ThemeAnchors.Link] = []
    /// Pages the build makes (the glossary index and term pages) that menus, lists and Markdown
    /// links can name, by the `.md` path a link would use.
    public var generatedTargets: [String: GeneratedTarget] = [:]

    public func page(_ path: String) -> SitePage? { pages[path] }

    /// The chain of section overview pages above a page, top first (the page itself excluded).
    public func ancestors(of path: String) -> [String] {
        guard let page = pages[path] else { return [] }
        var chain: [String] = []
        var sectionPath: String? = page.section
        while let current = sectionPath, let section = sections[current] {
            if section.indexPage != path { chain.insert(section.indexPage, at: 0) }
            sectionPath = section.parent
        }
        return chain
    }

    /// Previous and next page within the page's section, in reading order.
    public func neighbours(of path: String) -> (previous: String?, next: String?) {
        guard let page = pages[path], page.kind == .article, let section = sections[page.section],
              let index = section.pages.firstIndex(of: path) else { return (nil, nil) }
        let previous = index > 0 ? section.pages[index - 1] : nil
        let next = index + 1 < section.pages.count ? section.pages[index + 1] : nil
        return (previous, next)
    }
}

/// Builds the `Site` from all parsed pages at once.
public struct SiteResolver: Sendable {
    public var config: SiteConfig
    /// Output paths of files copied verbatim (page assets keep their path; `Public/` files too).
    public var assetPaths: Set<String>
    /// The same files as (output path, source as shown): two of them may claim one output.
    public var assetSources: [(path: String, source: String)]
    /// Output paths produced by the build itself (glossary, search, 404 …), to catch collisions.
    public var generatedOutputs: [String: String]

    public init(config: SiteConfig, assetSources: [(path: String, source: String)], generatedOutputs: [String: String] = [:]) {
        self.config = config
        self.assetPaths = Set(assetSources.map(\.path))
        self.assetSources = assetSources
        self.generatedOutputs = generatedOutputs
    }

    /// `drafts`: pages left out as drafts, named when a link leads to one.
    public func resolve(_ parsed: [ParsedPage], glossary: Glossary = .empty,
                        extraTargets: [String: (output: String, anchors: Set<String>)] = [:], drafts: Set<String> = []) -> Site {
        var diagnostics: [Diagnostic] = []
        let glossaryTargets = GlossaryTargets(glossary, config: config)
        var pages: [String: SitePage] = [:]
        let sectionFolders = Set(parsed.filter { SitePage.kind(ofPagePath: $0.path) != .article }
            .map { URLPath.folder(of: $0.path) })

        for page in parsed {
            let kind = SitePage.kind(ofPagePath: page.path)
            var folder = URLPath.folder(of: page.path)
            while !sectionFolders.contains(folder) && !folder.isEmpty { folder = URLPath.folder(of: folder) }
            pages[page.path] = SitePage(parsed: page, outputPath: URLPath.outputPath(forPage: page.path),
                                        kind: kind, section: folder)
        }
        let order = pages.keys.sorted()
        diagnostics += outputCollisions(order.map { pages[$0]! },
                                        generated: generatedOutputs.merging(glossaryTargets.outputs) { a, _ in a })

        let sections = buildSections(pages: pages, folders: sectionFolders)
        if !parsed.isEmpty && sections[""] == nil {
            diagnostics.append(.warning("the site has no home page", file: "Pages/index.md",
                                        hint: "create Pages/index.md; it becomes index.html"))
        }

        var outputs = pages.mapValues(\.outputPath)
        var anchors = pages.mapValues(\.headingIDs)
        for (path, target) in extraTargets.merging(glossaryTargets.linkTargets, uniquingKeysWith: { a, _ in a }) {
            outputs[path] = target.output
            anchors[path] = target.anchors
        }
        var resolver = LinkResolver(pageOutputs: outputs, anchors: anchors, assets: assetPaths,
                                    allowUnsafeURLs: config.allowUnsafeURLs)
        resolver.drafts = drafts

        var rewritten: [String: [String: String]] = [:]
        var themeAnchorLinks: [ThemeAnchors.Link] = []
        var incoming: [String: Set<String>] = [:]
        var related: [String: [String]] = [:]
        var comparisons: [String: [ComparisonTable?]] = [:]
        let comparisonResolver = ComparisonResolver(resolver: resolver, pages: pages)
        for path in order {
            let page = pages[path]!
            var map: [String: String] = [:]
            for link in page.parsed.links {
                switch resolver.resolve(link.destination, fromPage: path) {
                case .success(let resolution):
                    map[link.destination] = resolution.url
                    if case .page(let target) = resolution.target, target != path { incoming[target, default: []].insert(path) }
                    themeAnchorLinks += ThemeAnchors.Link(resolution, resolver: resolver, file: page.parsed.displayPath,
                                                          line: link.line, column: link.column).map { [$0] } ?? []
                case .failure(let problem):
                    map[link.destination] = ""
                    diagnostics.append(problem.diagnostic(file: page.parsed.displayPath, line: link.line, column: link.column))
                }
            }
            for spec in page.parsed.comparisonSpecs {
                guard let spec else {
                    comparisons[path, default: []].append(nil)
                    continue
                }
                let result = comparisonResolver.resolve(spec, on: page)
                diagnostics += result.diagnostics
                comparisons[path, default: []].append(result.table)
                for link in result.links {
                    map[link.destination] = link.url
                    if link.page != path { incoming[link.page, default: []].insert(path) }
                }
            }
            rewritten[path] = map
            for reference in page.metadata.related {
                let line = page.metadata.keyLines["related"] ?? 1
                switch resolver.resolve(reference, fromPage: path) {
                case .success(let resolution):
                    if case .page(let target) = resolution.target { related[path, default: []].append(target) }
                case .failure(let problem):
                    diagnostics.append(problem.diagnostic(file: page.parsed.displayPath, line: line, column: 1,
                                                          prefix: "related page: ", severity: .error))
                }
            }
        }

        let articles = order.filter { pages[$0]!.kind == .article }
        related = RelatedPages().compute(articles: articles, pages: pages, explicit: related)

        var site = Site(config: config, pages: pages, pageOrder: order, sections: sections,
                        menu: menu(sections: sections) + (glossary.isEmpty ? [] : [Glossary.indexPath]),
                        rewrittenLinks: rewritten, backlinks: incoming.mapValues { $0.sorted() },
                        related: related, comparisons: comparisons, resolver: resolver, diagnostics: diagnostics)
        site.glossary = glossary
        site.generatedTargets = glossaryTargets.generated
        site.themeAnchorLinks = themeAnchorLinks
        resolveGlossary(into: &site, incoming: incoming)
        return site
    }

    /// Two sources that would write one output file (also when they differ only by letter case,
    /// since sites get copied to case-insensitive disks) are an error naming both.
    private func outputCollisions(_ pages: [SitePage], generated: [String: String]) -> [Diagnostic] {
        var claimed: [String: String] = [:]
        var diagnostics: [Diagnostic] = []
        for (output, owner) in generated.sorted(by: { $0.key < $1.key }) { claimed[output.lowercased()] = owner }
        for asset in assetSources.sorted(by: { ($0.path, $0.source) < ($1.path, $1.source) }) {
            let key = asset.path.lowercased()
            if let owner = claimed[key] {
                diagnostics.append(.error("two sources would write \(asset.path): \(asset.source) and \(owner)",
                                          file: asset.source, hint: "rename or move the copied file"))
            } else {
                claimed[key] = asset.source
            }
        }
        for page in pages {
            let key = page.outputPath.lowercased()
            if let owner = claimed[key] {
                diagnostics.append(.error("two sources would write \(page.outputPath): this page and \(owner)",
                                          file: page.parsed.displayPath, line: 1, column: 1,
                                          hint: "rename or move one of them"))
            } else {
                claimed[key] = page.parsed.displayPath
            }
        }
        return diagnostics
    }

    private func buildSections(pages: [String: SitePage], folders: Set<String>) -> [String: Section] {
        // One pass over the pages (a scan per folder made this stage grow with folders × pages).
        // Only one index file per folder can exist in practice; the least path wins if not.
        var indexPages: [String: String] = [:]
        var orderKeys: [String: ReadingOrderKey] = [:]
        orderKeys.reserveCapacity(pages.count)
        for page in pages.values {
            orderKeys[page.path] = ReadingOrderKey(page)
            guard page.kind != .article else { continue }
            let folder = URLPath.folder(of: page.path)
            if indexPages[folder].map({ page.path < $0 }) ?? true { indexPages[folder] = page.path }
        }
        var sections: [String: Section] = [:]
        for folder in folders {
            guard let index = indexPages[folder] else { continue }
            var parent: String? = nil
            if !folder.isEmpty {
                var candidate = URLPath.folder(of: folder)
                while !folders.contains(candidate) && !candidate.isEmpty { candidate = URLPath.folder(of: candidate) }
                parent = folders.contains(candidate) ? candidate : nil
            }
            sections[folder] = Section(path: folder, indexPage: index, pages: [], subsections: [], parent: parent)
        }
        for page in pages.values where page.kind == .article {
            sections[page.section]?.pages.append(page.path)
        }
        for folder in sections.keys {
            sections[folder]!.pages.sort { orderKeys[$0]!.precedes(orderKeys[$1]!) }
            if let parent = sections[folder]!.parent { sections[parent]?.subsections.append(folder) }
        }
        let unsorted = sections
        for folder in unsorted.keys {
            sections[folder]!.subsections.sort { sectionOrder($0, $1, sections: unsorted, orderKeys: orderKeys) }
        }
        return sections
    }

    /// `order`, then title, then path: a total order, so output never depends on hashing. Read
    /// out of each page once, not out of `SitePage` values copied in every comparison.
    private struct ReadingOrderKey {
        var order: Int
        var title: String
        var path: String

        init(_ page: SitePage) {
            (order, title, path) = (page.metadata.order ?? Int.max, page.title, page.path)
        }

        func precedes(_ other: ReadingOrderKey) -> Bool {
            if order != other.order { return order < other.order }
            if title != other.title { return title.localizedStandardCompare(other.title) == .orderedAscending }
            return path < other.path
        }
    }

    private func sectionOrder(_ a: String, _ b: String, sections: [String: Section], orderKeys: [String: ReadingOrderKey]) -> Bool {
        let named = config.sections
        let rankA = named.firstIndex(of: a) ?? named.firstIndex(of: (a as NSString).lastPathComponent) ?? Int.max
        let rankB = named.firstIndex(of: b) ?? named.firstIndex(of: (b as NSString).lastPathComponent) ?? Int.max
        if rankA != rankB { return rankA < rankB }
        return orderKeys[sections[a]!.indexPage]!.precedes(orderKeys[sections[b]!.indexPage]!)
    }

    private func menu(sections: [String: Section]) -> [String] {
        guard let home = sections[""] else {
            return sections.values.filter { $0.parent == nil }.map(\.path).sorted().map { sections[$0]!.indexPage }
        }
        return [home.indexPage] + home.subsections.map { sections[$0]!.indexPage }
    }
}

import Foundation
