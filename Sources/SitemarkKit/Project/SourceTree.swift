import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file read from the project: its path inside its folder (`conditions/sciatica.md`), the path
/// diagnostics name (`Pages/conditions/sciatica.md`) and its bytes.
public struct SourceFile: Sendable, Hashable {
    public var path: String
    public var displayPath: String
    public var bytes: [UInt8]

    public init(path: String, displayPath: String, bytes: [UInt8]) {
        self.path = path
        self.displayPath = displayPath
        self.bytes = bytes
    }

    public var contentHash: UInt64 { StableHash.of(bytes) }
}

/// A file that is copied, not read: an image next to a page, or anything in `Public/`.
public struct AssetFile: Sendable, Hashable {
    /// Path inside its folder, which is also its path in the output.
    public var path: String
    public var source: URL
}

/// Everything the build reads, loaded once, in a stable order (sorted by path), so that the
/// rest of the pipeline never touches the disk and output is deterministic.
public struct SourceTree: Sendable {
    public var siteConfig: SourceFile?
    /// Markdown pages under `Pages/`, glossary excluded.
    public var pages: [SourceFile]
    /// `Pages/glossary/*.md`: one term per file.
    public var glossary: [SourceFile]
    /// Non-Markdown files under `Pages/` (images beside their page), copied next to it.
    public var pageAssets: [AssetFile]
    public var templates: [SourceFile]
    public var publicAssets: [AssetFile]

    public init(siteConfig: SourceFile? = nil, pages: [SourceFile] = [], glossary: [SourceFile] = [],
                pageAssets: [AssetFile] = [], templates: [SourceFile] = [], publicAssets: [AssetFile] = []) {
        self.siteConfig = siteConfig
        self.pages = pages
        self.glossary = glossary
        self.pageAssets = pageAssets
        self.templates = templates
        self.publicAssets = publicAssets
    }

    static let markdownExtensions: Set<String> = ["md", "markdown"]
    static let glossaryFolder = "glossary"

    /// Reads the project. A missing `Pages/` is an error; a missing `Public/` is fine.
    public static func load(_ layout: ProjectLayout) -> (SourceTree, [Diagnostic]) {
        var tree = SourceTree()
        var diagnostics: [Diagnostic] = []
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: layout.pages.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            diagnostics.append(.error(
                "no Pages/ folder in \(layout.root.path)", file: "",
                hint: "run sitemark from the project root, or pass --root DIR"))
            return (tree, diagnostics)
        }

        func listFilesReporting(under folder: URL, keepingHidden: ((String) -> Bool)? = nil) -> [(String, URL)] {
            let found = listing(under: folder, keepingHidden: keepingHidden)
            for (relative, reason) in found.unreadable {
                let shown = layout.displayPath(relative.isEmpty ? folder : folder.appendingPathComponent(relative))
                diagnostics.append(.error("cannot read the folder \(shown): \(reason)", file: shown,
                                          hint: "make it readable (chmod u+rx), or move it out of the project"))
            }
            for link in found.links where !isEditorTemporary((link as NSString).lastPathComponent) {
                diagnostics.append(.warning("symbolic link not followed: Sitemark reads only files inside the project",
                                            file: layout.displayPath(folder.appendingPathComponent(link)),
                                            hint: "copy or move the file (or folder) here instead of linking to it"))
            }
            for hidden in found.hidden {
                diagnostics.append(.warning("hidden file not copied: \(layout.displayPath(folder.appendingPathComponent(hidden)))",
                                            file: layout.displayPath(folder.appendingPathComponent(hidden)),
                                            hint: "from Public/, only .well-known/, .htaccess and .nojekyll are published; rename the file if it should be"))
            }
            return found.files
        }

        for (path, url) in listFilesReporting(under: layout.pages) {
            let ext = (path as NSString).pathExtension.lowercased()
            if path == "site.yml" {
                tree.siteConfig = read(url, path: path, layout: layout, diagnostics: &diagnostics)
            } else if markdownExtensions.contains(ext) {
                guard let file = read(url, path: path, layout: layout, diagnostics: &diagnostics) else { continue }
                if path.hasPrefix(glossaryFolder + "/") && !path.dropFirst(glossaryFolder.count + 1).contains("/") {
                    tree.glossary.append(file)
                } else {
                    tree.pages.append(file)
                }
            } else {
                tree.pageAssets.append(AssetFile(path: path, source: url))
            }
        }
        for (path, url) in listFilesReporting(under: layout.templates) where path.hasSuffix(".mustache") {
            if let file = read(url, path: path, layout: layout, diagnostics: &diagnostics) {
                tree.templates.append(file)
            }
        }
        tree.publicAssets = listFilesReporting(under: layout.publicAssets, keepingHidden: isPublishedHidden)
            .map { AssetFile(path: $0.0, source: $0.1) }
        diagnostics += unreadable(tree.pageAssets + tree.publicAssets, layout: layout)
        return (tree, diagnostics)
    }

    /// Files to copy are read only when the output is written; one that cannot be read is
    /// reported now, as a page would be, rather than as a failure to write the output.
    /// `isReadable` is `access(R_OK)`, except in tests (which run as root).
    static func unreadable(_ assets: [AssetFile], layout: ProjectLayout,
                           isReadable: (String) -> Bool = { access($0, R_OK) == 0 }) -> [Diagnostic] {
        assets.filter { !isReadable($0.source.path) }.map {
            .error("cannot read this file", file: layout.displayPath($0.source), hint: "check its permissions")
        }
    }

    /// Regular files below `folder`, sorted by relative path. Hidden files and editors'
    /// temporary files are skipped: they come and go while someone is typing. Symbolic links
    /// are skipped too (files and folders), as Foundation's enumerator did.
    ///
    /// Reads directories with `readdir`, whose entry types make a `stat` per file unnecessary:
    /// Foundation's enumerator with resource values and symlink resolution took about 1 s for
    /// 10,000 pages, the better part of a build in which nothing changed.
    static func listFiles(under folder: URL) -> [(String, URL)] {
        listing(under: folder).files
    }

    /// The hidden files of Public/ a web server needs and a site may ship: `.well-known/`
    /// (security.txt, app links), `.htaccess` (Apache) and `.nojekyll` (GitHub Pages). Other
    /// hidden files stay out: they are editors', version control's, or secrets.
    public static func isPublishedHidden(_ path: String) -> Bool {
        let name = (path as NSString).lastPathComponent
        return path == ".well-known" || name == ".htaccess" || name == ".nojekyll"
    }

    /// What `listing` found besides the files, for the build to report: skipped in silence,
    /// a folder or a link would just drop its pages from the site.
    struct Listing {
        var files: [(String, URL)] = []
        /// Folders that could not be read: relative path ("" for the folder listed) and why. A
        /// folder that does not exist is not one of them: Public/ is optional.
        var unreadable: [(String, String)] = []
        /// Symbolic links, which are not followed (one could lead outside the project).
        var links: [String] = []
        /// Hidden files and folders left out although `keepingHidden` was asked (some are
        /// kept), except those no one means to publish (`isQuietlyHidden`).
        var hidden: [String] = []
    }

    /// Hidden files left out without a word: version control's, the Finder's, editors'.
    static func isQuietlyHidden(_ name: String) -> Bool {
        name == ".DS_Store" || name.hasPrefix(".git") || name.hasPrefix(".#")
            || name.hasSuffix(".swp") || name.hasSuffix(".swx") || name.hasSuffix("~")
    }

    /// `listFiles`, with the folders it could not read and the links it did not follow.
    /// `keepingHidden` names the hidden paths to list after all (relative paths).
    /// `openFolder` is `opendir`, except in tests (which run as root, whom no folder refuses).
    static func listing(under folder: URL, keepingHidden: ((String) -> Bool)? = nil,
                        openFolder: (String) -> OpaquePointer? = { opendir($0) }) -> Listing {
        let base = folder.standardizedFileURL.resolvingSymlinksInPath().path
        var listing = Listing()
        var pending = [""]
        while let relative = pending.popLast() {
            let directory = relative.isEmpty ? base : base + "/" + relative
            guard let stream = openFolder(directory) else {
                let code = errno
                if code != ENOENT { listing.unreadable.append((relative, String(cString: strerror(code)).lowercased())) }
                continue
            }
            defer { closedir(stream) }
            while let entry = readdir(stream) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
                }
                if name == "." || name == ".." { continue }
                let path = relative.isEmpty ? name : relative + "/" + name
                if name.hasPrefix("."), !(keepingHidden?(path) ?? false) {
                    if keepingHidden != nil, !isQuietlyHidden(name) { listing.hidden.append(path) }
                    continue
                }
                var type = Int32(entry.pointee.d_type)
                if type == Int32(DT_UNKNOWN) {
                    var info = stat()
                    guard lstat(directory + "/" + name, &info) == 0 else { continue }
                    type = (info.st_mode & S_IFMT) == S_IFDIR ? Int32(DT_DIR)
                        : (info.st_mode & S_IFMT) == S_IFLNK ? Int32(DT_LNK) : (info.st_mode & S_IFMT) == S_IFREG ? Int32(DT_REG) : -1
                }
                if type == Int32(DT_DIR) {
                    pending.append(path)
                } else if type == Int32(DT_REG) {
                    // A hidden name that got this far was asked for (`keepingHidden`).
                    if name.hasPrefix(".") || !isEditorTemporary(name) { listing.files.append((path, folder.appendingPathComponent(path))) }
                } else if type == Int32(DT_LNK) {
                    listing.links.append(path)
                }
            }
        }
        listing.files.sort { $0.0 < $1.0 }
        listing.unreadable.sort { $0.0 < $1.0 }
        listing.links.sort()
        listing.hidden.sort()
        return listing
    }

    /// The enumerator-based listing `listFiles` replaced; kept to check that both agree.
    static func listFilesWithFoundation(under folder: URL) -> [(String, URL)] {
        guard let enumerator = FileManager.default.enumerator(
            at: folder, includingPropertiesForKeys: [.isRegularFileKey],
            options: [.skipsHiddenFiles]) else { return [] }
        let base = folder.standardizedFileURL.resolvingSymlinksInPath().path
        var files: [(String, URL)] = []
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let name = url.lastPathComponent
            if isEditorTemporary(name) { continue }
            let full = url.standardizedFileURL.resolvingSymlinksInPath().path
            guard full.hasPrefix(base + "/") else { continue }
            files.append((String(full.dropFirst(base.count + 1)), url))
        }
        return files.sorted { $0.0 < $1.0 }
    }

    public static func isEditorTemporary(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".swx")
            || (name.hasPrefix("#") && name.hasSuffix("#")) || name.hasPrefix(".#")
    }

    static func read(_ url: URL, path: String, layout: ProjectLayout, diagnostics: inout [Diagnostic]) -> SourceFile? {
        let display = layout.displayPath(url)
        guard let bytes = FileIO.readFile(url.path) else {
            diagnostics.append(.error("cannot read this file", file: display, hint: "check its permissions"))
            return nil
        }
        return SourceFile(path: path, displayPath: display, bytes: bytes)
    }
}

/// FNV-1a, 64 bit: stable across runs and machines (Swift's `Hasher` is seeded per process),
/// which the build cache needs.
public enum StableHash {
    public static func of<C: Collection>(_ bytes: C, seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 where C.Element == UInt8 {
        var hash = seed
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }

    public static func of(_ string: String, seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        of(string.utf8, seed: seed)
    }
}
