import Foundation

/// Where the preview talks to the person running it: the startup line and rebuild results on
/// standard output, problems on standard error. Tests pass `.silent`.
public struct PreviewConsole: Sendable {
    public var say: @Sendable (String) -> Void
    public var warn: @Sendable (String) -> Void

    public init(say: @escaping @Sendable (String) -> Void, warn: @escaping @Sendable (String) -> Void) {
        self.say = say
        self.warn = warn
    }

    public static let standard = PreviewConsole(
        say: { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) },
        warn: { FileHandle.standardError.write(Data(($0 + "\n").utf8)) })

    public static let silent = PreviewConsole(say: { _ in }, warn: { _ in })
}
