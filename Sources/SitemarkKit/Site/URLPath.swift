/// Output paths and the relative URLs between them. Every internal URL Sitemark writes is
/// relative, so a site works from `file://`, at a domain root and under a sub-path alike.
public enum URLPath {
    /// `conditions/sciatica.md` -> `conditions/sciatica.html`.
    public static func outputPath(forPage path: String) -> String {
        let stem = path.hasSuffix(".markdown") ? String(path.dropLast(9)) : path.hasSuffix(".md") ? String(path.dropLast(3)) : path
        return stem + ".html"
    }

    /// Folder part of a path (`a/b/c.html` -> `a/b`; `c.html` -> ``).
    public static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// `../` repeated once per folder level of `path`, or `` at the top: prefix for site-root URLs.
    public static func rootPrefix(from path: String) -> String {
        String(repeating: "../", count: path.split(separator: "/").count - 1)
    }

    /// The relative URL from the file at `from` to the file at `to` (both output paths).
    public static func relative(from: String, to: String) -> String {
        if let fast = relativeOfPlainPaths(from: from, to: to) { return fast }
        return relativeByComponents(from: from, to: to)
    }

    /// `relative` for paths without empty components (all output paths): component by component
    /// on the UTF-8 bytes, no arrays. It runs for every link of every page (menus, listings,
    /// backlinks): the array version was 4% of a build. nil for any other path.
    static func relativeOfPlainPaths(from: String, to: String) -> String? {
        let slash = UInt8(ascii: "/")
        let f = from.utf8, t = to.utf8
        func plain(_ path: String.UTF8View) -> Bool {
            guard let first = path.first, let last = path.last, first != slash, last != slash else { return false }
            var previous: UInt8 = 0
            for byte in path {
                if byte == slash && previous == slash { return false }
                previous = byte
            }
            return true
        }
        guard plain(f), plain(t) else { return nil }
        let folderEnd = f.lastIndex(of: slash) ?? f.startIndex
        var fp = f.startIndex, tp = t.startIndex
        // Shared leading folders (the target's file name never counts as one).
        while fp < folderEnd {
            let fEnd = f[fp..<folderEnd].firstIndex(of: slash) ?? folderEnd
            guard let tEnd = t[tp...].firstIndex(of: slash), f[fp..<fEnd].elementsEqual(t[tp..<tEnd]) else { break }
            fp = fEnd < folderEnd ? f.index(after: fEnd) : folderEnd
            tp = t.index(after: tEnd)
        }
        var ups = 0
        if fp < folderEnd { ups = 1 + f[fp..<folderEnd].count(where: { $0 == slash }) }
        return String(repeating: "../", count: ups) + String(to[tp...])
    }

    static func relativeByComponents(from: String, to: String) -> String {
        let fromFolder = folder(of: from).split(separator: "/")
        let target = to.split(separator: "/")
        var common = 0
        while common < fromFolder.count, common < target.count - 1, fromFolder[common] == target[common] { common += 1 }
        let ups = Array(repeating: "..", count: fromFolder.count - common)
        return (ups + target[common...].map(String.init)).joined(separator: "/")
    }

    /// Joins a relative reference onto a folder and normalises `.` and `..`; nil if it climbs
    /// above the top.
    public static func resolve(_ reference: String, inFolder base: String) -> String? {
        var parts: [Substring] = reference.hasPrefix("/") ? [] : base.split(separator: "/")
        for part in reference.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }

    /// Percent-decodes a URL path (cmark percent-encodes spaces and such in destinations).
    public static func percentDecoded(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return text }  // most links: no bridging to Foundation
        return text.removingPercentEncoding ?? text
    }

    /// The scheme of an absolute URL (`https`, `mailto`), lowercased; nil for relative references.
    public static func scheme(of url: String) -> String? {
        guard let colon = url.firstIndex(of: ":") else { return nil }
        let candidate = url[..<colon]
        guard let first = candidate.first, first.isASCII, first.isLetter,
              candidate.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }) else { return nil }
        return candidate.lowercased()
    }
}

import Foundation
