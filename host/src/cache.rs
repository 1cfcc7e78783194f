//! The compiled-module cache: Cranelift's machine code for a module, kept on disk between processes.
//!
//! Compiling the module takes seconds (it is megabytes of WebAssembly); loading the code compiled earlier
//! takes milliseconds. That is the whole start-up time of a CLI command, so every process but the first
//! loads `<dir>/<module sha256>-<engine key>.cwasm` instead of compiling. The engine key hashes wasmtime's
//! own compatibility hash (its version, the target CPU and its features, the compiler flags and every
//! configuration setting that shapes the code), so a new wasmtime, another machine sharing the home
//! directory or another configuration gets a file of its own and never a foreign one.
//!
//! wasmtime runs a `.cwasm` file's code as it is: a damaged file could crash the process or worse. So a
//! file is used only when it is ours (on Unix: owned by this user and writable by no one else) and intact
//! (a sha256 trailer over the code and its key); anything else is ignored, recompiled and replaced. The
//! cache is never required: when the directory cannot be written the module is compiled each time.

use sha2::{Digest, Sha256};
use std::hash::{Hash, Hasher};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use wasmtime::{Engine, Module};

/// Length of the sha256 trailer after the compiled code.
const TRAILER: usize = 32;

/// Where compiled modules are kept by default: `$DUNWELL_CACHE_DIR` (set but empty: no cache), else
/// `$XDG_CACHE_HOME/dunwell`, else `~/.cache/dunwell`; `None` when there is no home either.
pub fn default_dir() -> Option<PathBuf> {
    match std::env::var_os("DUNWELL_CACHE_DIR") {
        Some(d) if d.is_empty() => None,
        Some(d) => Some(PathBuf::from(d)),
        None => std::env::var_os("XDG_CACHE_HOME")
            .filter(|d| !d.is_empty())
            .map(PathBuf::from)
            .or_else(|| {
                std::env::var_os("HOME")
                    .filter(|h| !h.is_empty())
                    .map(|h| PathBuf::from(h).join(".cache"))
            })
            .map(|d| d.join("dunwell")),
    }
}

/// What the cache did for one load (logged at debug level; the tests read it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The code came from the cache file.
    Hit,
    /// No cache file yet: compiled, and stored if the directory could be written.
    Miss,
    /// A cache file was there but unusable (the reason): compiled, and replaced if possible.
    Rejected(String),
}

/// Feeds `Hash` into sha256: std's `DefaultHasher` is not promised to stay the same across Rust releases,
/// and the key names files that outlive this process.
struct Sha256Hasher(Sha256);

impl Hasher for Sha256Hasher {
    fn write(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    fn finish(&self) -> u64 {
        let digest = self.0.clone().finalize();
        let mut first = [0u8; 8];
        first.copy_from_slice(&digest[..8]);
        u64::from_be_bytes(first)
    }
}

/// The engine's half of the file name: everything wasmtime says must match for compiled code to load.
pub fn engine_key(engine: &Engine) -> String {
    let mut h = Sha256Hasher(Sha256::new());
    engine.precompile_compatibility_hash().hash(&mut h);
    format!("{:016x}", h.finish())
}

/// The cache file for a module (its sha256, lower-case hex) on an engine.
pub fn file_for(dir: &Path, module_sha256: &str, engine: &Engine) -> PathBuf {
    dir.join(format!("{module_sha256}-{}.cwasm", engine_key(engine)))
}

/// The trailer: sha256 of the code followed by the file's name, so a file copied under another module's or
/// engine's name is as unusable as a damaged one.
fn trailer(code: &[u8], name: &str) -> [u8; TRAILER] {
    let mut h = Sha256::new();
    h.update(code);
    h.update(name.as_bytes());
    h.finalize().into()
}

/// The compiled module whose sha256 is `module_sha256` from the cache in `dir`; when the cache has no usable
/// copy, compiles `wasm()` (only then read: a hit never reads the WebAssembly) and stores the result.
///
/// # Errors
/// Only when the module cannot be read or does not compile; cache trouble never fails a load.
pub(crate) fn load(
    engine: &Engine,
    module_sha256: &str,
    dir: &Path,
    wasm: impl FnOnce() -> anyhow::Result<Vec<u8>>,
) -> anyhow::Result<(Module, Outcome)> {
    let file = file_for(dir, module_sha256, engine);
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let outcome = match read(engine, &file, &name) {
        Ok(Some(module)) => {
            tracing::debug!(file = %file.display(), "compiled module loaded from the cache");
            return Ok((module, Outcome::Hit));
        }
        Ok(None) => Outcome::Miss,
        Err(reason) => {
            tracing::debug!(file = %file.display(), %reason, "cache file ignored; compiling");
            Outcome::Rejected(reason)
        }
    };
    let module = crate::runtime::compile(engine, &wasm()?)?;
    match module.serialize().map_err(anyhow::Error::from).and_then(|code| {
        store(dir, &name, &code)?;
        Ok(())
    }) {
        Ok(()) => tracing::debug!(file = %file.display(), "compiled module stored in the cache"),
        Err(e) => tracing::debug!(dir = %dir.display(), error = %format!("{e:#}"), "cannot store the compiled module"),
    }
    Ok((module, outcome))
}

/// Reads and checks a cache file: `Ok(None)` when there is none, `Err(reason)` when it is not usable.
fn read(engine: &Engine, file: &Path, name: &str) -> Result<Option<Module>, String> {
    let mut f = match std::fs::File::open(file) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("cannot open it: {e}")),
    };
    // Checked on the open file, not the path: what is checked is what is read.
    let meta = f.metadata().map_err(|e| format!("cannot stat it: {e}"))?;
    if !meta.is_file() {
        return Err("not a regular file".into());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.uid() != rustix::process::geteuid().as_raw() {
            return Err(format!("owned by user {}, not by this user", meta.uid()));
        }
        if meta.mode() & 0o022 != 0 {
            return Err(format!("writable by others (mode {:o})", meta.mode() & 0o7777));
        }
    }
    // Streamed through a small buffer: the code itself is then mapped from the page cache by wasmtime, never
    // copied into this process (reading and copying 10 MB was most of a warm start).
    let code_len = meta
        .len()
        .checked_sub(TRAILER as u64)
        .filter(|n| *n > 0)
        .ok_or("too short")?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 256 << 10];
    let mut left = code_len;
    while left > 0 {
        let want = usize::try_from(left).map_or(buf.len(), |l| l.min(buf.len()));
        let got = f.read(&mut buf[..want]).map_err(|e| format!("cannot read it: {e}"))?;
        if got == 0 {
            return Err("shorter than it was a moment ago".into());
        }
        h.update(&buf[..got]);
        left -= got as u64;
    }
    let mut digest = [0u8; TRAILER];
    f.read_exact(&mut digest)
        .map_err(|e| format!("cannot read its checksum: {e}"))?;
    h.update(name.as_bytes());
    if digest != <[u8; TRAILER]>::from(h.finalize()) {
        return Err("damaged (its checksum does not match)".into());
    }
    // SAFETY: the file is what `Module::serialize` wrote for this module under this engine's compatibility key
    // (the name), byte for byte (the sha256 trailer, checked just now through this same open file), and only
    // this user can write it. It is replaced by renaming a new file over it, never rewritten in place, so
    // the mapped inode stays as checked for the module's life. wasmtime checks its version and configuration
    // flags once more and refuses code made for another engine.
    unsafe { Module::deserialize_open_file(engine, f) }
        .map(Some)
        .map_err(|e| format!("wasmtime refused it: {e:#}"))
}

/// Writes a cache file atomically: to a temporary file in the same directory, renamed over the final name,
/// so a process starting at the same time reads the old file, the new one or none, never half of one.
fn store(dir: &Path, name: &str, code: &[u8]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let tmp = dir.join(format!(".{name}.{}.{nanos}.tmp", std::process::id()));
    let written = (|| {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            // Only this user may change code this process will run.
            options.mode(0o600);
        }
        let mut f = options.open(&tmp)?;
        f.write_all(code)?;
        f.write_all(&trailer(code, name))?;
        f.flush()?;
        drop(f);
        std::fs::rename(&tmp, dir.join(name))
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a test fails loudly
mod tests {
    use super::*;

    #[test]
    fn trailer_binds_the_code_to_its_name() {
        let code = b"compiled";
        assert_eq!(trailer(code, "a.cwasm"), trailer(code, "a.cwasm"));
        assert_ne!(trailer(code, "a.cwasm"), trailer(code, "b.cwasm"));
        assert_ne!(trailer(code, "a.cwasm"), trailer(b"compilee", "a.cwasm"));
    }

    #[test]
    fn engine_key_follows_the_configuration() {
        let a = Engine::new(&wasmtime::Config::new()).unwrap();
        let b = Engine::new(&wasmtime::Config::new()).unwrap();
        let mut other = wasmtime::Config::new();
        other.epoch_interruption(true);
        let c = Engine::new(&other).unwrap();
        assert_eq!(engine_key(&a), engine_key(&b));
        assert_ne!(
            engine_key(&a),
            engine_key(&c),
            "epoch checks change the code, so the key"
        );
    }
}
