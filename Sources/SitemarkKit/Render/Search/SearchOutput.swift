/// The search's share of the render stage: the index script, the results page and the A–Z
/// index page (the fallback when JavaScript is off).
public struct SearchOutput: Sendable {
    public static let resultsPage = "search.html"
    public static let azPage = "az.html"
    static let resultsLayout = "search"
    static let azLayout = "az"

    /// Output paths the search will write with this theme, with who writes them, for the
    /// resolver's collision check.
    public static func outputs(for templates: TemplateSet) -> [String: String] {
        guard templates.has(resultsLayout) || templates.has(azLayout) else { return [:] }
        var outputs = [SearchIndexScript.fileName: "the search index (built by Sitemark)"]
        if templates.has(resultsLayout) { outputs[resultsPage] = "the search results page (built by Sitemark)" }
        if templates.has(azLayout) { outputs[azPage] = "the A–Z index page (built by Sitemark)" }
        return outputs
    }

    /// The search's pages a search engine may list: the A–Z index, not the results page
    /// (which is `noindex`: a page of results for no query says nothing).
    public static func sitemapPages(for templates: TemplateSet) -> [String] {
        templates.has(azLayout) ? [azPage] : []
    }

    public var files: [RenderedFile]
    public var index: SearchIndex
    /// Size of `search-index.js` in bytes.
    public var indexBytes: Int
    public var diagnostics: [Diagnostic]

    /// `documents` are the pages (and glossary terms) to index, in a stable order.
    ///
    /// Search belongs to the theme: a theme with neither a `search` nor an `az` template (one
    /// written before search existed, or a deliberately minimal one) gets no search files and
    /// no warning; a theme with only one of them is warned about the other, since its search
    /// form and its fallback lead to each other.
    public static func render(_ documents: [SearchDocument], with renderer: PageRenderer,
                              builder: SearchIndexBuilder = SearchIndexBuilder()) -> SearchOutput? {
        let templates = renderer.templates
        guard templates.has(resultsLayout) || templates.has(azLayout) else { return nil }
        let index = builder.build(documents)
        let script = Array(SearchIndexScript.render(index).utf8)
        var files = [RenderedFile(path: SearchIndexScript.fileName, bytes: script)]
        var diagnostics: [Diagnostic] = []
        let pages = [
            GeneratedPage(outputPath: resultsPage, title: "Search",
                          description: "Search every page of \(renderer.site.config.title).", layout: resultsLayout),
            GeneratedPage(outputPath: azPage, title: "A–Z index",
                          description: "Every page of \(renderer.site.config.title), from A to Z.", layout: azLayout,
                          azGroups: AZIndex.groups(documents, from: azPage)),
        ]
        for page in pages {
            guard templates.has(page.layout) else {
                diagnostics.append(.warning("\(page.outputPath) is not built: there is no '\(page.layout)' template",
                                            file: "Templates/\(page.layout).mustache",
                                            hint: "copy Templates/\(page.layout).mustache from Sitemark's default theme"))
                continue
            }
            files.append(renderer.render(page))
        }
        return SearchOutput(files: files, index: index, indexBytes: script.count, diagnostics: diagnostics)
    }
}

extension PageRenderer {
    /// `search.html` or `az.html`: the site's chrome around the search's own template.
    public func render(_ generated: GeneratedPage) -> RenderedFile {
        var context = generatedContext(path: generated.outputPath, addressing: Addressing(from: generated.outputPath),
                                       title: generated.title, description: generated.description)
        context.azGroups = generated.azGroups
        context.hasAZ = !generated.azGroups.isEmpty
        context.web.canonical = address?.canonical(generated.outputPath)
        context.web.noindex = generated.layout == SearchOutput.resultsLayout
        let html = templates.render(context, with: generated.layout) ?? ""
        return RenderedFile(path: generated.outputPath, bytes: Array(html.utf8))
    }
}

/// A page with no Markdown source that the search makes from site data (results, A–Z).
public struct GeneratedPage: Sendable {
    public var outputPath: String
    public var title: String
    public var description: String
    /// Template name (`search`, `az`).
    public var layout: String
    public var azGroups: [AZGroup]

    public init(outputPath: String, title: String, description: String, layout: String, azGroups: [AZGroup] = []) {
        self.outputPath = outputPath
        self.title = title
        self.description = description
        self.layout = layout
        self.azGroups = azGroups
    }
}
