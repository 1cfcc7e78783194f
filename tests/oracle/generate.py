"""Accounts for the oracle comparison (issue 22): deterministic (fixed seed), standard library only.

Writes JSON lines `{"policy": NAME, "as_of": T, "account": {...}}` -- the runner groups them by (policy, as_of)
and decides each group with one `dunwell decide` batch.

Edges covered on purpose:
  * money: totals exactly 2^53-1, one minor unit under, and one over (balances, instalments, payments, promises:
    the last must be `account.out_of_range` at the tipping field); negative amounts (out of range); zero and
    partial payments; ledger (`paid`) accounts; tolerance-sized technical arrears (alt policy);
    huge overdue amounts over decades (penalty past 2^53-1 -> out of range).
  * time: as_of on every weekday; years 1900 to 2999 (the accepted window) including 1900-01-01 (local date
    1899-12-31 west of Greenwich, and local mean time offsets) and 2999-12-31T23:59:59Z; as_of on, one second
    before and one second after DST transitions of many zones (America/New_York, Europe/London,
    Australia/Lord_Howe, Asia/Shanghai (1986-1991 DST), Pacific/Apia, America/Havana and America/Santiago
    (midnight changes), Europe/Dublin (negative DST), Pacific/Chatham, Asia/Kathmandu, ...); as_of one second
    either side of local midnight; instalment and promise due dates on DST days.
  * DPD: 0, 1, the bucket edges (30/31, 60/61, 90/91), thousands, and ~400,000 (1900 -> 2999).
  * promises: kept, partly paid, broken, cancelled (before and after the deadline), made after as_of, payments one
    second either side of the deadline and at the very instant the promise was made.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from zoneinfo import ZoneInfo

MAX = 2**53 - 1
UTC = dt.timezone.utc
LO = dt.datetime(1900, 1, 1, tzinfo=UTC)
HI = dt.datetime(2999, 12, 31, 23, 59, 59, tzinfo=UTC)
DLO = dt.date(1900, 1, 1)
DHI = dt.date(2999, 12, 31)

ZONES = [
    "America/New_York", "Europe/London", "Australia/Lord_Howe", "Asia/Shanghai", "Pacific/Apia",
    "America/Havana", "America/Santiago", "Europe/Dublin", "Pacific/Chatham", "Asia/Kathmandu",
    "America/St_Johns", "Asia/Kolkata", "Pacific/Kiritimati", "Pacific/Pago_Pago", "America/Los_Angeles",
    "Europe/Berlin", "Africa/Casablanca", "Asia/Tehran", "America/Sao_Paulo", "UTC",
]
DST_ZONES = ["America/New_York", "Europe/London", "Australia/Lord_Howe", "Asia/Shanghai", "Pacific/Apia",
             "America/Havana", "America/Santiago", "Europe/Dublin", "Pacific/Chatham", "America/St_Johns",
             "Europe/Berlin", "America/Sao_Paulo", "Africa/Casablanca", "Asia/Tehran", "America/Los_Angeles"]
JUR = {"US": "USD", "CN": "CNY", "GB": "GBP"}


def iso(t: dt.datetime) -> str:
    return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def iso_off(t: dt.datetime, rng: random.Random) -> str:
    """An instant, sometimes written with a non-UTC whole-hour offset."""
    if rng.random() < 0.8:
        return iso(t)
    h = rng.choice([-8, -5, 1, 8, 10, 14])
    return t.astimezone(dt.timezone(dt.timedelta(hours=h))).isoformat()


def dstr(d: dt.date) -> str:
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def clamp_d(d: dt.date) -> dt.date:
    return min(max(d, DLO), DHI)


def clamp_t(t: dt.datetime) -> dt.datetime:
    return min(max(t, LO), HI)


def add_days(d: dt.date, n: int) -> dt.date:
    try:
        return clamp_d(d + dt.timedelta(days=n))
    except OverflowError:
        return DLO if n < 0 else DHI


def add_t(t: dt.datetime, **kw) -> dt.datetime:
    try:
        return clamp_t(t + dt.timedelta(**kw))
    except OverflowError:
        return HI if sum(kw.values()) > 0 else LO


def transitions(zone: str, year: int):
    """Instants in `year` where the zone's UTC offset changes (to the second)."""
    z = ZoneInfo(zone)
    out = []
    t = dt.datetime(year, 1, 1, tzinfo=UTC)
    end = dt.datetime(year + 1, 1, 1, tzinfo=UTC) if year < 2999 else HI
    step = dt.timedelta(hours=6)
    prev = t.astimezone(z).utcoffset()
    while t < end:
        n = min(t + step, end)
        off = n.astimezone(z).utcoffset()
        if off != prev:
            lo, hi = t, n  # offset(lo) == prev, offset(hi) == off
            while hi - lo > dt.timedelta(seconds=1):
                mid = lo + (hi - lo) / 2
                mid = mid.replace(microsecond=0)
                if mid.astimezone(z).utcoffset() == prev:
                    lo = mid
                else:
                    hi = mid
            out.append(hi)
            prev = off
        t = n
    return out


def as_of_pool(rng: random.Random):
    """(as_of, preferred zone or None)."""
    pool = [
        (dt.datetime(1900, 1, 1, 0, 0, 0, tzinfo=UTC), "America/New_York"),
        (dt.datetime(1900, 1, 1, 12, 0, 0, tzinfo=UTC), "Asia/Shanghai"),
        (dt.datetime(1900, 3, 1, 3, 0, 0, tzinfo=UTC), None),
        (dt.datetime(2999, 12, 31, 23, 59, 59, tzinfo=UTC), "Pacific/Kiritimati"),
        (dt.datetime(2999, 12, 31, 9, 0, 0, tzinfo=UTC), None),
        (dt.datetime(2026, 11, 28, 9, 0, 0, tzinfo=UTC), None),
        (dt.datetime(2028, 2, 29, 12, 0, 0, tzinfo=UTC), None),
    ]
    # Every weekday, in years across the window.
    for wd in range(7):
        for _ in range(3):
            y = rng.randint(1900, 2999)
            d = dt.date(y, rng.randint(1, 12), rng.randint(1, 28))
            d += dt.timedelta(days=(wd - d.weekday()) % 7)
            d = clamp_d(d)
            pool.append((clamp_t(dt.datetime(d.year, d.month, d.day, rng.randint(0, 23), rng.randint(0, 59),
                                             rng.randint(0, 59), tzinfo=UTC)), None))
    # DST transitions: on, one second before, one second after.
    years = {
        "Asia/Shanghai": [1986, 1988, 1991], "Pacific/Apia": [2011, 2012, 2020], "America/Havana": [2026, 2150],
        "America/Santiago": [2026, 2400], "America/Sao_Paulo": [2017, 2018], "Africa/Casablanca": [2026, 2030],
        "Asia/Tehran": [2021, 2022],
    }
    for zone in DST_ZONES:
        for y in years.get(zone, [rng.choice([1950, 1975, 2026, 2060, 2099, 2100, 2500, 2999])]):
            ts = transitions(zone, y)
            if not ts:
                continue
            t = rng.choice(ts)
            for delta in (-1, 0, 1):
                pool.append((clamp_t(t + dt.timedelta(seconds=delta)), zone))
    # One second either side of local midnight.
    for zone in ["Asia/Kathmandu", "Pacific/Chatham", "America/St_Johns", "Australia/Lord_Howe", "Pacific/Pago_Pago"]:
        d = dt.date(rng.randint(1950, 2990), rng.randint(1, 12), rng.randint(1, 28))
        mid = dt.datetime(d.year, d.month, d.day, tzinfo=ZoneInfo(zone)).astimezone(UTC)
        pool.append((mid - dt.timedelta(seconds=1), zone))
        pool.append((mid, zone))
    return pool


def money_parts(rng: random.Random, total: int, n: int):
    """n non-negative parts summing to total (n >= 1)."""
    if n == 1:
        return [total]
    cuts = sorted(rng.randint(0, total) for _ in range(n - 1))
    return [b - a for a, b in zip([0] + cuts, cuts + [total])]


def account(rng: random.Random, k: int, as_of: dt.datetime, pref_zone):
    jur = rng.choice(list(JUR))
    zone = pref_zone if pref_zone and rng.random() < 0.75 else rng.choice(ZONES)
    z = ZoneInfo(zone)
    today = as_of.astimezone(z).date()
    mode = rng.choices(
        ["normal", "dpd_edge", "huge", "over", "negative", "ancient"], weights=[70, 12, 8, 5, 2, 3]
    )[0]
    acc = {
        "id": f"OR-{k:05d}",
        "jurisdiction": jur,
        "currency": JUR[jur],
        "balances": {"principal": rng.randint(0, 5_000_000), "interest": rng.randint(0, 200_000),
                     "fees": rng.choice([0, 0, rng.randint(0, 50_000)])},
        "instalments": [],
        "borrower": {"name": "Oracle Test", "time_zone": zone},
    }
    # Instalments.
    n = rng.choices([0, 1, 2, 3, 4, 6, 8, 12], weights=[4, 20, 15, 15, 12, 12, 10, 6])[0]
    if mode == "ancient":
        dues = [add_days(DLO, rng.randint(0, 40)) for _ in range(max(n, 1))]
    elif mode == "dpd_edge":
        edge = rng.choice([0, 1, 29, 30, 31, 59, 60, 61, 89, 90, 91, 1000, 3652, 9999])
        first = add_days(today, -edge)
        dues = [first] + [add_days(first, 30 * (i + 1) + rng.randint(-2, 2)) for i in range(n)]
    else:
        span = rng.choice([10, 120, 400, 3000, 9000])
        start = add_days(today, -rng.randint(0, span))
        dues = []
        d = start
        for _ in range(n):
            dues.append(d)
            d = add_days(d, rng.choice([28, 30, 31, 7, 14, 1, 0]))
    # Some due dates on the zone's DST days, and a few equal to today / tomorrow.
    for i in range(len(dues)):
        r = rng.random()
        if r < 0.05:
            dues[i] = today
        elif r < 0.08:
            dues[i] = add_days(today, 1)
        elif r < 0.11:
            dues[i] = add_days(today, -1)
    dues = [clamp_d(d) for d in dues]
    amounts = [rng.choice([rng.randint(1, 200_000), rng.randint(100, 20_000), 100_000]) for _ in dues]
    if mode == "huge":
        target = rng.choice([MAX, MAX, MAX - 1, MAX - 1000, MAX // 2, MAX // 3, MAX // 10])
        amounts = money_parts(rng, target, len(dues))
        acc["balances"] = {"principal": target, "interest": 0, "fees": 0}
        r = rng.random()
        if r < 0.4:
            acc["balances"] = {"principal": rng.randint(0, 10**9), "interest": 0, "fees": 0}
        elif r < 0.7:
            parts = money_parts(rng, MAX - rng.choice([0, 1]), 3)
            acc["balances"] = dict(zip(["principal", "interest", "fees"], parts))
    rng.shuffle(idx := list(range(len(dues))))
    acc["instalments"] = [{"due": dstr(dues[i]), "amount": amounts[i]} for i in idx]
    ledger = rng.random() < 0.15 and acc["instalments"]
    if ledger:
        for x in acc["instalments"]:
            if rng.random() < 0.7:
                x["paid"] = rng.choice([0, x["amount"], rng.randint(0, x["amount"])])
    # Payments.
    hist = {}
    pays = []
    np_ = rng.choices([0, 1, 2, 3, 5], weights=[25, 30, 20, 15, 10])[0]
    total_inst = sum(amounts)
    for _ in range(np_):
        when = rng.random()
        if when < 0.05:
            at = as_of
        elif when < 0.1:
            at = add_t(as_of, seconds=1)
        elif when < 0.2:
            at = add_t(as_of, days=rng.randint(1, 40))
        else:
            at = add_t(as_of, seconds=-rng.randint(1, 86400 * rng.choice([2, 40, 400])))
        amt = rng.choice([0, rng.randint(1, 50_000), amounts[0] if amounts else 1000,
                          (amounts[0] // 2) if amounts else 500, rng.randint(0, max(total_inst, 1))])
        pays.append({"at": iso_off(at, rng), "amount": min(amt, MAX)})
    # Promises.
    proms = []
    npr = rng.choices([0, 1, 2, 3, 4], weights=[40, 25, 15, 12, 8])[0]
    for j in range(npr):
        made = add_t(as_of, seconds=-rng.randint(-86400 * 3, 86400 * 50))
        made_local = made.astimezone(z).date()
        due = add_days(made_local, rng.randint(0, 20))
        p = {"id": f"P{j}", "made_at": iso_off(made, rng), "due": dstr(due),
             "amount": rng.choice([rng.randint(1, 100_000), 10_000, 30_000])}
        if rng.random() < 0.2:
            p["cancelled_at"] = iso(add_t(made, seconds=rng.randint(60, 86400 * 25)))
        proms.append(p)
        # Payments aimed at the promise's boundaries.
        r = rng.random()
        grace = 1
        deadline = None
        dd = add_days(due, grace + 1)
        try:
            deadline = dt.datetime(dd.year, dd.month, dd.day, tzinfo=z).astimezone(UTC)
        except (OverflowError, ValueError):
            deadline = None
        if r < 0.15 and deadline is not None:
            pays.append({"at": iso(clamp_t(deadline + dt.timedelta(seconds=rng.choice([-1, 0, 1])))),
                         "amount": p["amount"]})
        elif r < 0.22:
            pays.append({"at": iso(made), "amount": p["amount"]})
        elif r < 0.45:
            pays.append({"at": iso(add_t(made, seconds=rng.randint(1, 86400 * 10))),
                         "amount": rng.choice([p["amount"], p["amount"] // 2, p["amount"] * 2])})
    if mode == "over":
        which = rng.choice(["balances", "instalments", "payments", "promises"])
        if which == "balances":
            acc["balances"] = {"principal": MAX, "interest": rng.choice([0, 1]), "fees": 1}
        elif which == "instalments" and acc["instalments"]:
            parts = money_parts(rng, MAX + 1, len(acc["instalments"]) + 1)
            parts[0] = max(parts[0], 1)
            for x, a in zip(acc["instalments"], parts[1:]):
                x["amount"] = min(a, MAX)
                x.pop("paid", None)
            acc["instalments"].append({"due": dstr(clamp_d(today)), "amount": min(MAX, MAX + 1 - sum(
                x["amount"] for x in acc["instalments"]))})
        elif which == "payments":
            pays.append({"at": iso(add_t(as_of, days=-3)), "amount": MAX})
            pays.append({"at": iso(add_t(as_of, days=-2)), "amount": rng.choice([1, MAX])})
        else:
            proms.append({"id": "PX", "made_at": iso(add_t(as_of, days=-5)), "due": dstr(clamp_d(today)), "amount": MAX})
            proms.append({"id": "PY", "made_at": iso(add_t(as_of, days=-4)), "due": dstr(clamp_d(today)), "amount": 1})
    if mode == "negative":
        target = rng.choice(["payment", "instalment", "interest"])
        if target == "payment":
            pays.append({"at": iso(add_t(as_of, days=-1)), "amount": -rng.randint(1, 1000)})
        elif target == "instalment" and acc["instalments"]:
            acc["instalments"][0]["amount"] = -1
        else:
            acc["balances"]["interest"] = -1
    if pays:
        rng.shuffle(pays)
        hist["payments"] = pays
    if proms:
        hist["promises"] = proms
    if hist:
        acc["history"] = hist
    if rng.random() < 0.25:
        acc["flags"] = {"hardship": True}
    if rng.random() < 0.4:
        acc["borrower"]["monthly_income"] = rng.randint(0, 2_000_000)
        if rng.random() < 0.5:
            acc["borrower"]["monthly_expenses"] = rng.randint(0, 2_000_000)
    return acc


def accounts(count: int, seed: int):
    """(policy name, as_of text, account) for `count` accounts, deterministic for a seed."""
    rng = random.Random(seed)
    pool = as_of_pool(rng)
    for k in range(count):
        as_of, zone = pool[k % len(pool)]
        # One policy per as_of, so each (policy, as_of) batch is one CLI run: a third of them use the alt policy.
        policy = "alt" if (k % len(pool)) % 3 == 1 else "default"
        yield policy, iso(as_of), account(rng, k, as_of, zone)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=22)
    a = ap.parse_args()
    for policy, as_of, acc in accounts(a.count, a.seed):
        sys.stdout.write(json.dumps({"policy": policy, "as_of": as_of, "account": acc}, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
