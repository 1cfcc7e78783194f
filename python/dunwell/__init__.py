"""Dunwell from Python: the same WebAssembly module as the CLI, the HTTP service, Node and the browser.

The wheel embeds ``pkg/dist/dunwell_bg.wasm`` (its sha256 is :func:`module_sha256`, the hex ``dunwell info``
prints) and runs it in wasmtime from Rust. Loops over accounts run in Rust with the GIL released, so batch
calls cost about what the CLI costs per account::

    import dunwell
    engine = dunwell.Engine(open("policies/default.json").read())
    d = engine.decide({"id": "A-1", ...}, "2026-11-28T09:00:00Z")     # the decision, as a dict
    lines = engine.decide_batch(open("portfolio.jsonl"), "2026-11-28T09:00:00Z")
    # `lines` are the envelopes `dunwell decide` writes, byte for byte.

Errors are :class:`DunwellError` with ``code`` (stable, e.g. ``account.out_of_range``), ``path`` (a JSON Pointer)
and ``message``. A batch never raises for one bad account: that account's envelope is ``{"error": …}``.
"""

from __future__ import annotations

import json
import os
from typing import Any, Iterable, Iterator, List, Mapping, NamedTuple, Optional, Sequence, Union

from . import _dunwell
from ._dunwell import DunwellError

__all__ = [
    "DunwellError",
    "Engine",
    "FitResult",
    "OUTPUT_COLUMNS",
    "FLAT_COLUMNS",
    "fit",
    "module_info",
    "module_sha256",
    "schema",
    "schema_names",
]

__version__ = json.loads(_dunwell.module_info())["version"]

#: Accounts per module call (the CLI's batch chunk).
CHUNK = 256

#: The columns :meth:`Engine.decide_arrow` (and the Spark recipe) answer, in order, with their Arrow types.
OUTPUT_COLUMNS = (
    ("account_id", "string"),
    ("dpd", "int64"),
    ("bucket", "string"),
    ("score", "int64"),
    ("band", "string"),
    ("next_channel", "string"),
    ("next_at", "string"),
    ("decision", "string"),
    ("error_code", "string"),
    ("error_path", "string"),
    ("error_message", "string"),
)

#: The flat account columns, as ``dunwell decide --from csv`` reads them.
FLAT_COLUMNS = (
    "id",
    "jurisdiction",
    "currency",
    "principal",
    "interest",
    "fees",
    "name",
    "locale",
    "time_zone",
    "birth_year",
    "instalments",
    "sms",
    "sms_consent",
    "email",
    "hardship",
    "dispute",
    "cease",
)

Document = Union[str, bytes, Mapping[str, Any]]


def module_sha256() -> str:
    """sha256 of the embedded module: equal to ``dunwell info``'s and stamped on every decision."""
    return _dunwell.module_sha256()


def module_info() -> dict:
    """What the module says about itself: ``version``, ``abi_version``, ``tzdb_version``, ``ops``."""
    info = json.loads(_dunwell.module_info())
    info["sha256"] = _dunwell.module_sha256()
    info["size"] = _dunwell.module_size()
    return info


def schema_names() -> List[str]:
    """The names of the JSON Schemas shipped with the package: ``account``, ``policy``, ``decision``, …"""
    return list(_dunwell.schema_names())


def schema(name: str) -> dict:
    """A JSON Schema (draft 2020-12) of a document the module reads or writes, generated from its Rust types:
    ``schema("policy")`` validates a policy before it reaches an engine (e.g. with the ``jsonschema`` package).
    Raises ``KeyError`` for an unknown name."""
    return json.loads(_dunwell.schema_text(name))


def _text(doc: Any) -> str:
    """One document as JSON text: strings and bytes verbatim (so error paths and duplicate-key checks see the
    caller's document), anything else through ``json.dumps``. ``None`` becomes ``null`` (an error for that row)."""
    if doc is None:
        return "null"
    if isinstance(doc, str):
        return doc[:-1] if doc.endswith("\n") else doc
    if isinstance(doc, (bytes, bytearray, memoryview)):
        text = bytes(doc).decode("utf-8", errors="replace")
        return text[:-1] if text.endswith("\n") else text
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"))


def _policy_text(policy: Any) -> str:
    """A policy as JSON text: a dict, JSON text, or a path (``os.PathLike``) to a JSON file."""
    if isinstance(policy, os.PathLike):
        with open(policy, encoding="utf-8") as f:
            return f.read()
    if isinstance(policy, (str, bytes, bytearray)):
        return bytes(policy).decode("utf-8") if not isinstance(policy, str) else policy
    if isinstance(policy, Mapping):
        return json.dumps(policy, ensure_ascii=False)
    raise TypeError(f"a policy is a dict, JSON text or a path, not {type(policy).__name__}")


def _unwrap(envelope: str) -> Any:
    """The ``ok`` value of an envelope, or :class:`DunwellError` for an error envelope."""
    value = json.loads(envelope)
    if "ok" in value:
        return value["ok"]
    error = value.get("error") or {}
    code, path, message = error.get("code", ""), error.get("path", ""), error.get("message", "")
    err = DunwellError(f"{code} at {path}: {message}" if path else f"{code}: {message}")
    err.code, err.path, err.message, err.envelope = code, path, message, envelope
    raise err


class Engine:
    """A policy loaded into the module. Not shared between threads: make one per thread or worker.

    ``policy`` is a dict, JSON text, or a :class:`pathlib.Path` to a JSON file. An invalid policy raises
    :class:`DunwellError` (code ``policy.*``); the error's ``envelope`` lists every problem.
    """

    def __init__(self, policy: Any):
        self._native = _dunwell.Engine(_policy_text(policy))

    @property
    def policy_sha256(self) -> str:
        """Canonical sha256 of the policy (as the CLI and the audit trail report it)."""
        return self._native.policy_sha256

    @property
    def module_sha256(self) -> str:
        """sha256 of the module this engine runs."""
        return _dunwell.module_sha256()

    @property
    def warnings(self) -> list:
        """The policy's validation warnings."""
        return json.loads(self._native.warnings_json)

    def call(self, op: str, input: Any) -> str:
        """Runs any module operation on a JSON document and answers the envelope text unchanged."""
        return self._native.call(op, _text(input))

    def decide(self, account: Document, as_of: str, *, messages: bool = True) -> dict:
        """Decides one account at ``as_of`` (RFC 3339 with offset) and returns the decision.

        Raises :class:`DunwellError` when the account (or ``as_of``) is invalid, with the path inside the account.
        """
        return _unwrap(self._native.decide_lines([_text(account)], as_of, messages)[0])

    def decide_batch(self, accounts: Iterable[Document], as_of: str, *, messages: bool = True) -> List[str]:
        """Decides accounts (JSON text, bytes or dicts; a file's lines work) at ``as_of``.

        Returns one envelope per account, in order: ``{"ok": decision}`` or ``{"error": {code, message, path}}``,
        the very bytes ``dunwell decide`` writes for the same input. Raises :class:`DunwellError` only for a bad
        ``as_of``; one bad account is an error envelope for that account and never stops the batch.
        """
        if isinstance(accounts, (str, bytes)):
            raise TypeError("decide_batch takes an iterable of accounts; use decide() for one")
        return self._native.decide_lines([_text(a) for a in accounts], as_of, messages)

    def decide_stream(
        self, accounts: Iterable[Document], as_of: str, *, messages: bool = True, chunk: int = 4096
    ) -> Iterator[str]:
        """As :meth:`decide_batch`, lazily: reads ``chunk`` accounts at a time, so memory stays flat."""
        if isinstance(accounts, (str, bytes)):
            raise TypeError("decide_stream takes an iterable of accounts")
        buf: List[str] = []
        for a in accounts:
            buf.append(_text(a))
            if len(buf) >= chunk:
                yield from self._native.decide_lines(buf, as_of, messages)
                buf = []
        if buf:
            yield from self._native.decide_lines(buf, as_of, messages)

    def decide_arrow(self, batch: Any, as_of: str, *, messages: bool = True) -> Any:
        """Decides a ``pyarrow.RecordBatch`` (or ``Table``) and returns one of the same kind.

        Input: an ``account`` column of JSON text (or structs), or the flat columns of ``dunwell decide --from
        csv`` (:data:`FLAT_COLUMNS`; others are ignored). Output: :data:`OUTPUT_COLUMNS`, one row per input
        row in order: ``account_id, dpd, bucket, score, band, next_channel, next_at`` (the first action),
        ``decision`` (the envelope, byte for byte the CLI's line) and ``error_code, error_path,
        error_message`` (null when decided). A bad row is an error row, never an exception.
        """
        import pyarrow as pa

        if isinstance(batch, pa.Table):
            out = [self.decide_arrow(b, as_of, messages=messages) for b in batch.to_batches()]
            return pa.Table.from_batches(out, schema=output_schema())
        docs = arrow_accounts(batch)
        cols = self._native.decide_columns(docs, as_of, messages)
        return pa.RecordBatch.from_arrays(
            [pa.array(c, type=t) for c, t in zip(cols, output_schema().types)], schema=output_schema()
        )

    def offers(self, account: Document, as_of: str) -> dict:
        """The repayment offers, penalty projection and debt advice for an account (the offers part of its
        decision, as ``POST /v1/offers`` answers): ``{account_id, currency, penalty, offers, debt_advice}``."""
        call = f'{{"account":{_text(account)},"as_of":{json.dumps(as_of)}}}'
        return _unwrap(self._native.call("offers", call))

    def reply(self, account: Document, as_of: str, text: str, channel: str = "sms") -> dict:
        """What a borrower's reply means: intents, amounts, dates, effects, tone and the assistant's answer."""
        call = f'{{"account":{_text(account)},"as_of":{json.dumps(as_of)},"text":{json.dumps(text)},"channel":{json.dumps(channel)}}}'
        return _unwrap(self._native.call("reply", call))

    def render(
        self,
        account: Document,
        as_of: str,
        channel: str,
        *,
        template: Optional[str] = None,
        source: Optional[str] = None,
        name: Optional[str] = None,
        tone: Optional[str] = None,
    ) -> dict:
        """Renders a message for an account: a library template by id (``template=``) or an inline one
        (``name=``, ``source=``; a name ending in ``.html`` escapes every variable). Returns the message's parts
        and what the compliance lint found."""
        if template is not None:
            ref: dict = {"id": template}
        else:
            ref = {"name": name, "source": source}
        call = {"as_of": as_of, "template": ref, "channel": channel}
        if tone is not None:
            call["tone"] = tone
        text = json.dumps(call, ensure_ascii=False)
        text = '{"account":' + _text(account) + "," + text[1:]
        return _unwrap(self._native.call("render", text))


class FitResult(NamedTuple):
    """What :func:`fit` returns: the policy fragment ``{"scorecard": …}`` and the report (AUC, KS, Gini, bins)."""

    fragment: dict
    report: dict


def fit(
    data: Any,
    outcome: str,
    good: Sequence[str],
    *,
    test: Any = None,
    ignore: Sequence[str] = (),
    categorical: Sequence[str] = (),
    numeric: Sequence[str] = (),
    seed: int = 42,
    test_share: float = 0.3,
) -> FitResult:
    """Fits a scorecard from a pandas DataFrame (or CSV text) of past accounts, as ``dunwell fit`` does.

    ``outcome`` names the outcome column and ``good`` the values that mean "paid"; ``test`` is an optional
    held-out frame (else ``test_share`` of ``data`` is held out with ``seed``). Returns :class:`FitResult`: the
    policy fragment ``{"scorecard": …}`` to merge into a policy, and the report (``auc``, ``ks``, ``gini``,
    features with their bins and information value). Raises :class:`DunwellError` (e.g. ``call.missing_field``
    for a missing outcome column).
    """
    call: dict = {
        "csv": _csv(data),
        "outcome": outcome,
        "good": [str(g) for g in good],
        "ignore": list(ignore),
        "categorical": list(categorical),
        "numeric": list(numeric),
        "seed": seed,
        "test_share": test_share,
    }
    if test is not None:
        call["test_csv"] = _csv(test)
    ok = _unwrap(_fit_engine().call("fit", json.dumps(call, ensure_ascii=False)))
    return FitResult({"scorecard": ok["scorecard"]}, ok["report"])


def _csv(data: Any) -> str:
    if isinstance(data, str):
        return data
    to_csv = getattr(data, "to_csv", None)
    if to_csv is None:
        raise TypeError(f"fit takes a pandas DataFrame or CSV text, not {type(data).__name__}")
    return to_csv(index=False)


_FIT_ENGINE: Optional[Engine] = None


def _fit_engine() -> Engine:
    # `fit` does not use the policy; the empty policy is the CLI's choice too.
    global _FIT_ENGINE
    if _FIT_ENGINE is None:
        _FIT_ENGINE = Engine("{}")
    return _FIT_ENGINE


def output_schema() -> Any:
    """The ``pyarrow.Schema`` of :meth:`Engine.decide_arrow`'s answer."""
    import pyarrow as pa

    types = {"string": pa.string(), "int64": pa.int64()}
    return pa.schema([pa.field(n, types[t]) for n, t in OUTPUT_COLUMNS])


def arrow_accounts(batch: Any) -> List[str]:
    """The account documents of a RecordBatch: its ``account`` column, or its flat columns."""
    names = list(batch.schema.names)
    if "account" in names:
        values = batch.column(names.index("account")).to_pylist()
        return [_text(v) for v in values]
    present = [c for c in FLAT_COLUMNS if c in names]
    if "id" not in present:
        raise ValueError(
            "a batch needs an `account` column (JSON text) or the flat columns (at least `id`); "
            f"it has {', '.join(names) or 'none'}"
        )
    columns = [[_cell(v) for v in batch.column(names.index(c)).to_pylist()] for c in present]
    return _dunwell.flat_accounts(present, columns)


def _cell(v: Any) -> Optional[str]:
    """A flat cell as the CLI's CSV reader would see it: text, with booleans as true/false."""
    if v is None:
        return None
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))  # an integer column with nulls often arrives as float
    return str(v)
