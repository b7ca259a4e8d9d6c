import Foundation
import SitemarkKit

/// What `sitemark serve` was asked to do.
public struct PreviewConfiguration: Sendable {
    public var layout: ProjectLayout
    /// Address to listen on. Loopback unless the user says otherwise (see `HostSafety`).
    public var host = "127.0.0.1"
    /// 0 asks the system for a free port (tests do this).
    public var port = 8000
    /// The preview shows drafts by default, with the banner base.mustache draws for them, so
    /// an author sees the page they are writing. `--no-drafts` previews exactly what publishes.
    public var includeDrafts = true
    /// A burst of saves (an editor's temp file + rename, a `git checkout`) becomes one rebuild
    /// once the folders have been quiet this long...
    public var quietPeriod: Duration = .milliseconds(50)
    /// ...but a stream of changes that never goes quiet still rebuilds at least this often.
    public var maximumDelay: Duration = .milliseconds(500)
    /// After an edit that took the fast path (`PageRefresh`), the full build that brings the
    /// rest of the site up to date waits until edits have paused this long.
    public var catchUpDelay: Duration = .seconds(1)

    /// One build cache for the whole session: rebuilds find unchanged pages still parsed in
    /// memory. Kept on disk beside the preview output (not in `.sitemark-cache/` itself, whose
    /// records describe `_site/`), so the next `sitemark serve` starts warm too.
    public let buildCache = BuildCache()

    public init(layout: ProjectLayout) { self.layout = layout }

    /// Where the preview builds to: never `_site/`, so the published output never carries the
    /// reload script, and a preview never replaces a real build.
    public var output: URL { layout.cache.appendingPathComponent("preview", isDirectory: true) }

    /// The folders whose changes trigger a rebuild.
    public var watchedFolders: [URL] { [layout.pages, layout.templates, layout.publicAssets] }

    /// The address pages are reached at: `http://127.0.0.1:8000/`. The preview builds with it
    /// as the site's base URL, as `hugo server` does, so the absolute URLs a site has (the 404
    /// page's, canonical, feed) lead to the preview, not to the published site. A wildcard
    /// host (0.0.0.0, ::) is shown as this machine's loopback address.
    public func siteAddress(port: Int) -> String {
        let shown = ["0.0.0.0", "::", "[::]", ""].contains(host) ? "127.0.0.1"
            : host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return "http://\(shown):\(port)/"
    }

    /// The build the preview runs: preview output folder, its own address as base URL, drafts
    /// as configured, the reload script. Made anew for each build (review ages count from
    /// today, and a preview may run past midnight).
    public func buildOptions(port: Int, needsSnapshot: Bool = false) -> BuildOptions {
        var options = BuildOptions(layout: ProjectLayout(root: layout.root, output: output))
        options.needsSnapshot = needsSnapshot
        options.baseURL = siteAddress(port: port)
        options.includeDrafts = includeDrafts
        options.isPreview = true
        options.extraHead = LiveReloadScript.headTag
        options.cache = buildCache
        options.cacheFolder = layout.cache.appendingPathComponent("preview-cache", isDirectory: true)
        return options
    }
}

/// Decides whether an address only this machine can reach was given.
public enum HostSafety {
    /// True for `localhost`, 127.0.0.0/8 and ::1. Anything else (0.0.0.0, a LAN address, a
    /// host name) may expose drafts and the file tree of the preview to other machines.
    public static func isLoopback(_ host: String) -> Bool {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if ["localhost", "ip6-localhost", "ip6-loopback"].contains(bare.lowercased()) { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, bare, &v4) == 1 {
            return UInt32(bigEndian: v4.s_addr) >> 24 == 127
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, bare, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { bytes in bytes.dropLast().allSatisfy { $0 == 0 } && bytes.last == 1 }
        }
        return false
    }

    /// The loud warning printed when the preview listens beyond this machine.
    public static func exposureWarning(host: String, drafts: Bool = true) -> String {
        """
        WARNING: --host \(host) is not a loopback address. Anyone who can reach this machine on \
        that address can read the preview\(drafts ? ", drafts included" : ""). Use --host 127.0.0.1 (the default) \
        unless you mean to share it, and only on a network you trust.
        """
    }
}
