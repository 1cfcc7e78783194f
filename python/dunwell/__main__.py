"""``python -m dunwell``: the CLI's ``decide`` (and ``info``) from the Python package.

    python -m dunwell decide --policy policies/default.json --as-of 2026-11-28T09:00:00Z portfolio.jsonl > out.jsonl
    python -m dunwell decide --policy policies/default.json --as-of 2026-11-28T09:00:00Z --from csv accounts.csv
    python -m dunwell info

``decide`` writes one envelope per account, in order, byte for byte what ``dunwell decide`` writes for the same
input, and prints a summary to standard error. Exit status: 0 when the run completed (one bad account is an
error envelope, not a failed run), 2 when it could not run (bad policy, bad ``--as-of``, unreadable input).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import time
from collections import Counter
from typing import Iterator, List, Optional

from . import CHUNK, DunwellError, Engine, _dunwell, module_info


def _lines(stream: io.TextIOBase) -> Iterator[str]:
    # As the CLI: blank lines are not accounts.
    for line in stream:
        if line.strip():
            yield line.rstrip("\r\n")


def _csv_docs(stream: io.TextIOBase) -> Iterator[str]:
    reader = csv.reader(stream)
    header = next(reader, None)
    if header is None:
        return
    rows: List[List[str]] = []

    def flush() -> List[str]:
        columns = [[(r[i] if i < len(r) else None) for r in rows] for i in range(len(header))]
        return _dunwell.flat_accounts(header, columns)

    for row in reader:
        rows.append(row)
        if len(rows) == CHUNK * 16:
            yield from flush()
            rows = []
    if rows:
        yield from flush()


def _decide(args: argparse.Namespace) -> int:
    with open(args.policy, encoding="utf-8") as f:
        engine = Engine(f.read())
    source = sys.stdin if args.input == "-" else open(args.input, encoding="utf-8", newline="")
    out = sys.stdout if args.out is None else open(args.out, "w", encoding="utf-8")
    docs = _csv_docs(source) if args.from_ == "csv" else _lines(source)
    started = time.perf_counter()
    counts: Counter = Counter()
    errors: Counter = Counter()
    try:
        for envelope in engine.decide_stream(docs, args.as_of, messages=not args.no_messages):
            out.write(envelope)
            out.write("\n")
            counts["accounts"] += 1
            if envelope.startswith('{"ok"'):
                counts["decided"] += 1
            else:
                errors[json.loads(envelope)["error"]["code"]] += 1
    finally:
        if out is not sys.stdout:
            out.close()
        if source is not sys.stdin:
            source.close()
    elapsed = time.perf_counter() - started
    rate = counts["accounts"] / max(elapsed, 1e-9)
    print(
        f"decided {counts['decided']} of {counts['accounts']} accounts in {elapsed:.1f} s ({rate:.0f}/s; "
        f"module {engine.module_sha256[:12]}, policy {engine.policy_sha256[:12]})",
        file=sys.stderr,
    )
    listed = ", ".join(f"{k} {v}" for k, v in sorted(errors.items())) or "none"
    print(f"  errors:     {listed}", file=sys.stderr)
    return 0


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dunwell", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("decide", help="decide accounts: JSONL (or CSV) in, one JSONL envelope out per account")
    d.add_argument("--policy", required=True, help="the policy document (JSON)")
    d.add_argument("--as-of", required=True, help="the moment to decide at, RFC 3339 with offset")
    d.add_argument("--out", "-o", help="where to write decisions (default: standard output)")
    d.add_argument("--from", dest="from_", choices=["jsonl", "csv"], default="jsonl", help="input format")
    d.add_argument("--no-messages", action="store_true", help="plan without writing messages")
    d.add_argument("input", nargs="?", default="-", help="accounts (JSON lines or CSV); - for standard input")
    sub.add_parser("info", help="the embedded module: sha256, versions, operations")
    args = parser.parse_args(argv)
    try:
        if args.command == "info":
            print(json.dumps(module_info(), indent=2))
            return 0
        return _decide(args)
    except DunwellError as e:
        print(f"dunwell: {e}", file=sys.stderr)
        if getattr(e, "envelope", ""):
            print(e.envelope, file=sys.stderr)
        return 2
    except OSError as e:
        print(f"dunwell: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
