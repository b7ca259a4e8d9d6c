import Foundation

/// What the last successful build resolved, kept by a long-running process (the preview
/// server) so that `PageRefresh` can render a page again without loading the whole project.
public struct SiteSnapshot: Sendable {
    let site: Site
    let renderer: PageRenderer
    let parser: PageParser
    let layout: ProjectLayout
}

/// The preview's fast path for the most common edit: a page's own text changed, and nothing
/// another page shows of it did. Such a page is parsed again and rendered against the site as
/// the last build resolved it; the rest of the site is left for a full build to catch up on
/// (Hugo's server does the same in its "fast render" mode).
///
/// "Nothing another page shows" is checked, not assumed: the page's public part (front
/// matter: title, description, order, tags, facts …), its headings, the links it makes, the
/// glossary terms it mentions and its comparison blocks must all be as the build saw them, and
/// neither version may have diagnostics. Then links, backlinks, navigation, related pages,
/// comparisons and glossary mentions are exactly what the build resolved, and the page renders
/// to the bytes a full build would give it. What may lag until the full build is what is drawn
/// from the page's prose: its search entry, word count and readability figures.
public enum PageRefresh {
    /// `paths`: the edited pages, relative to `Pages/`. The rendered pages, or nil when any of
    /// them is not such an edit (new, removed, unreadable, or changed beyond its own text).
    public static func render(pages paths: [String], in snapshot: SiteSnapshot) -> [RenderedFile]? {
        guard !paths.isEmpty else { return nil }
        var edited: [SitePage] = []
        var unreadable: [Diagnostic] = []  // an unreadable file means a full build, which reports it
        for path in paths {
            guard var page = snapshot.site.pages[path],
                  let file = SourceTree.read(snapshot.layout.pages.appendingPathComponent(path), path: path,
                                             layout: snapshot.layout, diagnostics: &unreadable) else { return nil }
            let new = snapshot.parser.parse(file)
            guard onlyOwnTextDiffers(page.parsed, new) else { return nil }
            page.parsed = new
            edited.append(page)
        }
        // The site itself is not updated: what other pages (and so this page's navigation and
        // listings) read of an edited page is what the checks above found unchanged, and a
        // copy of a 10,000-page site would cost more than the rest of this together.
        return edited.map { snapshot.renderer.render($0) }
    }

    static func onlyOwnTextDiffers(_ old: ParsedPage, _ new: ParsedPage) -> Bool {
        old.diagnostics.isEmpty && new.diagnostics.isEmpty
            && SiteFingerprint.publicFingerprint(of: old) == SiteFingerprint.publicFingerprint(of: new)
            && old.termMentions == new.termMentions
            // Positions only place diagnostics, and there are none.
            && old.headings.map(HeadingShape.init) == new.headings.map(HeadingShape.init)
            && Set(old.links.map(LinkShape.init)) == Set(new.links.map(LinkShape.init))
            && old.compareBlocks.map(\.literal) == new.compareBlocks.map(\.literal)
    }

    private struct HeadingShape: Equatable {
        var level: Int, text: String, id: String
        init(_ heading: Heading) { (level, text, id) = (heading.level, heading.text, heading.id) }
    }

    private struct LinkShape: Hashable {
        var destination: String, isImage: Bool
        init(_ link: LinkReference) { (destination, isImage) = (link.destination, link.isImage) }
    }
}
