import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the last builds learned, so the next one redoes only what changed. Keyed by content
/// hashes, never by timestamps of sources:
///
/// - Parsed pages, per page: reused when the page's bytes, path and the parser's settings hash
///   the same (a `ParsedPage` depends on nothing else).
/// - Rendered pages, per output file: the hash of everything the output depends on (layout,
///   the whole template context with every other page's title and URL it shows, the body's
///   inputs, templates, site.yml, options) and the hash of the bytes it produced. A page whose
///   inputs hash the same is not rendered; its file is already in the output (checked by stamp).
/// - The output manifest (what is in the output folder) and the last build's key and report:
///   when nothing at all changed, the build stops after loading.
///
/// Every key also holds the identity of the running sitemark (its executable's path, size and
/// time) and libcmark's version, so a new build of the tool never reuses an old one's results.
///
/// One object can serve many builds: `sitemark serve` keeps one alive across rebuilds, so pages
/// stay decoded in memory. The on-disk form (`.sitemark-cache/`, ignored by git; delete it any
/// time) is read once per object and written back where it changed. Builds take a snapshot
/// under the lock and hand back their results under it: the lock is never held while parsing
/// or rendering. Two builds sharing an object (or a folder) at once are safe, not useful:
/// every entry is checked against its key, so mixing their results can cost work, never
/// correctness.
public final class BuildCache: Sendable {
    public static let folderName = ".sitemark-cache"
    static let formatVersion = 4
    static let shardCount = 64

    private let state = Mutex(State())

    public init() {}

    struct State: Sendable {
        var pages: [String: PageEntry] = [:]
        var renders: [String: RenderEntry] = [:]
        var output: OutputManifest?
        var lastBuild: BuildRecord?
        var loadedFrom: String?
        /// Set while the parsed pages of `loadedFrom` are still on disk: they are read only
        /// when a build gets as far as parsing (a build with nothing changed never does).
        var unreadPages: String?
        var dirtyShards: Set<Int> = []
        var recordDirty = false
    }

    struct PageEntry: Sendable {
        var key: Fingerprint
        /// Fingerprint of the page's public part (`ParsedPage.publicPart`), for `SiteFingerprint`.
        var publicKey: Fingerprint
        var page: StoredPage
    }

    /// A parsed page as the cache holds it: decoded (made or used by a build in this process),
    /// or still the bytes read from disk, decoded when a build needs it.
    enum StoredPage: Sendable {
        case decoded(ParsedPage)
        case encoded([UInt8], Range<Int>)

        var page: ParsedPage? {
            switch self {
            case .decoded(let page): page
            case .encoded(let bytes, let range): try? BinaryCoding.decode(ParsedPage.self, from: bytes, in: range)
            }
        }
    }

    struct RenderEntry: Sendable, Codable {
        var path: String
        /// The page's full render fingerprint (its context and body inputs).
        var inputs: Fingerprint
        /// The site fingerprint with the page's own parse key: equal means `inputs` is too,
        /// without building the context (see `SiteFingerprint`).
        var shortcut: Fingerprint
        var output: Fingerprint
    }

    /// The last build that wrote the output: its key and what it reported.
    struct BuildRecord: Sendable, Codable {
        var key: Fingerprint
        var diagnostics: [Diagnostic]
        var pageCount: Int
        var review: ReviewReport?
        var searchIndex: BuildReport.SearchIndexStats?
    }

    func snapshot() -> State { state.withLock { $0 } }

    func update(_ body: (inout State) -> Void) { state.withLock { body(&$0) } }

    static func shard(of path: String) -> Int { Int(Fingerprint.of(path).low % UInt64(shardCount)) }

    // MARK: Disk

    private static let magic = Array("SMKCACHE".utf8)

    private static func header() -> [UInt8] {
        var bytes = magic
        withUnsafeBytes(of: UInt32(formatVersion).littleEndian) { bytes.append(contentsOf: $0) }
        withUnsafeBytes(of: ToolIdentity.current.low.littleEndian) { bytes.append(contentsOf: $0) }
        withUnsafeBytes(of: ToolIdentity.current.high.littleEndian) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// The body of a cache file written by this very tool, or nil.
    private static func body(of bytes: [UInt8]?) -> Range<Int>? {
        let header = header()
        guard let bytes, bytes.count >= header.count, bytes[..<header.count].elementsEqual(header) else { return nil }
        return header.count..<bytes.count
    }

    /// Reads `folder`'s build record into memory the first time this object is used with it;
    /// its parsed pages wait for `loadPagesIfNeeded`.
    func loadIfNeeded(from folder: URL) {
        let path = folder.standardizedFileURL.path
        guard snapshot().loadedFrom != path else { return }
        var record = StoredRecord()
        if let file = FileIO.readFile(folder.appendingPathComponent("build.bin").path), let body = Self.body(of: file),
           let stored = try? BinaryCoding.decode(StoredRecord.self, from: file, in: body) {
            record = stored
        }
        state.withLock { state in
            state = State()
            state.loadedFrom = path
            state.unreadPages = path
            state.renders = Dictionary(record.renders.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
            state.output = record.output.map { manifest in
                OutputManifest(folder: manifest.folder, buildID: manifest.buildID,
                               files: Dictionary(manifest.files.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a }))
            }
            state.lastBuild = record.lastBuild
        }
    }

    /// Reads the parsed pages of the folder `loadIfNeeded` named, if not read yet. The 64 shard
    /// files are read and indexed in parallel; pages stay encoded until a build uses them.
    func loadPagesIfNeeded() {
        guard let path = snapshot().unreadPages else { return }
        let folder = URL(fileURLWithPath: path)
        let shards = Array(0..<Self.shardCount).parallelMap { shard -> [(String, PageEntry)] in
            let file = FileIO.readFile(folder.appendingPathComponent(Self.shardName(shard)).path)
            guard let file, let body = Self.body(of: file) else { return [] }
            return (try? Self.readShard(file, body)) ?? []
        }
        state.withLock { state in
            guard state.unreadPages == path else { return }
            for (pagePath, entry) in shards.joined() where state.pages[pagePath] == nil { state.pages[pagePath] = entry }
            state.unreadPages = nil
        }
    }

    /// Writes the shards and the record that changed since they were read or last written.
    func save(to folder: URL) throws {
        let state = snapshot()
        guard !state.dirtyShards.isEmpty || state.recordDirty else { return }
        let fileManager = FileManager.default
        try fileManager.createDirectory(at: folder, withIntermediateDirectories: true)
        let tag = folder.appendingPathComponent("CACHEDIR.TAG")
        if !fileManager.fileExists(atPath: tag.path) {
            // The standard mark that tells backup tools to skip this folder.
            try FileIO.writeFile(Array("Signature: 8a477f597d28d172789f06886806bc55\n# Sitemark's build cache: safe to delete.\n".utf8), to: tag.path)
        }
        var grouped: [Int: [(String, PageEntry)]] = [:]
        for (path, entry) in state.pages {
            let shard = Self.shard(of: path)
            if state.dirtyShards.contains(shard) { grouped[shard, default: []].append((path, entry)) }
        }
        let byShard = grouped
        let shards = state.dirtyShards.sorted()
        let failures = shards.parallelMap { shard -> String? in
            let bytes = Self.header() + Self.encodeShard((byShard[shard] ?? []).sorted { $0.0 < $1.0 })
            do {
                try FileIO.replaceFile(folder.appendingPathComponent(Self.shardName(shard)).path, with: bytes)
                return nil
            } catch {
                return "\(error)"
            }
        }
        if let failure = failures.compactMap({ $0 }).first { throw FileIO.Failure(description: failure) }
        if state.recordDirty {
            let record = StoredRecord(
                renders: state.renders.values.sorted { $0.path < $1.path },
                output: state.output.map { StoredManifest(folder: $0.folder, buildID: $0.buildID,
                                                          files: $0.files.values.sorted { $0.path < $1.path }) },
                lastBuild: state.lastBuild)
            try FileIO.replaceFile(folder.appendingPathComponent("build.bin").path,
                                   with: Self.header() + (try BinaryCoding.encode(record)))
        }
        self.state.withLock { current in
            current.dirtyShards.subtract(shards)
            current.recordDirty = false
            current.loadedFrom = folder.standardizedFileURL.path
        }
    }

    private static func shardName(_ shard: Int) -> String { "pages-\(String(shard, radix: 16).leftPadded(to: 2)).bin" }

    /// A shard: entries of `path`, key and public key (16 bytes each) and the encoded page,
    /// path and page length-prefixed.
    private static func encodeShard(_ entries: [(String, PageEntry)]) -> [UInt8] {
        var bytes: [UInt8] = []
        for (path, entry) in entries {
            let page: [UInt8]
            switch entry.page {
            case .encoded(let stored, let range): page = Array(stored[range])
            case .decoded(let decoded):
                guard let encoded = try? BinaryCoding.encode(decoded) else { continue }
                page = encoded
            }
            append(Array(path.utf8), to: &bytes)
            for word in [entry.key.low, entry.key.high, entry.publicKey.low, entry.publicKey.high] {
                withUnsafeBytes(of: word.littleEndian) { bytes.append(contentsOf: $0) }
            }
            append(page, to: &bytes)
        }
        return bytes
    }

    private static func append(_ part: [UInt8], to bytes: inout [UInt8]) {
        withUnsafeBytes(of: UInt32(part.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: part)
    }

    private static func readShard(_ bytes: [UInt8], _ body: Range<Int>) throws -> [(String, PageEntry)] {
        var entries: [(String, PageEntry)] = []
        var offset = body.lowerBound
        func length() throws -> Int {
            guard offset + 4 <= body.upperBound else { throw BinaryCoding.Corrupt() }
            let value = Int(bytes[offset]) | Int(bytes[offset + 1]) << 8 | Int(bytes[offset + 2]) << 16 | Int(bytes[offset + 3]) << 24
            offset += 4
            guard offset + value <= body.upperBound else { throw BinaryCoding.Corrupt() }
            return value
        }
        func word() throws -> UInt64 {
            guard offset + 8 <= body.upperBound else { throw BinaryCoding.Corrupt() }
            var value: UInt64 = 0
            for index in 0..<8 { value |= UInt64(bytes[offset + index]) << UInt64(8 * index) }
            offset += 8
            return value
        }
        while offset < body.upperBound {
            let pathLength = try length()
            let path = String(decoding: bytes[offset..<offset + pathLength], as: UTF8.self)
            offset += pathLength
            let key = Fingerprint(low: try word(), high: try word())
            let publicKey = Fingerprint(low: try word(), high: try word())
            let pageLength = try length()
            entries.append((path, PageEntry(key: key, publicKey: publicKey, page: .encoded(bytes, offset..<offset + pageLength))))
            offset += pageLength
        }
        return entries
    }

    /// `build.bin`. Lists, not dictionaries: a keyed container of 10,000 entries decodes slowly.
    private struct StoredRecord: Codable {
        var renders: [RenderEntry] = []
        var output: StoredManifest?
        var lastBuild: BuildRecord?
    }

    private struct StoredManifest: Codable {
        var folder: String
        var buildID: String
        var files: [OutputManifest.File]
    }
}

/// Which sitemark is running: the file its code was loaded from (path, size, time, inode) and
/// libcmark's version. A rebuilt or upgraded tool starts with a cold cache.
enum ToolIdentity {
    static let current: Fingerprint = {
        var hasher = FingerprintHasher()
        hasher.combine(BuildCache.formatVersion)
        hasher.combine(MarkdownDocument.libraryVersion)
        if let path = codeFile() {
            let canonical = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
            hasher.combine(canonical)
            if let stamp = FileIO.stamp(canonical) { hasher.combine(encoding: stamp) }
        } else {
            // Unknown code: never reuse what another process stored.
            hasher.combine(UUID().uuidString)
        }
        return hasher.finalize()
    }()

    /// The file this code was loaded from: the mapping of `/proc/self/maps` that holds this
    /// image's header (the executable, or a shared library holding SitemarkKit); elsewhere the
    /// main executable.
    private static func codeFile() -> String? {
        #if os(Linux)
        let address = UInt(bitPattern: #dsohandle)
        if let maps = FileIO.readFile("/proc/self/maps") {
            for line in String(decoding: maps, as: UTF8.self).split(separator: "\n") {
                let fields = line.split(separator: " ", omittingEmptySubsequences: true)
                guard fields.count >= 6, let dash = fields[0].firstIndex(of: "-"),
                      let start = UInt(fields[0][..<dash], radix: 16),
                      let end = UInt(fields[0][fields[0].index(after: dash)...], radix: 16),
                      (start..<end).contains(address) else { continue }
                return fields[5...].joined(separator: " ")
            }
        }
        return FileIO.readLink("/proc/self/exe")
        #else
        return Bundle.main.executablePath
        #endif
    }
}
