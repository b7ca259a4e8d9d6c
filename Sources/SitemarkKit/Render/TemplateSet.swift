import Mustache

/// The Mustache templates of `Templates/`, parsed once and checked before use.
///
/// swift-mustache renders a missing partial, parent or variable as nothing, silently; so every
/// `{{> partial}}` and `{{< parent}}` a template names is checked here, with the template's
/// file and line, and a build never renders with a template that failed to parse.
public struct TemplateSet: Sendable {
    let library: MustacheLibrary
    public let names: Set<String>

    public static func load(_ files: [SourceFile]) -> (TemplateSet, [Diagnostic]) {
        MustacheContentTypes.register(EscapedHTML(), named: EscapedHTML.name)
        var library = MustacheLibrary()
        var names: Set<String> = []
        var diagnostics: [Diagnostic] = []
        var texts: [(SourceFile, String, String)] = []

        for file in files {
            let name = String(file.path.dropLast(".mustache".count))
            let text: String
            switch TextDecoding.decodeUTF8(file.bytes, file: file.displayPath) {
            case .success(let decoded): text = decoded
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
                continue
            }
            do {
                library.register(try MustacheTemplate(string: EscapedHTML.pragma + text), named: name)
                names.insert(name)
                texts.append((file, name, text))
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.append(.error("template does not parse: \(error.error)", file: file.displayPath,
                                          line: max(1, error.context.lineNumber - 1), column: error.context.columnNumber,
                                          hint: "check that every {{#section}} and {{$block}} is closed with its {{/name}}"))
            } catch {
                diagnostics.append(.error("template does not parse: \(error)", file: file.displayPath, line: 1, column: 1))
            }
        }
        for (file, _, text) in texts {
            for reference in TemplateReferences.scan(text) where !names.contains(reference.name) {
                let kind = reference.isParent ? "parent layout" : "partial"
                diagnostics.append(.error("\(kind) '\(reference.name)' does not exist", file: file.displayPath,
                                          line: reference.line, column: reference.column,
                                          hint: "expected Templates/\(reference.name).mustache"))
            }
        }
        return (TemplateSet(library: library, names: names), diagnostics)
    }

    public func has(_ name: String) -> Bool { names.contains(name) }

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

/// swift-mustache's own HTML escaping walks `Character`s through a dictionary: profiling put it
/// at 16% of a whole build. Every template gets this content type instead, by a pragma on a line
/// of its own before the text (a standalone tag: it leaves no trace in the output; parse errors
/// are reported one line up to match the file). It escapes the same five characters.
struct EscapedHTML: MustacheContentType {
    static let name = "SITEMARK_HTML"
    static let pragma = "{{% CONTENT_TYPE: \(name) }}\n"
    func escapeText(_ text: String) -> String { HTML.escape(text) }
}

/// Finds `{{> name}}` and `{{< name}}` tags in template text, with positions.
enum TemplateReferences {
    struct Reference: Equatable {
        var name: String
        var isParent: Bool
        var line: Int
        var column: Int
    }

    static func scan(_ text: String) -> [Reference] {
        var references: [Reference] = []
        for (lineIndex, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let open = rest.range(of: "{{") {
                let afterOpen = rest[open.upperBound...].drop(while: { $0 == " " })
                guard let sigil = afterOpen.first, sigil == ">" || sigil == "<",
                      let close = afterOpen.range(of: "}}") else {
                    rest = rest[open.upperBound...]
                    continue
                }
                let name = afterOpen[afterOpen.index(after: afterOpen.startIndex)..<close.lowerBound]
                    .trimmingCharacters(in: .whitespaces)
                if !name.isEmpty && !name.hasPrefix("*") {  // `{{>*dynamic}}` names are data, not files
                    let column = line.distance(from: line.startIndex, to: open.lowerBound) + 1
                    references.append(Reference(name: name, isParent: sigil == "<", line: lineIndex + 1, column: column))
                }
                rest = afterOpen[close.upperBound...]
            }
        }
        return references
    }
}

import Foundation
