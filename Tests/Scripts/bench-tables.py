#!/usr/bin/env python3
"""Does a table-heavy site build slower? Generates two 1,000-page sites that differ only in
how their facts are written: as pipe tables and ```compare blocks ("tables"), or as the same
cells in bulleted lists ("lists", no table anywhere). Both have the same words and the same
links, so the difference is what the table transforms cost. Builds each several times with
the release binary, alternating, and prints the medians of the times and of the tables-to-lists
ratio round by round.

When Hugo is installed (`make bench` installs it), the same two sites are also built with Hugo,
whose Markdown library has tables built in: its tables-against-lists ratio is the reference for
how much of the difference any Markdown tool pays for tables (more elements, cells parsed one
by one, more HTML to write). Hugo does not resolve ```compare blocks; it renders them as code.

    python3 Tests/Scripts/bench-tables.py [--pages 1000] [--runs 7] [--dir /tmp/sitemark-table-bench] [--hugo auto|none|PATH]

Run from the repository root after `swift build -c release --product sitemark` (and
`--product sitemark-bench`, which writes the Hugo sites).
"""
import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time

WORDS = ("ozone disc injection pain relief procedure evidence trial patient clinic needle "
         "recovery risk session therapy spine nerve review outcome dose guidance").split()


def sentence(rnd, n):
    words = [rnd.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def cell(rnd, page, pages):
    kind = rnd.random()
    if kind < 0.15:
        target = rnd.randrange(pages)
        return f"[{rnd.choice(WORDS)}](../s{target % 10}/p{target}.md)"
    if kind < 0.3:
        return f"*{rnd.choice(WORDS)}* {rnd.choice(WORDS)}"
    if kind < 0.4:
        return f"`{rnd.choice(WORDS)}`"
    return " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(1, 4)))


def page_body(rnd, index, pages, tables):
    parts = []
    fact_pages = [f"../facts/f{(index + k) % 20}.md" for k in range(3)]
    for section in range(4):
        parts.append(f"## Section {section}\n")
        parts.append(sentence(rnd, 25) + " " + sentence(rnd, 18) + "\n")
        columns = rnd.randint(3, 6)
        rows = [[cell(rnd, index, pages) for _ in range(columns)] for _ in range(rnd.randint(6, 14))]
        header = [rnd.choice(WORDS).capitalize() for _ in range(columns)]
        # Drawn for both sites, so that the random stream (and every later word) stays the same.
        alignments = [rnd.choice([":--", "---", ":-:", "--:"]) for _ in header]
        if tables:
            lines = ["| " + " | ".join(header) + " |", "|" + "|".join(alignments) + "|"]
            lines += ["| " + " | ".join(row) + " |" for row in rows]
        else:
            lines = ["- " + "; ".join(header)] + ["- " + "; ".join(row) for row in rows]
        parts.append("\n".join(lines) + "\n")
        parts.append(sentence(rnd, 20) + "\n")
    facts = ["anaesthesia", "setting", "duration", "sessions", "recovery", "risks"]
    if tables:
        parts.append("```compare\ncaption: At a glance\ncolumns:\n" + "".join(f"  - {p}\n" for p in fact_pages)
                     + "rows:\n" + "".join(f"  - {f}\n" for f in facts) + "```\n")
    else:
        parts.append("At a glance:\n\n" + "".join(f"- [{p}]({p})\n" for p in fact_pages)
                     + "".join(f"- {f}: value {f}\n" for f in facts))
    return "\n".join(parts)


def front(title, extra=""):
    return f"---\ntitle: {title}\ndescription: Generated page {title}.\n{extra}---\n"


def generate(root, pages, tables, seed=7):
    rnd = random.Random(seed)
    if os.path.exists(root):
        shutil.rmtree(root)
    os.makedirs(os.path.join(root, "Pages"))
    repo = os.getcwd()
    shutil.copytree(os.path.join(repo, "Templates"), os.path.join(root, "Templates"))
    shutil.copytree(os.path.join(repo, "Public"), os.path.join(root, "Public"))
    with open(os.path.join(root, "Pages", "site.yml"), "w") as f:
        f.write("title: Bench\nlanguage: en\n")

    def write(path, text):
        full = os.path.join(root, "Pages", path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w") as f:
            f.write(text)

    write("index.md", front("Home") + "Bench site.\n")
    write("facts/index.md", front("Facts") + "Fact pages.\n")
    for k in range(20):
        facts = "facts:\n" + "".join(f"  {name}: {name} value {k}\n" for name in
                                      ["anaesthesia", "setting", "duration", "sessions", "recovery", "risks"])
        write(f"facts/f{k}.md", front(f"Fact page {k}", facts) + sentence(rnd, 30) + "\n")
    for s in range(10):
        write(f"s{s}/index.md", front(f"Section {s}") + "A section.\n")
    for i in range(pages - 32):
        write(f"s{i % 10}/p{i}.md", front(f"Page {i}") + page_body(rnd, i, pages - 32, tables))


def write_hugo_site(bench, project, site):
    """The project as a Hugo site with the main benchmark's layout (`sitemark-bench hugo-site`)."""
    subprocess.run([bench, "hugo-site", "--project", project, "--output", site], check=True)


def timed(command, output):
    """Wall, user CPU and system CPU seconds of a cold build into `output` (removed first)."""
    # Cold builds (no cache) into a folder not used before: the figure is the table
    # transforms' cost, not the cache's or the file system's.
    shutil.rmtree(output, ignore_errors=True)
    start = time.perf_counter()
    usage_before = os.times()
    result = subprocess.run(command, capture_output=True, text=True)
    wall = time.perf_counter() - start
    usage_after = os.times()
    user = usage_after.children_user - usage_before.children_user
    system = usage_after.children_system - usage_before.children_system
    return (wall, user, system), result


def build_hugo(hugo, site, output):
    times, result = timed([hugo, "--source", site, "--destination", output, "--quiet"], output)
    if result.returncode != 0:
        raise SystemExit(f"hugo failed on {site}:\n{result.stderr[-2000:]}")
    return times


def build(binary, root, output):
    times, result = timed([binary, "build", "--root", root, "--output", output, "--no-cache"], output)
    summary = next((line for line in result.stderr.splitlines() if line.startswith(("Built ", "Build failed"))), "")
    if result.returncode != 0 or not re.search(r": 0 errors, 0 warnings", summary):
        raise SystemExit(f"build of {root} did not succeed cleanly:\n{result.stderr[-2000:]}")
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--dir", default="/tmp/sitemark-table-bench")
    parser.add_argument("--binary", default=".build/release/sitemark")
    parser.add_argument("--hugo", default="auto", help="the hugo executable; 'auto' finds it on PATH, 'none' skips Hugo")
    parser.add_argument("--bench-tool", default=".build/release/sitemark-bench", help="writes the Hugo sites")
    args = parser.parse_args()
    hugo = shutil.which("hugo") if args.hugo == "auto" else (None if args.hugo == "none" else args.hugo)

    sites = {name: os.path.join(args.dir, name) for name in ("tables", "lists")}
    for name, root in sites.items():
        generate(root, args.pages, tables=(name == "tables"))
    for name, root in sites.items():
        text = "".join(open(os.path.join(d, f)).read() for d, _, fs in os.walk(os.path.join(root, "Pages")) for f in fs if f.endswith(".md"))
        tables = len(re.findall(r"^\|[-:|]+\|$", text, re.M)) + text.count("```compare")
        print(f"{name}: {args.pages} pages, {len(text.encode()) // 1024} KiB of Markdown, {tables} tables")

    # Every round builds each site with each tool, one after the other, so that a slow spell
    # of a noisy machine falls on all four builds of a round; ratios are taken round by round.
    builders = {"sitemark": lambda name, output: build(args.binary, sites[name], output)}
    if hugo:
        hugo_sites = {name: os.path.join(args.dir, f"hugo-{name}") for name in sites}
        for name in sites:
            write_hugo_site(args.bench_tool, sites[name], hugo_sites[name])
        builders["hugo"] = lambda name, output: build_hugo(hugo, hugo_sites[name], output)
    else:
        print("hugo not found: no reference ratio (make bench-deps installs it)", file=sys.stderr)
    for tool, builder in builders.items():
        builder("tables", os.path.join(args.dir, f"{tool}-out-warmup"))  # warm the file cache
    results = {(tool, name): [] for tool in builders for name in sites}
    for run in range(args.runs):
        for tool, builder in builders.items():
            for name in sites:
                results[(tool, name)].append(builder(name, os.path.join(args.dir, f"{tool}-out-{name}-{run}")))

    # User CPU is the steadiest figure: system time is mostly the file system's (creating a
    # thousand files, writing the larger HTML of the tables site) and varies most on a VM.
    measures = {"wall": lambda r: r[0], "user CPU": lambda r: r[1], "CPU": lambda r: r[1] + r[2]}
    for (tool, name), runs in results.items():
        medians = ", ".join(f"{label} {statistics.median(map(measure, runs)):.3f} s" for label, measure in measures.items())
        spread = max(r[0] for r in runs) - min(r[0] for r in runs)
        print(f"{tool} {name}: medians {medians} (wall spread {spread:.3f} s) over {args.runs} runs")
    for tool in builders:
        pairs = list(zip(results[(tool, "tables")], results[(tool, "lists")]))
        ratios = ", ".join(f"{statistics.median(measure(t) / measure(l) - 1 for t, l in pairs):+.0%} {label}"
                           for label, measure in measures.items())
        print(f"{tool}: tables against lists {ratios} (medians of {args.runs} rounds)")


if __name__ == "__main__":
    main()
