import Foundation
import SitemarkKit

/// The outcome of the preview's latest build, as the browser sees it (`/__sitemark/status`,
/// and the payload of the `hello` and `failed` events).
public struct BuildStatus: Sendable, Codable, Equatable {
    public enum State: String, Sendable, Codable { case ok, failed }

    /// Names one build of one server run (`k3x9q.4`), so a page that reconnects after missing
    /// a rebuild, or after a restart, knows it is stale.
    public var build: String
    public var state: State
    /// `Built 42 pages in 0.31 s: 0 errors, 1 warning.`
    public var summary: String
    /// Errors first, then warnings, each in compiler order.
    public var problems: [Problem]

    public struct Problem: Sendable, Codable, Equatable {
        public var severity: String
        /// `Pages/a.md:14:9`, or `sitemark` for problems without a file.
        public var location: String
        public var file: String
        public var line: Int
        public var column: Int
        public var message: String
        public var hint: String?
    }

    public init(build: String, report: BuildReport) {
        self.build = build
        state = report.succeeded ? .ok : .failed
        summary = report.summary
        let ordered = report.diagnostics.filter { $0.severity == .error } + report.diagnostics.filter { $0.severity == .warning }
        problems = ordered.map {
            Problem(severity: $0.severity.rawValue, location: $0.location, file: $0.file, line: $0.line,
                    column: $0.column, message: $0.message, hint: $0.hint)
        }
    }

    /// Before the first build finishes (nobody can see it: the server listens only after).
    static let starting = BuildStatus(build: "starting", state: .ok, summary: "Starting.", problems: [])

    init(build: String, state: State, summary: String, problems: [Problem]) {
        self.build = build
        self.state = state
        self.summary = summary
        self.problems = problems
    }

    /// One line of JSON (SSE data must not contain raw newlines; JSON escapes them).
    public var json: String { OneLineJSON.encode(self) }
}

/// What the server pushes to open pages over Server-Sent Events.
enum LiveEvent: Sendable, Equatable {
    /// First event of every connection: the current status.
    case hello(BuildStatus)
    /// A successful build changed pages: reload.
    case reload(build: String)
    /// Only stylesheets changed: swap them in place (output paths such as `assets/style.css`).
    case stylesheets(build: String, paths: [String])
    /// The build failed: show the overlay; the last good site is still served.
    case failed(BuildStatus)
    /// Keeps idle connections open through proxies and finds closed ones.
    case ping

    /// The event in `text/event-stream` form. Named events, so the browser's own `error`
    /// event (connection lost) is never confused with a failed build.
    var wireFormat: String {
        switch self {
        case .hello(let status): return "event: hello\ndata: \(status.json)\n\n"
        case .reload(let build): return "event: reload\ndata: \(OneLineJSON.encode(Reload(build: build)))\n\n"
        case .stylesheets(let build, let paths):
            return "event: css\ndata: \(OneLineJSON.encode(Stylesheets(build: build, paths: paths)))\n\n"
        case .failed(let status): return "event: failed\ndata: \(status.json)\n\n"
        case .ping: return ": ping\n\n"
        }
    }

    private struct Reload: Encodable { var build: String }
    private struct Stylesheets: Encodable { var build: String; var paths: [String] }
}

enum OneLineJSON {
    /// Compact JSON: newlines inside strings are escaped, so the text is one line.
    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(value), as: UTF8.self)) ?? "{}"
    }
}
