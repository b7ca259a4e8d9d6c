import Foundation

/// Absolute addresses under `base_url`, for the few places that must not be relative: the
/// canonical link, Open Graph, JSON-LD, the sitemap, the feed and robots.txt. Every link a
/// reader follows inside the site stays relative (see `URLPath`).
public struct SiteAddress: Sendable, Hashable {
    /// `https://clinic.example/knowledge/`: absolute, ending in `/`.
    public let base: String

    /// Nil when the site has no `base_url`.
    public init?(baseURL: String?) {
        guard let baseURL, !baseURL.isEmpty else { return nil }
        base = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
    }

    /// The file's own address: `conditions/sciatica.html` -> `<base>conditions/sciatica.html`.
    public func file(_ outputPath: String) -> String {
        base + outputPath.split(separator: "/", omittingEmptySubsequences: false).map(Self.encode).joined(separator: "/")
    }

    /// The address a page is known by: a folder's `index.html` is named by the folder
    /// (`<base>conditions/`), as servers answer it and as search engines prefer.
    public func canonical(_ outputPath: String) -> String {
        if outputPath == "index.html" { return base }
        if outputPath.hasSuffix("/index.html") { return file(String(outputPath.dropLast("index.html".count))) }
        return file(outputPath)
    }

    private static func encode(_ segment: Substring) -> String {
        // Unreserved ASCII (letters, digits, `-._~`) never needs encoding: the common case,
        // answered without Foundation's percent-encoder (which bridges every call).
        if segment.utf8.allSatisfy(isUnreserved) { return String(segment) }
        return String(segment).addingPercentEncoding(withAllowedCharacters: pathSegmentAllowed) ?? String(segment)
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"): true
        default: false
        }
    }

    private static let pathSegmentAllowed = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/;?#"))
}
