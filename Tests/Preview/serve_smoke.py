#!/usr/bin/env python3
"""The real `sitemark` binary, as a person runs it: `serve`'s startup line, its loopback-only
default, one preview per project, the warning for a non-loopback host, Ctrl-C with a page's
event stream open; `sitemark build` beside it staying free of drafts and of the reload script,
its exit codes (1 for a broken page, which leaves the last site as it was; 64 for a bad flag),
and `check --format json` as CI scripts read it.
Loopback only; every wait is bounded. Usage: serve_smoke.py --sitemark BIN --root PROJECT"""
import argparse, json, os, re, shutil, signal, socket, subprocess, sys, tempfile, time

failures = []


def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message)
    if not condition:
        failures.append(message)


def wait_for_url(process, timeout=300):
    deadline = time.time() + timeout
    lines = []
    while time.time() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line)
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if match:
            # The rest of the startup message.
            lines += [process.stdout.readline(), process.stdout.readline()]
            return int(match.group(1)), "".join(lines)
    return None, "".join(lines)


def listening_addresses(port):
    """The local addresses of the sockets listening on `port` (Linux's /proc/net tables)."""
    addresses = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        with open(table) as f:
            for row in f.readlines()[1:]:
                local, state = row.split()[1], row.split()[3]
                address, hex_port = local.split(":")
                if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                    addresses.append(address)
    return addresses


# 127.0.0.1 in /proc/net/tcp, and ::1 or ::ffff:127.0.0.1 in tcp6 (both in the kernel's byte order).
LOOPBACK = {"0100007F", "00000000000000000000000001000000", "0000000000000000FFFF00000100007F"}


def get(port, path):
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    return data.decode("utf-8", "replace")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sitemark", required=True)
    parser.add_argument("--root", default=".")
    args = parser.parse_args()
    binary = os.path.abspath(args.sitemark)
    work = tempfile.mkdtemp(prefix="sitemark-serve-smoke-")
    try:
        for folder in ("Pages", "Templates", "Public"):
            shutil.copytree(os.path.join(args.root, folder), os.path.join(work, folder))
        sections = [d for d in sorted(os.listdir(os.path.join(work, "Pages")))
                    if os.path.isfile(os.path.join(work, "Pages", d, "index.md")) and d != "glossary"]
        draft = os.path.join(work, "Pages", sections[0], "smoke-draft.md")
        with open(draft, "w") as f:
            f.write("---\ntitle: Smoke draft\ndescription: Not published.\ndraft: true\n---\n\nDraft body.\n")
        run(binary, work, sections[0])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if failures:
        sys.exit(f"serve smoke test: {len(failures)} failure(s)")
    print("serve smoke test: all checks passed")


def run(binary, work, section):
    server = subprocess.Popen([binary, "serve", "--root", work, "--port", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        port, startup = wait_for_url(server)
        check(port is not None, f"startup message names the URL: {startup.strip().splitlines()[-3:] if startup else ''}")
        if port is None:
            return
        check("Ctrl-C" in startup, "startup message says how to stop")
        listeners = listening_addresses(port)
        check(listeners and set(listeners) <= LOOPBACK and "WARNING" not in startup,
              f"by default the preview listens on loopback only, without a warning ({listeners})")
        home = get(port, "/")
        check(home.startswith("HTTP/1.1 200") and "/__sitemark/live.js" in home, "the home page is served with the reload script")
        draft = get(port, f"/{section}/smoke-draft.html")
        check(draft.startswith("HTTP/1.1 200") and "draft-banner" in draft, "a draft is previewed with its banner")

        second = subprocess.run([binary, "serve", "--root", work, "--port", "0"], capture_output=True, text=True, timeout=60)
        check(second.returncode == 1 and "already previewing" in second.stderr, "a second preview of the same project is refused")

        events = socket.create_connection(("127.0.0.1", port), timeout=10)
        events.sendall(b"GET /__sitemark/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        hello = events.recv(65536).decode()
        while "event: hello" not in hello:
            hello += events.recv(65536).decode()
        check("text/event-stream" in hello, "the event stream is open")

        started = time.time()
        server.send_signal(signal.SIGINT)
        try:
            code = server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            code = None
        elapsed = time.time() - started
        check(code == 0 and elapsed < 3, f"Ctrl-C with an open event stream stops in {elapsed:.2f} s, exit code {code}")
        events.settimeout(5)
        try:
            rest = events.recv(65536)
            while rest and not rest.endswith(b"0\r\n\r\n"):
                more = events.recv(65536)
                if not more:
                    break
                rest += more
            closed = True
        except OSError:
            closed = False
        check(closed, "the event stream was ended by the server")
        events.close()
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()

    exposed = subprocess.run([binary, "serve", "--root", work, "--host", "192.0.2.1", "--port", "8000"],
                             capture_output=True, text=True, timeout=60)
    check("WARNING" in exposed.stderr and "not a loopback address" in exposed.stderr,
          "a non-loopback --host is warned about")
    check(exposed.returncode == 1 and "cannot listen" in exposed.stderr, "an address not on this machine fails cleanly")

    site = os.path.join(work, "_site")
    build = subprocess.run([binary, "build", "--root", work, "--output", site], capture_output=True, text=True, timeout=600)
    check(build.returncode == 0, "sitemark build succeeds beside the preview")
    leaked = [os.path.join(d, f) for d, _, files in os.walk(site) for f in files
              if f.endswith(".html") and "__sitemark" in open(os.path.join(d, f), encoding="utf-8").read()]
    check(not leaked, f"no page of sitemark build carries the reload script {leaked[:3]}")
    check(not os.path.exists(os.path.join(site, section, "smoke-draft.html")), "sitemark build leaves drafts out")

    usage = subprocess.run([binary, "build", "--root", work, "--no-such-flag"], capture_output=True, text=True, timeout=60)
    check(usage.returncode == 64 and "no-such-flag" in usage.stderr, f"an unknown flag is a usage error, exit 64 (got {usage.returncode})")

    with open(os.path.join(site, "index.html"), "rb") as f:
        home_before = f.read()
    broken = os.path.join(work, "Pages", section, "broken.md")
    with open(broken, "w") as f:
        f.write("---\ntitle: Broken\ndescription: A page with a broken link.\n---\n\nSee [nothing](no-such-page.md).\n")
    failed = subprocess.run([binary, "build", "--root", work, "--output", site], capture_output=True, text=True, timeout=600)
    check(failed.returncode == 1 and "broken.md:6:" in failed.stderr,
          f"a broken link fails the build with exit 1 at its file and line (got {failed.returncode})")
    with open(os.path.join(site, "index.html"), "rb") as f:
        check(f.read() == home_before and not os.path.exists(os.path.join(site, section, "broken.html")),
              "the failed build left the last site as it was")
    checked = subprocess.run([binary, "check", "--root", work], capture_output=True, text=True, timeout=600)
    check(checked.returncode == 1, f"sitemark check exits 1 on the same error (got {checked.returncode})")

    # What CI scripts read: the counts agree with the list, and the error is where it is.
    with open(os.path.join(work, "Pages", "site.yml"), "a") as f:
        f.write("unknown_setting: true\n")  # one warning beside the error
    as_json = subprocess.run([binary, "check", "--root", work, "--format", "json", "--as-of", "2026-11-21"],
                             capture_output=True, text=True, timeout=600)
    payload = json.loads(as_json.stdout)
    severities = [d["severity"] for d in payload["diagnostics"]]
    check(as_json.returncode == 1 and payload["errors"] == severities.count("error") >= 1
          and payload["warnings"] == severities.count("warning") >= 1,
          f"check --format json counts its diagnostics (errors {payload['errors']}, warnings {payload['warnings']}, {severities})")
    broken_link = next((d for d in payload["diagnostics"] if "no-such-page.md" in d["message"]), {})
    check(broken_link.get("file", "").endswith("broken.md") and broken_link.get("line") == 6,
          f"the JSON error names the file and line ({broken_link})")
    check(payload["pages"] > 0 and payload["reviewPolicy"]["today"] == "2026-11-21" and len(payload["review"]) > 0,
          "the JSON report has the pages, the review policy of --as-of and the review table")


if __name__ == "__main__":
    main()
