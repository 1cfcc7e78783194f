//! Money: integer minor units with an ISO 4217 currency. No floating point ever touches an amount.

use crate::error::ErrorKind;
use crate::json::tagged;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Largest amount that survives a trip through JavaScript's numbers exactly (2^53 − 1).
pub const MAX_SAFE: i64 = 9_007_199_254_740_991;

/// A non-negative amount in minor units (cents, fen), below 2^53 so JSON numbers stay exact everywhere.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Amount(pub i64);

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = i64::deserialize(d)?;
        if !(0..=MAX_SAFE).contains(&v) {
            return Err(serde::de::Error::custom(tagged(
                ErrorKind::OutOfRange,
                format_args!("amount `{v}` must be between 0 and 2^53-1 minor units"),
            )));
        }
        Ok(Amount(v))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn currency_table_is_sorted_and_unique() {
        assert!(CURRENCIES.windows(2).all(|w| w[0].code < w[1].code));
        assert_eq!(Currency::parse("JPY").map(|c| c.exponent), Ok(0));
        assert!(Currency::parse("usd").is_err());
    }
}
