import Foundation

/// Gives a generated project the real theme: `Templates/` and `Public/` copied from a Sitemark
/// project (the repository itself), and `Public/` as the Hugo site's `static/`.
public enum ThemeCopier {
    public static func copy(from theme: URL, to project: URL, hugo: URL? = nil) throws {
        let fileManager = FileManager.default
        for folder in ["Templates", "Public"] {
            let target = project.appendingPathComponent(folder)
            try? fileManager.removeItem(at: target)
            try fileManager.copyItem(at: theme.appendingPathComponent(folder), to: target)
        }
        if let hugo {
            let target = hugo.appendingPathComponent("static")
            try? fileManager.removeItem(at: target)
            try fileManager.copyItem(at: theme.appendingPathComponent("Public"), to: target)
        }
    }
}
