#!/usr/bin/env python3
"""Connection flood against a local `dunwell serve` (loopback only, bounded in count and time).

  flood.py attack HOST PORT --idle N --slow M --seconds S [--reconnect-ms R]
      Holds up to N idle TCP connections (they never send a byte) and M slowloris connections (a request
      head that never ends: one more header byte every 2 s). A connection the server closes is reopened after
      R ms (so the flood stays at full strength), until S seconds have passed; then everything is closed.
      Prints one JSON line: connections opened, closed by the server, most held at once, and how long the
      slowloris sockets were held (p50 / max).

  flood.py probe HOST PORT --seconds S --pid PID --body FILE [--every-ms 100]
      Every 100 ms, GET /healthz and POST FILE to /v1/decide, each on a new connection (the worst case: it
      must get through accept and the connection cap), and samples the server's RSS. Prints one JSON line with
      latency percentiles, failures and RSS figures.
"""
import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import sys
import time

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def percentile(xs, p):
    if not xs:
        return None
    xs = sorted(xs)
    k = min(len(xs) - 1, max(0, int(round(p / 100.0 * (len(xs) - 1)))))
    return xs[k]


async def attack(args):
    end = time.monotonic() + args.seconds
    stats = {"opened": 0, "connect_failed": 0, "closed_by_server": 0, "held_now": 0, "held_max": 0,
             "slow_held_s": []}
    # Connects are paced so the client itself does not melt down; the ramp to N takes N / rate seconds.
    gate = asyncio.Semaphore(512)

    async def connect():
        async with gate:
            return await asyncio.wait_for(asyncio.open_connection(args.host, args.port), 5)

    def held(delta):
        stats["held_now"] += delta
        stats["held_max"] = max(stats["held_max"], stats["held_now"])

    async def idle_one():
        while time.monotonic() < end:
            try:
                reader, writer = await connect()
            except (OSError, asyncio.TimeoutError):
                stats["connect_failed"] += 1
                await asyncio.sleep(args.reconnect_ms / 1000)
                continue
            stats["opened"] += 1
            held(+1)
            try:
                left = end - time.monotonic()
                data = await asyncio.wait_for(reader.read(1024), max(left, 0.01))
                # Whatever the server said (nothing, or a 503), it closed the socket.
                while data:
                    data = await asyncio.wait_for(reader.read(1024), max(end - time.monotonic(), 0.01))
                stats["closed_by_server"] += 1
            except asyncio.TimeoutError:
                pass
            except OSError:
                stats["closed_by_server"] += 1
            held(-1)
            writer.close()
            if time.monotonic() < end:
                await asyncio.sleep(args.reconnect_ms / 1000 * random.uniform(0.5, 1.5))

    async def slow_one():
        while time.monotonic() < end:
            try:
                reader, writer = await connect()
            except (OSError, asyncio.TimeoutError):
                stats["connect_failed"] += 1
                await asyncio.sleep(args.reconnect_ms / 1000)
                continue
            stats["opened"] += 1
            held(+1)
            opened = time.monotonic()
            closed = False
            try:
                writer.write(b"GET /healthz HTTP/1.1\r\nHost: flood\r\nX-Slow: ")
                await writer.drain()
                while time.monotonic() < end:
                    try:
                        data = await asyncio.wait_for(reader.read(1024), 2.0)
                        if not data:
                            closed = True
                            break
                    except asyncio.TimeoutError:
                        writer.write(b"a")
                        await writer.drain()
            except OSError:
                closed = True
            if closed:
                stats["closed_by_server"] += 1
                stats["slow_held_s"].append(time.monotonic() - opened)
            held(-1)
            writer.close()
            if time.monotonic() < end:
                await asyncio.sleep(args.reconnect_ms / 1000 * random.uniform(0.5, 1.5))

    tasks = [asyncio.create_task(idle_one()) for _ in range(args.idle)]
    tasks += [asyncio.create_task(slow_one()) for _ in range(args.slow)]
    await asyncio.gather(*tasks, return_exceptions=True)
    slow = stats.pop("slow_held_s")
    stats["slow_cut"] = len(slow)
    stats["slow_held_p50_s"] = round(statistics.median(slow), 2) if slow else None
    stats["slow_held_max_s"] = round(max(slow), 2) if slow else None
    print(json.dumps(stats), flush=True)


def rss_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def fds(pid):
    try:
        return len(os.listdir(f"/proc/{pid}/fd"))
    except OSError:
        return None


def http(host, port, request, timeout=5.0):
    """One request on a new connection; (status, seconds) or (None, seconds) on failure."""
    t0 = time.perf_counter()
    try:
        with socket.create_connection((host, port), timeout=timeout) as s:
            s.sendall(request)
            data = b""
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
                head, sep, body = data.partition(b"\r\n\r\n")
                if sep:
                    length = None
                    for line in head.split(b"\r\n")[1:]:
                        k, _, v = line.partition(b":")
                        if k.strip().lower() == b"content-length":
                            length = int(v.strip())
                    if length is not None and len(body) >= length:
                        break
            status = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/1.1 ") else None
            return status, time.perf_counter() - t0
    except (OSError, ValueError, IndexError):
        return None, time.perf_counter() - t0


def probe(args):
    body = open(args.body, "rb").read()
    healthz = f"GET /healthz HTTP/1.1\r\nHost: {args.host}\r\nConnection: close\r\n\r\n".encode()
    decide = (f"POST /v1/decide HTTP/1.1\r\nHost: {args.host}\r\nContent-Type: application/json\r\n"
              f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode() + body
    out = {"healthz": [], "decide": [], "healthz_fail": 0, "decide_fail": 0, "rss_kib": [], "fds": []}
    end = time.monotonic() + args.seconds
    tick = time.monotonic()
    while time.monotonic() < end:
        for name, req in (("healthz", healthz), ("decide", decide)):
            status, secs = http(args.host, args.port, req)
            if status == 200:
                out[name].append(secs * 1000)
            else:
                out[name + "_fail"] += 1
        out["rss_kib"].append(rss_kib(args.pid))
        out["fds"].append(fds(args.pid))
        tick += args.every_ms / 1000
        time.sleep(max(0.0, tick - time.monotonic()))
    res = {}
    for name in ("healthz", "decide"):
        xs = out[name]
        res[name] = {"n": len(xs), "failed": out[name + "_fail"],
                     "p50_ms": round(percentile(xs, 50), 2) if xs else None,
                     "p99_ms": round(percentile(xs, 99), 2) if xs else None,
                     "max_ms": round(max(xs), 2) if xs else None}
    rss = [r for r in out["rss_kib"] if r]
    fd = [f for f in out["fds"] if f]
    res["rss_mib_max"] = round(max(rss) / 1024, 1) if rss else None
    res["fds_max"] = max(fd) if fd else None
    print(json.dumps(res), flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", choices=["attack", "probe"])
    ap.add_argument("host")
    ap.add_argument("port", type=int)
    ap.add_argument("--idle", type=int, default=20000)
    ap.add_argument("--slow", type=int, default=500)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--reconnect-ms", type=float, default=2000)
    ap.add_argument("--pid", type=int, default=0)
    ap.add_argument("--body", default="")
    ap.add_argument("--every-ms", type=float, default=100)
    args = ap.parse_args()
    if args.host not in LOOPBACK:
        sys.exit("flood.py only targets loopback")
    args.idle = min(args.idle, 60000)
    args.slow = min(args.slow, 5000)
    args.seconds = min(args.seconds, 600)
    if args.mode == "attack":
        asyncio.run(attack(args))
    else:
        probe(args)


if __name__ == "__main__":
    main()
