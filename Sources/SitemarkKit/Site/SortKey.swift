import Foundation

/// Orders titles for lists the build computes (mentions, related pages, the glossary): by the
/// title with case, accents and width ignored, then by path, so the order is total and stable.
/// A key is made once per item and compared as plain text; a locale-aware comparison in every
/// step of a sort is what made mention lists slow on large sites.
enum SortKey {
    static func folded(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    }

    static func of(title: String, path: String) -> String {
        folded(title) + "\u{0}" + path
    }
}
