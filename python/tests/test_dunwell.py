"""The `dunwell` Python package against the `dunwell` CLI: same module, same bytes, per-row errors.

Run from the repository root after building the module, the CLI and the wheel (scripts/test.sh does):
    DUNWELL_CLI=target/debug/dunwell target/python-venv/bin/python -m pytest -q python/tests
"""

import csv
import gzip
import hashlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pytest

import dunwell
from dunwell import DunwellError, Engine

ROOT = Path(__file__).resolve().parents[2]
POLICY = ROOT / "policies" / "default.json"
AS_OF = "2026-11-28T09:00:00Z"
GERMAN = Path(__file__).parent / "data" / "germancredit.csv.gz"


def cli() -> str:
    path = os.environ.get("DUNWELL_CLI") or next(
        (str(p) for p in (ROOT / "target/release/dunwell", ROOT / "target/debug/dunwell") if p.exists()), ""
    )
    if not path:
        pytest.fail("no dunwell CLI: build it (cargo build -p dunwell-host) or set DUNWELL_CLI")
    return path


def run_cli(*args: str, input: str = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [cli(), "--module", str(ROOT / "pkg/dist/dunwell_bg.wasm"), *args],
        input=input,
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )


# Bad rows of every kind: each must come back as its own error, in its place, never raise or shift the rest.
BAD_ROWS = [
    '{"id": "X-1", "jurisdiction": "US", "currency": "USD", "colour": "red"}',  # unknown field
    '{"id": "X-2", "id": "X-3"}',  # duplicate key
    "{not json",  # syntax
    "[1, 2]",  # wrong type
    '{"id": "X-4", "jurisdiction": "CN", "currency": "CNY", "balances": {"principal": 1000000, "interest": 0, '
    '"fees": 0}, "instalments": [], "borrower": {"name": "王芳", "time_zone": "Nowhere/City"}}',
]


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    """200 sample accounts from `dunwell sample`, with the bad rows spread among them."""
    lines = run_cli("sample", "--count", "200", "--seed", "7", "--as-of", AS_OF).stdout.splitlines()
    for i, bad in enumerate(BAD_ROWS):
        lines.insert(10 + 37 * i, bad)
    path = tmp_path_factory.mktemp("sample") / "portfolio.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def cli_decisions(sample) -> list:
    out = run_cli("decide", "--policy", str(POLICY), "--as-of", AS_OF, "--no-audit", str(sample)).stdout
    return out.splitlines()


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(POLICY)


def test_module_is_the_clis_module():
    wasm = (ROOT / "pkg/dist/dunwell_bg.wasm").read_bytes()
    info = json.loads(run_cli("info").stdout)
    assert dunwell.module_sha256() == hashlib.sha256(wasm).hexdigest() == info["module_sha256"]
    assert dunwell.module_info()["size"] == len(wasm)
    assert dunwell.module_info()["version"] == info["version"] == dunwell.__version__


def test_batch_is_byte_identical_to_the_cli(engine, sample, cli_decisions):
    with open(sample, encoding="utf-8") as f:
        ours = engine.decide_batch(f, AS_OF)
    assert len(cli_decisions) == 205
    assert ours == cli_decisions
    # The bad rows are errors in place, with the CLI's codes.
    codes = [json.loads(ours[10 + 37 * i])["error"]["code"] for i in range(len(BAD_ROWS))]
    assert codes == [
        "account.unknown_field",
        "account.duplicate_key",
        "json.syntax",
        "account.wrong_type",
        "account.bad_time_zone",
    ]


def test_batch_of_dicts_and_stream_and_plans_match_the_cli(engine, sample, cli_decisions):
    lines = sample.read_text(encoding="utf-8").splitlines()
    good = [(i, json.loads(l)) for i, l in enumerate(lines) if l not in BAD_ROWS]
    assert engine.decide_batch([d for _, d in good], AS_OF) == [cli_decisions[i] for i, _ in good]
    assert list(engine.decide_stream(iter(lines), AS_OF, chunk=50)) == cli_decisions
    plans = run_cli(
        "decide", "--policy", str(POLICY), "--as-of", AS_OF, "--no-audit", "--no-messages", str(sample)
    ).stdout.splitlines()
    assert engine.decide_batch(lines, AS_OF, messages=False) == plans
    assert plans != cli_decisions


def test_blank_none_and_multiline_rows_are_errors_or_decisions_in_place(engine, sample, cli_decisions):
    first = sample.read_text(encoding="utf-8").splitlines()[0]
    pretty = json.dumps(json.loads(first), indent=2, ensure_ascii=False)
    out = engine.decide_batch(["", None, "   ", pretty, first], AS_OF)
    assert len(out) == 5
    for e in out[:3]:
        assert json.loads(e)["error"]["code"] == "account.wrong_type", e
    # A document spread over lines is one account, decided as its one-line form is.
    assert out[3] == out[4] == cli_decisions[0]
    # A raw line break inside a string is invalid JSON on one line or many: still an error.
    broken = '{"id": "A\nB"}'
    assert json.loads(engine.decide_batch([broken], AS_OF)[0])["error"]["code"] == "json.syntax"


def test_decide_one_returns_the_decision_and_raises_with_code_and_path(engine, sample, cli_decisions):
    first = sample.read_text(encoding="utf-8").splitlines()[0]
    assert engine.decide(json.loads(first), AS_OF) == json.loads(cli_decisions[0])["ok"]
    with pytest.raises(DunwellError) as e:
        engine.decide(BAD_ROWS[4], AS_OF)
    assert (e.value.code, e.value.path) == ("account.bad_time_zone", "/borrower/time_zone")
    assert "Nowhere/City" in e.value.message
    with pytest.raises(DunwellError) as e:
        engine.decide(BAD_ROWS[0], AS_OF)
    assert (e.value.code, e.value.path) == ("account.unknown_field", "/colour")


def test_bad_as_of_raises_once_for_the_call(engine, sample):
    with pytest.raises(DunwellError) as e:
        engine.decide_batch(sample.read_text().splitlines(), "28/11/2026")
    assert e.value.code == "call.bad_instant"
    assert e.value.path == "/as_of"


def test_invalid_policy_names_every_problem():
    with pytest.raises(DunwellError) as e:
        Engine({"buckets": [{"max_dpd": "zero", "name": "M0"}], "nmae": "x", "promises": {"grace_days": -1}})
    assert (e.value.code, e.value.path) == ("policy.wrong_type", "/buckets/0/max_dpd")
    problems = json.loads(e.value.envelope)["error"]["problems"]
    assert [(p["code"], p["path"]) for p in problems] == [
        ("policy.wrong_type", "/buckets/0/max_dpd"),
        ("policy.unknown_field", "/nmae"),
        ("policy.bad_value", "/promises/grace_days"),
    ]
    with pytest.raises(TypeError):
        Engine(42)


def test_arrow_round_trip(engine, sample, cli_decisions):
    lines = sample.read_text(encoding="utf-8").splitlines()
    batch = pa.RecordBatch.from_pydict({"account": lines + [None], "other": list(range(len(lines) + 1))})
    out = engine.decide_arrow(batch, AS_OF)
    assert isinstance(out, pa.RecordBatch)
    assert out.schema == dunwell.output_schema()
    assert out.num_rows == len(lines) + 1
    cols = out.to_pydict()
    assert cols["decision"][:-1] == cli_decisions
    for i, envelope in enumerate(cli_decisions):
        v = json.loads(envelope)
        if "ok" in v:
            d = v["ok"]
            assert cols["account_id"][i] == d["account_id"]
            assert cols["dpd"][i] == d["dpd"]
            assert cols["bucket"][i] == d["bucket"]
            assert cols["score"][i] == (d["score"] or {}).get("points")
            assert cols["band"][i] == (d["score"] or {}).get("band")
            nxt = d["actions"][0] if d["actions"] else {}
            assert (cols["next_channel"][i], cols["next_at"][i]) == (nxt.get("channel"), nxt.get("at"))
            assert cols["error_code"][i] is None
        else:
            assert cols["account_id"][i] is None
            assert (cols["error_code"][i], cols["error_path"][i], cols["error_message"][i]) == (
                v["error"]["code"],
                v["error"]["path"],
                v["error"]["message"],
            )
    assert cols["error_code"][-1] == "account.wrong_type"
    # A Table (several batches, as Ray hands them) comes back as a Table with the same rows.
    table = pa.Table.from_batches([batch.slice(0, 60), batch.slice(60)])
    assert engine.decide_arrow(table, AS_OF).column("decision").to_pylist() == cols["decision"]


FLAT = [
    ["id", "jurisdiction", "currency", "principal", "interest", "fees", "name", "locale", "time_zone",
     "birth_year", "instalments", "sms", "sms_consent", "email", "hardship", "dispute", "cease"],
    ["F-1", "US", "USD", "120000", "3000", "0", "Ann Lee", "en-US", "America/Chicago", "1980",
     "2026-09-15:10000;2026-10-15:10000:2500", "+13125550100", "true", "ann@example.com", "", "", ""],
    ["F-2", "CN", "CNY", "500000", "0", "0", "王芳", "zh-CN", "Asia/Shanghai", "",
     "2026-10-20:50000", "+8613800000000", "1", "", "", "yes", ""],
    ["F-3", "GB", "GBP", "-5", "0", "0", "Bo", "", "Europe/London", "", "2026-11-01:100", "", "", "", "", "", ""],
    ["F-4", "US", "USD", "1000", "0", "0", "Cy", "", "Mars/Olympus", "", "bogus", "", "", "", "", "", ""],
]


def test_flat_columns_match_the_clis_csv_input(engine, tmp_path):
    path = tmp_path / "flat.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(FLAT)
    want = run_cli(
        "decide", "--policy", str(POLICY), "--as-of", AS_OF, "--no-audit", "--from", "csv", str(path)
    ).stdout.splitlines()
    header, rows = FLAT[0], FLAT[1:]
    # Typed columns, as a Parquet file or Spark would give them: integers, booleans, nulls for empty cells.
    typed = {}
    for i, name in enumerate(header):
        values = [r[i] or None for r in rows]
        if name in ("principal", "interest", "fees", "birth_year"):
            typed[name] = pa.array([None if v is None else int(v) for v in values], pa.int64())
        else:
            typed[name] = pa.array(values, pa.string())
    typed["sms_consent"] = pa.array([True, True, None, None])
    out = engine.decide_arrow(pa.RecordBatch.from_pydict(typed), AS_OF).to_pydict()
    assert out["decision"] == want
    assert len(want) == 4
    assert [c for c in out["error_code"]] == [None, None, json.loads(want[2])["error"]["code"],
                                               json.loads(want[3])["error"]["code"]]
    assert out["error_code"][2].startswith("account.") and out["error_code"][3].startswith("account.")
    with pytest.raises(ValueError, match="`account` column"):
        engine.decide_arrow(pa.RecordBatch.from_pydict({"x": [1]}), AS_OF)


def test_python_m_dunwell_decide_writes_the_clis_bytes(sample, tmp_path):
    want = run_cli("decide", "--policy", str(POLICY), "--as-of", AS_OF, "--no-audit", str(sample)).stdout
    out = tmp_path / "decisions.jsonl"
    res = subprocess.run(
        [sys.executable, "-m", "dunwell", "decide", "--policy", str(POLICY), "--as-of", AS_OF, "--out", str(out),
         str(sample)],
        capture_output=True,
        text=True,
    )
    assert res.returncode == 0, res.stderr
    assert out.read_bytes() == want.encode("utf-8")
    assert "decided 200 of 205 accounts" in res.stderr
    bad = subprocess.run(
        [sys.executable, "-m", "dunwell", "decide", "--policy", str(POLICY), "--as-of", "yesterday", str(sample)],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2 and "call.bad_instant" in bad.stderr


def test_reply_and_render(engine, sample):
    account = json.loads(sample.read_text(encoding="utf-8").splitlines()[0])
    r = engine.reply(account, AS_OF, "I will pay 50 on Friday", channel="sms")
    assert "intents" in r and r["intents"]
    m = engine.render(account, AS_OF, "sms", name="hello.txt", source="Hello {{ borrower.name }}")
    assert m["text"] == "Hello " + account["borrower"]["name"]
    with pytest.raises(DunwellError) as e:
        engine.render(account, AS_OF, "sms", name="bad.txt", source="{{ unclosed")
    assert e.value.code == "call.template" and e.value.path == "/template/source"


def test_offers_is_the_offers_part_of_the_decision(engine, sample):
    decided = 0
    for line in sample.read_text(encoding="utf-8").splitlines()[:30]:
        account = json.loads(line)
        try:
            d = engine.decide(account, AS_OF, messages=False)
        except DunwellError as bad:
            # The sample's deliberately bad rows: the same error (the path inside the `{account, as_of}` call).
            with pytest.raises(DunwellError) as e:
                engine.offers(account, AS_OF)
            assert (e.value.code, e.value.path) == (bad.code, "/account" + bad.path)
            continue
        sheet = engine.offers(account, AS_OF)
        assert sheet == {k: d[k] for k in ("account_id", "currency", "penalty", "offers", "debt_advice")}
        decided += 1
    assert decided >= 20


def test_schemas_are_the_generated_files_and_validate_a_policy():
    names = dunwell.schema_names()
    shipped = sorted(p.name[: -len(".schema.json")] for p in (ROOT / "schemas").glob("*.schema.json"))
    assert sorted(names) == shipped
    for name in names:
        assert dunwell.schema(name) == json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
    policy = dunwell.schema("policy")
    assert policy["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    import jsonschema

    default = json.loads((ROOT / "policies" / "default.json").read_text(encoding="utf-8"))
    jsonschema.validate(default, policy)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**default, "horizon_dayz": 10}, policy)
    with pytest.raises(KeyError):
        dunwell.schema("nope")


def german() -> "pandas.DataFrame":
    import pandas as pd

    with gzip.open(GERMAN, "rt", encoding="utf-8") as f:
        return pd.read_csv(f)


def test_fit_on_german_credit_matches_the_cli(tmp_path):
    df = german()
    assert df.shape == (1000, 21)
    result = dunwell.fit(df, outcome="creditability", good=["good"])
    fragment, report = result
    # The CLI on the same CSV text gives the same scorecard and report.
    path = tmp_path / "german.csv"
    path.write_text(df.to_csv(index=False), encoding="utf-8")
    card, rep = tmp_path / "card.json", tmp_path / "report.json"
    run_cli("fit", "--csv", str(path), "--outcome", "creditability", "--good", "good", "--out", str(card),
            "--report", str(rep))
    assert fragment == json.loads(card.read_text())
    assert report == json.loads(rep.read_text())
    # German credit is a hard data set: published scorecards reach AUC 0.75-0.80 on held-out rows.
    assert 0.70 <= report["auc"] <= 0.90
    assert report["ks"] > 0.3
    assert fragment["scorecard"]["features"]
    # A policy with the fitted scorecard loads.
    Engine(fragment)


def test_fit_errors_name_the_field():
    df = german()
    with pytest.raises(DunwellError) as e:
        dunwell.fit(df, outcome="paid", good=["good"])
    assert e.value.code.startswith("call.") and "paid" in e.value.message
    with pytest.raises(TypeError):
        dunwell.fit(42, outcome="creditability", good=["good"])


def test_compiled_module_cache_is_used_and_a_damaged_file_is_replaced(tmp_path):
    env = dict(os.environ, DUNWELL_CACHE_DIR=str(tmp_path))
    probe = [sys.executable, "-c", "import dunwell; print(dunwell.module_sha256())"]
    want = dunwell.module_sha256()
    first = subprocess.run(probe, capture_output=True, text=True, env=env, check=True)
    assert first.stdout.strip() == want
    files = list(tmp_path.glob(f"{want}-*.cwasm"))
    assert len(files) == 1, list(tmp_path.iterdir())
    good = files[0].read_bytes()
    # A flipped byte in the compiled code: the file is not trusted, the module is compiled again and the file
    # rewritten, and decisions are still the CLI's.
    damaged = bytearray(good)
    damaged[len(damaged) // 2] ^= 0xFF
    files[0].write_bytes(bytes(damaged))
    again = subprocess.run(probe, capture_output=True, text=True, env=env, check=True)
    assert again.stdout.strip() == want
    assert files[0].read_bytes() == good
    # No cache at all when DUNWELL_CACHE_DIR is empty.
    off = subprocess.run(probe, capture_output=True, text=True, env=dict(env, DUNWELL_CACHE_DIR=""), check=True)
    assert off.stdout.strip() == want
