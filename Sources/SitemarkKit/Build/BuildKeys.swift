import Foundation

/// The build cache's keys for one build, from the loaded sources and the options.
struct BuildKeys: Sendable {
    /// Content hash of each page of `tree.pages`, in order.
    let pages: [Fingerprint]
    /// Everything a build reads: when it equals the last build's, the output cannot differ.
    let build: Fingerprint
    /// What every rendered page depends on besides its own context and body: the tool, the
    /// templates, site.yml and the options that reach the output.
    let render: Fingerprint

    init(tree: SourceTree, options: BuildOptions) {
        pages = tree.pages.parallelMap { Fingerprint.of($0.bytes) }

        var render = FingerprintHasher()
        render.combine(ToolIdentity.current)
        render.combine("render")
        Self.combine(tree.siteConfig.map { [$0] } ?? [], into: &render)
        Self.combine(tree.templates, into: &render)
        render.combine(options.baseURL ?? "")
        render.combine(options.extraHead)
        render.combine(options.isPreview)
        render.combine(options.includeDrafts)
        self.render = render.finalize()

        var build = FingerprintHasher()
        build.combine(self.render)
        build.combine("build")
        build.combine(options.strict)
        build.combine(options.layout.output.path)
        for (file, hash) in zip(tree.pages, pages) {
            build.combine(file.path)
            build.combine(file.displayPath)
            build.combine(hash)
        }
        Self.combine(tree.glossary, into: &build)
        for asset in tree.pageAssets + tree.publicAssets {
            build.combine(asset.path)
            build.combine(encoding: FileIO.stamp(asset.source.path))
        }
        // Review-age checks depend on the day; a new day is a new build.
        build.combine(options.today.text)
        self.build = build.finalize()
    }

    /// What every page's parse depends on besides its own bytes: `PageParser`'s settings. The
    /// glossary enters through the forms its matcher looks for (term, aliases, abbreviation):
    /// a new alias can be mentioned anywhere; a changed definition changes no page's parse.
    func parser(allowRawHTML: Bool, glossary: Glossary) -> Fingerprint {
        var hasher = FingerprintHasher()
        hasher.combine(ToolIdentity.current)
        hasher.combine("parse")
        hasher.combine(allowRawHTML)
        hasher.combine(Self.matcherForms(of: glossary))
        return hasher.finalize()
    }

    /// The render key with the glossary's matcher forms (every page's body may link any term;
    /// the tooltips a page shows are in its own render inputs).
    func render(glossary: Glossary) -> Fingerprint {
        var hasher = FingerprintHasher()
        hasher.combine(render)
        hasher.combine(Self.matcherForms(of: glossary))
        return hasher.finalize()
    }

    /// The forms `Glossary` builds its `TermMatcher` from, hashed.
    static func matcherForms(of glossary: Glossary) -> Fingerprint {
        var hasher = FingerprintHasher()
        hasher.combine(encoding: glossary.entries.flatMap { entry in entry.forms.map { $0.matcherForm(entry: entry.slug) } })
        return hasher.finalize()
    }

    /// A page's parse key: its bytes, its paths (they appear in diagnostics) and the parser's.
    static func page(_ file: SourceFile, hash: Fingerprint, parser: Fingerprint) -> Fingerprint {
        var hasher = FingerprintHasher()
        hasher.combine(parser)
        hasher.combine(file.path)
        hasher.combine(file.displayPath)
        hasher.combine(hash)
        return hasher.finalize()
    }

    private static func combine(_ files: [SourceFile], into hasher: inout FingerprintHasher) {
        hasher.combine(files.count)
        for file in files {
            hasher.combine(file.path)
            hasher.combine(file.displayPath)
            hasher.combine(Fingerprint.of(file.bytes))
        }
    }
}
