#!/usr/bin/python3
"""Runs every benchmark of issue 11, section 1 against trackersim and writes the results.

    run_bench.py --build build/bench [--out build/bench/results.json] [--repeat 3] [--only NAME,...]

Each figure is measured next to its floor in the same run, the two alternating, REPEAT times; the
table shows medians. Ratios are ours / floor. Where the issue sets a time rather than a ratio (the
token search's first rows and stalls, the filter's keystrokes) floor_s and ratio are null.

scripts/bench.sh builds the bench preset and calls this; CTest runs it under the label "bench".
"""
import argparse
import json
import math
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.normpath(os.path.join(HERE, os.pardir, "conformance")))

from simharness import Sim  # noqa: E402  (needs the path above)

SEARCH = "/rest/pat/latest/tokens/search"
REVOKE = "/rest/pat/latest/admin/tokens"
PAGE = 1000
PASSWORD_VAR = "ACCESSDESK_BENCH_PASSWORD"


# --- processes -------------------------------------------------------------------------------

def start_sim(b, *args):
    """One trackersim on a free loopback port, in memory unless told otherwise. Its log goes
    nowhere: nothing reads it while the 100,000-token seeding writes, and a pipe would fill and
    block trackersim."""
    return Sim(*args, binary=b.trackersim, stderr=subprocess.DEVNULL)


def timed(args, env=None, stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL):
    """Runs args to the end: (seconds, exit code, peak RSS in MB, stderr text).

    The peak RSS comes from /usr/bin/time, which starts the program itself: Linux counts the
    memory of the process that forked a program into that program's peak, and this script holds
    100,000 tokens at times. Without /usr/bin/time, getrusage of the child (an upper bound)."""
    errors = tempfile.TemporaryFile()
    peak_file = tempfile.NamedTemporaryFile(prefix="peak-rss-", delete=False)
    peak_file.close()
    wrapper = ["/usr/bin/time", "-f", "%M", "-o", peak_file.name] if os.access("/usr/bin/time", os.X_OK) else []
    started = time.monotonic()
    process = subprocess.Popen(wrapper + list(args), env=env, stdout=stdout, stderr=errors, stdin=stdin)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.monotonic() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    errors.seek(0)
    text = errors.read().decode(errors="replace")
    errors.close()
    peak_mb = usage.ru_maxrss / 1024.0
    with open(peak_file.name) as f:
        said = f.read().split()
    os.unlink(peak_file.name)
    if wrapper and said and said[-1].isdigit():
        peak_mb = int(said[-1]) / 1024.0
    return elapsed, process.returncode, peak_mb, text


def until_line(args, pattern, env, timeout=60):
    """Starts args and returns (seconds from start to the first stderr line matching pattern, the
    match); then ends the process."""
    started = time.monotonic()
    process = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               stdin=subprocess.DEVNULL, text=True)
    try:
        deadline = started + timeout
        while time.monotonic() < deadline:
            line = process.stderr.readline()
            if not line:
                raise RuntimeError(f"{args[0]} ended without printing {pattern.pattern!r}")
            found = pattern.search(line)
            if found:
                return time.monotonic() - started, found
        raise RuntimeError(f"{args[0]} did not print {pattern.pattern!r} within {timeout} s")
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        process.stderr.close()


# --- HTTP the way a script does it: curl ------------------------------------------------------

def curl_config(url, pages, body_of, method="POST"):
    """A curl config (-K) with one transfer per page, all over the same connection."""
    lines = []
    for index, page in enumerate(pages):
        if index:
            lines.append("next")
        lines += ['user = "admin:admin"', 'header = "Accept: application/json"',
                  'header = "Content-Type: application/json"', 'header = "X-Atlassian-Token: no-check"',
                  f'request = "{method}"', "silent", "show-error", "fail",
                  f"data = {json.dumps(json.dumps(body_of(page)))}", f'url = "{url}"']
    return "\n".join(lines) + "\n"


def curl(config_text, folder, name):
    """Runs curl -K with the config; returns (seconds, stdout bytes)."""
    config = os.path.join(folder, name + ".curl")
    output = os.path.join(folder, name + ".out")
    with open(config, "w") as f:
        f.write(config_text)
    with open(output, "wb") as out:
        seconds, code, _, errors = timed(["curl", "-K", config], stdout=out)
    if code != 0:
        raise RuntimeError(f"curl failed ({code}): {errors}")
    with open(output, "rb") as f:
        return seconds, f.read()


def pages_of(blob):
    """The JSON pages curl wrote one after another."""
    decoder, text, at, pages = json.JSONDecoder(), blob.decode(), 0, []
    while at < len(text):
        while at < len(text) and text[at].isspace():
            at += 1
        if at >= len(text):
            break
        page, at = decoder.raw_decode(text, at)
        pages.append(page)
    return pages


def search_pages(url, folder, body):
    """Every page of a search, as a script reads them: page 0 first, then the rest in one curl.
    Returns (seconds, pages)."""
    first_seconds, blob = curl(curl_config(url + SEARCH, [0], lambda p: dict(body, page=p, limit=PAGE)),
                               folder, "first")
    first = pages_of(blob)
    total = first[0]["totalPages"]
    if total <= 1:
        return first_seconds, first
    rest_seconds, blob = curl(curl_config(url + SEARCH, range(1, total),
                                          lambda p: dict(body, page=p, limit=PAGE)), folder, "rest")
    return first_seconds + rest_seconds, first + pages_of(blob)


def connections_used(url, folder, pages):
    """How many TCP connections one curl invocation opens for that many pages (should be 1)."""
    config = curl_config(url + SEARCH, range(pages), lambda p: {"page": p, "limit": PAGE})
    path = os.path.join(folder, "verbose.curl")
    with open(path, "w") as f:
        f.write(config)
    run = subprocess.run(["curl", "-v", "-K", path, "-o", "/dev/null"], capture_output=True, text=True)
    return len(re.findall(r"^\* +Connected to ", run.stderr, re.MULTILINE))


# --- the CLI ---------------------------------------------------------------------------------

class Cli:
    def __init__(self, binary, home):
        self.binary = binary
        self.env = dict(os.environ, XDG_CONFIG_HOME=os.path.join(home, "config"),
                        XDG_DATA_HOME=os.path.join(home, "data"), LC_ALL="C.UTF-8")
        self.env[PASSWORD_VAR] = "admin"
        self.env.pop("LANGUAGE", None)
        os.makedirs(self.env["XDG_CONFIG_HOME"], exist_ok=True)
        os.makedirs(self.env["XDG_DATA_HOME"], exist_ok=True)

    def args(self, url, *rest):
        return [self.binary, "--server", url, "--user", "admin", "--password-env", PASSWORD_VAR, *rest]


# --- results ---------------------------------------------------------------------------------

def result(name, ours, floor, target, target_value, peak_rss_mb=None, note=""):
    ratio = None if floor is None or floor == 0 else ours / floor
    measured = ratio if ratio is not None else ours
    return {"name": name, "ours_s": round(ours, 4),
            "floor_s": None if floor is None else round(floor, 4),
            "ratio": None if ratio is None else round(ratio, 3), "target": target,
            "met": None if target_value is None else measured <= target_value, "peak_rss_mb": None if peak_rss_mb is None else round(peak_rss_mb, 1),
            "note": note}


def median(values):
    return statistics.median(values) if values else float("nan")


def log(text):
    print(text, file=sys.stderr, flush=True)


# --- the benchmarks --------------------------------------------------------------------------

def bench_inventory(b, folder, repeat, ui=True):
    results = []
    log("inventory: seeding trackersim with 100,000 tokens…")
    sim = start_sim(b, "--seed", "scale:100000")
    try:
        cli = Cli(b.cli, os.path.join(folder, "cli"))
        # One token a page: the number of pages is the number of tokens.
        _, blob = curl(curl_config(sim.url + SEARCH, [0], lambda p: {"page": 0, "limit": 1}), folder, "count")
        expected = pages_of(blob)[0]["totalPages"]
        total_pages = math.ceil(expected / PAGE)
        connections = connections_used(sim.url, folder, total_pages)
        body = lambda p: {"page": p, "limit": PAGE, "sortBy": "createdAt"}
        config = curl_config(sim.url + SEARCH, range(total_pages), body)
        ours_times, floor_times, rss = [], [], []
        for round_ in range(repeat):
            seconds, blob = curl(config, folder, "inventory")
            got = sum(len(p["values"]) for p in pages_of(blob))
            if got != expected:
                raise RuntimeError(f"curl read {got} tokens, not {expected}")
            floor_times.append(seconds)
            out_path = os.path.join(folder, "inventory.json")
            with open(out_path, "wb") as out:
                seconds, code, peak, errors = timed(
                    cli.args(sim.url, "admin-pats", "search", "--format", "json"), env=cli.env, stdout=out)
            if code != 0:
                raise RuntimeError(f"admin-pats search failed ({code}): {errors}")
            with open(out_path) as f:
                listed = len(json.load(f))
            if listed != expected:
                raise RuntimeError(f"admin-pats search listed {listed} tokens, not {expected}")
            ours_times.append(seconds)
            rss.append(peak)
            log(f"  round {round_ + 1}: curl {floor_times[-1]:.2f} s, cli {seconds:.2f} s, {peak:.0f} MB")
        results.append(result("inventory-cli", median(ours_times), median(floor_times), "≤1.25×", 1.25,
                              max(rss), f"{expected} tokens, {total_pages} pages of {PAGE}; "
                              f"curl used {connections} connection(s)"))
        results.append(result("inventory-cli-memory", max(rss), None, "≤300 MB", 300, max(rss),
                              "peak RSS of accessdesk-cli (getrusage of the child), MB"))
        results[-1]["ours_s"] = None  # a size, not a time
        results[-1]["ours_mb"] = round(max(rss), 1)
        if ui:
            results += bench_token_search_tab(b, sim, expected, repeat)
    finally:
        sim.stop()
    return results


def bench_token_search_tab(b, sim, expected, repeat):
    """The app's Personal tokens tab loading the same inventory (first rows, longest stall)."""
    results = []
    first_rows, stalls, loads, rss_ui = [], [], [], []
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for round_ in range(repeat):
        out = tempfile.TemporaryFile()
        seconds, code, peak, errors = timed([b.program("bench_token_search"), sim.url], env=env,
                                            stdout=out)
        out.seek(0)
        text = out.read().decode()
        if code != 0:
            raise RuntimeError(f"bench_token_search failed ({code}): {text} {errors}")
        measured = json.loads(text)
        if measured["rows"] != expected:
            raise RuntimeError(f"the tab shows {measured['rows']} tokens, not {expected}")
        first_rows.append(measured["first_rows_ms"] / 1000)
        stalls.append(measured["max_stall_ms"] / 1000)
        loads.append(measured["load_ms"] / 1000)
        rss_ui.append(peak)
        log(f"  token search tab, round {round_ + 1}: first rows {measured['first_rows_ms']:.0f} ms, "
            f"longest stall {measured['max_stall_ms']:.0f} ms, all loaded {measured['load_ms']:.0f} ms")
    results.append(result("inventory-ui-first-rows", median(first_rows), None, "≤0.300 s", 0.300,
                          max(rss_ui), f"all {expected} rows loaded after {median(loads):.2f} s"))
    results.append(result("inventory-ui-longest-stall", median(stalls), None, "≤0.050 s", 0.050,
                          max(rss_ui), "longest gap of a 5 ms heartbeat while loading"))
    return results


def floor_sweep(url, folder):
    """The script an admin would write: the filtered search, one DELETE carrying every id, one
    search that verifies. Returns (seconds, tokens revoked)."""
    started = time.monotonic()
    _, pages = search_pages(url, folder, {"isUsed": False})
    ids = [t["id"] for p in pages for t in p["values"]]
    curl(curl_config(url + REVOKE, [0], lambda _: ids, method="DELETE"), folder, "delete")
    _, pages = search_pages(url, folder, {"isUsed": False})
    seconds = time.monotonic() - started
    left = [t["id"] for p in pages for t in p["values"]]
    if left:
        raise RuntimeError(f"the floor script left {len(left)} never-used tokens")
    return seconds, len(ids)


def never_used_left(url, folder):
    _, pages = search_pages(url, folder, {"isUsed": False})
    return sum(len(p["values"]) for p in pages)


# Jira's rate limiter lets these through without taking a token (trackersim RateLimiter::isExempt).
def rate_limited(path):
    return path.startswith("/rest/") and not (
        path == "/rest/auth/1/session" or path.startswith(("/rest/applinks/", "/rest/applinks-oauth/",
                                                           "/rest/capabilities", "/rest/gadgets/1.0/g/"))
        or re.match(r"^/rest/api/[^/]+/serverInfo$", path))


def bench_sweep(b, folder, repeat, rate):
    results = []
    ours_times, floor_times, rss = [], [], []
    for round_ in range(repeat):
        sim = start_sim(b, "--seed", "scale:3000")
        try:
            seconds, count = floor_sweep(sim.url, folder)
            floor_times.append(seconds)
        finally:
            sim.stop()
        sim = start_sim(b, "--seed", "scale:3000")
        try:
            cli = Cli(b.cli, os.path.join(folder, f"sweep{round_}"))
            seconds, code, peak, errors = timed(
                cli.args(sim.url, "admin-pats", "sweep", "--never-used", "--yes", "--format", "json"),
                env=cli.env)
            if code != 0:
                raise RuntimeError(f"admin-pats sweep failed ({code}): {errors}")
            left = never_used_left(sim.url, folder)
            if left:
                raise RuntimeError(f"admin-pats sweep left {left} never-used tokens")
            ours_times.append(seconds)
            rss.append(peak)
        finally:
            sim.stop()
        log(f"sweep, round {round_ + 1}: script {floor_times[-1]:.2f} s, cli {seconds:.2f} s ({count} tokens)")
    results.append(result("sweep-cli", median(ours_times), median(floor_times), "≤1.5×", 1.5, max(rss),
                          f"{count} never-used tokens of scale:3000, verification included"))

    capacity, fill, interval = rate
    limited_times, allowed_times, notes = [], [], []
    for round_ in range(max(1, repeat // 2)):
        sim = start_sim(b, "--seed", "scale:3000", "--rate-limit", f"{capacity},{fill},{interval}")
        try:
            cli = Cli(b.cli, os.path.join(folder, f"limited{round_}"))
            env = dict(cli.env, QT_LOGGING_RULES="accessdesk.api.debug=true;accessdesk.api.info=true")
            seconds, code, peak, errors = timed(
                cli.args(sim.url, "admin-pats", "sweep", "--never-used", "--yes", "--format", "json"), env=env)
            sent = re.findall(r"\"?(GET|POST|PUT|DELETE)\"? \"?(/[^\s\"]*)\"? attempt", errors)
            limited = [path for _, path in sent if rate_limited(path)]
            refused = len(re.findall(r"will retry in", errors))
            if code != 0:
                raise RuntimeError(f"rate-limited sweep failed ({code}): {errors[-2000:]}")
            allowed = math.ceil(max(0, len(limited) - capacity) / fill) * interval
            limited_times.append(seconds)
            allowed_times.append(allowed)
            notes.append(f"{len(limited)} limited requests ({len(sent)} in all), {refused} retried")
            log(f"sweep under --rate-limit {capacity},{fill},{interval}, round {round_ + 1}: {seconds:.2f} s, "
                f"the limit allows {allowed} s; {notes[-1]}")
        finally:
            sim.stop()
    results.append(result("sweep-cli-rate-limited", median(limited_times), median(allowed_times), "≤1.10×",
                          1.10, None, f"--rate-limit {capacity},{fill},{interval}: " + "; ".join(notes)))
    if any(not n.endswith(" 0 retried") for n in notes):
        results[-1]["met"] = False
    return results


def bench_start(b, folder, repeat):
    sim = start_sim(b, "--seed", "demo")
    try:
        home = os.path.join(folder, "start")
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=os.path.join(home, "config"),
                   XDG_DATA_HOME=os.path.join(home, "data"), LC_ALL="C.UTF-8",
                   ACCESSDESK_REPORT_FIRST_PAINT="1", ACCESSDESK_BENCH_ALICE="alice")
        os.makedirs(env["XDG_CONFIG_HOME"], exist_ok=True)
        os.makedirs(env["XDG_DATA_HOME"], exist_ok=True)
        # Key of a connection from the command line: GrantListCache::keyFor, "<user>@<server URL>".
        seed = subprocess.run([b.program("bench_seed_grants"), f"alice@{sim.url}", "10000"], env=env,
                              capture_output=True, text=True)
        if seed.returncode != 0:
            raise RuntimeError("bench_seed_grants failed: " + seed.stderr)
        app = [b.accessdesk, "--server", sim.url, "--user", "alice", "--password-env", "ACCESSDESK_BENCH_ALICE"]
        app_pattern = re.compile(r"first paint of My access with (\d+) rows")
        bare_pattern = re.compile(r"first paint")
        ours_times, floor_times, table_times = [], [], []
        bare_table = [b.program("bench_bare_window"), "10000"]
        # One start of each first, unmeasured: the first run of a binary pays for reading it from disk.
        until_line(app, app_pattern, env)
        until_line([b.program("bench_bare_window")], bare_pattern, env)
        until_line(bare_table, bare_pattern, env)
        rounds = max(5, repeat)
        for round_ in range(rounds):
            seconds, _ = until_line([b.program("bench_bare_window")], bare_pattern, env)
            floor_times.append(seconds)
            seconds, _ = until_line(bare_table, bare_pattern, env)
            table_times.append(seconds)
            seconds, found = until_line(app, app_pattern, env)
            rows = int(found.group(1))
            if rows < 10000:
                raise RuntimeError(f"the app painted {rows} rows first: the cached inventory was not used")
            ours_times.append(seconds)
        log(f"start: bare window {median(floor_times) * 1000:.0f} ms, app {median(ours_times) * 1000:.0f} ms "
            f"(medians of {rounds})")
        # For reading the figure, not a target: Qt alone drawing a plain table of as many rows.
        reference = result("start-bare-table", median(table_times), median(floor_times), "reference", None,
                           None, "bench_bare_window 10000: a plain QTableView of 10,000 text rows, no "
                           "app code, vs the bare window")
        return [result("start-app", median(ours_times), median(floor_times), "≤1.5×", 1.5, None,
                       f"cold start (new process, warm disk cache) to My access painted with {rows} cached "
                       f"grants, vs a bare Qt Widgets window painted; median of {rounds}"), reference]
    finally:
        sim.stop()


def bench_filter(b, folder, repeat):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    medians, maxima = [], []
    for round_ in range(repeat):
        out = subprocess.run([b.program("bench_filter"), "100000", "2"], env=env, capture_output=True,
                             text=True)
        if out.returncode != 0:
            raise RuntimeError("bench_filter failed: " + out.stderr)
        measured = json.loads(out.stdout)
        medians.append(measured["median_ms"] / 1000)
        maxima.append(measured["max_ms"] / 1000)
        log(f"filter, round {round_ + 1}: median {measured['median_ms']:.1f} ms, "
            f"longest {measured['max_ms']:.1f} ms per keystroke ({measured['keystrokes']} keystrokes)")
    return [result("filter-keystroke", median(medians), None, "≤0.030 s", 0.030, None,
                   f"100,000 grants; median keystroke of each run, then the median of runs; "
                   f"longest single keystroke {max(maxima) * 1000:.0f} ms")]


# --- main ------------------------------------------------------------------------------------

class Binaries:
    def __init__(self, build):
        self.build = build
        self.trackersim = os.path.join(build, "tests/trackersim/trackersim")
        self.cli = os.path.join(build, "app/cli/accessdesk-cli")
        self.accessdesk = os.path.join(build, "app/accessdesk")
        for path in (self.trackersim, self.cli, self.accessdesk):
            if not os.access(path, os.X_OK):
                raise SystemExit(f"missing {path}: build the bench preset first (scripts/bench.sh)")

    def program(self, name):
        return os.path.join(self.build, "tests/bench", name)


def table(results):
    lines = ["| benchmark | ours | floor | ratio | target | met | peak RSS |", "|---|---|---|---|---|---|---|"]
    for r in results:
        ours = f"{r['ours_mb']} MB" if r.get("ours_mb") is not None else f"{r['ours_s']:.3f} s"
        floor = "—" if r["floor_s"] is None else f"{r['floor_s']:.3f} s"
        ratio = "—" if r["ratio"] is None else f"{r['ratio']:.2f}×"
        rss = "—" if r["peak_rss_mb"] is None else f"{r['peak_rss_mb']:.0f} MB"
        lines.append(f"| {r['name']} | {ours} | {floor} | {ratio} | {r['target']} | "
                     f"{'—' if r['met'] is None else 'yes' if r['met'] else 'NO'} | {rss} |")
    return "\n".join(lines)


def machine():
    model = ""
    try:
        with open("/proc/cpuinfo") as f:
            model = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "")
        with open("/proc/meminfo") as f:
            mem_kb = int(next(l.split()[1] for l in f if l.startswith("MemTotal")))
    except (OSError, StopIteration):
        mem_kb = 0
    return {"nproc": os.cpu_count(), "cpu": model, "ram_gb": round(mem_kb / 1024 / 1024, 1),
            "load_before": os.getloadavg()[0], "kernel": platform.release()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", required=True)
    parser.add_argument("--out")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", default="inventory,sweep,start,filter")
    parser.add_argument("--rate-limit", default="4,1,1", help="CAPACITY,FILL,INTERVAL_S for the sweep")
    args = parser.parse_args()
    if not shutil.which("curl"):
        raise SystemExit("curl is needed for the floors")
    b = Binaries(os.path.abspath(args.build))
    rate = tuple(int(x) for x in args.rate_limit.split(","))
    about = machine()
    started = time.monotonic()
    results = []
    with tempfile.TemporaryDirectory(prefix="accessdesk-bench-") as folder:
        for name in args.only.split(","):
            if name == "inventory":  # the CLI and the tab, on one seeded trackersim
                results += bench_inventory(b, folder, args.repeat)
            elif name == "inventory-cli":
                results += bench_inventory(b, folder, args.repeat, ui=False)
            elif name == "sweep":
                results += bench_sweep(b, folder, args.repeat, rate)
            elif name == "start":
                results += bench_start(b, folder, args.repeat)
            elif name == "filter":
                results += bench_filter(b, folder, args.repeat)
            else:
                raise SystemExit(f"no benchmark called {name}")
    about["load_after"] = os.getloadavg()[0]
    about["seconds"] = round(time.monotonic() - started)
    print(table(results))
    print(f"\n{about['nproc']} CPUs ({about['cpu']}), {about['ram_gb']} GB RAM; load average "
          f"{about['load_before']:.1f} before, {about['load_after']:.1f} after; {about['seconds']} s; "
          f"medians of {args.repeat} runs")
    if args.out:
        os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
        with open(args.out, "w") as f:
            json.dump([{k: r.get(k) for k in ("name", "ours_s", "floor_s", "ratio", "target", "peak_rss_mb")}
                       | {"met": r["met"], "note": r["note"]} | ({"ours_mb": r["ours_mb"]} if "ours_mb" in r else {})
                       for r in results], f, indent=2, ensure_ascii=False)
        with open(os.path.splitext(args.out)[0] + ".machine.json", "w") as f:
            json.dump(about, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
