//! The JSON Pointer of the value a parser was reading when it stopped, worked out from the text alone.
//!
//! serde_json reports where it stopped (line and column), not which value it was in. Rather than parsing every
//! failed document a second time through a path-tracking deserializer — a second copy of every input type's
//! deserializer, a fifth of the module's code — the text up to that position is scanned once more, keeping
//! only the stack of keys and indexes. The pointer names the value being read: an error inside `"a": …` is at
//! `/a`; an error about an object itself (a missing field, an unknown or duplicate key) is at that object,
//! and the caller names the key.

/// One open container and where in it the scan is.
struct Frame {
    /// `true` for an object, `false` for an array.
    object: bool,
    /// The member's key (objects) or the element's index (arrays), once known.
    key: Option<String>,
    /// The next element's index (arrays).
    next: usize,
    state: State,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    /// After `{` or `,` in an object: a key comes next.
    WantKey,
    /// After a key, before its `:`.
    HaveKey,
    /// After `:` in an object, or `[` or `,` in an array: a value comes next.
    WantValue,
    /// A value began (and may have ended).
    HaveValue,
}

/// The pointer of the value being read at byte `at` of `text` (the first byte not yet consumed). With
/// `between`, the parser stopped between a container's members (a missing comma, colon or closing bracket),
/// so the pointer is the container's.
pub(crate) fn pointer_at(text: &str, at: usize, between: bool) -> String {
    let bytes = text.as_bytes();
    let at = at.min(bytes.len());
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < at {
        let Some(&c) = bytes.get(i) else { break };
        match c {
            b' ' | b'\t' | b'\n' | b'\r' => i += 1,
            b'{' | b'[' => {
                begin_value(&mut stack);
                stack.push(Frame {
                    object: c == b'{',
                    key: None,
                    next: 0,
                    state: if c == b'{' { State::WantKey } else { State::WantValue },
                });
                i += 1;
            }
            b'}' | b']' => {
                stack.pop();
                i += 1;
            }
            b',' => {
                if let Some(top) = stack.last_mut() {
                    top.state = if top.object { State::WantKey } else { State::WantValue };
                }
                i += 1;
            }
            b':' => {
                if let Some(top) = stack.last_mut() {
                    top.state = State::WantValue;
                }
                i += 1;
            }
            b'"' => {
                let end = string_end(bytes, i);
                match stack.last_mut() {
                    Some(top) if top.object && top.state == State::WantKey => {
                        // A key read in full (a key cut short is the object's error, not a member's).
                        if end <= at && bytes.get(end.saturating_sub(1)) == Some(&b'"') && end > i + 1 {
                            top.key = Some(unescape(text.get(i + 1..end - 1).unwrap_or("")));
                            top.state = State::HaveKey;
                        }
                    }
                    _ => begin_value(&mut stack),
                }
                i = end;
            }
            _ => {
                begin_value(&mut stack);
                while let Some(&b) = bytes.get(i) {
                    if matches!(
                        b,
                        b' ' | b'\t' | b'\n' | b'\r' | b',' | b':' | b'{' | b'}' | b'[' | b']' | b'"'
                    ) {
                        break;
                    }
                    i += 1;
                }
            }
        }
    }
    // A value about to begin at `at` (not the end of its array) is the one being read.
    let pending = bytes
        .get(at..)
        .unwrap_or(&[])
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b != b']');
    let mut out = String::new();
    let depth = stack.len();
    for (n, frame) in stack.iter().enumerate() {
        let last = n + 1 == depth;
        if last && between {
            break;
        }
        let key = match frame.state {
            State::HaveValue => frame.key.clone(),
            State::WantValue if frame.object => frame.key.clone(),
            State::WantValue if last && pending => Some(frame.next.to_string()),
            _ => None,
        };
        if let Some(key) = key {
            super::push_token(&mut out, &key);
        }
    }
    out
}

/// Marks the start of a value in the innermost container.
fn begin_value(stack: &mut [Frame]) {
    if let Some(top) = stack.last_mut() {
        if !top.object {
            top.key = Some(top.next.to_string());
            top.next += 1;
        }
        top.state = State::HaveValue;
    }
}

/// The index just past the closing quote of the string opening at `start` (or the end of the text).
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// A key's text with its JSON escapes decoded (keys are short; an undecodable one is kept as written).
fn unescape(raw: &str) -> String {
    if !raw.contains('\\') {
        return raw.to_string();
    }
    serde_json::from_str::<String>(&format!("\"{raw}\"")).unwrap_or_else(|_| raw.to_string())
}

#[cfg(test)]
mod tests {
    use super::pointer_at;

    fn at(text: &str, marker: &str) -> String {
        pointer_at(
            &text.replace(marker, ""),
            text.find(marker).unwrap_or(text.len()),
            false,
        )
    }

    #[test]
    fn names_the_member_array_element_and_escaped_key_being_read() {
        assert_eq!(at(r#"{"a": 1|}"#, "|"), "/a");
        assert_eq!(at(r#"{"a": {"b": [1, 2, "x"|]}}"#, "|"), "/a/b/2");
        assert_eq!(at(r#"{"a": [|{"c": 1}]}"#, "|"), "/a/0");
        assert_eq!(at(r#"{"a": [1, |{"c": 1}]}"#, "|"), "/a/1");
        assert_eq!(at(r#"{"a/b~": |[1]}"#, "|"), "/a~1b~0");
        assert_eq!(at(r#"{"\u0061x": 1|}"#, "|"), "/ax");
    }

    #[test]
    fn an_object_s_own_errors_are_at_the_object() {
        // Missing field: serde stops after the object's closing brace.
        assert_eq!(at(r#"{"a": {"b": 1}|, "c": 2}"#, "|"), "/a");
        // Unknown or duplicate key: serde stops after the key, before its colon; the caller names it.
        assert_eq!(at(r#"{"a": {"b": 1, "zz"|: 2}}"#, "|"), "/a");
        assert_eq!(at(r#"{"a": {"b": 1, "z|"#, "|"), "/a");
        assert_eq!(at(r#"{"a": 1}|"#, "|"), "");
    }

    #[test]
    fn a_missing_comma_or_bracket_is_at_the_container() {
        let text = r#"{"a": {"b": 1 "c": 2}}"#;
        assert_eq!(pointer_at(text, text.find('c').unwrap_or(0), true), "/a");
        assert_eq!(pointer_at(r#"{"a": [1, 2"#, 11, true), "/a");
    }
}
