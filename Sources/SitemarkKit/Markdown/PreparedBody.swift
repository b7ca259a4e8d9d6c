/// A page body's cmark tree as the parse stage leaves it: parsed, its pipe tables in place
/// (with their markup), nothing linked or rendered yet. The render stage starts from this
/// instead of parsing the body and making its tables a second time; the parse stage keeps one
/// only for the pages the build's memory budget allows (`SiteBuilder.keptTreeBudget`).
///
/// `@unchecked Sendable`: a cmark tree is not thread-safe, but this one is only handed over.
/// The parse task that made it stores it and never touches it again; the single render task
/// of its page takes it out, once, after the parse stage has ended.
final class PreparedBody: @unchecked Sendable {
    private var document: MarkdownDocument?
    /// The page's `contentHash`, so a tree is never used for another version of its page.
    private let contentHash: UInt64

    init(_ document: MarkdownDocument, contentHash: UInt64) {
        self.document = document
        self.contentHash = contentHash
    }

    /// The tree, if it was made from `page`; at most once, since the render stage's
    /// transforms change it. Taking it also frees it here, whether it is used or not.
    func take(for page: ParsedPage) -> MarkdownDocument? {
        defer { document = nil }
        return page.contentHash == contentHash ? document : nil
    }
}
