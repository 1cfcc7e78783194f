"""Compares Dunwell's decisions with the oracle, field by field (issue 22). Standard library only.

    python3 tests/oracle/compare.py --cli target/debug/dunwell [--module M] [--count N] [--seed S] [--known FILE]
    python3 tests/oracle/compare.py --node-pkg pkg [--known FILE]     # the same module through the npm package

Generates the accounts (generate.py), decides each (policy, as_of) group with one `dunwell decide` batch
(`--no-messages --no-audit`), computes the oracle's answer for each account and compares every covered leaf
field. Prints each difference with the account id and the field; the last line is
`oracle: N accounts, M fields compared, D differences`, where D counts the differences NOT explained by an
entry of the KNOWN list. The exit status is 1 when D > 0 (or the CLI failed), else 0.

A KNOWN entry (`id <TAB> field regex <TAB> reason`) explains a difference only when the field matches the
regex AND Dunwell's value equals what the oracle computes under that entry's alternative reading
(`oracle.decide(..., readings={id: True})`): a known disagreement about one rule cannot hide a different error
in the same field.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

import generate  # noqa: E402
import oracle  # noqa: E402

POLICIES = {
    "default": os.path.join(ROOT, "policies", "default.json"),
    "alt": os.path.join(HERE, "alt-policy.json"),
}
COVERED = ["account_id", "as_of_local", "dpd", "bucket", "arrears", "promises", "penalty", "offers"]


def leaves(value, prefix=""):
    """(path, scalar) pairs; a list also yields its length so a missing element is one difference."""
    if isinstance(value, dict):
        for k in sorted(value):
            yield from leaves(value[k], f"{prefix}.{k}" if prefix else k)
    elif isinstance(value, list):
        yield f"{prefix}.length", len(value)
        for i, v in enumerate(value):
            yield from leaves(v, f"{prefix}[{i}]")
    else:
        yield prefix, value


def run_group(cli, module, policy_path, as_of, lines, workdir, idx):
    path = os.path.join(workdir, f"g{idx}.jsonl")
    with open(path, "w") as f:
        f.write("".join(json.dumps(a, separators=(",", ":")) + "\n" for a in lines))
    cmd = [cli] + (["--module", module] if module else []) + [
        "decide", "--policy", policy_path, "--as-of", as_of, "--no-audit", "--no-messages", path,
    ]
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=workdir)
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {p.returncode}: {p.stderr[-2000:]}")
    out = [json.loads(x) for x in p.stdout.splitlines() if x.strip()]
    if len(out) != len(lines):
        raise RuntimeError(f"{' '.join(cmd)}: {len(lines)} accounts in, {len(out)} envelopes out")
    return out


def dunwell_view(env):
    """The covered part of Dunwell's envelope, in the oracle's shape."""
    if "error" in env:
        path = env["error"].get("path", "")
        if path.startswith("/account/"):
            path = path[len("/account"):]
        return {"error": {"code": env["error"]["code"], "path": path}}
    ok = env["ok"]
    return {"ok": {k: ok.get(k, "<absent>") for k in COVERED}}


def read_known(path):
    known = []
    if not path:
        return known
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            kid, rx, reason = line.split("\t", 2)
            if kid not in oracle.READINGS:
                raise SystemExit(f"KNOWN: unknown reading `{kid}` (oracle.READINGS: {sorted(oracle.READINGS)})")
            known.append((kid, re.compile(rx), reason))
    return known


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", help="the dunwell CLI (batch decide per (policy, as_of) group)")
    ap.add_argument("--node-pkg", help="instead of the CLI: the npm package folder (pkg/), run with node")
    ap.add_argument("--module")
    ap.add_argument("--count", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=22)
    ap.add_argument("--known")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--batch", action="store_true",
                    help="one `dunwell decide` run per (policy, as_of) (slow with a debug host: each run compiles "
                    "the module); default: one `dunwell serve` per policy, a POST per as_of")
    ap.add_argument("--max-print", type=int, default=60)
    a = ap.parse_args()
    known = read_known(a.known)
    t0 = time.time()

    items = list(generate.accounts(a.count, a.seed))
    groups = {}
    for i, (pol, as_of, acc) in enumerate(items):
        groups.setdefault((pol, as_of), []).append(i)
    policies = {k: json.load(open(v)) for k, v in POLICIES.items()}

    answers = [None] * len(items)
    if a.node_pkg:
        lines = "".join(json.dumps({"policy": p, "as_of": t, "account": acc}, separators=(",", ":")) + "\n"
                        for p, t, acc in items)
        cmd = ["node", os.path.join(HERE, "node-decide.mjs"), a.node_pkg] + [f"{k}={v}" for k, v in POLICIES.items()]
        p = subprocess.run(cmd, input=lines, capture_output=True, text=True)
        if p.returncode != 0:
            raise SystemExit(f"node exited {p.returncode}: {p.stderr[-2000:]}")
        answers = [json.loads(x) for x in p.stdout.splitlines() if x.strip()]
        if len(answers) != len(items):
            raise SystemExit(f"node: {len(items)} accounts in, {len(answers)} envelopes out")
    elif not a.batch:
        if not a.cli:
            raise SystemExit("--cli or --node-pkg is required")
        import socket
        import urllib.request

        for pol in POLICIES:
            with socket.socket() as sk:
                sk.bind(("127.0.0.1", 0))
                port = sk.getsockname()[1]
            cmd = [a.cli] + (["--module", a.module] if a.module else []) + [
                "serve", "--policy", POLICIES[pol], "--listen", f"127.0.0.1:{port}", "--no-audit",
                "--timeout-ms", "600000"]
            proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                for _ in range(600):
                    try:
                        urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1).read()
                        break
                    except OSError:
                        if proc.poll() is not None:
                            raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}")
                        time.sleep(0.5)
                for (gp, as_of), idx in sorted(groups.items()):
                    if gp != pol:
                        continue
                    for c in range(0, len(idx), 500):
                        part = idx[c:c + 500]
                        body = json.dumps({"as_of": as_of, "accounts": [items[i][2] for i in part]}).encode()
                        req = urllib.request.Request(f"http://127.0.0.1:{port}/v1/decide", data=body,
                                                     headers={"Content-Type": "application/json"})
                        try:
                            res = json.loads(urllib.request.urlopen(req, timeout=600).read())
                        except urllib.error.HTTPError as e:
                            res = json.loads(e.read())
                        envs = res["results"]
                        if len(envs) != len(part):
                            raise SystemExit(f"serve: {len(part)} accounts in, {len(envs)} envelopes out")
                        for i, env in zip(part, envs):
                            answers[i] = env if isinstance(env, dict) else json.loads(env)
            finally:
                proc.terminate()
                proc.wait()
    else:
        if not a.cli:
            raise SystemExit("--cli or --node-pkg is required")
        with tempfile.TemporaryDirectory(prefix="dunwell-oracle-") as wd:
            with concurrent.futures.ThreadPoolExecutor(max_workers=a.jobs) as ex:
                futs = {
                    ex.submit(run_group, a.cli, a.module, POLICIES[pol], as_of, [items[i][2] for i in idx], wd, g): idx
                    for g, ((pol, as_of), idx) in enumerate(sorted(groups.items()))
                }
                for fu in concurrent.futures.as_completed(futs):
                    for i, env in zip(futs[fu], fu.result()):
                        answers[i] = env
    t1 = time.time()

    fields = diffs = known_diffs = 0
    printed = 0
    by_field = {}
    known_count = {}
    for (pol, as_of, acc), env in zip(items, answers):
        # The score band is Dunwell's (scoring is outside the oracle); only the eligibility that uses it is checked.
        band = ((env.get("ok") or {}).get("score") or {}).get("band") if isinstance(env, dict) else None
        mine = oracle.decide(acc, as_of, policies[pol], band=band)
        theirs = dunwell_view(env)
        a_leaves = dict(leaves(mine))
        b_leaves = dict(leaves(theirs))
        alt = None
        for path in sorted(set(a_leaves) | set(b_leaves)):
            fields += 1
            va, vb = a_leaves.get(path, "<absent>"), b_leaves.get(path, "<absent>")
            if va == vb:
                continue
            explained = None
            for kid, rx, _ in known:
                if rx.search(path):
                    if alt is None:
                        alt = {}
                    if kid not in alt:
                        alt[kid] = dict(leaves(oracle.decide(acc, as_of, policies[pol], readings={kid: True}, band=band)))
                    if alt[kid].get(path, "<absent>") == vb:
                        explained = kid
                        break
            if not explained and any(rx.search(path) for _, rx, _ in known):
                # Two known readings at once (e.g. a promise deadline after 2099 *and* a payment at the instant
                # the promise was made): every known reading switched on together.
                if "*" not in alt:
                    every = {kid: True for kid, _, _ in known}
                    alt["*"] = dict(leaves(oracle.decide(acc, as_of, policies[pol], readings=every, band=band)))
                if alt["*"].get(path, "<absent>") == vb:
                    explained = "+".join(kid for kid, rx, _ in known if rx.search(path))
            generic = re.sub(r"\[\d+\]", "[]", path)
            if explained:
                known_diffs += 1
                known_count[explained] = known_count.get(explained, 0) + 1
                continue
            diffs += 1
            by_field[generic] = by_field.get(generic, 0) + 1
            if printed < a.max_print:
                printed += 1
                print(f"DIFF {acc['id']} ({pol}, as_of {as_of}, zone {acc['borrower']['time_zone']}) {path}: "
                      f"dunwell {json.dumps(vb)} oracle {json.dumps(va)}")
    if diffs > printed:
        print(f"... {diffs - printed} more differences not printed")
    for f, n in sorted(by_field.items(), key=lambda x: -x[1]):
        print(f"  {n:6d}  {f}")
    for kid, rx, reason in known:
        print(f"known: {known_count.get(kid, 0)} difference(s) explained by `{kid}`: {reason}")
    for kid, n in sorted(known_count.items()):
        if "+" in kid:
            print(f"known: {n} difference(s) explained by {kid} together")
    print(f"(dunwell {t1 - t0:.1f} s for {len(groups)} batches; total {time.time() - t0:.1f} s)")
    print(f"oracle: {len(items)} accounts, {fields} fields compared, {diffs} differences")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
