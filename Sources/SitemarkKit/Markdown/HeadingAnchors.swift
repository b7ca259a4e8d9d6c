/// Gives every heading its id (computed once in the parse stage) and a permalink. cmark cannot
/// put attributes on a heading, so the heading becomes a custom block that writes the tag
/// itself, with the heading's inline content moved inside unchanged.
struct HeadingAnchors {
    let headings: [Heading]

    func apply(to document: MarkdownDocument) {
        var nodes: [MarkdownNode] = []  // gathered first: each is replaced below
        document.root.forEachBlock { if $0.kind == .heading { nodes.append($0) } }
        for (node, heading) in zip(nodes, headings) {
            let tag = "h\(node.headingLevel)"
            let id = HTML.escape(heading.id)
            let block = document.makeCustomBlock(
                enter: "<\(tag) id=\"\(id)\">",
                exit: "<a class=\"heading-anchor\" href=\"#\(id)\" aria-label=\"Link to this section: \(HTML.escape(heading.text))\">#</a></\(tag)>")
            node.moveChildren(to: block)
            node.replace(with: block)
        }
    }
}

/// Writes the URLs the resolve stage decided into links and images.
struct LinkRewriter {
    /// Destination as written -> URL to write.
    let urls: [String: String]

    func apply(to document: MarkdownDocument) {
        document.root.forEachDescendant { node in
            guard node.kind == .link || node.kind == .image,
                  let written = node.url, let url = urls[written], url != written else { return }
            node.url = url
        }
    }
}
