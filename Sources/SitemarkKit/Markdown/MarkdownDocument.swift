import CCmark
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A parsed cmark tree. The document owns every node of its tree and frees them when it goes
/// away; `MarkdownNode` values keep their document alive, so a node never outlives its memory.
///
/// Not Sendable on purpose: a cmark tree is mutable C state, used by the one task that parsed it.
/// This file and its siblings in `Markdown/` are the only code that imports CCmark.
public final class MarkdownDocument {
    fileprivate let rootPointer: OpaquePointer

    /// Parses CommonMark with source positions on (every node knows its line and column).
    public init(parsing markdown: String) {
        var text = markdown
        rootPointer = text.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parse_document(chars.baseAddress, chars.count, CMARK_OPT_SOURCEPOS)
            }
        }
    }

    /// Parses UTF-8 bytes (cmark repairs invalid sequences itself).
    init(parsingUTF8 bytes: [UInt8]) {
        rootPointer = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parse_document(chars.baseAddress, chars.count, CMARK_OPT_SOURCEPOS)
            }
        }
    }

    deinit { cmark_node_free(rootPointer) }

    /// The libcmark in use (`0.30.2`): part of the build cache's key, since another version
    /// may parse the same text differently.
    public static var libraryVersion: String { String(cString: cmark_version_string()) }

    public var root: MarkdownNode { MarkdownNode(rootPointer, in: self) }

    /// Renders the tree to HTML. Without `allowRawHTML`, cmark's safe mode replaces user HTML
    /// with a comment and blanks `javascript:`-style URLs. Our own markup is unaffected either way:
    /// it lives in custom nodes, which cmark writes verbatim.
    public func renderHTML(allowRawHTML: Bool = false) -> String {
        let options = allowRawHTML ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT
        guard let html = cmark_render_html(rootPointer, options) else { return "" }
        defer { free(html) }
        return String(cString: html)
    }

    // MARK: Making nodes. A new node belongs to no tree until inserted (replace, append,
    // insertBefore/After); callers insert it right away so the document's tree frees it.

    /// Generated markup around (optional) children: `<figure>` … `</figure>`.
    public func makeCustomBlock(enter: String, exit: String = "") -> MarkdownNode {
        make(CMARK_NODE_CUSTOM_BLOCK, enter: enter, exit: exit)
    }

    public func makeCustomInline(enter: String, exit: String = "") -> MarkdownNode {
        make(CMARK_NODE_CUSTOM_INLINE, enter: enter, exit: exit)
    }

    public func makeText(_ literal: String) -> MarkdownNode {
        let node = MarkdownNode(cmark_node_new(CMARK_NODE_TEXT), in: self)
        _ = literal.withCString { cmark_node_set_literal(node.pointer, $0) }
        return node
    }

    /// A text node from UTF-8 bytes taken whole from a Swift string (a table cell's), with no
    /// String made in between: there is one per cell.
    func makeText(utf8 bytes: ArraySlice<UInt8>) -> MarkdownNode {
        let node = MarkdownNode(cmark_node_new(CMARK_NODE_TEXT), in: self)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count + 1) { buffer in
            _ = buffer.initialize(from: bytes)
            buffer[bytes.count] = 0
            buffer.withMemoryRebound(to: CChar.self) { _ = cmark_node_set_literal(node.pointer, $0.baseAddress) }
        }
        return node
    }

    /// A link to `destination` (children: its text). Later transforms (link rewriting) treat it
    /// like a link written in the page.
    public func makeLink(to destination: String) -> MarkdownNode {
        let node = MarkdownNode(cmark_node_new(CMARK_NODE_LINK), in: self)
        cmark_node_set_url(node.pointer, destination)
        return node
    }

    private func make(_ type: cmark_node_type, enter: String, exit: String) -> MarkdownNode {
        let node = MarkdownNode(cmark_node_new(type), in: self)
        // withCString passes a native string's own bytes (cmark copies them); the implicit
        // String-to-pointer conversion would copy into a temporary array first.
        if !enter.isEmpty { _ = enter.withCString { cmark_node_set_on_enter(node.pointer, $0) } }
        if !exit.isEmpty { _ = exit.withCString { cmark_node_set_on_exit(node.pointer, $0) } }
        return node
    }
}

/// The kinds of cmark node, named in Swift.
public enum MarkdownNodeKind: Sendable, Equatable {
    case document, blockQuote, list, item, codeBlock, htmlBlock, customBlock, paragraph, heading
    case thematicBreak, text, softBreak, lineBreak, code, htmlInline, customInline
    case emphasis, strong, link, image, unknown

    init(_ type: cmark_node_type) {
        switch type {
        case CMARK_NODE_DOCUMENT: self = .document
        case CMARK_NODE_BLOCK_QUOTE: self = .blockQuote
        case CMARK_NODE_LIST: self = .list
        case CMARK_NODE_ITEM: self = .item
        case CMARK_NODE_CODE_BLOCK: self = .codeBlock
        case CMARK_NODE_HTML_BLOCK: self = .htmlBlock
        case CMARK_NODE_CUSTOM_BLOCK: self = .customBlock
        case CMARK_NODE_PARAGRAPH: self = .paragraph
        case CMARK_NODE_HEADING: self = .heading
        case CMARK_NODE_THEMATIC_BREAK: self = .thematicBreak
        case CMARK_NODE_TEXT: self = .text
        case CMARK_NODE_SOFTBREAK: self = .softBreak
        case CMARK_NODE_LINEBREAK: self = .lineBreak
        case CMARK_NODE_CODE: self = .code
        case CMARK_NODE_HTML_INLINE: self = .htmlInline
        case CMARK_NODE_CUSTOM_INLINE: self = .customInline
        case CMARK_NODE_EMPH: self = .emphasis
        case CMARK_NODE_STRONG: self = .strong
        case CMARK_NODE_LINK: self = .link
        case CMARK_NODE_IMAGE: self = .image
        default: self = .unknown
        }
    }

    public var isBlock: Bool {
        switch self {
        case .document, .blockQuote, .list, .item, .codeBlock, .htmlBlock, .customBlock,
             .paragraph, .heading, .thematicBreak: true
        default: false
        }
    }
}

/// A node of a `MarkdownDocument`'s tree. Holding one keeps the document (and so the node) alive.
/// Two values are equal when they name the same node.
public struct MarkdownNode: Hashable {
    let pointer: OpaquePointer
    public let document: MarkdownDocument

    fileprivate init(_ pointer: OpaquePointer, in document: MarkdownDocument) {
        self.pointer = pointer
        self.document = document
    }

    public static func == (a: MarkdownNode, b: MarkdownNode) -> Bool { a.pointer == b.pointer }
    public func hash(into hasher: inout Hasher) { hasher.combine(pointer) }

    private func wrap(_ pointer: OpaquePointer?) -> MarkdownNode? {
        pointer.map { MarkdownNode($0, in: document) }
    }

    public var kind: MarkdownNodeKind { MarkdownNodeKind(cmark_node_get_type(pointer)) }
    public var parent: MarkdownNode? { wrap(cmark_node_parent(pointer)) }
    public var firstChild: MarkdownNode? { wrap(cmark_node_first_child(pointer)) }
    public var lastChild: MarkdownNode? { wrap(cmark_node_last_child(pointer)) }
    public var next: MarkdownNode? { wrap(cmark_node_next(pointer)) }
    public var previous: MarkdownNode? { wrap(cmark_node_previous(pointer)) }

    public var children: [MarkdownNode] {
        var result: [MarkdownNode] = []
        var child = firstChild
        while let node = child {
            result.append(node)
            child = node.next
        }
        return result
    }

    /// This node and all below it in document order, as a snapshot: the tree may be changed
    /// while walking the returned array (cmark's own iterator must not see such changes).
    public func descendants() -> [MarkdownNode] {
        var result: [MarkdownNode] = []
        forEachNodePointer { result.append(MarkdownNode($0, in: document)) }
        return result
    }

    /// Calls `body` with this node and every node below it in document order, with no array in
    /// between. `body` may change what a node holds (its URL, its literal) but not the tree's
    /// shape: cmark's iterator is walking it. Use `descendants()` to move or replace nodes.
    public func forEachDescendant(_ body: (MarkdownNode) -> Void) {
        forEachNodePointer { body(MarkdownNode($0, in: document)) }
    }

    /// cmark's iterator over this node and all below it, entering each once, in document order.
    private func forEachNodePointer(_ body: (OpaquePointer) -> Void) {
        guard let iterator = cmark_iter_new(pointer) else { return }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) { body(node) }
        }
    }

    /// Calls `body` with every block below this node in document order, without visiting
    /// inline content (cheaper than `descendants()` when only blocks matter).
    public func forEachBlock(_ body: (MarkdownNode) -> Void) {
        var child = firstChild
        while let node = child, node.kind.isBlock {
            body(node)
            node.forEachBlock(body)
            child = node.next
        }
    }

    // MARK: Content

    public var literal: String? {
        get { cmark_node_get_literal(pointer).map { String(cString: $0) } }
        nonmutating set { cmark_node_set_literal(pointer, newValue) }
    }

    /// Appends the literal's UTF-8 bytes to `bytes`, without a Swift string in between.
    func appendLiteral(to bytes: inout [UInt8]) {
        Self.appendLiteral(of: pointer, to: &bytes)
    }

    private static func appendLiteral(of node: OpaquePointer, to bytes: inout [UInt8]) {
        guard let text = cmark_node_get_literal(node) else { return }
        let count = strlen(text)
        text.withMemoryRebound(to: UInt8.self, capacity: count) { start in
            bytes.append(contentsOf: UnsafeBufferPointer(start: start, count: count))
        }
    }

    /// Takes `prefix` (UTF-8) off the start of the literal and returns the bytes left; nil
    /// when it does not start so. Works on cmark's bytes, without a Swift string in between.
    func removeLiteralPrefix(_ prefix: [UInt8]) -> Int? {
        guard let text = cmark_node_get_literal(pointer) else { return nil }
        for (index, byte) in prefix.enumerated() where UInt8(bitPattern: text[index]) != byte { return nil }
        // cmark copies the new literal before freeing the old one, so the pointer stays valid.
        let rest = text + prefix.count
        let length = strlen(rest)
        cmark_node_set_literal(pointer, rest)
        return length
    }

    public var url: String? {
        get { cmark_node_get_url(pointer).map { String(cString: $0) } }
        nonmutating set { cmark_node_set_url(pointer, newValue) }
    }

    public var title: String? { cmark_node_get_title(pointer).map { String(cString: $0) } }
    public var headingLevel: Int { Int(cmark_node_get_heading_level(pointer)) }
    public var fenceInfo: String? { cmark_node_get_fence_info(pointer).map { String(cString: $0) } }

    /// 1-based position in the parsed text. cmark gives these for blocks; inline nodes report 0.
    public var startLine: Int { Int(cmark_node_get_start_line(pointer)) }
    public var startColumn: Int { Int(cmark_node_get_start_column(pointer)) }
    public var endLine: Int { Int(cmark_node_get_end_line(pointer)) }
    public var endColumn: Int { Int(cmark_node_get_end_column(pointer)) }

    /// The nearest position cmark knows: the node's own, or its closest block ancestor's.
    public var nearestLine: Int {
        var node: MarkdownNode? = self
        while let current = node {
            if current.startLine > 0 { return current.startLine }
            node = current.parent
        }
        return 1
    }

    /// Text as a reader sees it: text and code literals, breaks as spaces. Gathered as bytes
    /// straight from cmark's nodes (the parse stage asks for it of every paragraph and table
    /// cell); cmark's literals are valid UTF-8, so decoding once equals joining decoded pieces.
    public var plainText: String {
        var bytes: [UInt8] = []
        forEachNodePointer { node in
            switch cmark_node_get_type(node) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE: Self.appendLiteral(of: node, to: &bytes)
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: bytes.append(ASCII.space)
            default: break
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: Changing the tree

    /// Puts `replacement` where this node is and frees this node with everything below it.
    /// Returns false when cmark refuses (the replacement cannot stand there).
    @discardableResult
    public func replace(with replacement: MarkdownNode) -> Bool {
        guard cmark_node_replace(pointer, replacement.pointer) == 1 else { return false }
        cmark_node_free(pointer)
        return true
    }

    // The moving methods below also take nodes of another document (cmark nodes of every tree
    // share one allocator): the node leaves its old tree, which then no longer frees it, and
    // the returned value names it as a node of this tree, whose document now owns it.

    /// Moves every child of this node, in order, to the end of `newParent`.
    public func moveChildren(to newParent: MarkdownNode) {
        while let child = firstChild {
            cmark_node_unlink(child.pointer)
            Self.linked(cmark_node_append_child(newParent.pointer, child.pointer), "append")
        }
    }

    @discardableResult
    public func append(_ child: MarkdownNode) -> MarkdownNode {
        Self.linked(cmark_node_append_child(pointer, child.pointer), "append")
        return MarkdownNode(child.pointer, in: document)
    }

    /// Puts `sibling` just before this node.
    @discardableResult
    public func insertBefore(_ sibling: MarkdownNode) -> MarkdownNode {
        Self.linked(cmark_node_insert_before(pointer, sibling.pointer), "insert before")
        return MarkdownNode(sibling.pointer, in: document)
    }

    /// Puts `sibling` just after this node.
    @discardableResult
    public func insertAfter(_ sibling: MarkdownNode) -> MarkdownNode {
        Self.linked(cmark_node_insert_after(pointer, sibling.pointer), "insert after")
        return MarkdownNode(sibling.pointer, in: document)
    }

    /// cmark refuses a node where CommonMark does not allow it (a block inside an inline),
    /// returning 0 and leaving the node out of the tree: its content would vanish. Every
    /// transform places nodes where they are allowed, so a refusal is a bug in Sitemark, caught
    /// in debug builds (the tests); a release build carries on without that node.
    private static func linked(_ result: Int32, _ operation: String) {
        assert(result == 1, "cmark refused to \(operation) a node here: a transform placed it where CommonMark does not allow it")
    }

    /// Takes this node out of the tree and frees it with everything below it.
    public func remove() {
        cmark_node_unlink(pointer)
        cmark_node_free(pointer)
    }
}
