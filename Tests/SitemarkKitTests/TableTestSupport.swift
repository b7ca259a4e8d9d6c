@testable import SitemarkKit

/// Small helpers for the table suites: Markdown through the extensions, and a site built in
/// memory (parse, resolve, render body) from page texts.
enum TableTestSupport {
    /// `sitemark render`'s output for `markdown`.
    static func render(_ markdown: String) -> String {
        FragmentRenderer.render(markdown)
    }

    /// Parses pages given as `path: text` (paths inside Pages/) and resolves them into a site.
    static func site(_ files: [String: String]) -> Site {
        let parser = PageParser(allowRawHTML: false)
        let parsed = files.keys.sorted().map { path in
            parser.parse(SourceFile(path: path, displayPath: "Pages/" + path, bytes: Array(files[path]!.utf8)))
        }
        return SiteResolver(config: SiteConfig(), assetSources: [("images/photo.png", "Pages/images/photo.png")]).resolve(parsed)
    }

    /// Everything found wrong in a site: the parse stage's diagnostics and the resolve stage's.
    static func diagnostics(_ site: Site) -> [Diagnostic] {
        (site.pages.values.flatMap(\.parsed.diagnostics) + site.diagnostics).sortedForDisplay()
    }

    /// A page's body as the build renders it.
    static func body(of path: String, in site: Site) -> String {
        let (templates, _) = TemplateSet.load([])
        return PageRenderer(site: site, templates: templates).renderBody(of: site.pages[path]!)
    }

    /// A page with front matter around `body`. Without facts the front matter takes 4 lines, so
    /// body line N is file line N + 4.
    static func page(_ title: String, facts: [String: String] = [:], body: String = "Text.\n") -> String {
        var front = "---\ntitle: \(title)\ndescription: About \(title).\n"
        if !facts.isEmpty {
            front = "---\ntitle: \(title)\ndescription: About \(title).\nfacts:\n"
                + facts.keys.sorted().map { "  \($0): \(facts[$0]!)\n" }.joined()
        }
        return front + "---\n" + body
    }
}
