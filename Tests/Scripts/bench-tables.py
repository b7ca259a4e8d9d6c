#!/usr/bin/env python3
"""Does a table-heavy site build slower? Generates two 1,000-page sites that differ only in
how their facts are written: as pipe tables and ```compare blocks ("tables"), or as the same
cells in bulleted lists ("lists", no table anywhere). Both have the same words and the same
links, so the difference is what the table transforms cost. Builds each several times with
the release binary, alternating, and prints the medians.

    python3 Tests/Scripts/bench-tables.py [--pages 1000] [--runs 7] [--dir /tmp/sitemark-table-bench]

Run from the repository root after `swift build -c release --product sitemark`.
"""
import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
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
        if tables:
            lines = ["| " + " | ".join(header) + " |", "|" + "|".join(rnd.choice([":--", "---", ":-:", "--:"]) for _ in header) + "|"]
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


def build(binary, root, output):
    start = time.perf_counter()
    usage_before = os.times()
    # Cold builds (no cache) into a folder not used before: the figure is the table
    # transforms' cost, not the cache's or the file system's.
    shutil.rmtree(output, ignore_errors=True)
    result = subprocess.run([binary, "build", "--root", root, "--output", output, "--no-cache"], capture_output=True, text=True)
    wall = time.perf_counter() - start
    usage_after = os.times()
    cpu = (usage_after.children_user - usage_before.children_user) + (usage_after.children_system - usage_before.children_system)
    summary = next((line for line in result.stderr.splitlines() if line.startswith(("Built ", "Build failed"))), "")
    if result.returncode != 0 or not re.search(r": 0 errors, 0 warnings", summary):
        raise SystemExit(f"build of {root} did not succeed cleanly:\n{result.stderr[-2000:]}")
    reported = float(re.search(r" in ([0-9.]+) s", summary).group(1))
    return wall, cpu, reported


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--dir", default="/tmp/sitemark-table-bench")
    parser.add_argument("--binary", default=".build/release/sitemark")
    args = parser.parse_args()

    sites = {name: os.path.join(args.dir, name) for name in ("tables", "lists")}
    for name, root in sites.items():
        generate(root, args.pages, tables=(name == "tables"))
    for name, root in sites.items():
        text = "".join(open(os.path.join(d, f)).read() for d, _, fs in os.walk(os.path.join(root, "Pages")) for f in fs if f.endswith(".md"))
        tables = len(re.findall(r"^\|[-:|]+\|$", text, re.M)) + text.count("```compare")
        print(f"{name}: {args.pages} pages, {len(text.encode()) // 1024} KiB of Markdown, {tables} tables")

    results = {name: [] for name in sites}
    build(args.binary, sites["tables"], os.path.join(args.dir, "out-warmup"))  # warm the file cache
    for run in range(args.runs):
        for name, root in sites.items():
            results[name].append(build(args.binary, root, os.path.join(args.dir, f"out-{name}-{run}")))
    for name, runs in results.items():
        wall, cpu, reported = (statistics.median(r[i] for r in runs) for i in range(3))
        spread = max(r[0] for r in runs) - min(r[0] for r in runs)
        print(f"{name}: median wall {wall:.3f} s (spread {spread:.3f}), median CPU {cpu:.3f} s, "
              f"median reported build time {reported:.3f} s over {args.runs} runs")


if __name__ == "__main__":
    main()
