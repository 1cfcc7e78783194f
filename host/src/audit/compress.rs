//! Compressed records: the SQLite trail keeps each input and output as a zstd frame made with a dictionary, so a
//! decision with its words costs about a kilobyte instead of ten (1.25 GB per 100k decisions before).
//!
//! A JSON record on its own compresses poorly (a 6 KB answer to ~2.4 KB): what repeats is *across* records —
//! keys, codes, the library's sentences. A zstd dictionary trained on sample records
//! (`bash scripts/audit-dictionary.sh`, committed as `records.zdict`) carries those, and each record compresses to
//! a few hundred bytes. Every frame names its dictionary by id, and the trail stores each dictionary it uses
//! (SQLite table `dictionaries`), so a record stays readable by any later host, whatever dictionary it ships.
//! Text that would not shrink (a seal, an empty output) is kept as text; files written before compression keep
//! their text records and are read as they are.

use anyhow::Context as _;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};
use zstd::bulk::{Compressor, Decompressor};
use zstd::dict::{DecoderDictionary, EncoderDictionary};

/// The dictionary this host compresses with.
pub(super) const DICTIONARY: &[u8] = include_bytes!("records.zdict");

/// Its id, as written in its header and in every frame made with it (a new dictionary takes the next id).
pub(super) const DICTIONARY_ID: u32 = 1;

/// zstd level 3 packs a decision with words (≈ 2 KB in, 6.6 KB out) into ≈ 820 bytes in ≈ 16 µs; level 7 would
/// save another 130 bytes for 110 µs, as long as the decision itself (`zstd -b` with this dictionary).
const LEVEL: i32 = 3;

/// Records larger than this are refused on reading: a frame that claims more is damaged, not a decision.
const MAX_RECORD: u64 = 256 << 20;

fn encoder() -> &'static EncoderDictionary<'static> {
    static ENCODER: OnceLock<EncoderDictionary<'static>> = OnceLock::new();
    ENCODER.get_or_init(|| EncoderDictionary::copy(DICTIONARY, LEVEL))
}

thread_local! {
    /// One compression context per thread (a context costs more to make than a record costs to compress).
    static COMPRESSOR: RefCell<Option<Compressor<'static>>> = const { RefCell::new(None) };
}

/// `text` as a zstd frame with the dictionary, or `None` when the frame would not be smaller than the text.
#[must_use]
pub(super) fn pack(text: &str) -> Option<Vec<u8>> {
    if text.len() < 64 {
        return None;
    }
    let frame = COMPRESSOR.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            let mut c = Compressor::with_prepared_dictionary(encoder()).ok()?;
            c.include_checksum(true).ok()?;
            *slot = Some(c);
        }
        slot.as_mut()?.compress(text.as_bytes()).ok()
    })?;
    (frame.len() < text.len()).then_some(frame)
}

/// The dictionaries a trail holds, by id, prepared for reading.
#[derive(Default)]
pub(super) struct Dictionaries {
    by_id: HashMap<u32, Arc<DecoderDictionary<'static>>>,
}

impl Dictionaries {
    /// Prepares `(id, bytes)` pairs as read from the trail.
    pub(super) fn new(stored: impl IntoIterator<Item = (u32, Vec<u8>)>) -> Dictionaries {
        Dictionaries {
            by_id: stored
                .into_iter()
                .map(|(id, bytes)| (id, Arc::new(DecoderDictionary::copy(&bytes))))
                .collect(),
        }
    }

    /// The text a stored frame holds.
    ///
    /// # Errors
    /// A frame that names a dictionary the trail does not hold, is damaged (zstd's checksum), is too large, or is
    /// not UTF-8: the record was altered or the file is damaged.
    pub(super) fn unpack(&self, frame: &[u8]) -> anyhow::Result<String> {
        let id = zstd::zstd_safe::get_dict_id_from_frame(frame).map_or(0, std::num::NonZeroU32::get);
        let size = zstd::zstd_safe::get_frame_content_size(frame)
            .ok()
            .flatten()
            .context("not a compressed record (no zstd frame header)")?;
        anyhow::ensure!(size <= MAX_RECORD, "a compressed record claims {size} bytes");
        let mut d = match self.by_id.get(&id) {
            Some(dict) => Decompressor::with_prepared_dictionary(dict)?,
            None if id == 0 => Decompressor::new()?,
            None => anyhow::bail!("a compressed record needs dictionary {id}, which the trail does not hold"),
        };
        let bytes = d
            .decompress(frame, usize::try_from(size)?)
            .context("a compressed record is damaged")?;
        anyhow::ensure!(bytes.len() as u64 == size, "a compressed record is damaged (length)");
        String::from_utf8(bytes).context("a compressed record is not UTF-8")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ours() -> Dictionaries {
        Dictionaries::new([(DICTIONARY_ID, DICTIONARY.to_vec())])
    }

    #[test]
    fn the_dictionary_carries_its_id() {
        assert_eq!(
            zstd::zstd_safe::get_dict_id_from_dict(DICTIONARY).map(|n| n.get()),
            Some(DICTIONARY_ID)
        );
    }

    #[test]
    fn a_record_comes_back_byte_for_byte_and_smaller() {
        let text = r#"{"ok":{"account_id":"A-1","dpd":61,"bucket":"M3","messages":[{"channel":"sms","text":"Hi Ana, 还款 ¥1,200.00 is overdue"}]}}"#;
        let frame = pack(text).expect("packs");
        assert!(frame.len() < text.len(), "{} of {}", frame.len(), text.len());
        assert_eq!(ours().unpack(&frame).unwrap(), text);
    }

    #[test]
    fn short_text_stays_text() {
        assert_eq!(pack(""), None);
        assert_eq!(pack("{}"), None);
    }

    #[test]
    fn a_damaged_or_foreign_frame_is_an_error_never_other_text() {
        let text = "{\"as_of\":\"2026-11-28T09:00:00Z\"}\n{\"id\":\"A-1\",\"balances\":{\"principal\":100000}}";
        let mut frame = pack(text).unwrap();
        let last = frame.len() - 6;
        frame[last] ^= 0x55;
        assert!(ours().unpack(&frame).is_err());
        assert!(
            Dictionaries::default().unpack(&pack(text).unwrap()).is_err(),
            "its dictionary is missing"
        );
        assert!(ours().unpack(b"not a frame").is_err());
    }
}
