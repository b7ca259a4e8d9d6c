import Foundation
import SitemarkBench
@testable import SitemarkKit
import Testing

/// The build cache must never give a wrong page: after each kind of edit, a build that uses the
/// cache must write exactly the bytes a clean build writes. One project is edited step by step
/// (the cache carries over, as in real use); after every step its cached build is compared with
/// a clean build of the same sources into another folder.
@Suite("Incremental builds equal clean builds")
struct IncrementalBuildTests {
    enum Mode: String, CaseIterable, CustomStringConvertible {
        /// `sitemark build` run after run: the cache is read from and written to disk.
        case disk
        /// `sitemark serve`: one cache object kept in memory across rebuilds.
        case memory
        var description: String { rawValue }
    }

    struct Edit: Sendable, CustomStringConvertible {
        var description: String
        /// Whether the clean output must differ from the one before the edit (a no-op edit
        /// would prove nothing about invalidation).
        var changesOutput = true
        /// Whether every page legitimately depends on what is edited (templates, site.yml, the
        /// terms the glossary matches); other edits must leave most pages alone.
        var rebuildsAll = false
        var apply: @Sendable (TestProject) throws -> Void
    }

    static let edits: [Edit] = [
        Edit(description: "an article's body") { project in
            try project.append("\nA sentence added to the body.\n", to: project.article(3))
        },
        Edit(description: "an article's front matter title (shown in menus, listings, related, backlinks)") { project in
            try project.replace("title: \"", with: "title: \"Renamed ", in: project.article(4))
        },
        Edit(description: "the title of a page other pages link to") { project in
            let target = project.linkedArticle
            try project.replace("title: \"", with: "title: \"Linked and renamed ", in: target)
        },
        Edit(description: "a page's description (shown on its section's listing)") { project in
            try project.replace("description: \"", with: "description: \"Edited. ", in: project.article(5))
        },
        Edit(description: "a layout template", rebuildsAll: true) { project in
            try project.replace("<article class=\"article\">", with: "<article class=\"article edited\">", in: "Templates/article.mustache")
        },
        Edit(description: "a partial", rebuildsAll: true) { project in
            try project.replace("Built with Sitemark.", with: "Built with Sitemark, edited.", in: "Templates/partials/footer.mustache")
        },
        Edit(description: "site.yml", rebuildsAll: true) { project in
            try project.replace("title: Generated knowledge base", with: "title: Edited knowledge base", in: "Pages/site.yml")
        },
        Edit(description: "a glossary definition (tooltips on the pages that mention the term)") { project in
            try project.replace("is a term used throughout this site", with: "is a term defined here", in: "Pages/glossary/ozone.md")
        },
        Edit(description: "a glossary alias (any page may mention it)", rebuildsAll: true) { project in
            try project.replace("aliases: [", with: "aliases: [\"edited alias\", ", in: "Pages/glossary/ozone.md")
        },
        Edit(description: "a Public asset") { project in
            try project.append("\n/* edited */\n", to: "Public/assets/style.css")
        },
        Edit(description: "adding a page") { project in
            try project.write("""
                ---
                title: "An added page"
                description: "Added by the test."
                reviewed: 2026-01-02
                reviewed_by: Test reviewer
                sources: ["A source"]
                ---

                It links to [another page](\(project.relativeLink(from: "mechanisms/part-1/added.md", to: project.article(0)))).

                """, to: "Pages/mechanisms/part-1/added.md")
        },
        Edit(description: "making the added page a draft") { project in
            try project.replace("title: \"An added page\"", with: "title: \"An added page\"\ndraft: true", in: "Pages/mechanisms/part-1/added.md")
        },
        Edit(description: "deleting the added page", changesOutput: false) { project in
            try FileManager.default.removeItem(at: project.root.appendingPathComponent("Pages/mechanisms/part-1/added.md"))
        },
        Edit(description: "deleting a file and editing another in the output by hand", changesOutput: false) { project in
            try FileManager.default.removeItem(at: project.output.appendingPathComponent(project.outputPath(of: project.article(6))))
            try project.append("tampered", to: project.outputPath(of: project.article(7)), in: project.output)
            try project.write("stray", to: "stray.html", in: project.output)
        },
        Edit(description: "nothing", changesOutput: false) { _ in },
    ]

    @Test("each kind of edit", arguments: Mode.allCases)
    func eachKindOfEdit(mode: Mode) throws {
        let project = try TestProject()
        defer { project.remove() }
        let memory = BuildCache()
        func incremental() -> BuildReport {
            var options = BuildOptions.onFixedDay(project.layout)
            if mode == .memory {
                options.cache = memory
                options.cacheFolder = nil
            }
            return SiteBuilder().build(options)
        }

        let first = incremental()
        #expect(first.succeeded, "\(first.diagnostics)")
        var before = try project.cleanBuild()
        for edit in Self.edits {
            try edit.apply(project)
            let report = incremental()
            #expect(report.succeeded, "after editing \(edit): \(report.diagnostics)")
            let clean = try project.cleanBuild()
            let difference = TestProject.difference(project.output, clean)
            #expect(difference == nil, "after editing \(edit), the cached build differs from a clean one: \(difference ?? "")")
            if edit.changesOutput {
                #expect(TestProject.difference(before, clean) != nil, "editing \(edit) changed nothing: the test proves nothing")
            }
            // The cache did its job: only pages whose output changed were rendered again (a page
            // may show a changed field its template leaves out, and files damaged by hand are made
            // again, hence the slack), one page parsed.
            if !edit.rebuildsAll {
                let changed = TestProject.changedFiles(before, clean).count
                #expect(report.pagesRendered <= changed * 2 + 2, "after editing \(edit): rendered \(report.pagesRendered), \(changed) files changed")
                #expect(report.pagesParsed <= 1, "after editing \(edit): parsed \(report.pagesParsed)")
            }
            // And the next build, with nothing changed, stops early and leaves the same output.
            let again = incremental()
            #expect(again.upToDate, "after editing \(edit), a second build was not up to date")
            #expect(TestProject.difference(project.output, clean) == nil)
            try? FileManager.default.removeItem(at: before)
            before = clean
        }
    }

    /// Options reach the output as edits do: `--base-url` is written into every page's
    /// canonical link, the sitemap and robots.txt; `--drafts` adds pages and links.
    enum ChangedOption: String, CaseIterable, CustomStringConvertible {
        case baseURL = "--base-url", drafts = "--drafts"
        var description: String { rawValue }

        func apply(to options: inout BuildOptions) {
            switch self {
            case .baseURL: options.baseURL = "https://other.example/kb/"
            case .drafts: options.includeDrafts = true
            }
        }
    }

    @Test("a build with other options is not taken from the cache", arguments: ChangedOption.allCases)
    func changedOptions(option: ChangedOption) throws {
        let project = try TestProject()
        defer { project.remove() }
        // Something for --drafts to add.
        try project.write("""
            ---
            title: "A draft"
            description: "Not published yet."
            draft: true
            ---

            Work in progress.

            """, to: "Pages/mechanisms/part-1/draft.md")
        func configure(_ options: inout BuildOptions, changed: Bool) {
            options.baseURL = "https://first.example/"
            if changed { option.apply(to: &options) }
        }
        func build(changed: Bool) -> BuildReport {
            var options = BuildOptions.onFixedDay(project.layout)
            configure(&options, changed: changed)
            return SiteBuilder().build(options)
        }
        #expect(build(changed: false).succeeded)
        let before = try project.cleanBuild { configure(&$0, changed: false) }
        let report = build(changed: true)
        #expect(report.succeeded, "\(report.diagnostics)")
        #expect(!report.upToDate, "\(option) changed nothing in the build's key")
        let clean = try project.cleanBuild { configure(&$0, changed: true) }
        #expect(TestProject.difference(before, clean) != nil, "\(option) changes no output: the test proves nothing")
        let difference = TestProject.difference(project.output, clean)
        #expect(difference == nil, "with \(option), the cached build differs from a clean one: \(difference ?? "")")
    }

    @Test("a damaged cache is ignored, not trusted")
    func damagedCache() throws {
        let project = try TestProject()
        defer { project.remove() }
        #expect(SiteBuilder().build(BuildOptions.onFixedDay(project.layout)).succeeded)
        let cacheFolder = project.layout.cache
        for name in try FileManager.default.contentsOfDirectory(atPath: cacheFolder.path) where name.hasSuffix(".bin") {
            let url = cacheFolder.appendingPathComponent(name)
            var bytes = [UInt8](try Data(contentsOf: url))
            bytes.removeLast(bytes.count / 3)  // cut mid-record
            if bytes.count > 40 { bytes[40] ^= 0xFF }
            try Data(bytes).write(to: url)
        }
        try project.append("\nChanged after the cache was damaged.\n", to: project.article(2))
        let report = SiteBuilder().build(BuildOptions.onFixedDay(project.layout))
        #expect(report.succeeded)
        let clean = try project.cleanBuild()
        #expect(TestProject.difference(project.output, clean) == nil)
    }

    @Test("pages written to the staging folder while rendering are dropped when the build then fails")
    func stagingDiscardedOnLateFailure() throws {
        let project = try TestProject()
        defer { project.remove() }
        #expect(SiteBuilder().build(BuildOptions.onFixedDay(project.layout)).succeeded)
        let before = TestProject.files(in: project.output)
        // A warning only the render stage finds (the search's A–Z template is gone), made an
        // error by --strict: every page was already rendered into the staging folder.
        try FileManager.default.removeItem(at: project.root.appendingPathComponent("Templates/az.mustache"))
        try project.append("\nAn edit that must not reach the output.\n", to: project.article(1))
        var options = BuildOptions.onFixedDay(project.layout)
        options.strict = true
        options.cacheFolder = nil  // a build the cache knows nothing of: the staged way
        let report = SiteBuilder().build(options)
        #expect(!report.succeeded)
        #expect(report.diagnostics.contains { $0.message.contains("az.html is not built") })
        #expect(TestProject.files(in: project.output) == before, "the previous output was changed")
        let parent = project.output.deletingLastPathComponent().path
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: parent).filter { $0.contains(".staging-") }
        #expect(leftovers.isEmpty, "staging folders left behind: \(leftovers)")
    }

    @Test("without a cache folder nothing is written to the project")
    func noCacheFolder() throws {
        let project = try TestProject()
        defer { project.remove() }
        var options = BuildOptions.onFixedDay(project.layout)
        options.cacheFolder = nil
        #expect(SiteBuilder().build(options).succeeded)
        #expect(!FileManager.default.fileExists(atPath: project.layout.cache.path))
    }
}

/// A generated project in a temporary folder, with the repository's theme.
final class TestProject: Sendable {
    let root: URL
    let generator = CorpusGenerator(seed: 7, articles: 24, articlesPerFolder: 8)

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("sitemark-test-\(UUID().uuidString)")
        try generator.write(to: root)
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        try ThemeCopier.copy(from: repository, to: root)
    }

    var layout: ProjectLayout { ProjectLayout(root: root) }
    var output: URL { layout.output }

    func remove() { try? FileManager.default.removeItem(at: root) }

    func article(_ index: Int) -> String { "Pages/" + generator.articlePath(index) }

    /// An article that other articles link to (the generator links neighbours in a folder).
    var linkedArticle: String {
        for index in 0..<generator.articles {
            let name = (generator.articlePath(index) as NSString).lastPathComponent
            for other in 0..<generator.articles where other != index {
                if let text = try? String(contentsOf: root.appendingPathComponent(article(other)), encoding: .utf8),
                   text.contains("](\(name)") { return article(index) }
            }
        }
        return article(0)
    }

    func outputPath(of page: String) -> String {
        URLPath.outputPath(forPage: String(page.dropFirst("Pages/".count)))
    }

    func relativeLink(from page: String, to target: String) -> String {
        URLPath.relative(from: page, to: String(target.dropFirst("Pages/".count)))
    }

    func write(_ text: String, to path: String, in base: URL? = nil) throws {
        let url = (base ?? root).appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func append(_ text: String, to path: String, in base: URL? = nil) throws {
        let url = (base ?? root).appendingPathComponent(path)
        try write(String(decoding: try Data(contentsOf: url), as: UTF8.self) + text, to: path, in: base)
    }

    func replace(_ old: String, with new: String, in path: String) throws {
        let url = root.appendingPathComponent(path)
        let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        guard let range = text.range(of: old) else { throw TestFailure("'\(old)' not found in \(path)") }
        try write(text.replacingCharacters(in: range, with: new), to: path)
    }

    /// A build of the same sources with no cache at all, into a new folder inside the project
    /// (so `remove()` deletes it too; the build reads only Pages/, Templates/ and Public/).
    func cleanBuild(_ configure: (inout BuildOptions) -> Void = { _ in }) throws -> URL {
        let output = root.appendingPathComponent("_clean-\(UUID().uuidString)")
        var options = BuildOptions.onFixedDay(ProjectLayout(root: root, output: output))
        configure(&options)
        options.cacheFolder = nil
        let report = SiteBuilder().build(options)
        guard report.succeeded else { throw TestFailure("clean build failed: \(report.diagnostics)") }
        return output
    }

    /// Paths of files whose bytes differ or that only one folder has.
    static func changedFiles(_ a: URL, _ b: URL) -> [String] {
        let filesA = files(in: a), filesB = files(in: b)
        return Set(filesA.keys).union(filesB.keys).filter { filesA[$0] != filesB[$0] }.sorted()
    }

    /// nil when both folders hold the same files with the same bytes (the marker aside).
    static func difference(_ a: URL, _ b: URL) -> String? {
        let filesA = files(in: a), filesB = files(in: b)
        if filesA.keys.sorted() != filesB.keys.sorted() {
            let onlyA = Set(filesA.keys).subtracting(filesB.keys).sorted(), onlyB = Set(filesB.keys).subtracting(filesA.keys).sorted()
            return "only in the first: \(onlyA); only in the second: \(onlyB)"
        }
        for (path, bytes) in filesA.sorted(by: { $0.key < $1.key }) where filesB[path] != bytes {
            return "\(path) differs"
        }
        return nil
    }

    static func files(in folder: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        let base = folder.standardizedFileURL.resolvingSymlinksInPath().path
        guard let enumerator = FileManager.default.enumerator(atPath: base) else { return result }
        for case let path as String in enumerator where path != OutputWriter.markerName {
            var isDirectory: ObjCBool = false
            let full = base + "/" + path
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                result[path] = FileManager.default.contents(atPath: full)
            }
        }
        return result
    }
}
