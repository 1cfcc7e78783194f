"""Spark demo (run by scripts/spark-demo.sh): decide N accounts with `dunwell.spark.decide_dataframe` in
`local[2]`, write Parquet, and compare every decision with the CLI's on the same input.

    python spark_demo.py ACCOUNTS.jsonl CLI_DECISIONS.jsonl WORKDIR [--baseline] [--no-messages] [--cores 2]

ACCOUNTS.jsonl is turned into Parquet (`line`, `account`) with several row groups (one row group, one Spark
partition); the decisions are written to WORKDIR/decisions.parquet with the `line` kept, then read back in line
order and compared with CLI_DECISIONS.jsonl line by line. `--baseline` runs the same pipeline (read Parquet,
mapInArrow in Python workers, same output schema, write Parquet) with a function that copies the account instead
of deciding it: the ceiling Spark itself sets on this machine.
"""

import argparse
import json
import math
import os
import sys
import time

import pyarrow as pa
import pyarrow.parquet as pq

import dunwell
from dunwell.spark import SPARK_SCHEMA, decide_dataframe


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("accounts")
    p.add_argument("cli_decisions")
    p.add_argument("workdir")
    p.add_argument("--policy", default="policies/default.json")
    p.add_argument("--as-of", default="2026-11-28T09:00:00Z")
    p.add_argument("--cores", type=int, default=2)
    p.add_argument("--baseline", action="store_true")
    p.add_argument("--no-messages", action="store_true")
    args = p.parse_args()

    os.makedirs(args.workdir, exist_ok=True)
    src = os.path.join(args.workdir, "accounts.parquet")
    with open(args.accounts, encoding="utf-8") as f:
        lines = [l.rstrip("\n") for l in f if l.strip()]
    n = len(lines)
    parts = max(2 * args.cores, min(64, math.ceil(n / 50_000)))
    pq.write_table(
        pa.table({"line": pa.array(range(n), pa.int64()), "account": pa.array(lines, pa.string())}),
        src,
        row_group_size=math.ceil(n / parts),
    )
    del lines
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
    same = "n/a" if args.baseline else compare(out, args.cli_decisions, n, parts)
    print(f"spark: {verb} {n} accounts in {seconds:.1f} s ({n / seconds:.0f}/s); identical to the CLI: {same}")
    return 0 if same in ("yes", "n/a") else 1


def compare(out: str, cli_decisions: str, n: int, parts: int) -> str:
    """Every Spark decision, in line order, against the CLI's line by line: "yes" or "no" (the first difference
    on standard error). Streams both sides in slices: a million decisions with words are gigabytes of text, more
    than a 32-bit Arrow string column holds and more than is worth holding in Python at once."""
    import pyarrow.compute as pc

    table = pq.read_table(out)
    # 64-bit offsets: a column of decisions passes 2 GiB at a few hundred thousand rows.
    table = table.cast(
        pa.schema([f.with_type(pa.large_string()) if f.type == pa.string() else f for f in table.schema])
    )
    files = [f for f in os.listdir(out) if f.endswith(".parquet")]
    print(f"wrote {len(files)} Parquet files, {table.num_rows} rows, from {parts} input row groups", file=sys.stderr)
    if table.num_rows != n:
        print(f"Spark wrote {table.num_rows} rows for {n} accounts", file=sys.stderr)
        return "no"
    order = pc.sort_indices(table.column("line"))
    errors: dict = {}
    same = "yes"
    with open(cli_decisions, encoding="utf-8") as f:
        for start in range(0, n, 20_000):
            part = table.take(order[start : start + 20_000])
            for i, (line, decision, code) in enumerate(
                zip(
                    part.column("line").to_pylist(),
                    part.column("decision").to_pylist(),
                    part.column("error_code").to_pylist(),
                )
            ):
                if code is not None:
                    errors[code] = errors.get(code, 0) + 1
                want = f.readline().rstrip("\n")
                if same == "yes" and (line != start + i or decision != want):
                    same = "no"
                    print(f"first difference at account line {start + i + 1}:", file=sys.stderr)
                    print(f"  spark: {(decision or '')[:400]}", file=sys.stderr)
                    print(f"  cli:   {(want or '<missing>')[:400]}", file=sys.stderr)
        if same == "yes" and f.readline():
            same = "no"
            print(f"the CLI wrote more than {n} decisions", file=sys.stderr)
    print(f"errors by code: {json.dumps(errors) if errors else 'none'}", file=sys.stderr)
    return same


if __name__ == "__main__":
    sys.exit(main())
