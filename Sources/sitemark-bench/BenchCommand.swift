import ArgumentParser
import Foundation
import SitemarkBench
import SitemarkKit

@main
struct SitemarkBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sitemark-bench",
        abstract: "Generates benchmark corpora and times sitemark (and Hugo) building them.",
        subcommands: [Run.self, Corpus.self, HugoSiteCommand.self, Profile.self],
        defaultSubcommand: Run.self)
}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Time sitemark (and Hugo, when installed) on generated corpora; print a Markdown table.")

    @Option(help: "Corpus sizes in articles, comma-separated.") var sizes = "1000,10000"
    @Option(help: "Runs per measurement (medians are reported).") var runs = 3
    @Option(help: "Corpus seed.") var seed: UInt64 = 42
    @Option(help: "The sitemark executable to time.") var sitemark = ".build/release/sitemark"
    @Option(help: "The hugo executable; 'auto' finds it on PATH, 'none' skips Hugo.") var hugo = "auto"
    @Option(help: "Scratch folder (replaced per size).") var work = "bench-out"
    @Option(help: "Project whose Templates/ and Public/ the corpus uses.") var theme = "."
    @Flag(help: "Keep the generated corpora and outputs.") var keep = false

    func run() throws {
        let sizeList = sizes.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !sizeList.isEmpty else { throw ValidationError("--sizes needs at least one number") }
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
        let hugoPath: String? = switch hugo {
        case "none": nil
        case "auto": findOnPath("hugo")
        default: hugo
        }
        if hugoPath == nil && hugo != "none" { FileHandle.standardError.write(Data("hugo not found: timing Sitemark only\n".utf8)) }
        let workURL = URL(fileURLWithPath: work)
        try FileManager.default.createDirectory(at: workURL, withIntermediateDirectories: true)
        let runner = BenchRunner(sizes: sizeList, runs: runs, seed: seed,
                                 sitemark: URL(fileURLWithPath: sitemark).standardizedFileURL.path, hugo: hugoPath,
                                 work: workURL.standardizedFileURL, theme: URL(fileURLWithPath: theme), keepOutputs: keep)
        print(try runner.run())
    }

    private func findOnPath(_ name: String) -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

struct Corpus: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a generated project (Pages/ from a seed and a size; Templates/ and Public/ copied).")

    @Option(help: "Number of articles.") var pages = 1_000
    @Option(help: "Seed: the same seed and size give the same bytes.") var seed: UInt64 = 42
    @Option(help: "Project folder to write (its Pages/ is replaced).") var output: String
    @Option(help: "Also write the same content as a Hugo site here.") var hugo: String?
    @Option(help: "Project whose Templates/ and Public/ the corpus uses.") var theme = "."

    func run() throws {
        let project = URL(fileURLWithPath: output)
        let summary = try CorpusGenerator(seed: seed, articles: pages)
            .write(to: project, hugo: hugo.map { URL(fileURLWithPath: $0) })
        try ThemeCopier.copy(from: URL(fileURLWithPath: theme), to: project, hugo: hugo.map { URL(fileURLWithPath: $0) })
        print("Wrote \(summary.pages) pages (\(summary.articles) articles, \(summary.overviewPages) overview pages), "
              + "\(summary.glossaryTerms) glossary terms, \(summary.markdownBytes / 1024) KiB of article Markdown to \(output)")
    }
}

struct HugoSiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hugo-site",
        abstract: "Write a project's Pages/ (and Public/) as a Hugo site with the benchmark's layout.")

    @Option(help: "Sitemark project folder.") var project: String
    @Option(help: "Hugo site folder to write (replaced).") var output: String

    func run() throws {
        try HugoSite.write(from: URL(fileURLWithPath: project), to: URL(fileURLWithPath: output))
    }
}

/// One build in this process, for profilers: `valgrind --tool=callgrind sitemark-bench profile`.
/// (valgrind 3.19 crashes on `sitemark` itself, whose async entry point parks the main thread
/// in dispatch's signal loop; this command is synchronous.)
struct Profile: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build a project once in-process (for profilers).")

    @Option(help: "Project folder.") var root = "."
    @Option(help: "Output folder.") var output: String?

    func run() throws {
        let rootURL = URL(fileURLWithPath: root)
        let layout = ProjectLayout(root: rootURL, output: output.map { URL(fileURLWithPath: $0) })
        let report = SiteBuilder().build(BuildOptions(layout: layout))
        print(report.summary)
        for (stage, seconds) in report.stageSeconds { print("  \(stage): \(String(format: "%.3f", seconds)) s") }
    }
}
