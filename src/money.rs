//! Money: integer minor units with an ISO 4217 currency. No floating point ever touches an amount.

use crate::error::ErrorKind;
use crate::json::tagged;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Largest amount that survives a trip through JavaScript's numbers exactly (2^53 − 1).
pub const MAX_SAFE: i64 = 9_007_199_254_740_991;

/// A non-negative amount in minor units (cents, fen), below 2^53 so JSON numbers stay exact everywhere.
///
/// Serialising an amount outside 0…2^53−1 fails (see [`OUT_OF_RANGE_TAG`]): a derived figure that escaped
/// the checks upstream becomes an error envelope, never a number JavaScript would round or a wrapped negative.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Amount(pub i64);

pub use crate::json::OUT_OF_RANGE_TAG;

impl Amount {
    /// Whether this is a valid amount (0 … 2^53 − 1): what derived figures are checked against.
    pub fn in_range(self) -> bool {
        (0..=MAX_SAFE).contains(&self.0)
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if !self.in_range() {
            if crate::json::marking_out_of_range() {
                return s.serialize_str(crate::json::OUT_OF_RANGE_MARK);
            }
            return Err(serde::ser::Error::custom(format_args!(
                "{OUT_OF_RANGE_TAG} `{}` is outside 0…2^53-1 minor units",
                self.0
            )));
        }
        s.serialize_i64(self.0)
    }
}

/// Sums amounts exactly, or `None` when the total passes 2^53−1 (or an item is negative): the caller turns
/// that into an error naming the field. Every total of money in the core goes through here or [`checked`].
pub fn checked_sum(items: impl IntoIterator<Item = i64>) -> Option<i64> {
    items.into_iter().try_fold(0i64, |acc, x| {
        let t = acc.checked_add(x)?;
        (x >= 0 && t <= MAX_SAFE).then_some(t)
    })
}

/// An `i128` intermediate as an amount: `None` outside 0…2^53−1.
pub fn checked(v: i128) -> Option<i64> {
    i64::try_from(v).ok().filter(|x| (0..=MAX_SAFE).contains(x))
}

impl<'de> Deserialize<'de> for Amount {
    /// Checked inside the visitor, so the parser reports the error at the number itself (its JSON path).
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct AmountVisitor;
        impl serde::de::Visitor<'_> for AmountVisitor {
            type Value = Amount;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("i64")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Amount, E> {
                if !(0..=MAX_SAFE).contains(&v) {
                    return Err(E::custom(tagged(
                        ErrorKind::OutOfRange,
                        format_args!("amount `{v}` must be between 0 and 2^53-1 minor units"),
                    )));
                }
                Ok(Amount(v))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Amount, E> {
                match i64::try_from(v) {
                    Ok(v) => self.visit_i64(v),
                    Err(_) => Err(E::invalid_value(serde::de::Unexpected::Unsigned(v), &self)),
                }
            }
        }
        d.deserialize_i64(AmountVisitor)
    }
}

/// An ISO 4217 currency and the number of digits after its decimal point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Currency {
    /// Three-letter code, e.g. `CNY`.
    pub code: &'static str,
    /// Minor-unit exponent: 2 for CNY/USD, 0 for JPY, 3 for BHD.
    pub exponent: u8,
    /// Symbol used by message formatting.
    pub symbol: &'static str,
}

/// The currencies this module knows, with their ISO 4217 minor-unit exponents.
pub const CURRENCIES: &[Currency] = &[
    Currency {
        code: "AUD",
        exponent: 2,
        symbol: "A$",
    },
    Currency {
        code: "BHD",
        exponent: 3,
        symbol: "BD",
    },
    Currency {
        code: "BRL",
        exponent: 2,
        symbol: "R$",
    },
    Currency {
        code: "CAD",
        exponent: 2,
        symbol: "C$",
    },
    Currency {
        code: "CHF",
        exponent: 2,
        symbol: "CHF",
    },
    Currency {
        code: "CNY",
        exponent: 2,
        symbol: "¥",
    },
    Currency {
        code: "EUR",
        exponent: 2,
        symbol: "€",
    },
    Currency {
        code: "GBP",
        exponent: 2,
        symbol: "£",
    },
    Currency {
        code: "HKD",
        exponent: 2,
        symbol: "HK$",
    },
    Currency {
        code: "IDR",
        exponent: 2,
        symbol: "Rp",
    },
    Currency {
        code: "INR",
        exponent: 2,
        symbol: "₹",
    },
    Currency {
        code: "JPY",
        exponent: 0,
        symbol: "¥",
    },
    Currency {
        code: "KRW",
        exponent: 0,
        symbol: "₩",
    },
    Currency {
        code: "KWD",
        exponent: 3,
        symbol: "KD",
    },
    Currency {
        code: "MXN",
        exponent: 2,
        symbol: "MX$",
    },
    Currency {
        code: "MYR",
        exponent: 2,
        symbol: "RM",
    },
    Currency {
        code: "NZD",
        exponent: 2,
        symbol: "NZ$",
    },
    Currency {
        code: "PHP",
        exponent: 2,
        symbol: "₱",
    },
    Currency {
        code: "SGD",
        exponent: 2,
        symbol: "S$",
    },
    Currency {
        code: "THB",
        exponent: 2,
        symbol: "฿",
    },
    Currency {
        code: "TWD",
        exponent: 2,
        symbol: "NT$",
    },
    Currency {
        code: "USD",
        exponent: 2,
        symbol: "$",
    },
    Currency {
        code: "VND",
        exponent: 0,
        symbol: "₫",
    },
];

impl Currency {
    /// Looks up an ISO 4217 code (upper case).
    ///
    /// # Errors
    /// A message naming the value.
    pub fn parse(s: &str) -> Result<Currency, String> {
        CURRENCIES
            .iter()
            .copied()
            .find(|c| c.code == s)
            .ok_or_else(|| format!("unknown currency `{s}`: expected an ISO 4217 code such as `CNY` or `USD`"))
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code)
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::json::from_str_with(d, Currency::parse, ErrorKind::BadCurrency)
    }
}

/// JSON Schemas (`--features schema`): what the hand-written serde impls above accept.
#[cfg(feature = "schema")]
mod schema {
    use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
    use std::borrow::Cow;

    impl JsonSchema for super::Amount {
        fn schema_name() -> Cow<'static, str> {
            "Amount".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "type": "integer", "minimum": 0, "maximum": super::MAX_SAFE,
                "description": "Money in minor units of the account's currency (cents, fen), 0 … 2^53−1."
            })
        }
    }

    impl JsonSchema for super::Currency {
        fn schema_name() -> Cow<'static, str> {
            "Currency".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "type": "string", "pattern": "^[A-Z]{3}$",
                "description": "ISO 4217 currency code, e.g. `CNY`, `USD`, `GBP`."
            })
        }
    }
}

/// How a division of minor units is rounded. Every rounding in the module names one of these.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    /// Halves away from zero (commercial rounding).
    HalfUp,
    /// Halves to the even neighbour (banker's rounding): no drift over many roundings.
    #[default]
    HalfEven,
    /// Toward zero (never charge a fraction the borrower did not owe).
    Down,
}

/// `num / den` rounded by `mode`, for non-negative `num` and positive `den`, saturating at `i64::MAX`.
pub fn div_round(num: i128, den: i128, mode: Rounding) -> i64 {
    if den <= 0 {
        return 0;
    }
    let (q, r) = (num.div_euclid(den), num.rem_euclid(den));
    let up = match mode {
        Rounding::Down => false,
        Rounding::HalfUp => 2 * r >= den,
        Rounding::HalfEven => 2 * r > den || (2 * r == den && q % 2 != 0),
    };
    i64::try_from(q + i128::from(up)).unwrap_or(i64::MAX)
}

/// Splits `total` into `n` equal parts; the remainder goes to the last part, so the parts always sum to
/// `total` exactly and never differ by more than `n - 1` minor units.
pub fn split_equal(total: i64, n: u32) -> Vec<i64> {
    if n == 0 {
        return Vec::new();
    }
    let n64 = i64::from(n);
    let base = total / n64;
    let mut parts = vec![base; n as usize];
    if let Some(last) = parts.last_mut() {
        *last += total - base * n64;
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn rounding_modes_by_hand() {
        assert_eq!(div_round(25, 10, Rounding::HalfUp), 3);
        assert_eq!(div_round(25, 10, Rounding::HalfEven), 2);
        assert_eq!(div_round(35, 10, Rounding::HalfEven), 4);
        assert_eq!(div_round(26, 10, Rounding::HalfEven), 3);
        assert_eq!(div_round(29, 10, Rounding::Down), 2);
        assert_eq!(split_equal(100_000, 3), vec![33_333, 33_333, 33_334]);
    }

    proptest! {
        #[test]
        fn split_never_loses_or_creates_a_minor_unit(total in 0i64..MAX_SAFE, n in 1u32..120) {
            let parts = split_equal(total, n);
            prop_assert_eq!(parts.len(), n as usize);
            prop_assert_eq!(parts.iter().sum::<i64>(), total);
            prop_assert!(parts.iter().all(|p| *p >= 0));
        }

        #[test]
        fn rounding_is_within_one_unit(num in 0i128..(1i128 << 62), den in 1i128..1_000_000_000) {
            for mode in [Rounding::HalfUp, Rounding::HalfEven, Rounding::Down] {
                let q = i128::from(div_round(num, den, mode));
                prop_assert!((q * den - num).abs() < den, "{mode:?}");
            }
        }
    }

    #[test]
    fn sums_stop_at_the_json_ceiling() {
        assert_eq!(checked_sum([MAX_SAFE - 1, 1]), Some(MAX_SAFE));
        assert_eq!(checked_sum([MAX_SAFE, 1]), None);
        // 1,025 instalments of 2^53-1 each: i64 would wrap to a negative; here the sum is refused.
        assert_eq!(checked_sum(std::iter::repeat_n(MAX_SAFE, 1025)), None);
        assert_eq!(checked_sum([5, -1]), None);
        assert_eq!(checked(i128::from(MAX_SAFE) + 1), None);
        assert_eq!(checked(-1), None);
        assert_eq!(checked(42), Some(42));
    }

    #[test]
    fn an_amount_past_the_ceiling_does_not_serialise() {
        assert_eq!(
            serde_json::to_string(&Amount(MAX_SAFE)).ok().as_deref(),
            Some("9007199254740991")
        );
        let e = serde_json::to_string(&Amount(MAX_SAFE + 1))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.starts_with(OUT_OF_RANGE_TAG), "{e}");
        assert!(serde_json::to_string(&Amount(-1)).is_err());
    }

    #[test]
    fn currency_table_is_sorted_and_unique() {
        assert!(CURRENCIES.windows(2).all(|w| w[0].code < w[1].code));
        assert_eq!(Currency::parse("JPY").map(|c| c.exponent), Ok(0));
        assert!(Currency::parse("usd").is_err());
    }
}
