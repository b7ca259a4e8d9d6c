import Mustache

/// The Mustache templates of `Templates/`, parsed once and checked before use.
///
/// swift-mustache renders a missing partial, parent or variable as nothing, silently; so every
/// `{{> partial}}` and `{{< parent}}` a template names is checked here, with the template's
/// file and line, and a build never renders with a template that failed to parse. Nor with one
/// that includes itself, directly or through others, outside any section: swift-mustache would
/// recurse until the stack overflows and the process dies.
public struct TemplateSet: Sendable {
    let library: MustacheLibrary
    /// The templates that can be rendered.
    public let names: Set<String>
    /// Templates that exist but cannot be used (they do not decode or parse, or include
    /// themselves); their own errors say why, so nothing that names them is reported again.
    let unusable: Set<String>

    public static func load(_ files: [SourceFile]) -> (TemplateSet, [Diagnostic]) {
        MustacheContentTypes.register(EscapedHTML(), named: EscapedHTML.name)
        var library = MustacheLibrary()
        var diagnostics: [Diagnostic] = []
        var texts: [(file: SourceFile, name: String, text: String)] = []
        var unusable: Set<String> = []

        for file in files {
            let name = String(file.path.dropLast(".mustache".count))
            switch TextDecoding.decodeUTF8(file.bytes, file: file.displayPath) {
            case .success(let text): texts.append((file, name, text))
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
                unusable.insert(name)
            }
        }
        let references = Dictionary(uniqueKeysWithValues: texts.map { ($0.name, TemplateReferences.scan($0.text)) })
        let cycles = TemplateCycles.find(in: references)
        for cycle in cycles {
            unusable.formUnion(cycle.names)
            diagnostics.append(cycle.diagnostic(file: texts.first { $0.name == cycle.names[0] }!.file.displayPath))
        }
        var names: Set<String> = []
        for (file, name, text) in texts where !unusable.contains(name) {
            do {
                library.register(try MustacheTemplate(string: EscapedHTML.pragma + text), named: name)
                names.insert(name)
            } catch let error as MustacheTemplate.ParserError {
                unusable.insert(name)
                let hint = "check that every {{#section}}, {{^section}}, {{$block}} and {{<parent}} is closed with its {{/name}}"
                if let section = TemplateParseProblem.isAboutSections(error.error) ? TemplateTags.unbalancedSection(in: text) : nil {
                    diagnostics.append(.error("template does not parse: \(section.message)", file: file.displayPath,
                                              line: section.line, column: section.column, hint: hint))
                } else {
                    diagnostics.append(.error("template does not parse: \(TemplateParseProblem.describe(error.error))", file: file.displayPath,
                                              line: max(1, error.context.lineNumber - 1), column: error.context.columnNumber, hint: hint))
                }
            } catch {
                unusable.insert(name)
                diagnostics.append(.error("template does not parse: \(error)", file: file.displayPath, line: 1, column: 1))
            }
        }
        for (file, name, _) in texts {
            for reference in references[name] ?? [] where !names.contains(reference.name) && !unusable.contains(reference.name) {
                let kind = reference.isParent ? "parent layout" : "partial"
                diagnostics.append(.error("\(kind) '\(reference.name)' does not exist", file: file.displayPath,
                                          line: reference.line, column: reference.column,
                                          hint: "expected Templates/\(reference.name).mustache"))
            }
        }
        return (TemplateSet(library: library, names: names, unusable: unusable), diagnostics)
    }

    public func has(_ name: String) -> Bool { names.contains(name) }

    /// A template file of this name exists, usable or not: a page naming an unusable one is
    /// not told that it does not exist (the template's own error is the one to fix).
    public func exists(_ name: String) -> Bool { names.contains(name) || unusable.contains(name) }

    /// Renders `context` with the named template; nil if there is no such template.
    public func render(_ context: Any, with name: String) -> String? {
        library.render(context, withTemplate: name)
    }

    /// Renders an `Encodable` context (all of ours) from the dictionary tree `TemplateData`
    /// makes of it, which Mustache reads far faster than a struct it must reflect on.
    public func render<Context: Encodable>(_ context: Context, with name: String) -> String? {
        library.render(TemplateData.make(context), withTemplate: name)
    }
}

/// swift-mustache's parse errors in words (the library gives only a case name).
enum TemplateParseProblem {
    /// A section closed by the wrong name, or never: `TemplateTags` can say which and where.
    static func isAboutSections(_ error: Error) -> Bool {
        guard let error = error as? MustacheTemplate.Error else { return false }
        return error == .sectionCloseNameIncorrect || error == .expectedSectionEnd
    }

    static func describe(_ error: Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "\(error)" }
        return switch error {
        case .sectionCloseNameIncorrect: "a {{/name}} closes a section or block that is not the one open here"
        case .unfinishedName: "a tag is not finished: '}}' is missing, or the name is empty"
        case .expectedSectionEnd: "a section or block is never closed with its {{/name}}"
        case .invalidSetDelimiter: "a {{=<% %>=}} delimiter change is malformed"
        case .transformAppliedToInheritanceSection: "a transform such as uppercase(...) is applied to a {{<parent}} or {{$block}}"
        case .illegalTokenInsideInheritSection: "inside {{<parent}} ... {{/parent}} only {{$block}} overrides may appear"
        case .textInsideInheritSection: "inside {{<parent}} ... {{/parent}} only {{$block}} overrides may appear, not text"
        case .invalidConfigVariableSyntax: "a {{% ... }} pragma is malformed"
        case .unrecognisedConfigVariable: "a {{% ... }} pragma names an unknown setting"
        }
    }
}

/// Templates that include one another in a ring with no section around an include: rendering
/// one would include the next forever, in the same context. An include inside `{{#section}}`
/// may end (the section moves into data that runs out, `{{#children}}`), so it is allowed.
struct TemplateCycles {
    /// The ring, starting at the first name in alphabetical order, and the include that leaves
    /// each template for the next.
    var names: [String]
    var references: [TemplateReferences.Reference]

    static func find(in references: [String: [TemplateReferences.Reference]]) -> [TemplateCycles] {
        // Unguarded includes, per template, in file order; one edge per target.
        var edges: [String: [TemplateReferences.Reference]] = [:]
        for (name, found) in references {
            var seen: Set<String> = []
            edges[name] = found.filter { !$0.isInsideSection && references[$0.name] != nil && seen.insert($0.name).inserted }
        }
        var cycles: [TemplateCycles] = [], done: Set<String> = []
        var path: [String] = [], pathReferences: [TemplateReferences.Reference] = [], onPath: [String: Int] = [:]
        func visit(_ name: String) {
            onPath[name] = path.count
            path.append(name)
            for reference in edges[name] ?? [] {
                pathReferences.append(reference)
                if let start = onPath[reference.name] {
                    cycles.append(TemplateCycles(names: Array(path[start...]), references: Array(pathReferences[start...])))
                } else if !done.contains(reference.name) {
                    visit(reference.name)
                }
                pathReferences.removeLast()
            }
            path.removeLast()
            onPath[name] = nil
            done.insert(name)
        }
        for name in references.keys.sorted() where !done.contains(name) { visit(name) }
        // Each ring once, read from its alphabetically first template.
        var rings: Set<[String]> = []
        return cycles.compactMap { cycle in
            let first = cycle.names.indices.min { cycle.names[$0] < cycle.names[$1] }!
            let rotated = TemplateCycles(names: Array(cycle.names[first...] + cycle.names[..<first]),
                                         references: Array(cycle.references[first...] + cycle.references[..<first]))
            return rings.insert(rotated.names).inserted ? rotated : nil
        }.sorted { $0.names.lexicographicallyPrecedes($1.names) }
    }

    func diagnostic(file: String) -> Diagnostic {
        let tag = references[0]
        let sigil = tag.isParent ? "<" : ">"
        let message = names.count == 1
            ? "template '\(names[0])' includes itself outside any section: rendering it would never end"
            : "templates include each other outside any section, so rendering would never end: "
                + (names + [names[0]]).map { "'\($0)'" }.joined(separator: " → ")
        return .error(message, file: file, line: tag.line, column: tag.column,
                      hint: "put {{\(sigil) \(tag.name)}} inside a section that moves into data which runs out, such as {{#children}} ... {{/children}}, or remove it")
    }
}

/// The tags of a template's text, with positions (`{{#name}}` gives sigil `#` and `name`). Not
/// a parser: swift-mustache parses; this reads just enough to say where a problem is.
enum TemplateTags {
    struct Tag: Equatable {
        var sigil: Character
        var name: String
        var line: Int
        var column: Int
    }

    static func scan(_ text: String) -> [Tag] {
        var tags: [Tag] = []
        for (lineIndex, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let opening = rest.range(of: "{{") {
                let afterOpen = rest[opening.upperBound...].drop(while: { $0 == " " })
                guard let sigil = afterOpen.first, let close = afterOpen.range(of: "}}") else {
                    rest = rest[opening.upperBound...]
                    continue
                }
                let name = afterOpen[afterOpen.index(after: afterOpen.startIndex)..<close.lowerBound]
                    .trimmingCharacters(in: .whitespaces)
                let column = line.distance(from: line.startIndex, to: opening.lowerBound) + 1
                tags.append(Tag(sigil: sigil, name: name, line: lineIndex + 1, column: column))
                rest = afterOpen[close.upperBound...]
            }
        }
        return tags
    }

    static let opensSection: Set<Character> = ["#", "^", "$", "<"]

    /// The first section closed by the wrong name, or else the innermost one never closed: where
    /// swift-mustache noticed it (often the end of the file) is not where to fix it.
    static func unbalancedSection(in text: String) -> (message: String, line: Int, column: Int)? {
        var open: [Tag] = []
        for tag in scan(text) {
            if opensSection.contains(tag.sigil) {
                open.append(tag)
            } else if tag.sigil == "/" {
                guard let innermost = open.popLast() else {
                    return ("{{/\(tag.name)}} closes nothing: no section is open here", tag.line, tag.column)
                }
                if innermost.name != tag.name {
                    return ("{{/\(tag.name)}} does not close {{\(innermost.sigil)\(innermost.name)}}, opened at line \(innermost.line), column \(innermost.column)",
                            tag.line, tag.column)
                }
            }
        }
        return open.last.map { ("{{\($0.sigil)\($0.name)}} is never closed with {{/\($0.name)}}", $0.line, $0.column) }
    }
}

/// Finds `{{> name}}` and `{{< name}}` tags in template text, with positions, and whether each
/// sits inside a `{{#section}}` or in an override of a `{{<parent}}` (which the parent may place
/// inside one).
enum TemplateReferences {
    struct Reference: Equatable {
        /// The `{{>name}}` or `{{<name}}` tag.
        var tag: TemplateTags.Tag
        var isInsideSection: Bool

        var name: String { tag.name }
        var isParent: Bool { tag.sigil == "<" }
        var line: Int { tag.line }
        var column: Int { tag.column }
    }

    static func scan(_ text: String) -> [Reference] {
        var references: [Reference] = []
        var open: [Character] = []  // the sigils of the sections, blocks and parents open here
        for tag in TemplateTags.scan(text) {
            // `{{>*dynamic}}` names are data, not files.
            if tag.sigil == ">" || tag.sigil == "<", !tag.name.isEmpty, !tag.name.hasPrefix("*") {
                references.append(Reference(tag: tag, isInsideSection: open.contains("#") || open.contains("<")))
            }
            if TemplateTags.opensSection.contains(tag.sigil) {
                open.append(tag.sigil)
            } else if tag.sigil == "/" {
                _ = open.popLast()
            }
        }
        return references
    }
}

/// swift-mustache's own HTML escaping walks `Character`s through a dictionary: profiling put it
/// at 16% of a whole build. Every template gets this content type instead, by a pragma on a line
/// of its own before the text (a standalone tag: it leaves no trace in the output; parse errors
/// are reported one line up to match the file). It escapes the same five characters.
struct EscapedHTML: MustacheContentType {
    static let name = "SITEMARK_HTML"
    static let pragma = "{{% CONTENT_TYPE: \(name) }}\n"
    func escapeText(_ text: String) -> String { HTML.escape(text) }
}

import Foundation
