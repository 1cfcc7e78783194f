"""An independent reference for Dunwell's money-and-calendar rules (issue 22).

Written from the rules as documented -- README.md ("What a decision contains today", "Limits", "Offers are set
under `offers`"), policies/default.json, DESIGN.md, and the doc comments of src/dpd.rs, src/promise.rs,
src/arrange/penalty.rs, src/arrange/offers.rs, src/account.rs and src/time.rs -- not from the Rust function
bodies. Python 3 standard library only: integers are exact, so every money figure is computed with plain `int`
and rounded once, by the policy's rounding mode, where the rule says so.

`decide(account, as_of, policy)` answers, for one account, the parts of a decision this oracle covers:

  dpd, bucket, arrears{overdue_amount, overdue_instalments, oldest_unpaid_due, next_due, next_due_amount,
  outstanding}, as_of_local, promises[{id, due, amount, paid, state, deadline, settled_at}], penalty{terms,
  accrued, per_day, projections[{date, penalty, owed}]}, offers[...] -- or the error the account must get
  (`account.out_of_range` with its JSON Pointer, relative to the account).

Rules as read, each with its source (S) and, where the documents are silent or ambiguous, the reading assumed
(A). Where Dunwell reads a rule differently, tests/oracle/FINDINGS.md says how (with an example), READINGS below
models Dunwell's reading, and scripts/oracle.sh lists it as KNOWN.

Calendar
  S  "dates are YYYY-MM-DD in the borrower's calendar"; "today" is the calendar date of `as_of` in the
     borrower's IANA zone (README, dpd.rs). The zone data is the system tz database (zoneinfo).
  S  An instant is written in UTC, `YYYY-MM-DDTHH:MM:SSZ` (time.rs: "UTC text, seconds precision").
  S  `as_of_local` is the same moment written in the borrower's offset (README table).
  A  An offset that is not a whole number of minutes (local mean time before a zone adopted standard time,
     e.g. Asia/Shanghai in 1900 at +08:05:43) is written `+HH:MM:SS`; RFC 3339 has no way to write it.
     Dunwell rounds the offset but not the clock, naming another instant (FINDINGS #5).
  S  A zone's DST rules apply in every accepted year (1900-2999); the tz database's rules have no end year.
     Dunwell stops changing offsets after 2099 (FINDINGS #1).
  S  The first instant of a local day (promise deadlines) is the earliest instant whose local date is that day
     (time.rs `day_start`: "The first instant of a local calendar day"); when midnight falls in a DST gap that
     is the end of the gap.
  A  A date the zone skipped entirely (Pacific/Apia 2011-12-30) "starts" at the end of the gap, i.e. where the
     next existing day starts (time.rs `resolve`: a time in a gap moves to the first existing minute after it).

DPD and arrears (dpd.rs, README)
  S  Instalments are sorted by due date. When any instalment carries `paid`, the loan system's allocation is
     authoritative (an instalment without `paid` has 0 allocated); otherwise the payments received by `as_of`
     (`at <= as_of`; "Events after as_of are ignored") are pooled and allocated to instalments oldest first.
  A  Instalments with the same due date are allocated in input order (a stable sort).
  S  An instalment whose unpaid part is at most `dpd.tolerance` is treated as paid (technical arrears "do not
     make an account delinquent").
  S  Overdue: due before today. overdue_amount = sum of unpaid parts, overdue_instalments = their count,
     oldest_unpaid_due = the earliest. next_due = the first instalment due today or later with an unpaid part
     above tolerance, next_due_amount its unpaid part (0 when none).
  S  dpd = days from the oldest unpaid due date to today ("an instalment due on the 5th is 1 DPD on the 6th").
  S  bucket = the first policy bucket whose max_dpd (null = unbounded) is >= dpd.
  S  outstanding = principal + interest + fees.

Promises (promise.rs module doc, README, DESIGN.md)
  S  Listed: promises made by `as_of`, in the account's order.
  S  deadline = the first instant of the local day after (due + grace_days); payments strictly before it count.
  S  Payments by `as_of`, in time order, each fill the oldest open promise first (oldest = earliest made_at,
     then input position); what one promise does not need goes to the next.
  A  Payments with the same instant are taken in input order.
  A  "the oldest promise that was made before it": a promise made at the very instant of a payment is NOT
     filled by that payment (strictly before, read literally). Dunwell fills it (FINDINGS #3).
  S  Open for a payment at t: made before t, not yet kept, t < deadline, and not cancelled at t
     (cancelled_at <= t closes it).
  S  kept when its paid reaches the amount (settled_at = that payment's instant); a kept promise stays kept
     even if cancelled later.
  S  Otherwise: cancelled when cancelled_at <= as_of (settled_at = cancelled_at); broken when as_of >= deadline
     (settled_at = deadline); else pending (settled_at null).
  A  A promise cancelled only after its deadline had already passed unpaid was already broken: "When the state
     became final" -- the first final event wins (broken at the deadline). Before the deadline, cancellation wins.
     Dunwell says cancelled (FINDINGS #4).
  A  A cancellation after `as_of` is ignored (events after as_of are ignored).

Penalty (penalty.rs, README offers section, arrange presets)
  S  Simple daily accrual on each overdue instalment's unpaid part (the arrears' overdue instalments, after
     tolerance) from the day after its due date, to the end of a date `on` inclusive: days = on - due (>= 0).
     accrued(on) = round( sum(unpaid * rate_bps * days) / (10,000 * basis) ) with basis 365 (act/365) or 360
     (act/360), rounded once by offers.rounding; capped at floor(sum(unpaid) * cap_bps / 10,000).
  S  Terms: the policy's rate, limited to the jurisdiction preset's maximum (CN 2,400 bps a year); the cap is
     the smaller of the policy's cap and the preset's (GB 10,000 bps = 100% of the overdue amount); either alone
     when only one is set.
  S  accrued = accrued(today); projections at today + 7, 14, 30: penalty = accrued(date),
     owed = outstanding + penalty. No overdue instalment: penalty null, offers empty.
  A  per_day: the doc comment says "What tomorrow adds (uncapped day's accrual, rounded)". Read literally:
     one day's accrual on every overdue item, without the cap, rounded once:
     round(sum(unpaid) * rate_bps / (10,000 * basis)). Dunwell gives accrued(tomorrow) - accrued(today)
     (FINDINGS #2).
  S  Every derived figure must be 0 .. 2^53-1 (README Limits: "derived figures (penalty, amounts owed, every
     offer) are checked too"): a penalty figure past it is `account.out_of_range` at `/instalments`
     (tests/vectors/errors/money_penalty_past_2_53.json).

Offers (offers.rs doc comments, README)
  see `offers()` below; its docstring lists the reading.

Input limits (README "Limits", account.rs)
  S  Every amount is 0 .. 2^53-1 (a negative amount is `account.out_of_range` at its field), and so is every
     total: principal + interest + fees, the instalments, the payments, the promised amounts. The error names
     the field whose addition first takes the running total past 2^53-1 (in input order).
  A  The checks run in the order balances, instalments, payments, promises; the generator makes at most one of
     them fail per account, so the order is not exercised.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

MAX_SAFE = 2**53 - 1
UTC = dt.timezone.utc

# Jurisdiction presets' penalty limits (README: "CN at 24% a year, GB at 100% of the overdue amount").
PRESET_MAX_RATE = {"CN": 2400}
PRESET_MAX_CAP = {"GB": 10_000}


# Alternative readings of rules the documents leave open or state in two ways. The oracle asserts the main
# reading; `decide(..., readings={name: True})` computes the alternative, which the comparison uses only to
# recognise a difference listed in the KNOWN list of scripts/oracle.sh (never to pass an unlisted one).
READINGS = {
    "per_day_uncapped": "penalty.per_day = one uncapped day's accrual, rounded (instead of what tomorrow adds to "
    "the capped, rounded total)",
    "cancel_after_deadline_cancels": "a promise cancelled after its deadline passed unpaid is `cancelled` "
    "(instead of staying `broken`)",
    "offset_rounded_to_minutes": "as_of_local writes a local-mean-time offset rounded to whole minutes next to "
    "the exact local clock time (instead of the exact offset)",
    "tz_rules_end_2099": "from 2100 on a zone keeps the offset it had at the end of 2099 (no more DST changes) "
    "(instead of following the zone's ongoing rule, as the tz database defines it)",
}


class OracleError(Exception):
    """The error the account must get."""

    def __init__(self, code: str, path: str):
        super().__init__(f"{code} at {path}")
        self.code = code
        self.path = path


# ---------------------------------------------------------------- primitives


def parse_instant(s: str) -> dt.datetime:
    return dt.datetime.fromisoformat(s.replace("Z", "+00:00")).astimezone(UTC)


def parse_date(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


def fmt_instant(t: dt.datetime) -> str:
    return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def fmt_date(d: dt.date) -> str:
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def fmt_local(t: dt.datetime, zone: Zone, round_offset: bool = False) -> str:
    local = zone.local(t)
    off = zone.offset(t)
    secs = int(off.total_seconds())
    if round_offset:
        secs = (secs + 30) // 60 * 60 if secs >= 0 else -((-secs + 30) // 60 * 60)
    sign = "+" if secs >= 0 else "-"
    secs = abs(secs)
    h, rem = divmod(secs, 3600)
    m, s = divmod(rem, 60)
    tail = f"{sign}{h:02d}:{m:02d}" + (f":{s:02d}" if s else "")
    return (
        f"{local.year:04d}-{local.month:02d}-{local.day:02d}T{local.hour:02d}:{local.minute:02d}:{local.second:02d}"
        + tail
    )


# The alternative reading `tz_rules_end_2099`: offsets from 2100 on stay what they were at the end of 2099 (a tz
# table that lists transitions only up to 2099), instead of following the zone's ongoing DST rule.
CUT_2100 = dt.datetime(2100, 1, 1, tzinfo=UTC)


class Zone:
    """An IANA zone; with `frozen` the offset from 2100 on is the one in force at the end of 2099."""

    def __init__(self, name: str, frozen: bool = False):
        self.zi = ZoneInfo(name)
        self.frozen = frozen
        self.fixed = (CUT_2100 - dt.timedelta(seconds=1)).astimezone(self.zi).utcoffset()

    def offset(self, t: dt.datetime) -> dt.timedelta:
        if self.frozen and t >= CUT_2100:
            return self.fixed
        return t.astimezone(self.zi).utcoffset()

    def local(self, t: dt.datetime) -> dt.datetime:
        return (t.astimezone(UTC) + self.offset(t)).replace(tzinfo=None)


def local_date(t: dt.datetime, zone: Zone) -> dt.date:
    return zone.local(t).date()


def day_start(day: dt.date, zone: Zone) -> dt.datetime:
    """The earliest instant whose local date in `zone` is `day`."""
    midnight = dt.datetime(day.year, day.month, day.day)
    if zone.frozen:
        c = (midnight - zone.fixed).replace(tzinfo=UTC)
        if c >= CUT_2100:
            return c
    zone = zone.zi
    cands = []
    for fold in (0, 1):
        c = midnight.replace(tzinfo=zone, fold=fold).astimezone(UTC)
        cands.append(c)
    valid = [c for c in cands if c.astimezone(zone).replace(tzinfo=None) == midnight]
    if valid:
        return min(valid)
    # Midnight is in a gap: the day starts at the end of the gap, the later candidate (PEP 495: fold=0 maps a
    # gap time with the offset before the transition, which lands exactly on the transition instant).
    # A date the zone skipped entirely (Pacific/Apia, 2011-12-30) has no instant at all; the same instant --
    # the end of the gap, where the next existing day starts -- is taken (time.rs `resolve`: a time in a gap
    # "moves to the first existing minute after the gap").
    return max(cands)


def div_round(num: int, den: int, mode: str) -> int:
    """num / den for num >= 0, den > 0, rounded by `mode` (half_even, half_up, down)."""
    q, r = divmod(num, den)
    if mode == "down":
        return q
    if mode == "half_up":
        return q + (1 if 2 * r >= den else 0)
    if mode == "half_even":
        if 2 * r > den or (2 * r == den and q % 2 == 1):
            return q + 1
        return q
    raise ValueError(mode)


def add_months(anchor: dt.date, k: int) -> dt.date:
    """Same day of month k months later, clamped to the month's length (README: Jan 31 -> Feb 28/29 -> Mar 31)."""
    total = anchor.year * 12 + (anchor.month - 1) + k
    y, m = divmod(total, 12)
    m += 1
    nxt = dt.date(y + (m // 12), m % 12 + 1, 1)
    last = (nxt - dt.timedelta(days=1)).day
    return dt.date(y, m, min(anchor.day, last))


# ---------------------------------------------------------------- input limits


def check_amounts(acc: dict) -> None:
    """README Limits: every amount and every total within 0 .. 2^53-1, error at the field that tips it."""

    def running(items):
        total = 0
        for path, v in items:
            if v < 0 or v > MAX_SAFE:
                raise OracleError("account.out_of_range", path)
            total += v
            if total > MAX_SAFE:
                raise OracleError("account.out_of_range", path)

    b = acc["balances"]
    running([(f"/balances/{k}", b[k]) for k in ("principal", "interest", "fees")])
    running([(f"/instalments/{i}/amount", x["amount"]) for i, x in enumerate(acc.get("instalments", []))])
    for i, x in enumerate(acc.get("instalments", [])):
        if "paid" in x:
            running([(f"/instalments/{i}/paid", x["paid"])])
    hist = acc.get("history", {})
    running([(f"/history/payments/{i}/amount", p["amount"]) for i, p in enumerate(hist.get("payments", []))])
    running([(f"/history/promises/{i}/amount", p["amount"]) for i, p in enumerate(hist.get("promises", []))])


# ---------------------------------------------------------------- DPD and arrears


def unpaid_parts(acc: dict, as_of: dt.datetime):
    """[(due, unpaid)] sorted by due date (stable), after allocation."""
    insts = sorted(
        ((parse_date(x["due"]), i, x) for i, x in enumerate(acc.get("instalments", []))), key=lambda t: (t[0], t[1])
    )
    ledger = any("paid" in x for x in acc.get("instalments", []))
    pool = 0
    if not ledger:
        pool = sum(p["amount"] for p in acc.get("history", {}).get("payments", []) if parse_instant(p["at"]) <= as_of)
    out = []
    for due, _, x in insts:
        if ledger:
            settled = x.get("paid", 0)
        else:
            settled = min(pool, x["amount"])
            pool -= settled
        out.append((due, max(x["amount"] - settled, 0)))
    return out


def bucket_for(policy: dict, dpd: int) -> str:
    for b in policy["buckets"]:
        if b.get("max_dpd") is None or dpd <= b["max_dpd"]:
            return b["name"]
    return ""


def arrears(acc: dict, policy: dict, zone: Zone, as_of: dt.datetime):
    today = local_date(as_of, zone)
    tol = policy.get("dpd", {}).get("tolerance", 0)
    overdue = []
    nxt = None
    for due, unpaid in unpaid_parts(acc, as_of):
        if unpaid <= tol:
            continue
        if due < today:
            overdue.append((due, unpaid))
        elif nxt is None:
            nxt = (due, unpaid)
    b = acc["balances"]
    ar = {
        "next_due": fmt_date(nxt[0]) if nxt else None,
        "next_due_amount": nxt[1] if nxt else 0,
        "oldest_unpaid_due": fmt_date(overdue[0][0]) if overdue else None,
        "outstanding": b["principal"] + b["interest"] + b["fees"],
        "overdue_amount": sum(u for _, u in overdue),
        "overdue_instalments": len(overdue),
    }
    dpd = (today - overdue[0][0]).days if overdue else 0
    return dpd, ar, overdue, today


def later_unpaid(acc: dict, policy: dict, zone: Zone, as_of: dt.datetime, today: dt.date):
    """Instalments not yet overdue (due today or later) with anything unpaid: the rest of the contract."""
    return [(due, unpaid) for due, unpaid in unpaid_parts(acc, as_of) if unpaid > 0 and due >= today]


# ---------------------------------------------------------------- promises


def promises(acc: dict, policy: dict, zone: Zone, as_of: dt.datetime, readings=None):
    readings = readings or {}
    grace = policy.get("promises", {}).get("grace_days", 1)
    hist = acc.get("history", {})
    ps = hist.get("promises", [])
    st = []
    for p in ps:
        cancelled = parse_instant(p["cancelled_at"]) if p.get("cancelled_at") else None
        if cancelled is not None and cancelled > as_of:
            cancelled = None
        st.append(
            {
                "made": parse_instant(p["made_at"]),
                "due": parse_date(p["due"]),
                "amount": p["amount"],
                "cancelled": cancelled,
                "deadline": day_start(parse_date(p["due"]) + dt.timedelta(days=grace + 1), zone),
                "paid": 0,
                "kept_at": None,
            }
        )
    order = sorted((i for i in range(len(ps)) if st[i]["made"] <= as_of), key=lambda i: (st[i]["made"], i))
    pays = sorted(
        ((parse_instant(p["at"]), k, p["amount"]) for k, p in enumerate(hist.get("payments", []))),
        key=lambda t: (t[0], t[1]),
    )
    for at, _, amount in pays:
        if at > as_of:
            continue
        left = amount
        for i in order:
            if left <= 0:
                break
            s = st[i]
            is_open = (
                s["made"] <= at  # promise.rs: "made at or before it" (FINDINGS #3, resolved)
                and s["kept_at"] is None
                and at < s["deadline"]
                and not (s["cancelled"] is not None and s["cancelled"] <= at)
            )
            if not is_open:
                continue
            take = min(left, s["amount"] - s["paid"])
            s["paid"] += take
            left -= take
            if s["paid"] >= s["amount"]:
                s["kept_at"] = at
    out = []
    for i, p in enumerate(ps):
        s = st[i]
        if s["made"] > as_of:
            continue
        if s["kept_at"] is not None:
            state, settled = "kept", s["kept_at"]
        elif s["cancelled"] is not None and (
            s["cancelled"] < s["deadline"] or readings.get("cancel_after_deadline_cancels")
        ):
            state, settled = "cancelled", s["cancelled"]
        elif as_of >= s["deadline"]:
            state, settled = "broken", s["deadline"]
        elif s["cancelled"] is not None:
            state, settled = "cancelled", s["cancelled"]
        else:
            state, settled = "pending", None
        out.append(
            {
                "amount": s["amount"],
                "deadline": fmt_instant(s["deadline"]),
                "due": fmt_date(s["due"]),
                "id": p["id"],
                "paid": s["paid"],
                "settled_at": fmt_instant(settled) if settled is not None else None,
                "state": state,
            }
        )
    return out


# ---------------------------------------------------------------- penalty


def terms_for(policy: dict, acc: dict) -> dict:
    pen = policy["offers"]["penalty"]
    preset = policy["jurisdictions"][acc["jurisdiction"]]["preset"]
    rate = pen["annual_rate_bps"]
    if preset in PRESET_MAX_RATE:
        rate = min(rate, PRESET_MAX_RATE[preset])
    cap = pen.get("cap_bps_of_overdue")
    pcap = PRESET_MAX_CAP.get(preset)
    if cap is not None and pcap is not None:
        cap = min(cap, pcap)
    elif cap is None:
        cap = pcap
    return {"annual_rate_bps": rate, "cap_bps_of_overdue": cap, "day_count": pen["day_count"]}


def accrued(items, terms: dict, on: dt.date, rounding: str) -> int:
    basis = 365 if terms["day_count"] == "act/365" else 360
    num = sum(u * terms["annual_rate_bps"] * max((on - due).days, 0) for due, u in items)
    raw = div_round(num, 10_000 * basis, rounding)
    if terms["cap_bps_of_overdue"] is not None:
        raw = min(raw, sum(u for _, u in items) * terms["cap_bps_of_overdue"] // 10_000)
    return raw


def penalty(items, terms: dict, today: dt.date, outstanding: int, rounding: str, readings=None) -> dict:
    basis = 365 if terms["day_count"] == "act/365" else 360
    now = accrued(items, terms, today, rounding)
    # penalty.rs: what tomorrow adds to what is owed, capped and rounded (FINDINGS #2, resolved: the doc now says
    # so; the uncapped one-day accrual is the `per_day_uncapped` reading).
    if (readings or {}).get("per_day_uncapped"):
        per_day = div_round(sum(u for _, u in items) * terms["annual_rate_bps"], 10_000 * basis, rounding)
    else:
        per_day = accrued(items, terms, today + dt.timedelta(days=1), rounding) - now
    projections = []
    for d in (7, 14, 30):
        date = today + dt.timedelta(days=d)
        p = accrued(items, terms, date, rounding)
        projections.append({"date": fmt_date(date), "owed": outstanding + p, "penalty": p})
    view = {"accrued": now, "per_day": per_day, "projections": projections, "terms": terms}
    figures = [now, per_day] + [x for p in projections for x in (p["penalty"], p["owed"])]
    if any(f > MAX_SAFE for f in figures):
        raise OracleError("account.out_of_range", "/instalments")
    return view


# ---------------------------------------------------------------- offers


def split_equal(total: int, n: int):
    """README: 'Instalments always sum exactly to the plan total; a remainder goes to the last payment'."""
    if n <= 0:
        return []
    part = total // n
    return [part] * (n - 1) + [total - part * (n - 1)]


def eligible(rule: dict, bucket: str, band, hardship: bool) -> bool:
    e = rule.get("eligible", {})
    if e.get("hardship") and hardship:
        return True
    buckets, bands = e.get("buckets", []), e.get("bands", [])
    return (not buckets or bucket in buckets) and (not bands or (band is not None and band in bands))


def offers(acc: dict, policy: dict, items, terms: dict, today: dt.date, outstanding: int, regular: int,
           bucket: str = "", band=None, future=()):
    """Offers, as the offers.rs doc comments and README describe them.

    S  Built only when something is overdue (arrears = overdue amount + penalty accrued today > 0).
    S  first = today + first_payment_days; monthly payments fall on add_months(first, k).
    S  pay_in_full: the whole outstanding balance plus penalty accrued, less discount_bps of it, due
       today + valid_days; savings = discount + the penalty doing nothing would add by that date.
    S  pay_arrears: arrears in one payment at `first`; burden adds the regular instalment.
    S  instalments_N: arrears split equally in N monthly payments (remainder last), skipped when a payment is
       below min_payment; savings = penalty avoided until the last payment; burden adds the regular instalment.
    S  deferral_Ww: arrears in one payment W weeks from today, plus the penalty until then unless frozen
       (savings = the penalty avoided); forbearance when frozen and the borrower is in hardship.
    S  restructure: (outstanding + penalty - forgiven) plus simple interest at annual_rate_bps over the new
       term, over (instalments due today or later + extension_months, at least 1) months; forbearance when in
       hardship; savings = forgiven + penalty avoided - interest (>= 0).
    S  token_payment (hardship only): `amount` a month (at most the arrears), as many months as the arrears
       need, at most max_months; the last payment only what remains; forbearance.
    S  monthly_burden = the largest total due in a calendar month (+ the regular instalment where noted);
       affordable = burden <= affordable monthly amount (share of income, or of income - expenses when expenses
       are stated; null without income); expected_recovery = total * uptake_bps / 10,000.
    S  Eligibility (pay_in_full and restructure `eligible`): in a listed bucket (none listed: any) and with a
       listed score band (none listed: any; no score: not eligible) -- or in hardship when `hardship` is set.
    S  The contract = max(penalty now + every unpaid instalment (overdue and later), outstanding + penalty now).
       What the borrower pays over the debt's life: pay_in_full and restructure replace the contract; every
       other offer leaves it running -- the later instalments at their dates, the contract's excess over the
       schedule at the last of them (today when none is left) and, for a plan below the arrears (token), the
       rest of the arrears at its last payment. gives_up = max(contract - all that, 0).
    S  Worth today: amount * 3,650,000 / (3,650,000 + cost_of_funds_bps * days from today), rounded by
       offers.rounding per payment; net_recovery = (sum worth today) * uptake / 10,000, offers.rounding.
    S  approval: share = ceil(gives_up * 10,000 / contract); auto when share <= approval.auto_bps and not a
       restructure, agent when <= approval.agent_bps, otherwise supervisor.
    S  Ranked: forbearance first for hardship, then affordable (true, null, false), then net recovery
       (highest first), then id. Unaffordable ones dropped when drop_unaffordable.
    A  The score band is an input (`band`, taken from Dunwell's decision): scoring is outside this oracle.
    A  Percentages of money that reduce what the borrower owes (discount, forgiveness) and the affordable
       amount are rounded down (never promise more than the share); penalty, restructure interest and
       expected recovery use offers.rounding.
    A  The regular instalment added to the burden is the arrears' next_due_amount.
    A  An offer figure past 2^53-1 is `account.out_of_range` at `/balances` for pay_in_full and restructure (built
       on the balances) and `/instalments` for the others (built on the overdue instalments).
    """
    rules = policy["offers"]
    r = rules.get("rounding", "half_even")
    pen_now = accrued(items, terms, today, r)
    arrears_amt = sum(u for _, u in items) + pen_now
    if arrears_amt == 0:
        return []
    hardship = bool(acc.get("flags", {}).get("hardship", False))
    first = today + dt.timedelta(days=rules.get("first_payment_days", 7))

    def avoided(until):
        return accrued(items, terms, until, r) - pen_now

    out = []

    def push(oid, kind, schedule, savings, extra, forbearance):
        total = sum(a for _, a in schedule)
        months = {}
        for d, a in schedule:
            months[(d.year, d.month)] = months.get((d.year, d.month), 0) + a
        burden = (max(months.values()) if months else 0) + extra
        out.append(
            {
                "id": oid,
                "kind": kind,
                "schedule": [{"amount": a, "due": fmt_date(d)} for d, a in schedule],
                "total": total,
                "monthly_burden": burden,
                "savings": max(savings, 0),
                "affordable": None,
                "forbearance": forbearance,
                "expected_recovery": 0,
                "gives_up": 0,
                "net_recovery": 0,
                "approval": "auto",
            }
        )

    def monthly(parts):
        sched = [(add_months(first, k), a) for k, a in enumerate(parts)]
        return sched, (sched[-1][0] if sched else first)

    if rules.get("pay_in_full") and eligible(rules["pay_in_full"], bucket, band, hardship):
        p = rules["pay_in_full"]
        owed = outstanding + pen_now
        discount = owed * p["discount_bps"] // 10_000
        due = today + dt.timedelta(days=p["valid_days"])
        push("pay_in_full", "pay_in_full", [(due, owed - discount)], discount + avoided(due), 0, False)
    push("pay_arrears", "pay_arrears", [(first, arrears_amt)], avoided(first), regular, False)
    inst = rules.get("instalments", {})
    for n in inst.get("months", []):
        parts = split_equal(arrears_amt, n)
        if parts and parts[0] < inst.get("min_payment", 0):
            continue
        sched, last = monthly(parts)
        push(f"instalments_{n}", "instalments", sched, avoided(last), regular, False)
    if rules.get("deferral"):
        d = rules["deferral"]
        for w in d["weeks"]:
            due = today + dt.timedelta(weeks=w)
            added = 0 if d["freeze_penalty"] else avoided(due)
            push(f"deferral_{w}w", "deferral", [(due, arrears_amt + added)], avoided(due) - added, 0,
                 d["freeze_penalty"] and hardship)
    if rules.get("restructure") and eligible(rules["restructure"], bucket, band, hardship):
        rs = rules["restructure"]
        base = outstanding + pen_now
        forgiven = base * rs["forgiveness_bps"] // 10_000
        remaining = sum(1 for x in acc.get("instalments", []) if parse_date(x["due"]) >= today)
        months = max(remaining + rs["extension_months"], 1)
        interest = div_round((base - forgiven) * rs["annual_rate_bps"] * months, 12 * 10_000, r)
        sched, last = monthly(split_equal(base - forgiven + interest, months))
        push("restructure", "restructure", sched, forgiven + avoided(last) - interest, 0, hardship)
    if hardship and rules.get("token_payment"):
        t = rules["token_payment"]
        token = max(min(t["amount"], arrears_amt), 1)
        n = min(-(-arrears_amt // token), t["max_months"])
        sched = [(add_months(first, k), min(token, arrears_amt - token * k)) for k in range(n)]
        last = sched[-1][0] if sched else first
        push("token_payment", "token_payment", sched, avoided(last), 0, True)

    b = acc["borrower"]
    aff = rules.get("affordability", {})
    afford = None
    if b.get("monthly_income") is not None:
        inc = b["monthly_income"]
        if b.get("monthly_expenses") is not None:
            afford = max(inc - b["monthly_expenses"], 0) * aff.get("share_of_disposable_bps", 0) // 10_000
        else:
            afford = inc * aff.get("share_of_income_bps", 0) // 10_000
    uptake = rules.get("uptake", {})
    contract = max(pen_now + sum(u for _, u in items) + sum(u for _, u in future), outstanding + pen_now)
    excess = contract - (pen_now + sum(u for _, u in items) + sum(u for _, u in future))
    maturity = max((d for d, _ in future), default=today)
    cost = rules.get("cost_of_funds_bps", 1000)

    def worth(due, amount):
        return div_round(amount * 3_650_000, 3_650_000 + cost * max((due - today).days, 0), r)

    appr = rules.get("approval", {})
    for o in out:
        o["affordable"] = None if afford is None else o["monthly_burden"] <= afford
        o["expected_recovery"] = div_round(o["total"] * uptake.get(o["kind"], 0), 10_000, r)
        flows = [(parse_date(p["due"]), p["amount"]) for p in o["schedule"]]
        if o["kind"] not in ("pay_in_full", "restructure"):
            flows += list(future) + [(maturity, excess)]
            last = flows[len(o["schedule"]) - 1][0] if o["schedule"] else today
            flows.append((last, max(arrears_amt - o["total"], 0)))
        o["gives_up"] = max(contract - sum(a for _, a in flows), 0)
        o["net_recovery"] = div_round(sum(worth(d, a) for d, a in flows) * uptake.get(o["kind"], 0), 10_000, r)
        share = -(-o["gives_up"] * 10_000 // max(contract, 1))
        if share <= appr.get("auto_bps", 500) and o["kind"] != "restructure":
            o["approval"] = "auto"
        elif share <= appr.get("agent_bps", 1500):
            o["approval"] = "agent"
        else:
            o["approval"] = "supervisor"
    if aff.get("drop_unaffordable"):
        out = [o for o in out if o["affordable"] is not False]
    rank = {True: 0, None: 1, False: 2}
    out.sort(key=lambda o: (not (hardship and o["forbearance"]), rank[o["affordable"]], -o["net_recovery"], o["id"]))
    for o in out:
        figs = [o["total"], o["monthly_burden"], o["savings"], o["expected_recovery"], o["gives_up"],
                o["net_recovery"]] + [
            p["amount"] for p in o["schedule"]
        ]
        if any(f < 0 or f > MAX_SAFE for f in figs):
            raise OracleError("account.out_of_range", "/balances" if o["kind"] in ("pay_in_full", "restructure") else "/instalments")
    return out


# ---------------------------------------------------------------- the decision parts


def decide(acc: dict, as_of_text: str, policy: dict, readings=None, band=None) -> dict:
    """{"ok": {...covered fields...}} or {"error": {"code", "path"}} (path relative to the account).

    `readings` switches on alternative readings (names in READINGS); the default is the oracle's reading."""
    readings = readings or {}
    try:
        check_amounts(acc)
        as_of = parse_instant(as_of_text)
        zone = Zone(acc["borrower"]["time_zone"], frozen=bool(readings.get("tz_rules_end_2099")))
        dpd, ar, items, today = arrears(acc, policy, zone, as_of)
        # decision.rs: an account owing more in arrears than in total is a broken ledger.
        if ar["overdue_amount"] > ar["outstanding"]:
            raise OracleError("account.inconsistent", "/balances")
        out = {
            "account_id": acc["id"],
            "as_of_local": fmt_local(as_of, zone, bool(readings.get("offset_rounded_to_minutes"))),
            "dpd": dpd,
            "bucket": bucket_for(policy, dpd),
            "arrears": ar,
            "promises": promises(acc, policy, zone, as_of, readings),
            "penalty": None,
            "offers": [],
        }
        if items:
            terms = terms_for(policy, acc)
            r = policy["offers"].get("rounding", "half_even")
            out["penalty"] = penalty(items, terms, today, ar["outstanding"], r, readings)
            out["offers"] = offers(acc, policy, items, terms, today, ar["outstanding"], ar["next_due_amount"],
                                   out["bucket"], band, later_unpaid(acc, policy, zone, as_of, today))
        return {"ok": out}
    except OracleError as e:
        return {"error": {"code": e.code, "path": e.path}}
