/// GitHub-style heading ids: lowercase, punctuation dropped (hyphens and underscores kept),
/// spaces to hyphens; a repeated slug gets `-1`, `-2`, … One slugger per page.
struct Slugger {
    private var used: Set<String>

    /// `reserved` are ids the templates already use on every page; headings never take them.
    init(reserved: Set<String> = []) { used = reserved }

    static func slug(_ text: String) -> String {
        var slug = ""
        for character in text.lowercased() {
            if character == " " || character == "-" {
                slug.append("-")
            } else if character == "_" || character.isLetter || character.isNumber {
                slug.append(character)
            }
        }
        return slug
    }

    mutating func uniqueSlug(_ text: String) -> String {
        let base = Self.slug(text)
        return Self.unique(base.isEmpty ? "section" : base, avoiding: &used)
    }

    /// `base`, or `base-1`, `base-2`… if taken; the result is added to `used`. For ids that are
    /// already id-safe (glossary slugs), and for headings' slugs.
    static func unique(_ base: String, avoiding used: inout Set<String>) -> String {
        var candidate = base
        var counter = 0
        while used.contains(candidate) {
            counter += 1
            candidate = "\(base)-\(counter)"
        }
        used.insert(candidate)
        return candidate
    }
}
