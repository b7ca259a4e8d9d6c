import Foundation
import SitemarkKit

/// The changes collected since the last rebuild started, and what they allow: a stylesheet
/// swap instead of a reload when nothing but CSS was edited.
struct ChangeBatch: Sendable, Equatable {
    /// Project-relative path (`Pages/a.md`) -> whether the file exists after the last change.
    private(set) var files: [String: Bool] = [:]
    /// A folder came or went, or events were lost: anything may have changed.
    private(set) var folders: Set<String> = []
    private(set) var overflowed = false

    var isEmpty: Bool { files.isEmpty && folders.isEmpty && !overflowed }

    mutating func add(_ signal: WatchSignal, layout: ProjectLayout) {
        func relative(_ path: String) -> String { layout.displayPath(URL(fileURLWithPath: path)) }
        switch signal {
        case .overflow: overflowed = true
        case .folder(let path): folders.insert(relative(path))
        case .written(let path): files[relative(path)] = true
        case .removed(let path): files[relative(path)] = false
        case .renamed(let from, let to):
            // A file written moments ago and renamed over another was a temporary copy (sed -i
            // and some editors save this way): it never mattered. Otherwise a real rename.
            let source = relative(from)
            if files[source] == true { files[source] = nil } else { files[source] = false }
            files[relative(to)] = true
        }
    }

    /// Output paths (`assets/style.css`) to swap in place, or nil when pages must reload:
    /// only when every change was an edit of an existing stylesheet.
    var stylesheetOutputs: [String]? {
        guard !files.isEmpty, folders.isEmpty, !overflowed else { return nil }
        var outputs: [String] = []
        for (path, exists) in files {
            guard exists, let output = Self.stylesheetOutput(path) else { return nil }
            outputs.append(output)
        }
        return outputs.sorted()
    }

    /// `Public/assets/style.css` -> `assets/style.css`; a stylesheet beside a page keeps its
    /// path under `Pages/`. nil for anything that is not a copied stylesheet.
    static func stylesheetOutput(_ relative: String) -> String? {
        guard relative.lowercased().hasSuffix(".css") else { return nil }
        for folder in ["Public/", "Pages/"] where relative.hasPrefix(folder) {
            return String(relative.dropFirst(folder.count))
        }
        return nil
    }

    /// The changed files relative to `folder` (`Pages/`), when every change was an edit of a
    /// file there that still exists; nil otherwise (a file or folder came or went, or events
    /// were lost).
    func editedFiles(under folder: String) -> [String]? {
        guard !files.isEmpty, folders.isEmpty, !overflowed else { return nil }
        var edited: [String] = []
        for (path, exists) in files {
            guard exists, path.hasPrefix(folder) else { return nil }
            edited.append(String(path.dropFirst(folder.count)))
        }
        return edited.sorted()
    }

    /// `Pages/a.md`, `Pages/a.md and Templates/base.mustache`, `Pages/a.md and 4 more`.
    var summary: String {
        if overflowed { return "Too many changes to track (event queue overflow)" }
        let sorted = (folders.map { $0 + "/" } + files.keys).sorted()
        switch sorted.count {
        case 0: return "Nothing"
        case 1: return sorted[0]
        case 2: return "\(sorted[0]) and \(sorted[1])"
        default: return "\(sorted[0]) and \(sorted.count - 1) more"
        }
    }
}
