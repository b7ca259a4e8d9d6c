import Foundation

/// Writes a build's files into a staging folder beside the output and swaps it in only when
/// everything was written, so a failed build never leaves a half-written site. A file whose
/// bytes did not change is hard-linked from the previous output: same bytes, same mtime.
public struct OutputWriter: Sendable {
    public struct Copy: Sendable, Hashable {
        public var path: String
        public var source: URL
    }

    public struct Stats: Sendable {
        public var written = 0
        public var unchanged = 0
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Marks a folder as Sitemark's, so it is never mistaken for (and never replaces) someone's documents.
    static let markerName = ".sitemark-output"

    public let output: URL

    public init(output: URL) { self.output = output.standardizedFileURL }

    /// Refuses outputs that would swallow the project: the root itself, a folder above it,
    /// a source folder, or a non-empty folder Sitemark did not make.
    public func validate(against layout: ProjectLayout) -> Diagnostic? {
        let out = output.path, root = layout.root.path
        let sourceFolders = [layout.pages.path, layout.templates.path, layout.publicAssets.path]
        if out == root || root.hasPrefix(out + "/") || out == "/" {
            return .error("refusing to write the site to \(out): it contains the project", file: "",
                          hint: "choose an output folder such as _site")
        }
        if sourceFolders.contains(where: { out == $0 || out.hasPrefix($0 + "/") }) {
            return .error("refusing to write the site inside a source folder (\(layout.displayPath(output)))", file: "",
                          hint: "choose an output folder outside Pages/, Templates/ and Public/")
        }
        let fileManager = FileManager.default
        if let entries = try? fileManager.contentsOfDirectory(atPath: out), !entries.isEmpty,
           !entries.contains(Self.markerName) {
            return .error("refusing to replace \(out): it is not empty and was not made by sitemark", file: "",
                          hint: "choose an empty or new output folder, or delete this one yourself")
        }
        return nil
    }

    public func write(_ files: [RenderedFile], copies: [Copy]) throws -> Stats {
        let fileManager = FileManager.default
        let parent = output.deletingLastPathComponent()
        let name = output.lastPathComponent
        let staging = parent.appendingPathComponent(".\(name).staging-\(getpid())")
        let retired = parent.appendingPathComponent(".\(name).old-\(getpid())")
        var stats = Stats()

        do {
            try? fileManager.removeItem(at: staging)
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw Failure(description: "cannot write the output folder \(parent.path): \(error.localizedDescription)")
        }
        do {
            var folders: Set<String> = [""]
            func prepareFolder(of path: String) throws {
                let folder = URLPath.folder(of: path)
                if folders.insert(folder).inserted {
                    try fileManager.createDirectory(at: staging.appendingPathComponent(folder), withIntermediateDirectories: true)
                }
            }
            try Data(Self.markerName.utf8).write(to: staging.appendingPathComponent(Self.markerName))
            for file in files {
                try prepareFolder(of: file.path)
                let target = staging.appendingPathComponent(file.path)
                let previous = output.appendingPathComponent(file.path)
                if Self.sameBytes(previous, file.bytes), link(previous.path, target.path) == 0 {
                    stats.unchanged += 1
                } else {
                    try Data(file.bytes).write(to: target)
                    stats.written += 1
                }
            }
            for copy in copies {
                try prepareFolder(of: copy.path)
                let target = staging.appendingPathComponent(copy.path)
                let previous = output.appendingPathComponent(copy.path)
                if Self.sameFile(previous, copy.source), link(previous.path, target.path) == 0 {
                    stats.unchanged += 1
                } else {
                    try fileManager.copyItem(at: copy.source, to: target)
                    stats.written += 1
                }
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
        } catch let failure as Failure {
            try? fileManager.removeItem(at: staging)
            throw failure
        } catch {
            try? fileManager.removeItem(at: staging)
            throw Failure(description: "cannot write the output folder \(output.path): \(error.localizedDescription)")
        }
        return stats
    }

    private static func sameBytes(_ url: URL, _ bytes: [UInt8]) -> Bool {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
              (attributes[.size] as? NSNumber)?.intValue == bytes.count,
              let data = FileManager.default.contents(atPath: url.path) else { return false }
        return data.elementsEqual(bytes)
    }

    private static func sameFile(_ a: URL, _ b: URL) -> Bool {
        let fileManager = FileManager.default
        guard let sizeA = (try? fileManager.attributesOfItem(atPath: a.path))?[.size] as? NSNumber,
              let sizeB = (try? fileManager.attributesOfItem(atPath: b.path))?[.size] as? NSNumber,
              sizeA == sizeB else { return false }
        return fileManager.contentsEqual(atPath: a.path, andPath: b.path)
    }
}
