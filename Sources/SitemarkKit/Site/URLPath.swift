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
        text.removingPercentEncoding ?? text
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
