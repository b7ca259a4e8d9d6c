#!/usr/bin/env python3
"""Save-to-reload latency of `sitemark serve`.

Copies a project (Pages/, Templates/, Public/) to a temporary folder, starts
`sitemark serve --port 0` on it, listens to /__sitemark/events like an open page, then saves
one page again and again the way editors do (temporary file + rename) and measures
  save -> reload event received, and
  save -> the new text served.
Loopback only. Usage: preview-latency.py PROJECT [--runs N] [--page Pages/x.md] [--binary B]
"""
import argparse, os, re, select, shutil, socket, statistics, subprocess, sys, tempfile, time


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("project", help="folder holding Pages/, Templates/, Public/")
    parser.add_argument("--binary", default=".build/release/sitemark")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--page", help="page to edit, relative to the project (default: the first article)")
    parser.add_argument("--debounce-ms", type=int, help="quiet period before a rebuild (server default 50)")
    parser.add_argument("--label", default=None, help="name for the result line")
    parser.add_argument("--timeout", type=float, default=600, help="seconds to wait for one reload")
    parser.add_argument("--pause", type=float, default=0.3,
                        help="seconds between saves; longer than --catch-up-ms plus a full build lands saves during catch-up builds")
    args = parser.parse_args()

    binary = os.path.abspath(args.binary)
    work = tempfile.mkdtemp(prefix="sitemark-latency-")
    try:
        for folder in ("Pages", "Templates", "Public"):
            source = os.path.join(args.project, folder)
            if os.path.isdir(source):
                shutil.copytree(source, os.path.join(work, folder))
        page = args.page or first_article(work)
        sources = sum(len([f for f in files if f.endswith(".md")]) for _, _, files in os.walk(os.path.join(work, "Pages")))
        command = [binary, "serve", "--root", work, "--port", "0"]
        if args.debounce_ms is not None:
            command += ["--debounce-ms", str(args.debounce_ms)]
        server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
        try:
            port, first_build = wait_for_url(server)
            result = measure(port, work, page, args.runs, args.timeout, args.pause)
        finally:
            server.terminate()
            try:
                log = server.communicate(timeout=30)[0]
            except subprocess.TimeoutExpired:
                server.kill()
                log = ""
        # What the server itself reports per rebuild: "Pages/x.md changed: Built 37 pages in 0.31 s: ..."
        builds = [float(m) * 1000 for m in re.findall(r" changed: Built \d+ pages? in ([\d.]+) s", log)]
        # The fast path's own figure: "Pages/x.md changed: Updated 1 page in 12 ms."
        refreshes = [float(m) for m in re.findall(r" changed: Updated \d+ pages? in (\d+) ms", log)]
        catch_ups = [float(m) * 1000 for m in re.findall(r"Caught up: Built \d+ pages? in ([\d.]+) s", log)]
        label = args.label or os.path.basename(os.path.abspath(args.project))
        report(label, sources, page, first_build, result, builds, refreshes, catch_ups, args.pause)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def first_article(root):
    pages = os.path.join(root, "Pages")
    for folder, dirs, files in sorted(os.walk(pages)):
        dirs.sort()
        if os.path.basename(folder) == "glossary":
            continue
        for name in sorted(files):
            if name.endswith(".md") and name != "index.md" and folder != pages:
                return os.path.relpath(os.path.join(folder, name), root)
    sys.exit("no article page found")


def wait_for_url(server, timeout=900):
    """Reads the server's output until the startup line; returns (port, first build line)."""
    deadline = time.time() + timeout
    first_build = ""
    while time.time() < deadline:
        line = server.stdout.readline()
        if not line:
            sys.exit("the server stopped before listening")
        if line.startswith(("Built", "Build failed")):
            first_build = line.strip()
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if match:
            return int(match.group(1)), first_build
    sys.exit("the server did not start in time")


class Events:
    """An /__sitemark/events connection, read like a browser's EventSource."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=30)
        self.sock.sendall(b"GET /__sitemark/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
        self.buffer = b""

    def next(self, timeout):
        """(name, data) of the next event, or None after timeout seconds."""
        deadline = time.time() + timeout
        while True:
            match = re.search(rb"event: (\w+)\r?\ndata: ([^\r\n]*)\r?\n\r?\n", self.buffer)
            if match:
                self.buffer = self.buffer[match.end():]
                return match.group(1).decode(), match.group(2).decode()
            remaining = deadline - time.time()
            if remaining <= 0 or not select.select([self.sock], [], [], remaining)[0]:
                return None
            chunk = self.sock.recv(65536)
            if not chunk:
                return None
            self.buffer += chunk


def fetch(port, path):
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(f"GET /{path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    return data.decode("utf-8", "replace")


def measure(port, root, page, runs, timeout, pause):
    events = Events(port)
    hello = events.next(30)
    assert hello and hello[0] == "hello", hello
    path = os.path.join(root, page)
    original = open(path, encoding="utf-8").read()
    output = re.sub(r"\.md$", ".html", page.split("/", 1)[1])
    to_event, to_served = [], []
    for run in range(runs):
        marker = f"Latency probe {run} {time.time_ns()}."
        temporary = os.path.join(os.path.dirname(path), ".sitemark-latency.tmp")  # hidden: ignored
        with open(temporary, "w", encoding="utf-8") as f:
            f.write(original + f"\n\n{marker}\n")
        saved = time.perf_counter()
        os.replace(temporary, path)
        event = events.next(timeout)
        received = time.perf_counter()
        if not event or event[0] != "reload":
            sys.exit(f"run {run}: expected a reload event, got {event}")
        if marker not in fetch(port, output):
            sys.exit(f"run {run}: the reload came before the new text was served")
        served = time.perf_counter()
        to_event.append((received - saved) * 1000)
        print(f"  save {run + 1}/{runs}: reload after {to_event[-1]:.0f} ms", file=sys.stderr, flush=True)
        to_served.append((served - saved) * 1000)
        time.sleep(pause)  # separate saves, not one burst
    with open(path, "w", encoding="utf-8") as f:
        f.write(original)
    return to_event, to_served


def report(label, sources, page, first_build, result, builds, refreshes, catch_ups, pause):
    to_event, to_served = result

    def summary(values):
        ordered = sorted(values)
        p90 = ordered[min(len(ordered) - 1, int(round(0.9 * (len(ordered) - 1))))]
        return f"median {statistics.median(ordered):.0f} ms, p90 {p90:.0f} ms, min {ordered[0]:.0f}, max {ordered[-1]:.0f}"

    print(f"preview latency, {label}: {sources} Markdown files, editing {page}, {len(to_event)} saves {pause} s apart")
    print(f"  first build:                {first_build}")
    if refreshes:
        print(f"  fast path (server's figure, {len(refreshes)} of {len(to_event)} saves): {summary(refreshes)}")
    if builds:
        print(f"  rebuild (server's figure, {len(builds)} saves): {summary(builds)}")
    if catch_ups:
        print(f"  catch-up builds ({len(catch_ups)}): {summary(catch_ups)}")
    print(f"  save -> reload event:       {summary(to_event)}")
    print(f"  save -> new text served:    {summary(to_served)}")


if __name__ == "__main__":
    main()
