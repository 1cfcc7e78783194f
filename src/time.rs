//! Instants, calendar dates and time zones: the only notion of time the core has.
//!
//! There is no clock here: every "now" is the caller's `as_of`. Zones come from the IANA database compiled
//! into the module by `chrono-tz`, so a DST rule gives the same answer in the browser and on the server.

use crate::error::ErrorKind;
use chrono::{
    DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, SecondsFormat, TimeZone, Utc,
};
use chrono_tz::Tz;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// The tz database version compiled into this module (e.g. `2025b`).
pub const TZDB_VERSION: &str = chrono_tz::IANA_TZDB_VERSION;

/// The first and last calendar years the core accepts, in every date and instant of every document.
///
/// Why a window: every span the core adds (a policy's days, weeks and months, a reply's "in N days", a
/// restructure's term) is bounded by validation, and this window keeps `date + span` far inside chrono's
/// range and inside the four-digit years that RFC 3339 and `YYYY-MM-DD` can write. Without it a date near
/// 9999-12-31 plus a 30-day projection either traps (overflow) or is written as an earlier year. A loan
/// outside 1900–2999 is a data error, so it is rejected with the field's path instead of decided wrongly.
pub const FIRST_YEAR: i32 = 1900;
/// See [`FIRST_YEAR`].
pub const LAST_YEAR: i32 = 2999;

/// `value` is the text as written; the message is built only when the year is out of range (this runs for
/// every date and instant of every account).
fn year_in_window(year: i32, value: &str) -> Result<(), String> {
    if (FIRST_YEAR..=LAST_YEAR).contains(&year) {
        Ok(())
    } else {
        Err(format!(
            "`{value}` is outside the supported years {FIRST_YEAR}–{LAST_YEAR}"
        ))
    }
}

/// An exact moment, read from RFC 3339 with an explicit offset and kept in UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Instant(pub DateTime<Utc>);

impl Instant {
    /// Parses RFC 3339 (`2026-11-28T09:00:00Z`, `2026-11-28T17:00:00+08:00`).
    ///
    /// # Errors
    /// A message naming the value when it is not RFC 3339 with an offset.
    pub fn parse(s: &str) -> Result<Instant, String> {
        DateTime::parse_from_rfc3339(s)
            .map(|d| Instant(d.with_timezone(&Utc)))
            .map_err(|e| format!("`{s}` is not an RFC 3339 instant with an offset ({e})"))
    }

    /// [`Instant::parse`], and within the supported years ([`FIRST_YEAR`]–[`LAST_YEAR`], in UTC): how every
    /// instant of every input document is read.
    ///
    /// # Errors
    /// A message naming the value.
    pub fn parse_input(s: &str) -> Result<Instant, String> {
        let t = Instant::parse(s)?;
        year_in_window(t.0.year(), s)?;
        Ok(t)
    }

    /// UTC text, seconds precision unless the input had sub-seconds.
    pub fn to_utc_string(self) -> String {
        self.0.to_rfc3339_opts(SecondsFormat::AutoSi, true)
    }

    /// The same moment written in `zone`'s local offset.
    pub fn to_local_string(self, zone: Zone) -> String {
        // `+00:00`, never `Z`: a local time names its offset even in London in winter.
        self.0
            .with_timezone(&zone.0)
            .to_rfc3339_opts(SecondsFormat::AutoSi, false)
    }

    /// The calendar date at this moment in `zone`.
    pub fn local_date(self, zone: Zone) -> NaiveDate {
        self.0.with_timezone(&zone.0).date_naive()
    }

    /// The wall-clock time at this moment in `zone`.
    pub fn local_datetime(self, zone: Zone) -> NaiveDateTime {
        self.0.with_timezone(&zone.0).naive_local()
    }

    /// This instant plus `d`.
    #[must_use]
    pub fn plus(self, d: Duration) -> Instant {
        Instant(self.0 + d)
    }
}

impl fmt::Display for Instant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_utc_string())
    }
}

impl Serialize for Instant {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_utc_string())
    }
}

impl<'de> Deserialize<'de> for Instant {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::json::from_str_with(d, Instant::parse_input, ErrorKind::BadInstant)
    }
}

/// A calendar date `YYYY-MM-DD` (due dates, promise dates, holidays).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

impl Date {
    /// Parses `YYYY-MM-DD` strictly (the date must exist: `2025-02-29` does not).
    ///
    /// # Errors
    /// A message naming the value.
    pub fn parse(s: &str) -> Result<Date, String> {
        // By hand rather than chrono's format parser: dates are the most frequent value in an account.
        let b = s.as_bytes();
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            b.get(r)?
                .iter()
                .try_fold(0u32, |n, c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
        };
        let shape_ok = b.len() == 10 && b.get(4) == Some(&b'-') && b.get(7) == Some(&b'-');
        match (shape_ok, digits(0..4), digits(5..7), digits(8..10)) {
            (true, Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y as i32, m, d)
                .map(Date)
                .ok_or_else(|| format!("`{s}` is not an existing date in the form YYYY-MM-DD")),
            _ => Err(format!("`{s}` is not a date in the form YYYY-MM-DD")),
        }
    }
}

impl Date {
    /// [`Date::parse`], and within the supported years ([`FIRST_YEAR`]–[`LAST_YEAR`]): how every date of
    /// every input document is read. (Dates the core computes may pass the window; they are never re-read.)
    ///
    /// # Errors
    /// A message naming the value.
    pub fn parse_input(s: &str) -> Result<Date, String> {
        let d = Date::parse(s)?;
        year_in_window(d.0.year(), s)?;
        Ok(d)
    }

    /// `YYYY-MM-DD` written by hand: dates are the most frequent value in decisions (offer schedules), and
    /// chrono's format-string machinery cost a third of a decision's instructions.
    fn ymd(self) -> [u8; 10] {
        let (y, m, d) = (self.0.year().clamp(0, 9999) as u32, self.0.month(), self.0.day());
        let digit = |n: u32| b'0' + (n % 10) as u8;
        [
            digit(y / 1000),
            digit(y / 100),
            digit(y / 10),
            digit(y),
            b'-',
            digit(m / 10),
            digit(m),
            b'-',
            digit(d / 10),
            digit(d),
        ]
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let b = self.ymd();
        f.write_str(std::str::from_utf8(&b).unwrap_or("0000-00-00"))
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let b = self.ymd();
        s.serialize_str(std::str::from_utf8(&b).unwrap_or("0000-00-00"))
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::json::from_str_with(d, Date::parse_input, ErrorKind::BadDate)
    }
}

/// An IANA time zone from the compiled tz database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Zone(pub Tz);

impl Zone {
    /// Looks a zone up by its IANA name (case-sensitive, as the database spells it).
    ///
    /// # Errors
    /// A message naming the value.
    pub fn parse(s: &str) -> Result<Zone, String> {
        s.parse::<Tz>()
            .map(Zone)
            .map_err(|_| format!("unknown time zone `{s}`"))
    }

    /// The instant a local wall-clock time denotes. A time inside a DST gap does not exist: it moves to the
    /// first existing minute after the gap. A time inside a fold exists twice: the earlier one is taken, so an
    /// action never happens twice.
    pub fn resolve(self, local: NaiveDateTime) -> Instant {
        match self.0.from_local_datetime(&local) {
            LocalResult::Single(t) => Instant(t.with_timezone(&Utc)),
            LocalResult::Ambiguous(a, _) => Instant(a.with_timezone(&Utc)),
            LocalResult::None => {
                // Gaps are at most a few hours and start on a minute boundary.
                let mut probe = local;
                for _ in 0..(26 * 60) {
                    probe += Duration::minutes(1);
                    if let Some(t) = self.0.from_local_datetime(&probe).earliest() {
                        return Instant(t.with_timezone(&Utc));
                    }
                }
                // Unreachable for real zones; fall back to reading the wall time as UTC.
                Instant(Utc.from_utc_datetime(&local))
            }
        }
    }

    /// The first instant of a local calendar day.
    pub fn day_start(self, date: NaiveDate) -> Instant {
        self.resolve(date.and_time(NaiveTime::MIN))
    }

    /// The zone's IANA name.
    pub fn name(self) -> &'static str {
        self.0.name()
    }
}

impl Serialize for Zone {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Zone {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::json::from_str_with(d, Zone::parse, ErrorKind::BadTimeZone)
    }
}

/// A local wall-clock time `HH:MM` (contact windows, step times, inconvenient times).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LocalTime(pub NaiveTime);

impl LocalTime {
    /// Parses `HH:MM` (00:00–23:59; `24:00` means the end of the day).
    ///
    /// # Errors
    /// A message naming the value.
    pub fn parse(s: &str) -> Result<LocalTime, String> {
        if s == "24:00" {
            return Ok(LocalTime(NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN)));
        }
        let b = s.as_bytes();
        let two = |i: usize| -> Option<u32> {
            let (a, c) = (*b.get(i)?, *b.get(i + 1)?);
            (a.is_ascii_digit() && c.is_ascii_digit()).then(|| u32::from(a - b'0') * 10 + u32::from(c - b'0'))
        };
        match (b.len() == 5 && b.get(2) == Some(&b':'), two(0), two(3)) {
            (true, Some(h), Some(m)) => NaiveTime::from_hms_opt(h, m, 0).map(LocalTime),
            _ => None,
        }
        .ok_or_else(|| format!("`{s}` is not a local time in the form HH:MM"))
    }
}

impl fmt::Display for LocalTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%H:%M"))
    }
}

impl Serialize for LocalTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for LocalTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::json::from_str_with(d, LocalTime::parse, ErrorKind::BadValue)
    }
}

/// JSON Schemas (`--features schema`): what the hand-written serde impls above accept.
#[cfg(feature = "schema")]
mod schema {
    use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
    use std::borrow::Cow;

    impl JsonSchema for super::Instant {
        fn schema_name() -> Cow<'static, str> {
            "Instant".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "type": "string", "format": "date-time",
                "description": "An instant, RFC 3339 with an offset (`2026-11-28T09:00:00Z`); written in UTC."
            })
        }
    }

    impl JsonSchema for super::Date {
        fn schema_name() -> Cow<'static, str> {
            "Date".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
                "description": "A calendar date `YYYY-MM-DD` that exists."
            })
        }
    }

    impl JsonSchema for super::Zone {
        fn schema_name() -> Cow<'static, str> {
            "Zone".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "type": "string", "minLength": 1,
                "description": "An IANA time zone name from the module's tz database, e.g. `Asia/Shanghai`."
            })
        }
    }

    impl JsonSchema for super::LocalTime {
        fn schema_name() -> Cow<'static, str> {
            "LocalTime".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "type": "string", "pattern": "^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$",
                "description": "A local wall-clock time `HH:MM` (`24:00` is the end of the day)."
            })
        }
    }
}

/// Whole days from `a` to `b` (negative when `b` is earlier).
pub fn days_between(a: NaiveDate, b: NaiveDate) -> i64 {
    (b - a).num_days()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn z(name: &str) -> Zone {
        Zone::parse(name).unwrap_or(Zone(Tz::UTC))
    }

    #[test]
    fn instants_normalise_to_utc() {
        let i = Instant::parse("2026-11-28T17:00:00+08:00").map_err(|e| e.to_string());
        assert_eq!(i.map(|i| i.to_utc_string()), Ok("2026-11-28T09:00:00Z".to_string()));
        assert!(
            Instant::parse("2026-11-28T17:00:00").is_err(),
            "an instant needs an offset"
        );
    }

    #[test]
    fn dates_and_instants_outside_the_window_are_refused() {
        // The window's edges are in; one day past either edge is out, with the value named.
        assert!(Date::parse_input("1900-01-01").is_ok());
        assert!(Date::parse_input("2999-12-31").is_ok());
        let e = Date::parse_input("9999-12-31").err().unwrap_or_default();
        assert_eq!(e, "`9999-12-31` is outside the supported years 1900–2999");
        assert!(Date::parse_input("1899-12-31").is_err());
        assert!(Date::parse_input("0001-01-01").is_err());
        assert!(Instant::parse_input("2999-12-31T23:59:59Z").is_ok());
        assert!(Instant::parse_input("9999-12-31T23:59:59Z").is_err());
        // The window is in UTC: this local time on New Year's Eve 2999 is already 3000 in UTC.
        assert!(Instant::parse_input("2999-12-31T22:00:00-05:00").is_err());
        assert!(Instant::parse_input("1899-12-31T23:59:59Z").is_err());
        // What the core computes past the window can still be read back by the message filters.
        assert!(Date::parse("3001-01-02").is_ok());
        // Input read through serde gets the window, with the value named.
        let e = serde_json::from_str::<Date>("\"3001-01-02\"")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("outside the supported years"), "{e}");
    }

    #[test]
    fn dates_must_exist() {
        assert!(Date::parse("2024-02-29").is_ok());
        assert!(Date::parse("2025-02-29").is_err());
        assert!(Date::parse("2025-2-1").is_err());
    }

    #[test]
    fn gap_moves_forward_fold_takes_earlier() {
        // New York 2026-03-08 02:30 does not exist (02:00 -> 03:00 EDT).
        let ny = z("America/New_York");
        let gap = NaiveDate::from_ymd_opt(2026, 3, 8).and_then(|d| d.and_hms_opt(2, 30, 0));
        let t = gap.map(|g| ny.resolve(g).to_local_string(ny));
        assert_eq!(t.as_deref(), Some("2026-03-08T03:00:00-04:00"));
        // 2026-11-01 01:30 happens twice; the EDT one comes first.
        let fold = NaiveDate::from_ymd_opt(2026, 11, 1).and_then(|d| d.and_hms_opt(1, 30, 0));
        let t = fold.map(|f| ny.resolve(f).to_local_string(ny));
        assert_eq!(t.as_deref(), Some("2026-11-01T01:30:00-04:00"));
        // Lord Howe moves by half an hour: 2026-10-04 02:00 -> 02:30.
        let lh = z("Australia/Lord_Howe");
        let gap = NaiveDate::from_ymd_opt(2026, 10, 4).and_then(|d| d.and_hms_opt(2, 10, 0));
        let t = gap.map(|g| lh.resolve(g).to_local_string(lh));
        assert_eq!(t.as_deref(), Some("2026-10-04T02:30:00+11:00"));
    }
}
