"""`mh-planner serve` against nginx serving the `publish`ed tree: requests/s and p99, side by side.

    .venv/bin/python benchmarks/bench_serve.py [--requests 2000] [--concurrency 50] [--rounds 3]
                                              [--feed ee2/person-pshah.ics] [--client auto|ab|python]

On 127.0.0.1 only. The shipped data is copied to a temporary folder; `mh-planner serve` runs as its own
process (as a user runs it: uvloop, access log on, to a file) and nginx, when installed, runs from a
temporary prefix on another free port with the server block that `mh-planner publish` writes
(one worker process, as `serve` is one process). Each round sends the same feed `--requests` times,
`--concurrency` at a time, one new connection per request (as calendar clients poll), first to `serve`
then to nginx; the table shows each round and the median of the rounds, and the ratio serve/nginx.

The load comes from ApacheBench (`ab`, Debian's apache2-utils) when installed, else from an asyncio client
in this process. Either way the client's own CPU use is printed: well under one core (100%) means it was
not what limited the rate. Every run is bounded: a fixed count of requests, a timeout per request and per
run; the servers are stopped at the end, whatever happens.

Goals (issue 14): serve >= 1,000 requests/s with p99 <= 100 ms on a 2-core machine.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mh_planner.assemble import assemble  # noqa: E402
from mh_planner.feeds.addresses import SECRETS_FILE, Secrets  # noqa: E402
from mh_planner.feeds.publish import NGINX_FILE, publish  # noqa: E402
from mh_planner.loading import load  # noqa: E402

HOST = "127.0.0.1"  # never anything else
RUN_TIMEOUT = 120.0  # seconds for one run of the load generator
REQUEST_TIMEOUT = 10.0  # seconds for one request
GOAL_RATE, GOAL_P99 = 1000.0, 100.0


@dataclass
class Run:
    rate: float  # requests/s
    p99: float  # ms
    failed: int
    client_cpu: float  # the load generator's CPU time over wall time, in % of one core


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def wait_listening(port: int, process: subprocess.Popen[bytes], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        try:
            socket.create_connection((HOST, port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("the server did not start listening")


def stop(process: subprocess.Popen[bytes], sig: int = signal.SIGINT) -> None:
    if process.poll() is None:
        process.send_signal(sig)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


# --- the load generators --------------------------------------------------------------------------------


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_ab(ab: str, port: int, path: str, requests: int, concurrency: int) -> Run:
    url = f"http://{HOST}:{port}{path}"
    cpu, started = children_cpu(), time.perf_counter()
    done = subprocess.run([ab, "-q", "-n", str(requests), "-c", str(concurrency), "-s", str(int(REQUEST_TIMEOUT)),
                           url], capture_output=True, text=True, timeout=RUN_TIMEOUT, check=False)
    wall, cpu = time.perf_counter() - started, children_cpu() - cpu
    text = done.stdout
    if done.returncode != 0 or "Requests per second" not in text:
        raise RuntimeError(f"ab failed: {done.stderr.strip() or text[-500:]}")

    def number(pattern: str) -> float:
        found = re.search(pattern, text, flags=re.M)
        return float(found.group(1)) if found else 0.0

    failed = int(number(r"^Failed requests:\s+(\d+)") + number(r"^Non-2xx responses:\s+(\d+)"))
    return Run(number(r"^Requests per second:\s+([\d.]+)"), number(r"^\s+99%\s+(\d+)"), failed, 100 * cpu / wall)


async def _python_load(port: int, path: str, requests: int, concurrency: int) -> tuple[list[float], int]:
    request = f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\nConnection: close\r\n\r\n".encode()
    latencies: list[float] = []
    failed = 0
    remaining = iter(range(requests))

    async def one() -> None:
        nonlocal failed
        started = time.perf_counter()
        try:
            reader, writer = await asyncio.open_connection(HOST, port)
            writer.write(request)
            data = await reader.read()  # until the server closes
            writer.close()
            ok = data.startswith(b"HTTP/1.1 200")
        except OSError:
            ok = False
        latencies.append(time.perf_counter() - started)
        failed += not ok

    async def worker() -> None:
        for _ in remaining:
            await asyncio.wait_for(one(), REQUEST_TIMEOUT)

    await asyncio.wait_for(asyncio.gather(*(worker() for _ in range(concurrency))), RUN_TIMEOUT)
    return latencies, failed


def run_python(port: int, path: str, requests: int, concurrency: int) -> Run:
    cpu, started = time.process_time(), time.perf_counter()
    latencies, failed = asyncio.run(_python_load(port, path, requests, concurrency))
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    p99 = statistics.quantiles(latencies, n=100)[98] * 1000 if len(latencies) > 1 else 0.0
    return Run(len(latencies) / wall, p99, failed, 100 * cpu / wall)


# --- the servers --------------------------------------------------------------------------------------


@contextmanager
def serve(data: Path, out: Path, logs: Path) -> Iterator[int]:
    port = free_port()
    command = [sys.executable, "-m", "mh_planner", "serve", "--data", str(data), "--out", str(out),
               "--host", HOST, "--port", str(port)]
    with open(logs / "serve.log", "wb") as log:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log, cwd=ROOT)
        try:
            wait_listening(port, process)
            yield port
        finally:
            stop(process)


@contextmanager
def nginx(binary: str, server_block: Path, prefix: Path, port: int) -> Iterator[None]:
    (prefix / "tmp").mkdir(parents=True, exist_ok=True)
    kinds = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    temps = "".join(f"    {kind}_temp_path {prefix}/tmp/{kind};\n" for kind in kinds)
    user = "user root;\n" if os.geteuid() == 0 else ""  # the temporary folders are private to their owner
    conf = prefix / "nginx.conf"
    conf.write_text(f"{user}worker_processes 1;\npid {prefix}/nginx.pid;\nerror_log {prefix}/error.log;\n"
                    f"events {{ worker_connections 1024; }}\nhttp {{\n{temps}    include {server_block};\n}}\n")
    common = [binary, "-p", str(prefix), "-c", str(conf), "-e", str(prefix / "error.log")]
    check = subprocess.run([*common, "-t"], capture_output=True, text=True, timeout=30, check=False)
    if check.returncode != 0:
        raise RuntimeError(f"nginx -t refused the generated configuration:\n{check.stderr}")
    process = subprocess.Popen([*common, "-g", "daemon off;"], stderr=subprocess.DEVNULL)
    try:
        wait_listening(port, process, timeout=10)
        yield
    finally:
        stop(process, signal.SIGQUIT)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=2000, help="requests per run (default: %(default)s)")
    parser.add_argument("--concurrency", type=int, default=50, help="requests at a time (default: %(default)s)")
    parser.add_argument("--rounds", type=int, default=3, help="runs against each server (default: %(default)s)")
    parser.add_argument("--feed", default="ee2/person-pshah.ics", help="the feed requested (default: %(default)s)")
    parser.add_argument("--client", choices=["auto", "ab", "python"], default="auto", help="load generator")
    args = parser.parse_args(argv)
    if not 1 <= args.requests <= 100_000 or not 1 <= args.concurrency <= 1000 or not 1 <= args.rounds <= 20:
        parser.error("keep it bounded: --requests 1..100000, --concurrency 1..1000, --rounds 1..20")

    ab = shutil.which("ab") if args.client in ("auto", "ab") else None
    if args.client == "ab" and ab is None:
        parser.error("ab is not installed (Debian: apt-get install apache2-utils)")
    nginx_binary = shutil.which("nginx") or ("/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None)

    def load_run(port: int, path: str) -> Run:
        if ab is not None:
            return run_ab(ab, port, path, args.requests, args.concurrency)
        return run_python(port, path, args.requests, args.concurrency)

    with tempfile.TemporaryDirectory(prefix="mh-bench-serve-") as temporary:
        work = Path(temporary)
        data = work / "data"
        shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns(SECRETS_FILE))
        nginx_port = free_port()
        publish(assemble(load(data)), work / "published-feeds", work / "published", Secrets.load(data / SECRETS_FILE),
                listen_port=nginx_port)
        feed_path = args.feed
        token = Secrets.load(data / SECRETS_FILE).tokens.get(feed_path)
        if token is None:
            parser.error(f"no feed {feed_path!r} in the shipped data")
        path = f"/{token}/{feed_path.replace('/', '-')}"
        size = (work / "published-feeds" / feed_path).stat().st_size

        client = f"ab ({ab})" if ab else "asyncio client (ab not installed)"
        print(f"{args.rounds} round(s) of {args.requests} requests, {args.concurrency} at a time, a new connection "
              f"each, GET of a {size:,}-byte feed on {HOST}; load from {client}; {os.cpu_count()} CPUs")
        header = f"{'round':>5}  {'server':<24} {'requests/s':>10} {'p99 ms':>7} {'failed':>6} {'client CPU':>10}"
        print(header)
        print("-" * len(header), flush=True)
        results: dict[str, list[Run]] = {"serve": [], "nginx": []}

        def show(number: int | str, name: str, run: Run) -> None:
            print(f"{number:>5}  {name:<24} {run.rate:>10.0f} {run.p99:>7.0f} {run.failed:>6} {run.client_cpu:>9.0f}%",
                  flush=True)

        with ExitStack() as running:
            targets = [("serve", "mh-planner serve", running.enter_context(serve(data, work / "serve-feeds", work)))]
            if nginx_binary:
                running.enter_context(nginx(nginx_binary, work / "published" / NGINX_FILE, work / "nginx", nginx_port))
                targets.append(("nginx", "nginx (1 worker)", nginx_port))
            for _, _, port in targets:
                load_run(port, path)  # warm-up: connections, caches
            for number in range(1, args.rounds + 1):
                for key, name, port in targets:  # alternately, so that a busy moment hits both alike
                    results[key].append(load_run(port, path))
                    show(number, name, results[key][-1])

    print("-" * len(header))
    medians = {name: Run(statistics.median(r.rate for r in runs), statistics.median(r.p99 for r in runs),
                         sum(r.failed for r in runs), statistics.median(r.client_cpu for r in runs))
               for name, runs in results.items() if runs}
    show("med.", "mh-planner serve", medians["serve"])
    serve_med = medians["serve"]
    if "nginx" in medians:
        show("med.", "nginx (1 worker)", medians["nginx"])
        print(f"serve / nginx: {serve_med.rate / medians['nginx'].rate:.2f}x the requests/s, "
              f"p99 {serve_med.p99:.0f} ms against {medians['nginx'].p99:.0f} ms")
    else:
        print("nginx is not installed (Debian: apt-get install nginx-light): no comparison")
    met = serve_med.rate >= GOAL_RATE and serve_med.p99 <= GOAL_P99 and serve_med.failed == 0
    print(f"goal (>= {GOAL_RATE:.0f} requests/s, p99 <= {GOAL_P99:.0f} ms, no failure): {'met' if met else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
