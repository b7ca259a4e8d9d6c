import Foundation

/// `sitemark render`: one Markdown text to an HTML fragment, with Sitemark's Markdown
/// extensions but no site around it (links are left as written, except ones that can run code).
public enum FragmentRenderer {
    /// Bytes as read from a file (`file` names it in the error): text that is not UTF-8 is an
    /// error at its first bad byte, as in a build, not replaced in silence. With
    /// `skippingFrontMatter` (a page file), front matter is left out, as a build leaves it out.
    public static func render(utf8 bytes: [UInt8], file: String, allowRawHTML: Bool = false,
                              skippingFrontMatter: Bool = false) -> Result<String, Diagnostic> {
        // A page file is read as a build reads it (lone CRs as line ends); standard input, the
        // conformance checker's, is left byte for byte.
        (skippingFrontMatter ? TextDecoding.decodeContent(bytes, file: file) : TextDecoding.decodeUTF8(bytes, file: file)).map { text in
            let body = skippingFrontMatter ? ((try? FrontMatterSplit.split(text, file: file).get())?.body ?? text) : text
            return render(body, allowRawHTML: allowRawHTML)
        }
    }

    public static func render(_ markdown: String, allowRawHTML: Bool = false) -> String {
        let document = MarkdownDocument(parsing: markdown)
        PipeTables(source: markdown).apply(to: document)
        // cmark's unsafe mode, which passes raw HTML, passes `javascript:` URLs too; a build
        // removes them while resolving links, which a fragment does not do: remove them here.
        if allowRawHTML {
            document.root.forEachDescendant { node in
                guard node.kind == .link || node.kind == .image, let url = node.url,
                      LinkResolver.unsafeScheme(of: url) != nil else { return }
                node.url = ""
            }
        }
        return document.renderHTML(allowRawHTML: allowRawHTML)
    }
}
