import Foundation

/// The generated corpus as a minimal Hugo site: the same Markdown bodies under `content/`, the
/// front matter renamed where Hugo reserves a key (`aliases` means redirects to Hugo, `order`
/// is `weight`), overview pages as `_index.md`, and a small layout with what Sitemark's default
/// theme also shows (menu, breadcrumbs, table of contents, sources, previous and next).
/// Hugo leaves `.md` links as written; it does not check them.
struct HugoLayout {
    let root: URL
    private var folders = Set<String>()

    init(root: URL) { self.root = root }

    mutating func prepare() throws {
        try? FileManager.default.removeItem(at: root)
        for (path, text) in Self.files { try save(path, text) }
    }

    func finish() throws {}

    /// Where Hugo wants a page of `Pages/`: under `content/`, a folder's `index.md` as `_index.md`.
    static func contentPath(of pagePath: String) -> String {
        let path = "content/" + pagePath
        guard path.hasSuffix("/index.md") else { return path }
        return String(path.dropLast("index.md".count)) + "_index.md"
    }

    mutating func write(_ page: GeneratedPage) throws {
        let path = Self.contentPath(of: page.path)
        var lines = ["title: \(yamlQuoted(page.title))", "description: \(yamlQuoted(page.description))"]
        if let order = page.order { lines.append("weight: \(order + 1)") }
        if !page.tags.isEmpty { lines.append("keywords: [\(page.tags.joined(separator: ", "))]") }
        if let reviewed = page.reviewed { lines += ["reviewed: \(reviewed)", "reviewed_by: Editorial team"] }
        if !page.sources.isEmpty { lines.append("sources:"); lines += page.sources.map { "  - \(yamlQuoted($0))" } }
        if !page.related.isEmpty { lines.append("related_pages: [\(page.related.joined(separator: ", "))]") }
        try save(path, "---\n\(lines.joined(separator: "\n"))\n---\n\n\(page.body)")
    }

    /// Copies a page file as written (front matter included).
    mutating func copy(pageAt pagePath: String, text: String) throws {
        try save(Self.contentPath(of: pagePath), text)
    }

    mutating func writeGlossary(_ term: Vocabulary.Term, definition: String) throws {
        if folders.insert("content/glossary/_index.md").inserted {
            try save("content/glossary/_index.md", "---\ntitle: Glossary\n---\n")
        }
        var lines = ["title: \(yamlQuoted(term.term))",
                     "term_aliases: [\(term.aliases.map(yamlQuoted).joined(separator: ", "))]"]
        if let abbreviation = term.abbreviation { lines.append("abbreviation: \(abbreviation)") }
        try save("content/glossary/\(CorpusGenerator.termSlug(term)).md", "---\n\(lines.joined(separator: "\n"))\n---\n\(definition)")
    }

    private mutating func save(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        let folder = url.deletingLastPathComponent().path
        if folders.insert(folder).inserted {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        try Data(text.utf8).write(to: url)
    }

    static let files: [(String, String)] = [
        ("config.toml", """
        baseURL = "https://bench.example/"
        languageCode = "en"
        title = "Generated knowledge base"
        uglyURLs = true
        relativeURLs = true
        disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
        [markup.goldmark.renderer]
        unsafe = false

        """),
        ("layouts/_default/baseof.html", """
        <!DOCTYPE html>
        <html lang="{{ .Site.LanguageCode }}">
        <head>
        <meta charset="utf-8">
        <title>{{ .Title }} | {{ .Site.Title }}</title>
        {{ with .Description }}<meta name="description" content="{{ . }}">{{ end }}
        <link rel="stylesheet" href="{{ "assets/style.css" | relURL }}">
        </head>
        <body>
        <header><a href="{{ "index.html" | relURL }}">{{ .Site.Title }}</a>
        <nav><ul>{{ range .Site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></nav>
        </header>
        <main>{{ block "main" . }}{{ end }}</main>
        <footer><p>{{ .Site.Title }}</p></footer>
        </body>
        </html>

        """),
        ("layouts/_default/single.html", """
        {{ define "main" }}
        <nav class="breadcrumbs">{{ range .Ancestors.Reverse }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> / {{ end }}</nav>
        <article>
        <h1>{{ .Title }}</h1>
        {{ with .Description }}<p class="lead">{{ . }}</p>{{ end }}
        {{ with .Params.reviewed }}<p class="review">Reviewed on {{ . }}</p>{{ end }}
        <nav class="toc">{{ .TableOfContents }}</nav>
        <div class="content">{{ .Content }}</div>
        {{ with .Params.sources }}<ol class="sources">{{ range . }}<li>{{ . }}</li>{{ end }}</ol>{{ end }}
        </article>
        <nav class="pagenav">{{ with .PrevInSection }}<a href="{{ .RelPermalink }}" rel="prev">{{ .Title }}</a>{{ end }}
        {{ with .NextInSection }}<a href="{{ .RelPermalink }}" rel="next">{{ .Title }}</a>{{ end }}</nav>
        {{ end }}

        """),
        ("layouts/_default/list.html", """
        {{ define "main" }}
        <article>
        <h1>{{ .Title }}</h1>
        {{ with .Description }}<p class="lead">{{ . }}</p>{{ end }}
        <div class="content">{{ .Content }}</div>
        <ul class="cards">{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a><p>{{ .Description }}</p></li>{{ end }}</ul>
        </article>
        {{ end }}

        """),
    ]
}

/// An existing Sitemark project as a Hugo site with the benchmark's layout: the table bench
/// (`Tests/Scripts/bench-tables.py`) builds its two sites with Hugo through this.
public enum HugoSite {
    /// Each `.md` file of `Pages/` copied as written, so its front matter must not use a key
    /// Hugo reserves (`aliases`; the generated corpus renames those, a copy cannot); `Public/`
    /// becomes `static/`.
    public static func write(from project: URL, to site: URL) throws {
        var layout = HugoLayout(root: site)
        try layout.prepare()
        let pages = project.appendingPathComponent("Pages").standardizedFileURL
        let files = FileManager.default.enumerator(at: pages, includingPropertiesForKeys: nil)?.allObjects as? [URL] ?? []
        for file in files where file.pathExtension == "md" {
            let pagePath = String(file.standardizedFileURL.path.dropFirst(pages.path.count + 1))
            try layout.copy(pageAt: pagePath, text: String(decoding: try Data(contentsOf: file), as: UTF8.self))
        }
        try ThemeCopier.copyStatic(from: project, to: site)
    }
}
