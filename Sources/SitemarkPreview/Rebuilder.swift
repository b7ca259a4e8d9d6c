import Foundation
import SitemarkKit

/// Turns file changes into rebuilds: one rebuild at a time; a burst of changes waits for a
/// quiet moment and becomes one rebuild; changes that arrive during a rebuild become exactly
/// one more. After each rebuild it tells the open pages what to do (reload, swap stylesheets,
/// show the errors) through `LiveUpdates`.
actor Rebuilder {
    typealias Build = @Sendable () async -> BuildReport

    private let build: Build
    private let updates: LiveUpdates
    private let layout: ProjectLayout
    private let console: PreviewConsole
    private let quietPeriod: Duration
    private let maximumDelay: Duration
    /// Distinguishes this server run's builds from a previous run's (see `BuildStatus.build`).
    private let session = String(UInt32.random(in: 0...UInt32.max), radix: 36)

    private var pending = ChangeBatch()
    private var firstChange: ContinuousClock.Instant?
    private var lastChange: ContinuousClock.Instant?
    private var worker: Task<Void, Never>?
    private var generation = 0
    private var lastSucceeded = false
    private var lastFileCount = -1

    init(build: @escaping Build, updates: LiveUpdates, layout: ProjectLayout, console: PreviewConsole,
         quietPeriod: Duration, maximumDelay: Duration) {
        self.build = build
        self.updates = updates
        self.layout = layout
        self.console = console
        self.quietPeriod = quietPeriod
        self.maximumDelay = maximumDelay
    }

    /// The build before the server starts listening.
    func buildFirst() async -> BuildReport {
        let report = await build()
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
        await worker?.value
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
            let report = await build()
            await finish(report, after: batch, isFirst: false)
        }
        worker = nil
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
    private func finish(_ report: BuildReport, after batch: ChangeBatch, isFirst: Bool) async {
        generation += 1
        let status = BuildStatus(build: "\(session).\(generation)", report: report)
        let fileCount = report.filesWritten + report.filesUnchanged
        let outputChanged = report.filesWritten > 0 || fileCount != lastFileCount
        let event: LiveEvent?
        if !report.succeeded {
            event = .failed(status)
        } else if isFirst || (lastSucceeded && !outputChanged) {
            event = nil  // nothing a page could show differently (a file touched, saved unchanged)
        } else if lastSucceeded, let stylesheets = batch.stylesheetOutputs {
            event = .stylesheets(build: status.build, paths: stylesheets)
        } else {
            event = .reload(build: status.build)
        }
        if report.succeeded { lastFileCount = fileCount }
        lastSucceeded = report.succeeded
        await updates.publish(status, event: event)
        describe(report, batch: batch, event: event, isFirst: isFirst)
    }

    private func describe(_ report: BuildReport, batch: ChangeBatch, event: LiveEvent?, isFirst: Bool) {
        for diagnostic in report.diagnostics { console.warn(diagnostic.description) }
        let prefix = isFirst ? "" : "\(batch.summary) changed: "
        let outcome: String
        switch event {
        case .reload?: outcome = " Reloading open pages."
        case .stylesheets(_, let paths)?: outcome = " Swapping \(paths.joined(separator: ", ")) in open pages."
        case .failed?: outcome = " Open pages show the errors."
        default: outcome = isFirst ? "" : " Output unchanged."
        }
        let line = prefix + report.summary + outcome
        if report.succeeded { console.say(line) } else { console.warn(line) }
    }
}
