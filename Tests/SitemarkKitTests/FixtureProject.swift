import Foundation
@testable import SitemarkKit

/// A throwaway project on disk, declared as a file tree: `["Pages/index.md": "..."]`.
struct FixtureProject {
    let root: URL

    /// Minimal templates that print just enough to test the pipeline, not the theme.
    static let minimalTemplates: [String: String] = [
        "Templates/base.mustache": "<!DOCTYPE html><html lang=\"{{site.language}}\"><title>{{page.title}}</title><main>{{$main}}{{/main}}</main></html>\n",
        "Templates/article.mustache": "{{<base}}{{$main}}{{#breadcrumbs}}<a class=\"crumb\" href=\"{{url}}\">{{title}}</a>{{/breadcrumbs}}<h1>{{page.title}}</h1>{{{page.content}}}{{#previous}}<a rel=\"prev\" href=\"{{url}}\">{{title}}</a>{{/previous}}{{#next}}<a rel=\"next\" href=\"{{url}}\">{{title}}</a>{{/next}}{{#backlinks}}<a class=\"backlink\" href=\"{{url}}\">{{title}}</a>{{/backlinks}}{{/main}}{{/base}}\n",
        "Templates/section.mustache": "{{<base}}{{$main}}<h1>{{page.title}}</h1>{{{page.content}}}<ul>{{#listing}}<li><a href=\"{{url}}\">{{title}}</a></li>{{/listing}}</ul>{{/main}}{{/base}}\n",
        "Templates/home.mustache": "{{<base}}{{$main}}<nav>{{#menu}}<a href=\"{{url}}\">{{title}}</a>{{/menu}}</nav>{{{page.content}}}{{/main}}{{/base}}\n",
    ]

    init(_ files: [String: String], templates: [String: String] = FixtureProject.minimalTemplates) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("sitemark-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for (path, text) in templates.merging(files, uniquingKeysWith: { _, new in new }) {
            try write(path, text)
        }
    }

    /// A project made from a folder of fixture files (`Tests/Fixtures/NAME`).
    init(copying fixture: URL) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("sitemark-test-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: fixture, to: root)
    }

    var layout: ProjectLayout { ProjectLayout(root: root) }
    var output: URL { layout.output }

    func write(_ path: String, _ text: String) throws {
        try writeBytes(path, Array(text.utf8))
    }

    func writeBytes(_ path: String, _ bytes: [UInt8]) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    /// Replaces `old` in a project file; throws when the file does not hold it, so that an
    /// edited fixture cannot turn a test into one that changes nothing.
    func replace(_ old: String, with new: String, in path: String) throws {
        let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        guard text.contains(old) else { throw TestFailure("'\(old)' is not in \(path)") }
        try write(path, text.replacingOccurrences(of: old, with: new))
    }

    func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent(path))
    }

    @discardableResult
    func build(strict: Bool = false, write: Bool = true, drafts: Bool = false, configure: (inout BuildOptions) -> Void = { _ in }) -> BuildReport {
        var options = BuildOptions.onFixedDay(layout)
        options.strict = strict
        options.writeOutput = write
        options.includeDrafts = drafts
        configure(&options)
        return SiteBuilder().build(options)
    }

    func output(_ path: String) -> String? {
        FileManager.default.contents(atPath: output.appendingPathComponent(path).path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Every file of the output folder with its bytes, for whole-site comparisons.
    func snapshot(of folder: URL? = nil) -> [String: Data] {
        var files: [String: Data] = [:]
        for (path, url) in SourceTree.listFiles(under: folder ?? output) {
            files[path] = FileManager.default.contents(atPath: url.path)
        }
        return files
    }

    func cleanUp() { try? FileManager.default.removeItem(at: root) }
}

/// The repository's own folders (tests that check the shipped content and theme).
extension BuildOptions {
    /// A test's build options: review ages measured on a fixed day. The day is part of a build's
    /// key, so two builds either side of midnight would otherwise disagree (a rebuild not "up to
    /// date", an editorial page that changed).
    static func onFixedDay(_ layout: ProjectLayout) -> BuildOptions {
        var options = BuildOptions(layout: layout)
        options.today = ReviewDate("2026-11-21")!
        return options
    }
}

enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = root.appendingPathComponent("Tests/Fixtures")
    static let shared = root.deletingLastPathComponent().appendingPathComponent("shared")

    /// A check of the repository's own `Pages/` that writes nothing (no output, no cache in
    /// the checkout) and measures review ages on the day the articles were reviewed, so the
    /// tests do not start failing the day a review falls due.
    static func knowledgeBaseOptions() -> BuildOptions {
        var options = BuildOptions.onFixedDay(ProjectLayout(root: root))
        options.writeOutput = false
        options.cacheFolder = nil
        return options
    }
}

extension BuildReport {
    func messages(_ severity: Diagnostic.Severity? = nil) -> [String] {
        diagnostics.filter { severity == nil || $0.severity == severity }.map(\.description)
    }

    func diagnostic(containing text: String) -> Diagnostic? {
        diagnostics.first { $0.message.contains(text) }
    }
}

/// A page with front matter, for brevity: a title and (unless `extra` gives one, after `extra`,
/// so that its lines keep their numbers) the description articles need.
func page(_ title: String, _ body: String = "", extra: String = "") -> String {
    let description = extra.contains("description:") ? "" : "description: About \(title).\n"
    return "---\ntitle: \(title)\n\(extra)\(description)---\n\(body)"
}

/// A test's own failure, with its reason.
struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
