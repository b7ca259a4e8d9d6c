import ArgumentParser
import Foundation
import SitemarkBench
import SitemarkKit

@main
struct SitemarkBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sitemark-bench",
        abstract: "Generates benchmark corpora and times sitemark (and Hugo) building them.",
        subcommands: [Corpus.self, Profile.self])
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
