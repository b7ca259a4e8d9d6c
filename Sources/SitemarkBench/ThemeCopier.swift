import Foundation

/// Gives a generated project the real theme: `Templates/` and `Public/` copied from a Sitemark
/// project (the repository itself), and `Public/` as the Hugo site's `static/`.
public enum ThemeCopier {
    public static func copy(from theme: URL, to project: URL, hugo: URL? = nil) throws {
        for folder in ["Templates", "Public"] {
            try replace(project.appendingPathComponent(folder), with: theme.appendingPathComponent(folder))
        }
        if let hugo { try copyStatic(from: theme, to: hugo) }
    }

    /// The theme's `Public/` as the Hugo site's `static/`.
    static func copyStatic(from theme: URL, to hugo: URL) throws {
        try replace(hugo.appendingPathComponent("static"), with: theme.appendingPathComponent("Public"))
    }

    private static func replace(_ target: URL, with source: URL) throws {
        try? FileManager.default.removeItem(at: target)
        try FileManager.default.copyItem(at: source, to: target)
    }
}
