import Foundation

/// What a build left in an output folder: each file's content hash and stamp, and the id the
/// folder's marker file was given. The next build trusts a file exactly when the marker still
/// holds that id and the file still has that stamp; then it neither reads nor rewrites it.
public struct OutputManifest: Sendable, Codable {
    public struct File: Sendable, Codable {
        public var path: String
        /// Content hash of a rendered file; for a copied file, the hash of its source's stamp.
        public var hash: Fingerprint
        public var stamp: FileStamp
    }

    public var folder: String
    public var buildID: String
    public var files: [String: File]
}

/// Writes a build's files. Two ways, both ending with exactly the planned files in the folder:
///
/// - Staged (a new folder, or one the cache knows nothing about): everything goes into a
///   staging folder beside the output, which is swapped in only when all was written, so a
///   failure leaves the old site whole. A file whose bytes did not change is hard-linked from
///   the previous output: same bytes, same mtime.
/// - In place (the folder is the one the cache's manifest describes): only changed files are
///   written, each to a temporary name and renamed over the old one, so a reader never sees
///   half a file; stale files are removed. A one-page edit of a 10,000-page site writes one
///   file instead of linking 10,000. The marker is set to "dirty" before the first change, so
///   an interrupted update is never trusted by the next build (which then takes the staged way).
///
/// A build with errors never gets here (the builder stops before writing), so in both ways the
/// previous output stays untouched on failure.
public struct OutputWriter: Sendable {
    public struct Copy: Sendable, Hashable {
        public var path: String
        public var source: URL
    }

    /// A file to have in the output: new bytes, or a file the manifest says is already there.
    public struct Planned: Sendable {
        public enum Body: Sendable {
            case bytes([UInt8])
            /// Unchanged since the manifest's build, checked by stamp: nothing to write.
            case unchanged
            /// Already in the build's `Staging` folder (written while rendering), as recorded.
            case staged(OutputManifest.File, written: Bool)
        }

        public var path: String
        public var hash: Fingerprint
        public var body: Body

        public init(path: String, hash: Fingerprint, body: Body) {
            self.path = path
            self.hash = hash
            self.body = body
        }
    }

    public struct Stats: Sendable {
        public var written = 0
        public var unchanged = 0
        public var removed = 0
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Marks a folder as Sitemark's, so it is never mistaken for (and never replaces) someone's
    /// documents. It holds the id of the build that last completed there.
    static let markerName = ".sitemark-output"
    static let dirtyID = "dirty"

    public let output: URL

    public init(output: URL) { self.output = output.standardizedFileURL }

    /// Refuses outputs that would swallow the project: the root itself, a folder above it,
    /// a source folder, a file, or a non-empty folder Sitemark did not make. Paths are compared
    /// with symbolic links followed, so a link to Pages/ does not smuggle the output into it.
    public func validate(against layout: ProjectLayout) -> Diagnostic? {
        let out = Self.followingLinks(output), root = Self.followingLinks(layout.root)
        let sourceFolders = [layout.pages, layout.templates, layout.publicAssets].map(Self.followingLinks)
        if out == root || root.hasPrefix(out + "/") || out == "/" {
            return .error("refusing to write the site to \(output.path): it contains the project", file: "",
                          hint: "choose an output folder such as _site")
        }
        if sourceFolders.contains(where: { out == $0 || out.hasPrefix($0 + "/") }) {
            return .error("refusing to write the site inside a source folder (\(layout.displayPath(output)))", file: "",
                          hint: "choose an output folder outside Pages/, Templates/ and Public/")
        }
        let fileManager = FileManager.default
        var isFolder: ObjCBool = false
        if fileManager.fileExists(atPath: out, isDirectory: &isFolder), !isFolder.boolValue {
            // The staged write would replace it: someone's file, lost.
            return .error("refusing to write the site to \(output.path): it is a file, not a folder", file: "",
                          hint: "choose an output folder such as _site")
        }
        if let entries = try? fileManager.contentsOfDirectory(atPath: out), !entries.isEmpty,
           !entries.contains(Self.markerName) {
            return .error("refusing to replace \(output.path): it is not empty and was not made by sitemark", file: "",
                          hint: "choose an empty or new output folder, or delete this one yourself")
        }
        return nil
    }

    /// `url`'s path with the symbolic links in its existing part followed (the rest of the
    /// path, not made yet, is kept as written).
    static func followingLinks(_ url: URL) -> String {
        var existing = url.standardizedFileURL.path, missing: [String] = []
        while existing != "/", !FileManager.default.fileExists(atPath: existing) {
            missing.insert((existing as NSString).lastPathComponent, at: 0)
            existing = (existing as NSString).deletingLastPathComponent
        }
        guard let resolved = realpath(existing, nil) else { return url.standardizedFileURL.path }
        defer { free(resolved) }
        let real = String(cString: resolved)
        guard !missing.isEmpty else { return real }
        return (real == "/" ? "" : real) + "/" + missing.joined(separator: "/")
    }

    /// The manifest, if it describes this folder as it is now (its marker holds the manifest's id).
    public func trusted(_ manifest: OutputManifest?) -> OutputManifest? {
        guard let manifest, manifest.folder == output.path, manifest.buildID != Self.dirtyID,
              let marker = FileIO.readFile(output.appendingPathComponent(Self.markerName).path),
              String(decoding: marker, as: UTF8.self) == Self.markerText(manifest.buildID) else { return nil }
        return manifest
    }

    /// Is the file still the one the manifest recorded? (Only a stat.)
    public func isIntact(_ path: String, in manifest: OutputManifest, hash: Fingerprint) -> Bool {
        guard let record = manifest.files[path], record.hash == hash else { return false }
        return FileIO.stamp(output.appendingPathComponent(path).path) == record.stamp
    }

    /// Writes `files` and `copies`, in place when `previous` is trusted, staged otherwise, and
    /// returns what is now in the folder. `staging`: the folder a staged write fills, when the
    /// build began it while rendering (files in it are `.staged`).
    public func write(_ files: [Planned], copies: [Copy], previous: OutputManifest?, staging: Staging? = nil) throws -> (Stats, OutputManifest) {
        do {
            if let manifest = trusted(previous) {
                staging?.discard()
                return try writeInPlace(files, copies: copies, previous: manifest)
            }
            return try writeStaged(files, copies: copies, staging: staging ?? beginStaging())
        } catch let failure as Failure {
            throw failure
        } catch let changed as OutputChanged {
            throw changed
        } catch {
            throw Failure(description: "cannot write the output folder \(output.path): \(error)")
        }
    }

    static func markerText(_ buildID: String) -> String { "sitemark output \(buildID)\n" }

    private func copyStamp(_ source: URL) -> Fingerprint? {
        guard let stamp = FileIO.stamp(source.path) else { return nil }
        var hasher = FingerprintHasher()
        hasher.combine(source.path)
        hasher.combine(encoding: stamp)
        return hasher.finalize()
    }

    // MARK: In place

    /// A file the build meant to keep as it was has changed or gone since (edited by hand, or
    /// by another process): nothing was touched. The build fails and forgets its record of the
    /// output, so the next build writes the whole folder afresh.
    public struct OutputChanged: Error, CustomStringConvertible {
        public var path: String
        public var description: String { "\(path) changed in the output folder during the build" }
    }

    private func writeInPlace(_ files: [Planned], copies: [Copy], previous: OutputManifest) throws -> (Stats, OutputManifest) {
        let fileManager = FileManager.default
        // Kept files are checked before anything is touched.
        for file in files {
            guard case .unchanged = file.body else { continue }
            guard let old = previous.files[file.path], old.hash == file.hash,
                  FileIO.stamp(output.appendingPathComponent(file.path).path) == old.stamp else {
                throw OutputChanged(path: file.path)
            }
        }
        let markerPath = output.appendingPathComponent(Self.markerName).path
        var markedDirty = false
        func willModify() throws {
            if !markedDirty { try FileIO.replaceFile(markerPath, with: Array(Self.markerText(Self.dirtyID).utf8)) }
            markedDirty = true
        }
        var stats = Stats()
        var records: [String: OutputManifest.File] = [:]
        records.reserveCapacity(files.count + copies.count)
        var folders = FolderMaker(root: output)

        for file in files {
            let path = output.appendingPathComponent(file.path).path
            let old = previous.files[file.path]
            switch file.body {
            case .unchanged, .staged:
                records[file.path] = old
                stats.unchanged += 1
            case .bytes(let bytes):
                if let old, old.hash == file.hash, FileIO.stamp(path) == old.stamp {
                    records[file.path] = old
                    stats.unchanged += 1
                } else if let stamp = Self.stampIfSame(path, bytes) {
                    // Touched but not changed (a copy, a restore): the bytes are right, keep the file.
                    records[file.path] = .init(path: file.path, hash: file.hash, stamp: stamp)
                    stats.unchanged += 1
                } else {
                    try willModify()
                    try folders.prepare(folderOf: file.path)
                    records[file.path] = .init(path: file.path, hash: file.hash, stamp: try FileIO.replaceFile(path, with: bytes))
                    stats.written += 1
                }
            }
        }
        for copy in copies {
            let path = output.appendingPathComponent(copy.path).path
            guard let sourceHash = copyStamp(copy.source) else { throw Failure(description: "cannot read \(copy.source.path)") }
            if let old = previous.files[copy.path], old.hash == sourceHash, FileIO.stamp(path) == old.stamp {
                records[copy.path] = old
                stats.unchanged += 1
            } else {
                try willModify()
                try folders.prepare(folderOf: copy.path)
                let temporary = FileIO.temporaryPath(beside: path)
                try? fileManager.removeItem(atPath: temporary)
                try fileManager.copyItem(atPath: copy.source.path, toPath: temporary)
                guard rename(temporary, path) == 0, let stamp = FileIO.stamp(path) else {
                    throw Failure(description: "cannot replace \(path)")
                }
                records[copy.path] = .init(path: copy.path, hash: sourceHash, stamp: stamp)
                stats.written += 1
            }
        }
        stats.removed = try removeStale(keeping: Set(records.keys), before: willModify)
        guard markedDirty else { return (stats, OutputManifest(folder: output.path, buildID: previous.buildID, files: records)) }
        let buildID = UUID().uuidString
        try FileIO.replaceFile(markerPath, with: Array(Self.markerText(buildID).utf8))
        return (stats, OutputManifest(folder: output.path, buildID: buildID, files: records))
    }

    /// Deletes whatever a clean build would not have made: files no longer produced, and
    /// anything else found in the folders the site uses (a listing per folder, no full walk).
    private func removeStale(keeping files: Set<String>, before modifying: () throws -> Void) throws -> Int {
        let fileManager = FileManager.default
        var expectedFolders: Set<String> = [""]
        for file in files {
            var folder = URLPath.folder(of: file)
            while !folder.isEmpty, expectedFolders.insert(folder).inserted { folder = URLPath.folder(of: folder) }
        }
        // A folder no longer used is an unexpected entry of its parent, removed with its content.
        var removed = 0
        for folder in expectedFolders.sorted() {
            let url = folder.isEmpty ? output : output.appendingPathComponent(folder)
            guard let names = try? fileManager.contentsOfDirectory(atPath: url.path) else { continue }
            for name in names {
                let path = folder.isEmpty ? name : folder + "/" + name
                if folder.isEmpty && name == Self.markerName { continue }
                if files.contains(path) || expectedFolders.contains(path) { continue }
                try modifying()
                try fileManager.removeItem(at: url.appendingPathComponent(name))
                removed += 1
            }
        }
        return removed
    }

    // MARK: Staged

    /// A new folder beside the output that a staged write fills and then swaps in. A build may
    /// begin it before rendering and put each page in as soon as it is rendered, so the site's
    /// bytes are never all in memory at once (400 MB for 10,000 pages). `put` may be called
    /// from several threads.
    public final class Staging: @unchecked Sendable {
        // @unchecked: `folders` is only touched under `lock`; the rest is immutable.
        let folder: URL
        let output: URL
        private let lock = NSLock()
        private var folders: Set<String> = [""]

        fileprivate init(folder: URL, output: URL) {
            self.folder = folder
            self.output = output
        }

        /// Writes one file, or hard-links the output's copy when it holds the same bytes (same
        /// bytes, same mtime); returns its record and whether new bytes were written.
        public func put(_ path: String, bytes: [UInt8], hash: Fingerprint) throws -> (OutputManifest.File, written: Bool) {
            try prepare(folderOf: path)
            let target = folder.appendingPathComponent(path).path
            let previous = output.appendingPathComponent(path).path
            if OutputWriter.sameBytes(previous, bytes), link(previous, target) == 0, let stamp = FileIO.stamp(target) {
                return (.init(path: path, hash: hash, stamp: stamp), false)
            }
            return (.init(path: path, hash: hash, stamp: try FileIO.writeFile(bytes, to: target)), true)
        }

        func prepare(folderOf path: String) throws {
            let parent = URLPath.folder(of: path)
            let isNew = lock.withLock { folders.insert(parent).inserted }
            if isNew {
                try FileManager.default.createDirectory(at: folder.appendingPathComponent(parent), withIntermediateDirectories: true)
            }
        }

        /// The build failed or wrote in place after all: the staging folder goes.
        public func discard() { try? FileManager.default.removeItem(at: folder) }
    }

    /// A new, empty staging folder for this output.
    public func beginStaging() throws -> Staging {
        let parent = output.deletingLastPathComponent()
        let folder = parent.appendingPathComponent(".\(output.lastPathComponent).staging-\(getpid())")
        do {
            try? FileManager.default.removeItem(at: folder)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw Failure(description: "cannot write the output folder \(parent.path): \(error.localizedDescription)")
        }
        return Staging(folder: folder, output: output)
    }

    private func writeStaged(_ files: [Planned], copies: [Copy], staging: Staging) throws -> (Stats, OutputManifest) {
        let fileManager = FileManager.default
        let parent = output.deletingLastPathComponent()
        let retired = parent.appendingPathComponent(".\(output.lastPathComponent).old-\(getpid())")
        var stats = Stats()
        var records: [String: OutputManifest.File] = [:]
        records.reserveCapacity(files.count + copies.count)
        do {
            let buildID = UUID().uuidString
            try FileIO.writeFile(Array(Self.markerText(buildID).utf8), to: staging.folder.appendingPathComponent(Self.markerName).path)
            for file in files {
                let record: OutputManifest.File, written: Bool
                switch file.body {
                case .bytes(let bytes): (record, written) = try staging.put(file.path, bytes: bytes, hash: file.hash)
                case .staged(let staged, let wasWritten): (record, written) = (staged, wasWritten)
                case .unchanged:
                    throw Failure(description: "internal error: \(file.path) was reused without a trusted output; rebuild with --no-cache")
                }
                records[file.path] = record
                if written { stats.written += 1 } else { stats.unchanged += 1 }
            }
            let staging = staging.folder
            for copy in copies {
                guard let sourceHash = copyStamp(copy.source) else { throw Failure(description: "cannot read \(copy.source.path)") }
                try FileManager.default.createDirectory(at: staging.appendingPathComponent(URLPath.folder(of: copy.path)),
                                                        withIntermediateDirectories: true)
                let target = staging.appendingPathComponent(copy.path)
                let previous = output.appendingPathComponent(copy.path)
                if Self.sameFile(previous, copy.source), link(previous.path, target.path) == 0 {
                    stats.unchanged += 1
                } else {
                    try fileManager.copyItem(at: copy.source, to: target)
                    stats.written += 1
                }
                guard let stamp = FileIO.stamp(target.path) else { throw Failure(description: "cannot stat \(target.path)") }
                records[copy.path] = .init(path: copy.path, hash: sourceHash, stamp: stamp)
            }
            // Swap: the old output steps aside, the staging folder takes its name.
            if fileManager.fileExists(atPath: output.path) {
                try fileManager.moveItem(at: output, to: retired)
                do {
                    try fileManager.moveItem(at: staging, to: output)
                } catch {
                    try? fileManager.moveItem(at: retired, to: output)
                    throw error
                }
                try? fileManager.removeItem(at: retired)
            } else {
                try fileManager.moveItem(at: staging, to: output)
            }
            return (stats, OutputManifest(folder: output.path, buildID: buildID, files: records))
        } catch let failure as Failure {
            staging.discard()
            throw failure
        } catch {
            staging.discard()
            throw Failure(description: "cannot write the output folder \(output.path): \(error.localizedDescription)")
        }
    }

    fileprivate static func sameBytes(_ path: String, _ bytes: [UInt8]) -> Bool {
        stampIfSame(path, bytes) != nil
    }

    /// The stamp of the file at `path` when it holds exactly `bytes` (read only if the size matches).
    private static func stampIfSame(_ path: String, _ bytes: [UInt8]) -> FileStamp? {
        guard let stamp = FileIO.stamp(path), stamp.size == bytes.count, let data = FileIO.readFile(path), data == bytes else { return nil }
        return stamp
    }

    private static func sameFile(_ a: URL, _ b: URL) -> Bool {
        guard let stampA = FileIO.stamp(a.path), let stampB = FileIO.stamp(b.path), stampA.size == stampB.size else { return false }
        return FileManager.default.contentsEqual(atPath: a.path, andPath: b.path)
    }
}

/// Creates each folder under `root` once.
private struct FolderMaker {
    let root: URL
    private var made: Set<String> = [""]

    init(root: URL) { self.root = root }

    mutating func prepare(folderOf path: String) throws {
        let folder = URLPath.folder(of: path)
        if made.insert(folder).inserted {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
    }
}
