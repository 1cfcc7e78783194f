//! SMS length: GSM-7 or UCS-2, and how many segments a text takes (160/153 septets or 70/67 UTF-16 units).

use serde::Serialize;

/// GSM 03.38 basic character set.
const GSM_BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
/// GSM 03.38 extension table: each costs two septets (escape + character).
const GSM_EXTENDED: &str = "^{}\\[~]|€\u{000C}";

/// How a text travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Encoding {
    /// 7-bit GSM alphabet.
    Gsm7,
    /// UTF-16 (any character outside GSM-7: Chinese, emoji).
    Ucs2,
}

impl Encoding {
    /// The name people read: `GSM-7`, `UCS-2`.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Gsm7 => "GSM-7",
            Encoding::Ucs2 => "UCS-2",
        }
    }
}

/// The size of a text message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SmsSize {
    /// Encoding.
    pub encoding: Encoding,
    /// Septets (GSM-7) or UTF-16 code units (UCS-2).
    pub units: usize,
    /// Segments the network will send.
    pub segments: usize,
}

/// Measures a text.
pub fn measure(text: &str) -> SmsSize {
    let gsm = text.chars().all(|c| GSM_BASIC.contains(c) || GSM_EXTENDED.contains(c));
    if gsm {
        let units: usize = text.chars().map(|c| if GSM_EXTENDED.contains(c) { 2 } else { 1 }).sum();
        SmsSize {
            encoding: Encoding::Gsm7,
            units,
            segments: segments(units, 160, 153),
        }
    } else {
        let units = text.encode_utf16().count();
        SmsSize {
            encoding: Encoding::Ucs2,
            units,
            segments: segments(units, 70, 67),
        }
    }
}

fn segments(units: usize, single: usize, part: usize) -> usize {
    match units {
        0 => 0,
        u if u <= single => 1,
        u => u.div_ceil(part),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segment_boundaries() {
        assert_eq!(
            measure(&"a".repeat(160)),
            SmsSize {
                encoding: Encoding::Gsm7,
                units: 160,
                segments: 1
            }
        );
        assert_eq!(measure(&"a".repeat(161)).segments, 2);
        assert_eq!(measure(&"a".repeat(306)).segments, 2);
        assert_eq!(measure(&"a".repeat(307)).segments, 3);
        // Extension characters cost two septets.
        assert_eq!(measure("€").units, 2);
        assert_eq!(measure(&"€".repeat(80)).segments, 1);
        assert_eq!(measure(&"€".repeat(81)).segments, 2);
        // Chinese is UCS-2: 70 per single, 67 per part.
        assert_eq!(
            measure(&"还".repeat(70)),
            SmsSize {
                encoding: Encoding::Ucs2,
                units: 70,
                segments: 1
            }
        );
        assert_eq!(measure(&"还".repeat(71)).segments, 2);
        assert_eq!(measure(&"还".repeat(134)).segments, 2);
        assert_eq!(measure(&"还".repeat(135)).segments, 3);
        // An emoji is two UTF-16 units and forces UCS-2.
        assert_eq!(
            measure("Hi 🙂"),
            SmsSize {
                encoding: Encoding::Ucs2,
                units: 5,
                segments: 1
            }
        );
    }
}
