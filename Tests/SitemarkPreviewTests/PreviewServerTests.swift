import Foundation
import SitemarkKit
@testable import SitemarkPreview
import Testing

/// The preview server driven over a real loopback socket. Serialized: each test starts its own
/// server and builds, and the machines running CI have two cores.
@Suite("Preview server", .serialized, .timeLimit(.minutes(2)))
struct PreviewServerTests {
    @Test("serves pages, folders and assets with their content types")
    func servesTheSite() async throws {
        let fixture = try PreviewFixture()
        try fixture.write("Public/.well-known/security.txt", "Contact: mailto:security@clinic.example\n")
        _ = try await fixture.start()

        let home = try await fixture.get("/")
        #expect(home.status == 200)
        #expect(home.header("Content-Type") == "text/html; charset=utf-8")
        #expect(home.text.contains("Welcome."))
        #expect(home.text.contains(LiveReloadScript.headTag))

        let page = try await fixture.get("/guide/first.html")
        #expect(page.status == 200)
        #expect(page.text.contains("Original text of the first page."))

        let wellKnown = try await fixture.get("/.well-known/security.txt")
        #expect(wellKnown.status == 200 && wellKnown.text.hasPrefix("Contact:"))
        #expect(try await fixture.get("/.sitemark-output").status == 404)

        let css = try await fixture.get("/assets/style.css")
        #expect(css.status == 200)
        #expect(css.header("Content-Type") == "text/css; charset=utf-8")

        let icon = try await fixture.get("/favicon.svg")
        #expect(icon.header("Content-Type") == "image/svg+xml; charset=utf-8")

        let folder = try await fixture.get("/guide?x=1")
        #expect(folder.status == 301)
        #expect(folder.header("Location") == "/guide/?x=1")
        let index = try await fixture.get("/guide/")
        #expect(index.status == 200)
        #expect(index.text.contains("The guide."))

        let head = try await fixture.get("/guide/first.html", method: "HEAD")
        #expect(head.status == 200)
        #expect(head.header("Content-Length") == String(page.body.count))
        #expect(head.body.isEmpty)

        let post = try await fixture.get("/", method: "POST")
        #expect(post.status == 405)

        let script = try await fixture.get(LiveReloadScript.scriptPath)
        #expect(script.header("Content-Type") == "text/javascript; charset=utf-8")
        #expect(script.text.contains("EventSource"))
        try await fixture.stop()
    }

    @Test("drafts are previewed with the banner; the preview builds outside _site")
    func draftsAndOutputFolder() async throws {
        let fixture = try PreviewFixture()
        _ = try await fixture.start()
        let draft = try await fixture.get("/guide/wip.html")
        #expect(draft.status == 200)
        #expect(draft.text.contains("draft-banner"))
        try await fixture.stop()

        let output = fixture.layout.cache.appendingPathComponent("preview/guide/wip.html")
        #expect(FileManager.default.fileExists(atPath: output.path))
        #expect(!FileManager.default.fileExists(atPath: fixture.layout.output.path), "serve must not touch _site/")

        // What `sitemark build` (and so `make site`) writes: no drafts, no reload script.
        let report = SiteBuilder().build(BuildOptions(layout: fixture.layout))
        #expect(report.succeeded)
        let site = fixture.layout.output
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("guide/wip.html").path))
        let home = try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(!home.contains("__sitemark"))
    }

    @Test("--no-drafts previews what publishes")
    func withoutDrafts() async throws {
        let fixture = try PreviewFixture()
        _ = try await fixture.start { $0.includeDrafts = false }
        #expect(try await fixture.get("/guide/wip.html").status == 404)
        try await fixture.stop()
    }

    @Test("saving a page sends a reload event, then serves the new text")
    func editReloads() async throws {
        let fixture = try PreviewFixture()
        _ = try await fixture.start()
        let events = try await fixture.events()
        defer { events.close() }
        let hello = try #require(try await events.nextEvent())
        #expect(hello.name == "hello")
        #expect(hello.data.contains(#""state":"ok""#))

        try fixture.write("Pages/guide/first.md", "---\ntitle: First\ndescription: The first page.\n---\n\nEdited text.\n")
        let reload = try #require(try await events.waitFor("reload"))
        #expect(reload.data.contains("build"))
        let page = try await fixture.get("/guide/first.html")
        #expect(page.text.contains("Edited text."))
        #expect(!page.text.contains("Original text"))
        try await fixture.stop()
    }

    @Test("an edit of a page's text is served at once from memory; a quiet full build then catches the site up")
    func fastPathThenCatchUp() async throws {
        let fixture = try PreviewFixture()
        let events = try await fixture.startListening { $0.catchUpDelay = .seconds(2) }
        defer { events.close() }
        let onDisk = fixture.layout.cache.appendingPathComponent("preview/guide/first.html")

        try fixture.write("Pages/guide/first.md", "---\ntitle: First\ndescription: The first page.\n---\n\nQuickly edited zebrafish text.\n")
        _ = try #require(try await events.waitFor("reload"))
        #expect(try await fixture.get("/guide/first.html").text.contains("Quickly edited zebrafish text."))
        // The fast path: no build ran, the new page is served from memory, not yet on disk.
        let status = try await fixture.get("/__sitemark/status").text
        #expect(status.contains("Updated 1 page"), "\(status)")
        #expect(try String(contentsOf: onDisk, encoding: .utf8).contains("Original text of the first page."))

        // The catch-up writes the page to disk and brings the search index up to date.
        var caughtUp = false
        for _ in 0..<300 where !caughtUp {
            try await Task.sleep(for: .milliseconds(100))
            let index = try await fixture.get("/search-index.js").text
            let disk = (try? String(contentsOf: onDisk, encoding: .utf8)) ?? ""
            caughtUp = index.contains("zebrafish") && disk.contains("Quickly edited zebrafish text.")
        }
        #expect(caughtUp, "the catch-up build did not run")
        #expect(try await fixture.get("/__sitemark/status").text.contains(#""state":"ok""#))
        // Quietly: open pages already showed the edit, so no second reload.
        let next = try await events.nextEvent(timeout: 1)
        #expect(next?.name != "reload")
        try await fixture.stop()
    }

    @Test("a page saved unchanged reloads nothing; saved changed, or changed back, it reloads")
    func unchangedSaveReloadsNothing() async throws {
        let fixture = try PreviewFixture()
        let events = try await fixture.startListening { $0.catchUpDelay = .seconds(30) }
        defer { events.close() }
        let original = PreviewFixture.defaultPages["Pages/guide/first.md"]!
        let edited = original.replacingOccurrences(of: "Original text", with: "Edited text")

        try fixture.write("Pages/guide/first.md", original)
        #expect(try await events.waitFor("reload", timeout: 1.5) == nil)
        try fixture.write("Pages/guide/first.md", edited)
        _ = try #require(try await events.waitFor("reload"))
        try fixture.write("Pages/guide/first.md", edited)   // what is served from memory: unchanged
        #expect(try await events.waitFor("reload", timeout: 1.5) == nil)
        try fixture.write("Pages/guide/first.md", original)  // back to what is on disk, not what is served
        _ = try #require(try await events.waitFor("reload"))
        #expect(try await fixture.get("/guide/first.html").text.contains("Original text of the first page."))
        try await fixture.stop()
    }

    @Test("restarted on the same port with nothing changed, the first edit still takes the fast path")
    func fastPathAfterWarmRestart() async throws {
        let fixture = try PreviewFixture()
        let first = try await fixture.start()
        try await fixture.stop()
        // Same port, same sources: the preview cache says nothing changed, and the first build
        // would stop early, leaving the fast path no site to render against.
        let events = try await fixture.startListening { $0.port = first.port; $0.catchUpDelay = .seconds(5) }
        defer { events.close() }
        try fixture.write("Pages/guide/first.md", "---\ntitle: First\ndescription: The first page.\n---\n\nEdited after a restart.\n")
        _ = try #require(try await events.waitFor("reload"))
        let status = try await fixture.get("/__sitemark/status").text
        #expect(status.contains("Updated 1 page"), "\(status)")
        #expect(try await fixture.get("/guide/first.html").text.contains("Edited after a restart."))
        try await fixture.stop()
    }

    @Test("a broken edit shows the errors while the last good page is still served")
    func brokenEditKeepsLastGoodSite() async throws {
        let fixture = try PreviewFixture()
        let events = try await fixture.startListening()
        defer { events.close() }

        try fixture.breakFirstPage()
        let failed = try #require(try await events.waitFor("failed"))
        let status = try JSONDecoder().decode(BuildStatus.self, from: Data(failed.data.utf8))
        #expect(status.state == .failed)
        let problem = try #require(status.problems.first)
        #expect(problem.severity == "error")
        #expect(problem.file == "Pages/guide/first.md")
        #expect(problem.line == 6 && problem.column > 0)
        #expect(problem.location == "Pages/guide/first.md:6:\(problem.column)")
        #expect(problem.message.contains("missing.md"))

        // The old page is still served, and a page opened now learns about the failure.
        let page = try await fixture.get("/guide/first.html")
        #expect(page.status == 200)
        #expect(page.text.contains("Original text of the first page."))
        let current = try await fixture.get(LiveReloadScript.statusPath)
        #expect(current.header("Content-Type") == "application/json; charset=utf-8")
        #expect(try JSONDecoder().decode(BuildStatus.self, from: Data(current.body)) == status)

        // The fix clears it: a reload, and the status is good again.
        try fixture.write("Pages/guide/first.md", "---\ntitle: First\ndescription: The first page.\n---\n\nFixed text.\n")
        _ = try #require(try await events.waitFor("reload"))
        let fixed = try await fixture.buildStatus()
        #expect(fixed.state == .ok)
        #expect(fixed.problems.isEmpty)
        #expect(try await fixture.get("/guide/first.html").text.contains("Fixed text."))
        try await fixture.stop()
    }

    @Test("while the site is broken, a text edit of another page is a full build that still fails, not an 'ok'")
    func editWhileBrokenKeepsTheErrors() async throws {
        let fixture = try PreviewFixture()
        let events = try await fixture.startListening()
        defer { events.close() }
        try fixture.breakFirstPage()
        _ = try #require(try await events.waitFor("failed"))

        // Text alone, which would take the fast path on a good site.
        try fixture.write("Pages/guide/index.md", "---\ntitle: Guide\n---\n\nThe guide, edited.\n")
        let next = try #require(try await events.nextEvent(timeout: 20))
        #expect(next.name == "failed", "the first event after the edit was '\(next.name)'")
        let status = try await fixture.buildStatus()
        #expect(status.state == .failed)
        #expect(status.problems.contains { $0.file == "Pages/guide/first.md" })
        try await fixture.stop()
    }

    @Test("started on a broken project, pages show the errors (not a bare 404) and load once a save fixes it")
    func brokenFromTheStart() async throws {
        var pages = PreviewFixture.defaultPages
        pages["Pages/guide/first.md"] = "---\ntitle: First\ndescription: The first page.\n---\n\nSee [gone](missing&x.md).\n"
        let fixture = try PreviewFixture(pages: pages)
        let events = try await fixture.startListening()
        defer { events.close() }

        let page = try await fixture.get("/guide/first.html")
        #expect(page.status == 503)
        #expect(page.header("Content-Type") == "text/html; charset=utf-8")
        #expect(page.text.contains("<code>Pages/guide/first.md:6:"))
        #expect(page.text.contains("missing&amp;x.md") && !page.text.contains("missing&x.md"), "messages are escaped")
        #expect(page.text.contains(LiveReloadScript.headTag))
        #expect(try await fixture.get("/guide/first.html", method: "HEAD").body.isEmpty)

        try fixture.write("Pages/guide/first.md", "---\ntitle: First\ndescription: The first page.\n---\n\nFixed text.\n")
        _ = try #require(try await events.waitFor("reload"))
        let fixed = try await fixture.get("/guide/first.html")
        #expect(fixed.status == 200 && fixed.text.contains("Fixed text."))
        // With a site built, a missing page is the site's own 404 again.
        #expect(try await fixture.get("/nowhere.html").status == 404)
        try await fixture.stop()
    }

    @Test("a stylesheet edit swaps stylesheets instead of reloading")
    func stylesheetSwap() async throws {
        let fixture = try PreviewFixture()
        let events = try await fixture.startListening()
        defer { events.close() }

        let css = try String(contentsOf: fixture.root.appendingPathComponent("Public/assets/style.css"), encoding: .utf8)
        try fixture.write("Public/assets/style.css", css + "\n.preview-test { color: red; }\n")
        let event = try #require(try await events.nextEvent())
        #expect(event.name == "css")
        #expect(event.data.contains(#""paths":["assets/style.css"]"#))
        #expect(try await fixture.get("/assets/style.css").text.contains(".preview-test"))
        try await fixture.stop()
    }

    @Test("a burst of saves becomes one rebuild")
    func burstIsOneRebuild() async throws {
        let fixture = try PreviewFixture()
        // A generous quiet period, so a slow CI machine still sees the burst as one.
        let events = try await fixture.startListening { $0.quietPeriod = .milliseconds(300); $0.maximumDelay = .seconds(5) }
        defer { events.close() }

        for n in 1...5 {
            try fixture.write("Pages/guide/page\(n).md", "---\ntitle: Page \(n)\ndescription: Burst page.\n---\n\nText \(n).\n")
        }
        let first = try #require(try await events.nextEvent())
        #expect(first.name == "reload")
        #expect(try await events.nextEvent(timeout: 1.5) == nil, "a second rebuild followed the burst")
        for n in 1...5 { #expect(try await fixture.get("/guide/page\(n).html").status == 200) }
        try await fixture.stop()
    }

    @Test("folders created after start are watched too")
    func newFoldersAreWatched() async throws {
        let fixture = try PreviewFixture()
        let events = try await fixture.startListening()
        defer { events.close() }

        try FileManager.default.createDirectory(at: fixture.root.appendingPathComponent("Pages/guide/deeper/still"),
                                                withIntermediateDirectories: true)
        try await Task.sleep(for: .milliseconds(200))
        try fixture.write("Pages/guide/deeper/still/late.md", "---\ntitle: Late\ndescription: Added later.\n---\n\nLate text.\n")
        let deadline = Date().addingTimeInterval(20)
        var served = false
        while !served, Date() < deadline {
            _ = try await events.waitFor("reload", timeout: 5)
            served = try await fixture.get("/guide/deeper/still/late.html").text.contains("Late text.")
        }
        #expect(served)
        try await fixture.stop()
    }

    @Test("paths leading out of the output folder are refused")
    func traversalIsRefused() async throws {
        let fixture = try PreviewFixture()
        _ = try await fixture.start()
        // Links planted in the served folder that point outside it.
        let output = fixture.layout.cache.appendingPathComponent("preview")
        let outside = fixture.root.appendingPathComponent("secret.txt")
        try Data("TOP SECRET\n".utf8).write(to: outside)
        try FileManager.default.createSymbolicLink(atPath: output.appendingPathComponent("leak.txt").path, withDestinationPath: outside.path)
        try FileManager.default.createSymbolicLink(atPath: output.appendingPathComponent("etc").path, withDestinationPath: "/etc")
        try FileManager.default.createSymbolicLink(atPath: output.appendingPathComponent("up").path, withDestinationPath: "..")
        // A file beside the served folder whose path starts with the folder's own path.
        let sibling = output.deletingLastPathComponent().appendingPathComponent(output.lastPathComponent + "-secret.txt")
        try Data("TOP SECRET\n".utf8).write(to: sibling)
        try FileManager.default.createSymbolicLink(atPath: output.appendingPathComponent("sibling.txt").path, withDestinationPath: sibling.path)

        let attempts = [
            "/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
            "/..%2f..%2f..%2f..%2fetc%2fpasswd", "/guide/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
            "/guide/..%5c..%5csecret.txt", "/%252e%252e/%252e%252e/etc/passwd", "//etc/passwd", "/etc/passwd",
            "/leak.txt", "/etc/passwd", "/etc/", "/up/secret.txt", "/up/", "/.sitemark-output", "/%00/index.html",
            "/../secret.txt", "/preview/../secret.txt", "/sibling.txt",
        ]
        for target in attempts {
            let reply = try await fixture.get(target)
            #expect([400, 403, 404].contains(reply.status), "\(target) answered \(reply.status)")
            #expect(!reply.text.contains("root:"), "\(target) leaked /etc/passwd")
            #expect(!reply.text.contains("TOP SECRET"), "\(target) leaked a file outside the output")
        }
        #expect(try await fixture.get("/leak.txt").status == 403)
        #expect(try await fixture.get("/sibling.txt").status == 403)
        #expect(try await fixture.get("/../secret.txt").status == 403)
        // No listing of a folder without an index.
        try FileManager.default.createDirectory(at: output.appendingPathComponent("bare"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: output.appendingPathComponent("bare/file.txt"))
        let bare = try await fixture.get("/bare/")
        #expect(bare.status == 404)
        #expect(!bare.text.contains("file.txt"))
        try await fixture.stop()
    }

    @Test("unknown paths get the site's 404 page with status 404, styled from the preview at any depth")
    func notFound() async throws {
        let fixture = try PreviewFixture()
        let running = try await fixture.start()
        let page = try await fixture.get("/no/such/deep/page.html")
        #expect(page.status == 404)
        #expect(page.header("Content-Type") == "text/html; charset=utf-8")
        #expect(page.text.contains("page-not-found"))
        // The preview builds with its own address as base URL, so the 404 page's absolute
        // URLs (it is served at any depth) lead to the preview, not to the published site.
        #expect(page.text.contains("href=\"\(running.url)assets/style.css\""))
        #expect(!page.text.contains("https://example.org/"))
        try await fixture.stop()

        // A theme without a 404 template: a plain 404.
        try FileManager.default.removeItem(at: fixture.root.appendingPathComponent("Templates/404.mustache"))
        _ = try await fixture.start()
        let plain = try await fixture.get("/no/such/page.html")
        #expect(plain.status == 404)
        #expect(plain.header("Content-Type") == "text/plain; charset=utf-8")
        try await fixture.stop()
    }

    @Test("stopping (Ctrl-C) ends open event streams and returns promptly")
    func stopsWithOpenStreams() async throws {
        let fixture = try PreviewFixture()
        _ = try await fixture.start()
        let streams = [try await fixture.events(), try await fixture.events()]
        for stream in streams { _ = try #require(try await stream.nextEvent()) }
        let started = ContinuousClock.now
        try await fixture.stop()
        #expect(ContinuousClock.now - started < .seconds(3))
        for stream in streams {
            #expect(try await offThePool { stream.endsWithin(3) })
            stream.close()
        }
    }
}

@Suite("Preview pieces")
struct PreviewPieceTests {
    @Test("only loopback hosts count as safe", arguments: [
        ("127.0.0.1", true), ("127.1.2.3", true), ("localhost", true), ("::1", true), ("[::1]", true),
        ("0.0.0.0", false), ("::", false), ("192.168.1.10", false), ("example.org", false), ("128.0.0.1", false),
    ])
    func loopback(host: String, safe: Bool) {
        #expect(HostSafety.isLoopback(host) == safe)
    }

    @Test("the non-loopback warning mentions drafts only when they are served")
    func exposureWarningAndDrafts() {
        #expect(HostSafety.exposureWarning(host: "0.0.0.0").contains("drafts included"))
        #expect(!HostSafety.exposureWarning(host: "0.0.0.0", drafts: false).contains("drafts"))
    }

    @Test("a stylesheet-only batch swaps; anything else reloads")
    func batches() {
        let layout = ProjectLayout(root: URL(fileURLWithPath: "/p"))
        func batch(_ signals: [WatchSignal]) -> ChangeBatch {
            var batch = ChangeBatch()
            for signal in signals { batch.add(signal, layout: layout) }
            return batch
        }
        #expect(batch([.written("/p/Public/assets/style.css")]).stylesheetOutputs == ["assets/style.css"])
        // sed -i: a temporary file written, then renamed over the stylesheet.
        #expect(batch([.written("/p/Public/assets/sedX1"), .renamed(from: "/p/Public/assets/sedX1", to: "/p/Public/assets/style.css")])
            .stylesheetOutputs == ["assets/style.css"])
        // Vim: the original renamed away to a backup (ignored name), then written anew.
        #expect(batch([.removed("/p/Public/assets/style.css"), .written("/p/Public/assets/style.css")])
            .stylesheetOutputs == ["assets/style.css"])
        #expect(batch([.written("/p/Pages/a/extra.css")]).stylesheetOutputs == ["a/extra.css"])
        #expect(batch([.removed("/p/Public/assets/style.css")]).stylesheetOutputs == nil)
        #expect(batch([.written("/p/Public/assets/style.css"), .written("/p/Pages/a.md")]).stylesheetOutputs == nil)
        #expect(batch([.written("/p/Templates/site.css")]).stylesheetOutputs == nil)
        #expect(batch([.renamed(from: "/p/Public/a.css", to: "/p/Public/b.css")]).stylesheetOutputs == nil)
        #expect(batch([.overflow]).stylesheetOutputs == nil)
        #expect(!batch([.overflow]).isEmpty)
        #expect(batch([.folder("/p/Pages/new")]).summary == "Pages/new/")
    }

    @Test("editor temporary names are ignored")
    func ignoredNames() {
        for name in [".first.md.swp", "first.md~", "4913", "#first.md#", ".#first.md", ".dat.nosync1234"] {
            #expect(FileWatcher.isIgnored(name), "\(name)")
        }
        #expect(!FileWatcher.isIgnored("first.md"))
    }

    @Test("the overlay sets text, never markup")
    func overlayEscapes() {
        // Diagnostics quote page text; the script must put them in with textContent.
        #expect(LiveReloadScript.source.contains("textContent"))
        #expect(!LiveReloadScript.source.contains("innerHTML"))
        #expect(!LiveReloadScript.source.contains("insertAdjacentHTML"))
    }
}
