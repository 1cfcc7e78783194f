"""Spark demo (run by scripts/spark-demo.sh): decide N accounts with `dunwell.spark.decide_dataframe` in
`local[2]`, write Parquet, and compare every decision with the CLI's on the same input.

    python spark_demo.py ACCOUNTS.jsonl WORKDIR [--baseline] [--no-messages] [--cores 2] -- CLI COMMAND ...

ACCOUNTS.jsonl is turned into Parquet (`line`, `account`) with several row groups (one row group, one Spark
partition); the decisions are written to WORKDIR/decisions.parquet with the `line` kept. Then the CLI command
(`dunwell decide … ACCOUNTS.jsonl`, writing to standard output) runs and every line it writes is compared with
Spark's decision for the same line. `--baseline` runs the same pipeline (read Parquet, mapInArrow in Python
workers, same output schema, write Parquet) with a function that copies the account instead of deciding it: the
ceiling Spark itself sets on this machine.

Everything streams, so that 10M accounts (20 GB of JSON in, 64 GB of decisions out) fit a small machine: the
input is converted a row group at a time, Spark's decisions are read back a batch at a time and kept only as a
16-byte digest per line, and the CLI's decisions are read from its pipe, never written to disk.
"""

import argparse
import hashlib
import json
import math
import os
import subprocess
import sys
import time

import pyarrow as pa
import pyarrow.parquet as pq

import dunwell
from dunwell.spark import SPARK_SCHEMA, decide_dataframe

DIGEST = 16


def digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=DIGEST).digest()


def main() -> int:
    argv = sys.argv[1:]
    cli = []
    if "--" in argv:
        at = argv.index("--")
        argv, cli = argv[:at], argv[at + 1 :]
    p = argparse.ArgumentParser()
    p.add_argument("accounts")
    p.add_argument("workdir")
    p.add_argument("--policy", default="policies/default.json")
    p.add_argument("--as-of", default="2026-11-28T09:00:00Z")
    p.add_argument("--cores", type=int, default=2)
    p.add_argument("--baseline", action="store_true")
    p.add_argument("--no-messages", action="store_true")
    args = p.parse_args(argv)
    if not args.baseline and not cli:
        p.error("the CLI command to compare with goes after `--`")

    os.makedirs(args.workdir, exist_ok=True)
    src = os.path.join(args.workdir, "accounts.parquet")
    n, parts = to_parquet(args.accounts, src, args.cores)
    size = os.path.getsize(src)

    from pyspark.sql import SparkSession

    # The Python workers must run the interpreter that has the wheel installed (this venv's).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)

    spark = (
        SparkSession.builder.master(f"local[{args.cores}]")
        .appName("dunwell-spark-demo")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", str(2 * args.cores))
        # Split the file at its row groups so every core gets work.
        .config("spark.sql.files.maxPartitionBytes", str(max(1 << 20, size // parts + 1)))
        .config("spark.driver.memory", "4g")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    out = os.path.join(args.workdir, "decisions.parquet")
    df = spark.read.parquet(src)
    started = time.perf_counter()
    if args.baseline:
        from pyspark.sql.types import LongType, StructField, StructType

        schema = StructType([StructField("line", LongType())] + list(spark.createDataFrame([], SPARK_SCHEMA).schema))
        names = [c for c, _ in dunwell.OUTPUT_COLUMNS]

        def copy(batches):
            for b in batches:
                acc = b.column(1)
                nulls_s = pa.nulls(b.num_rows, pa.string())
                nulls_i = pa.nulls(b.num_rows, pa.int64())
                cols = [b.column(0)] + [
                    acc if c == "decision" else (nulls_i if t == "int64" else nulls_s) for c, t in dunwell.OUTPUT_COLUMNS
                ]
                yield pa.RecordBatch.from_arrays(cols, names=["line"] + names)

        result = df.mapInArrow(copy, schema)
    else:
        result = decide_dataframe(df, args.policy, args.as_of, messages=not args.no_messages, keep=["line"])
    result.write.mode("overwrite").parquet(out)
    seconds = time.perf_counter() - started
    spark.stop()

    verb = "copied (baseline, no Dunwell)" if args.baseline else "decided"
    same = "n/a" if args.baseline else compare(out, cli, n, parts)
    print(f"spark: {verb} {n} accounts in {seconds:.1f} s ({n / seconds:.0f}/s); identical to the CLI: {same}")
    return 0 if same in ("yes", "n/a") else 1


def to_parquet(accounts: str, src: str, cores: int):
    """ACCOUNTS.jsonl as Parquet (`line`, `account`), written a row group at a time; returns (rows, row groups).
    Blank lines are skipped, as the CLI skips them."""
    with open(accounts, encoding="utf-8") as f:
        n = sum(1 for line in f if line.strip())
    parts = max(2 * cores, min(64, math.ceil(n / 50_000)))
    group = max(1, math.ceil(n / parts))
    schema = pa.schema([("line", pa.int64()), ("account", pa.string())])
    with open(accounts, encoding="utf-8") as f, pq.ParquetWriter(src, schema) as w:
        chunk, first = [], 0

        def flush():
            w.write_table(
                pa.table({"line": pa.array(range(first, first + len(chunk)), pa.int64()), "account": chunk}, schema),
                row_group_size=group,
            )

        for line in f:
            if not line.strip():
                continue
            chunk.append(line.rstrip("\n"))
            if len(chunk) == group:
                flush()
                first += len(chunk)
                chunk = []
        if chunk:
            flush()
    return n, parts


def compare(out: str, cli: list, n: int, parts: int) -> str:
    """Every Spark decision against the CLI's for the same line: "yes" or "no" (the first difference on standard
    error). Spark's side is kept as one digest per line; the CLI's lines are read from its pipe as it writes them."""
    index = bytearray(n * DIGEST)
    seen = bytearray(n)
    errors: dict = {}
    rows = 0
    files = sorted(f for f in os.listdir(out) if f.endswith(".parquet"))
    for name in files:
        pf = pq.ParquetFile(os.path.join(out, name))
        for batch in pf.iter_batches(batch_size=8192, columns=["line", "decision", "error_code"]):
            for line, decision, code in zip(
                batch.column(0).to_pylist(), batch.column(1).to_pylist(), batch.column(2).to_pylist()
            ):
                rows += 1
                if code is not None:
                    errors[code] = errors.get(code, 0) + 1
                if line is None or not 0 <= line < n or seen[line]:
                    print(f"Spark wrote line {line} twice or out of range", file=sys.stderr)
                    return "no"
                seen[line] = 1
                index[line * DIGEST : (line + 1) * DIGEST] = digest(decision or "")
    print(f"wrote {len(files)} Parquet files, {rows} rows, from {parts} input row groups", file=sys.stderr)
    print(f"errors by code: {json.dumps(errors) if errors else 'none'}", file=sys.stderr)
    if rows != n:
        print(f"Spark wrote {rows} rows for {n} accounts", file=sys.stderr)
        return "no"

    started = time.perf_counter()
    proc = subprocess.Popen(cli, stdout=subprocess.PIPE, encoding="utf-8")
    same, i = "yes", 0
    for want in proc.stdout:
        want = want.rstrip("\n")
        if i >= n:
            same = "no"
            print(f"the CLI wrote more than {n} decisions", file=sys.stderr)
            break
        if digest(want) != bytes(index[i * DIGEST : (i + 1) * DIGEST]):
            same = "no"
            print(f"first difference at account line {i + 1}:", file=sys.stderr)
            print(f"  spark: {spark_decision(out, i)[:400]}", file=sys.stderr)
            print(f"  cli:   {want[:400]}", file=sys.stderr)
            break
        i += 1
    proc.stdout.close()
    code = proc.wait() if same == "yes" else (proc.kill() or proc.wait())
    seconds = time.perf_counter() - started
    if same == "yes" and i < n:
        same = "no"
        print(f"the CLI wrote {i} decisions for {n} accounts (exit {code})", file=sys.stderr)
    print(f"cli: decided {i} accounts in {seconds:.1f} s ({i / max(seconds, 1e-9):.0f}/s), compared as they came", file=sys.stderr)
    return same


def spark_decision(out: str, line: int) -> str:
    """Spark's decision for one line, read back for the difference report."""
    import pyarrow.dataset as ds

    t = ds.dataset(out, format="parquet").to_table(columns=["decision"], filter=ds.field("line") == line)
    return t.column(0)[0].as_py() or "" if t.num_rows else "<missing>"


if __name__ == "__main__":
    sys.exit(main())
