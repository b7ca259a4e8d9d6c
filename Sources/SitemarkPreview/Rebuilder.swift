import Foundation
import SitemarkKit

/// Turns file changes into rebuilds: one rebuild at a time; a burst of changes waits for a
/// quiet moment and becomes one rebuild; changes that arrive during a rebuild become exactly
/// one more. After each rebuild it tells the open pages what to do (reload, swap stylesheets,
/// show the errors) through `LiveUpdates`.
///
/// An edit to pages' own text (`PageRefresh`) skips the build: those pages are rendered again
/// at once, served from memory (`FreshPages`), and open pages reload. A full build then
/// catches the rest of the site up (search index, listings' word counts) once the edits pause,
/// quietly, since open pages already show the edit. Edits saved meanwhile still take the fast
/// path: it reads only the last build's snapshot, never the folder the catch-up writes.
actor Rebuilder {
    /// A build; `needsSnapshot` asks it to resolve the site even if nothing changed (the fast
    /// path has no snapshot yet).
    typealias Build = @Sendable (_ needsSnapshot: Bool) async -> BuildReport

    private let build: Build
    private let updates: LiveUpdates
    private let layout: ProjectLayout
    private let console: PreviewConsole
    private let quietPeriod: Duration
    private let maximumDelay: Duration
    private let fresh: FreshPages
    /// The folder the preview builds into and serves.
    private let output: URL
    /// How long after the last fast-path edit the catch-up build starts.
    private let catchUpDelay: Duration
    /// Distinguishes this server run's builds from a previous run's (see `BuildStatus.build`).
    private let session = String(UInt32.random(in: 0...UInt32.max), radix: 36)

    private var pending = ChangeBatch()
    private var firstChange: ContinuousClock.Instant?
    private var lastChange: ContinuousClock.Instant?
    private var worker: Task<Void, Never>?
    private var generation = 0
    private var lastSucceeded = false
    private var lastFileCount = -1
    /// The last successful build's site, for the fast path.
    private var snapshot: SiteSnapshot?
    private var catchUp: Task<Void, Never>?
    /// Pages are served from memory that no build has written yet. Not after a failed build:
    /// a catch-up would fail the same way; the fresh pages stay served as the last good ones
    /// until a build for a new save succeeds.
    private var needsCatchUp: Bool { lastSucceeded && !fresh.isEmpty }
    private var lastRefresh = ContinuousClock.now

    init(build: @escaping Build, updates: LiveUpdates, layout: ProjectLayout, console: PreviewConsole,
         quietPeriod: Duration, maximumDelay: Duration, fresh: FreshPages, output: URL, catchUpDelay: Duration) {
        self.build = build
        self.updates = updates
        self.layout = layout
        self.console = console
        self.quietPeriod = quietPeriod
        self.maximumDelay = maximumDelay
        self.fresh = fresh
        self.output = output
        self.catchUpDelay = catchUpDelay
    }

    /// The build before the server starts listening.
    func buildFirst() async -> BuildReport {
        let report = await fullBuild()
        await finish(report, after: ChangeBatch(), isFirst: true)
        return report
    }

    /// Called for every batch the watcher delivers.
    func record(_ signals: [WatchSignal]) {
        // Into `pending` directly: a temporary file written in one delivery and renamed in the
        // next is still recognised (see `ChangeBatch.add`).
        for signal in signals { pending.add(signal, layout: layout) }
        guard !pending.isEmpty else { return }
        let now = ContinuousClock.now
        if firstChange == nil { firstChange = now }
        lastChange = now
        if worker == nil { worker = Task { await drain() } }
    }

    /// Stops after the rebuild in progress, if any (shutdown).
    func stop() async {
        worker?.cancel()
        catchUp?.cancel()
        await worker?.value
        await catchUp?.value
    }

    private func drain() async {
        while !pending.isEmpty, !Task.isCancelled {
            await waitForQuiet()
            if Task.isCancelled { break }
            let batch = pending
            pending = ChangeBatch()
            firstChange = nil
            lastChange = nil
            // Changes recorded while this runs (the actor is free during the await) collect
            // in `pending` and make the loop go round once more.
            if await refresh(batch) { continue }
            // One full build at a time: a catch-up still waiting is not needed (this build
            // covers it); one already building is waited for.
            catchUp?.cancel()
            await catchUp?.value
            let report = await fullBuild()
            await finish(report, after: batch, isFirst: false)
        }
        worker = nil
        scheduleCatchUp()
    }

    /// A build; on success its snapshot replaces the last, and the fresh pages it has written
    /// to disk are no longer served from memory.
    private func fullBuild() async -> BuildReport {
        let started = fresh.generation
        let report = await build(snapshot == nil)
        if report.succeeded {
            fresh.drop(upTo: started)
            if let newer = report.snapshot { snapshot = newer } else if !report.upToDate { snapshot = nil }
        }
        return report
    }

    /// The fast path (see the type's comment). false when the batch needs a build.
    private func refresh(_ batch: ChangeBatch) async -> Bool {
        let pagesFolder = layout.displayPath(layout.pages) + "/"
        guard lastSucceeded, let snapshot, let edited = batch.editedFiles(under: pagesFolder) else { return false }
        let start = ContinuousClock.now
        guard let rendered = await PreviewServer.runOffThePool({ PageRefresh.render(pages: edited, in: snapshot) }) else { return false }
        // A page saved unchanged (or changed only where the output does not show it): nothing
        // to reload, as when a template or stylesheet is.
        let files = rendered.filter { $0.bytes != served($0.path) }
        guard !files.isEmpty else {
            console.say("\(batch.summary) changed: Output unchanged.")
            return true
        }
        fresh.put(files)
        let elapsed = ContinuousClock.now - start
        lastRefresh = ContinuousClock.now
        generation += 1
        let milliseconds = elapsed / .milliseconds(1)
        let summary = "Updated \(files.count) page\(files.count == 1 ? "" : "s") in \(String(format: "%.0f", milliseconds)) ms."
        await updates.publish(BuildStatus(build: "\(session).\(generation)", state: .ok, summary: summary, problems: []),
                              event: .reload(build: "\(session).\(generation)"))
        console.say("\(batch.summary) changed: \(summary) Reloading open pages; the rest of the site follows.")
        return true
    }

    /// What the preview serves now for an output path: the fresh page, else the built file.
    private func served(_ path: String) -> [UInt8]? {
        if let page = fresh.bytes(for: path) { return Array(page.readableBytesView) }
        return FileManager.default.contents(atPath: output.appendingPathComponent(path).path).map { [UInt8]($0) }
    }

    /// After fast-path edits, once they pause: a full build brings the rest of the site up to
    /// date. Edits saved while it runs take the fast path as usual and make it run once more.
    private func scheduleCatchUp() {
        guard needsCatchUp, catchUp == nil else { return }
        catchUp = Task { await runCatchUp() }
    }

    private func runCatchUp() async {
        while needsCatchUp, !Task.isCancelled {
            let deadline = lastRefresh + catchUpDelay
            if ContinuousClock.now < deadline {
                do { try await Task.sleep(until: deadline, clock: .continuous) } catch { break }
                continue
            }
            let report = await fullBuild()
            await finish(report, after: ChangeBatch(), isFirst: false, isCatchUp: true)
        }
        catchUp = nil
    }

    /// Sleeps until the folders were quiet for `quietPeriod`, or `maximumDelay` after the
    /// first change of the burst, whichever comes first.
    private func waitForQuiet() async {
        while let first = firstChange, let last = lastChange {
            let deadline = min(last + quietPeriod, first + maximumDelay)
            if ContinuousClock.now >= deadline { return }
            do { try await Task.sleep(until: deadline, clock: .continuous) } catch { return }
        }
    }

    /// Publishes the outcome to open pages and reports it on the console.
    private func finish(_ report: BuildReport, after batch: ChangeBatch, isFirst: Bool, isCatchUp: Bool = false) async {
        generation += 1
        let status = BuildStatus(build: "\(session).\(generation)", report: report)
        let fileCount = report.filesWritten + report.filesUnchanged
        let outputChanged = report.filesWritten > 0 || fileCount != lastFileCount
        let event: LiveEvent?
        if !report.succeeded {
            event = .failed(status)
        } else if isFirst || isCatchUp || (lastSucceeded && !outputChanged) {
            // Nothing a page could show differently (a file touched, saved unchanged), or a
            // catch-up after fast-path edits that open pages already show.
            event = nil
        } else if lastSucceeded, let stylesheets = batch.stylesheetOutputs {
            event = .stylesheets(build: status.build, paths: stylesheets)
        } else {
            event = .reload(build: status.build)
        }
        if report.succeeded { lastFileCount = fileCount }
        lastSucceeded = report.succeeded
        await updates.publish(status, event: event)
        describe(report, batch: batch, event: event, isFirst: isFirst, isCatchUp: isCatchUp)
    }

    private func describe(_ report: BuildReport, batch: ChangeBatch, event: LiveEvent?, isFirst: Bool, isCatchUp: Bool) {
        for diagnostic in report.diagnostics { console.warn(diagnostic.description) }
        let prefix = isFirst ? "" : isCatchUp ? "Caught up: " : "\(batch.summary) changed: "
        let outcome: String
        switch event {
        case .reload?: outcome = " Reloading open pages."
        case .stylesheets(_, let paths)?: outcome = " Swapping \(paths.joined(separator: ", ")) in open pages."
        case .failed?: outcome = " Open pages show the errors."
        default: outcome = isFirst || isCatchUp ? "" : " Output unchanged."
        }
        let line = prefix + report.summary + outcome
        if report.succeeded { console.say(line) } else { console.warn(line) }
    }
}
