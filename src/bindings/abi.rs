//! The small versioned C ABI the wasmtime host uses (never wasm-bindgen's own exports).
//!
//! Protocol: the host `dw_alloc`s a buffer, writes UTF-8 JSON into it and passes `(ptr, len)`; the input
//! stays the host's to `dw_free`. Every function that answers returns a `u64` packing `(ptr << 32) | len`
//! of a UTF-8 envelope `{"ok": …}` / `{"error": {code, message, path}}`, which the host reads and then
//! frees with `dw_free(ptr, len)`. Ordinary errors never trap.

use crate::api;
use crate::engine::Engine;
use crate::error::{Error, ErrorKind, Scope};
use crate::json::error_envelope;
use std::alloc::{Layout, alloc, dealloc};
use std::cell::RefCell;

thread_local! {
    /// Engines by handle (index + 1); `None` once freed. The module is single-threaded.
    static ENGINES: RefCell<Vec<Option<Engine>>> = const { RefCell::new(Vec::new()) };
}

/// Reads the host's input buffer as UTF-8 and runs `f` on it, packing its answer.
fn with_input(ptr: *const u8, len: u32, f: impl FnOnce(&str) -> String) -> u64 {
    let bytes: &[u8] = if len == 0 || ptr.is_null() {
        &[]
    } else {
        // SAFETY: the host wrote `len` bytes at `ptr`, a buffer it got from `dw_alloc` and still owns.
        unsafe { std::slice::from_raw_parts(ptr, len as usize) }
    };
    let out = match std::str::from_utf8(bytes) {
        Ok(text) => f(text),
        Err(e) => error_envelope(&Error::new(
            Scope::Abi,
            ErrorKind::BadUtf8,
            "",
            format!("input is not UTF-8 at byte `{}`", e.valid_up_to()),
        )),
    };
    pack(out)
}

/// Hands a string to the host as a packed `(ptr, len)`.
fn pack(out: String) -> u64 {
    let len = out.len() as u64;
    let ptr = Box::into_raw(out.into_bytes().into_boxed_slice()) as *mut u8 as usize as u64;
    (ptr << 32) | len
}

/// The ABI version; a host refuses a module whose version it does not know.
#[unsafe(no_mangle)]
pub extern "C" fn dw_abi_version() -> u32 {
    api::ABI_VERSION
}

/// Allocates `len` bytes for the host to write input into. Returns null on `len == 0` or exhaustion.
#[unsafe(no_mangle)]
pub extern "C" fn dw_alloc(len: u32) -> *mut u8 {
    match Layout::from_size_align(len as usize, 1) {
        // SAFETY: the layout has non-zero size.
        Ok(layout) if len > 0 => unsafe { alloc(layout) },
        _ => std::ptr::null_mut(),
    }
}

/// Frees a buffer from `dw_alloc` or an answer of this ABI.
///
/// # Safety
/// `ptr`/`len` must come from `dw_alloc(len)` or a packed answer, and be freed once.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn dw_free(ptr: *mut u8, len: u32) {
    if ptr.is_null() || len == 0 {
        return;
    }
    if let Ok(layout) = Layout::from_size_align(len as usize, 1) {
        // SAFETY: the caller guarantees ptr was allocated with this layout.
        unsafe { dealloc(ptr, layout) }
    }
}

/// `{"ok": {version, abi_version, tzdb_version, ops}}`: what this module is and which op numbers mean what.
#[unsafe(no_mangle)]
pub extern "C" fn dw_info() -> u64 {
    pack(api::info())
}

/// Validates a policy without building an engine.
#[unsafe(no_mangle)]
pub extern "C" fn dw_validate_policy(ptr: *const u8, len: u32) -> u64 {
    with_input(ptr, len, api::validate_policy)
}

/// Builds an engine from `{"policy": {…}, "module_sha256": "…"}`; the answer's `ok.engine` is its handle.
#[unsafe(no_mangle)]
pub extern "C" fn dw_engine_new(ptr: *const u8, len: u32) -> u64 {
    with_input(ptr, len, |text| {
        let (engine, answer) = api::engine_new(text);
        let Some(engine) = engine else { return answer };
        let handle = ENGINES.with(|e| {
            let mut engines = e.borrow_mut();
            engines.push(Some(engine));
            engines.len()
        });
        // Splice the handle into the ok object: {"ok":{"engine":N,…}}.
        answer.replacen("{\"ok\":{", &format!("{{\"ok\":{{\"engine\":{handle},"), 1)
    })
}

/// Frees an engine. Unknown handles are ignored.
#[unsafe(no_mangle)]
pub extern "C" fn dw_engine_free(handle: u32) {
    ENGINES.with(|e| {
        if let Some(slot) = e.borrow_mut().get_mut((handle as usize).wrapping_sub(1)) {
            *slot = None;
        }
    });
}

/// Runs op number `op` (an index into `ops` from `dw_info`) on an engine.
#[unsafe(no_mangle)]
pub extern "C" fn dw_call(handle: u32, op: u32, ptr: *const u8, len: u32) -> u64 {
    with_input(ptr, len, |text| {
        ENGINES.with(|e| {
            let engines = e.borrow();
            let Some(Some(engine)) = engines.get((handle as usize).wrapping_sub(1)) else {
                return error_envelope(&Error::new(
                    Scope::Abi,
                    ErrorKind::UnknownEngine,
                    "",
                    format!("no engine with handle `{handle}`"),
                ));
            };
            match api::OPS.get(op as usize) {
                Some(o) => api::call(engine, o.name, text),
                None => error_envelope(&Error::new(
                    Scope::Call,
                    ErrorKind::UnknownOp,
                    "",
                    format!("unknown operation number `{op}`"),
                )),
            }
        })
    })
}
