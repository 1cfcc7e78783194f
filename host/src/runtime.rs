//! Runs the Dunwell module in wasmtime through its C ABI (never wasm-bindgen's exports).
//!
//! One [`Runtime`] compiles the module once and pre-links it ([`InstancePre`] over the pooling allocator);
//! each [`Session`] is one instance with one engine handle inside it. A guest trap or a blown deadline
//! answers with an error envelope and the session re-instantiates itself before the next call, so one bad
//! input never takes the host down or poisons later calls.

use anyhow::{Context, bail};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use wasmtime::{
    Config, Engine, InstanceAllocationStrategy, InstancePre, Linker, Memory, Module, PoolingAllocationConfig, Store,
    StoreLimits, StoreLimitsBuilder, Trap, TypedFunc,
};

/// The C ABI version this host speaks.
pub const ABI_VERSION: u32 = 1;

/// Budget for instantiating a module and building its engine.
const SETUP_TIMEOUT: Duration = Duration::from_secs(30);

/// How often the epoch advances; deadlines are whole ticks.
const TICK: Duration = Duration::from_millis(10);

/// Resource limits per instance and per call.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Linear-memory cap per instance.
    pub memory_bytes: usize,
    /// Wall-clock budget per call (enforced with epochs).
    pub call_timeout: Duration,
    /// How many instances may exist at once (pooling allocator slots).
    pub instances: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            memory_bytes: 256 << 20,
            call_timeout: Duration::from_secs(10),
            instances: 64,
        }
    }
}

/// What the module says about itself (`dw_info`).
#[derive(Debug, Clone, Deserialize)]
pub struct ModuleInfo {
    /// Crate version of the core.
    pub version: String,
    /// C ABI version.
    pub abi_version: u32,
    /// IANA tz database compiled into the module.
    pub tzdb_version: String,
    /// Operation names; the index is the op number for `dw_call`.
    pub ops: Vec<String>,
}

/// A compiled, linked module. Cheap to clone and share across threads.
#[derive(Clone)]
pub struct Runtime {
    inner: Arc<Inner>,
}

struct Inner {
    engine: Engine,
    pre: InstancePre<Ctx>,
    module_sha256: String,
    module_path: Option<PathBuf>,
    info: ModuleInfo,
    limits: Limits,
    ticker_stop: Arc<AtomicBool>,
}

impl Drop for Inner {
    fn drop(&mut self) {
        self.ticker_stop.store(true, Ordering::Relaxed);
    }
}

/// Per-store state: just the resource limiter.
pub struct Ctx {
    limits: StoreLimits,
}

/// The module's exports, typed once at instantiation.
#[derive(Clone)]
struct Exports {
    memory: Memory,
    alloc: TypedFunc<u32, u32>,
    free: TypedFunc<(u32, u32), ()>,
    engine_new: TypedFunc<(u32, u32), u64>,
    call: TypedFunc<(u32, u32, u32, u32), u64>,
    info: TypedFunc<(), u64>,
    validate_policy: TypedFunc<(u32, u32), u64>,
}

impl Runtime {
    /// Loads a module file (normally `pkg/dist/dunwell_bg.wasm`).
    ///
    /// # Errors
    /// The file is missing, is not a Dunwell module, or speaks another ABI version.
    pub fn load(path: &Path, limits: Limits) -> anyhow::Result<Runtime> {
        Runtime::load_cached(path, limits, None)
    }

    /// Loads a module file, taking its compiled code from the cache in `cache_dir` when it is there (a start
    /// in milliseconds instead of seconds) and putting it there when not; `None` compiles without a cache.
    /// See [`crate::cache`].
    ///
    /// # Errors
    /// As [`Runtime::load`]; trouble with the cache is never an error.
    pub fn load_cached(path: &Path, limits: Limits, cache_dir: Option<&Path>) -> anyhow::Result<Runtime> {
        let read = || std::fs::read(path).with_context(|| format!("cannot read the module `{}`", path.display()));
        let mut rt = match cache_dir {
            None => Runtime::from_bytes(&read()?, limits)?,
            Some(dir) => {
                // Hashed as a stream: a cache hit needs only the module's sha256, not its bytes in memory.
                let sha = sha256_file(path).with_context(|| format!("cannot read the module `{}`", path.display()))?;
                let engine = Engine::new(&config(limits))?;
                let (module, _) = crate::cache::load(&engine, &sha, dir, || {
                    let bytes = read()?;
                    // The file could change between hashing and reading: never stamp code with another's hash.
                    if format!("{:x}", Sha256::digest(&bytes)) != sha {
                        bail!("the module `{}` changed while it was being loaded", path.display());
                    }
                    Ok(bytes)
                })?;
                Runtime::from_module(engine, module, sha, limits)?
            }
        };
        if let Some(inner) = Arc::get_mut(&mut rt.inner) {
            inner.module_path = Some(path.to_path_buf());
        }
        Ok(rt)
    }

    /// Compiles a module from its bytes.
    ///
    /// # Errors
    /// As [`Runtime::load`].
    pub fn from_bytes(bytes: &[u8], limits: Limits) -> anyhow::Result<Runtime> {
        Runtime::from_bytes_cached(bytes, limits, None)
    }

    /// A module from its bytes, through the compiled-module cache in `cache_dir` (see
    /// [`Runtime::load_cached`]).
    ///
    /// # Errors
    /// As [`Runtime::load`].
    pub fn from_bytes_cached(bytes: &[u8], limits: Limits, cache_dir: Option<&Path>) -> anyhow::Result<Runtime> {
        let engine = Engine::new(&config(limits))?;
        let sha = format!("{:x}", Sha256::digest(bytes));
        let module = match cache_dir {
            Some(dir) => crate::cache::load(&engine, &sha, dir, || Ok(bytes.to_vec()))?.0,
            None => compile(&engine, bytes)?,
        };
        Runtime::from_module(engine, module, sha, limits)
    }

    /// Loads a module precompiled with [`Runtime::precompile`] (skips Cranelift: sub-millisecond start).
    ///
    /// # Safety
    /// `cwasm` must come from `precompile` of this same wasmtime build; wasmtime trusts its contents.
    ///
    /// # Errors
    /// As [`Runtime::load`].
    pub unsafe fn from_precompiled(cwasm: &[u8], module_sha256: String, limits: Limits) -> anyhow::Result<Runtime> {
        let engine = Engine::new(&config(limits))?;
        // SAFETY: the caller guarantees the bytes come from `precompile` with this engine configuration.
        let module = unsafe { Module::deserialize(&engine, cwasm)? };
        Runtime::from_module(engine, module, module_sha256, limits)
    }

    /// Compiles a module ahead of time for [`Runtime::from_precompiled`].
    ///
    /// # Errors
    /// The module does not compile.
    pub fn precompile(bytes: &[u8], limits: Limits) -> anyhow::Result<Vec<u8>> {
        Ok(Engine::new(&config(limits))?.precompile_module(bytes)?)
    }

    fn from_module(engine: Engine, module: Module, module_sha256: String, limits: Limits) -> anyhow::Result<Runtime> {
        let mut linker: Linker<Ctx> = Linker::new(&engine);
        // wasm-bindgen's JS imports: the C ABI path never reaches them, so each is a trap if it ever were.
        linker.define_unknown_imports_as_traps(&module)?;
        let pre = linker.instantiate_pre(&module)?;
        let ticker_stop = Arc::new(AtomicBool::new(false));
        {
            let (engine, stop) = (engine.clone(), ticker_stop.clone());
            std::thread::Builder::new()
                .name("dunwell-epoch".into())
                .spawn(move || {
                    while !stop.load(Ordering::Relaxed) {
                        std::thread::sleep(TICK);
                        engine.increment_epoch();
                    }
                })?;
        }
        let placeholder = ModuleInfo {
            version: String::new(),
            abi_version: 0,
            tzdb_version: String::new(),
            ops: Vec::new(),
        };
        let mut rt = Runtime {
            inner: Arc::new(Inner {
                engine,
                pre,
                module_sha256,
                module_path: None,
                info: placeholder,
                limits,
                ticker_stop,
            }),
        };
        let mut probe = rt.instantiate()?;
        let abi: TypedFunc<(), u32> = probe.1.get_typed_func(&mut probe.0, "dw_abi_version")?;
        let version = abi.call(&mut probe.0, ())?;
        if version != ABI_VERSION {
            bail!("the module speaks C ABI version {version}; this host speaks {ABI_VERSION}");
        }
        let exports = Exports::of(&mut probe.0, &probe.1)?;
        let packed = exports.info.call(&mut probe.0, ())?;
        let text = read_answer(&mut probe.0, &exports, packed)?;
        #[derive(Deserialize)]
        struct Env {
            ok: ModuleInfo,
        }
        let info = serde_json::from_str::<Env>(&text)
            .context("the module's info is not what this host expects")?
            .ok;
        if let Some(inner) = Arc::get_mut(&mut rt.inner) {
            inner.info = info;
        }
        Ok(rt)
    }

    fn instantiate(&self) -> anyhow::Result<(Store<Ctx>, wasmtime::Instance)> {
        let limits = StoreLimitsBuilder::new()
            .memory_size(self.inner.limits.memory_bytes)
            .instances(1)
            .build();
        let mut store = Store::new(&self.inner.engine, Ctx { limits });
        store.limiter(|c| &mut c.limits);
        // Instantiating and building the engine (policy validation, compiling and linting templates) is a
        // one-time setup, not a call: it gets its own, longer budget.
        store.set_epoch_deadline(ticks(self.inner.limits.call_timeout.max(SETUP_TIMEOUT)));
        let instance = self.inner.pre.instantiate(&mut store)?;
        Ok((store, instance))
    }

    /// sha256 of the module bytes, stamped on every decision.
    pub fn module_sha256(&self) -> &str {
        &self.inner.module_sha256
    }

    /// Where the module was loaded from, if from a file.
    pub fn module_path(&self) -> Option<&Path> {
        self.inner.module_path.as_deref()
    }

    /// What the module reports about itself.
    pub fn info(&self) -> &ModuleInfo {
        &self.inner.info
    }

    /// Validates a policy in a throw-away instance; returns the envelope.
    ///
    /// # Errors
    /// Only when the module cannot be instantiated or traps.
    pub fn validate_policy(&self, policy_json: &str) -> anyhow::Result<String> {
        let (mut store, instance) = self.instantiate()?;
        let ex = Exports::of(&mut store, &instance)?;
        let packed = with_input(&mut store, &ex, policy_json.as_bytes(), |s, p, l| {
            ex.validate_policy.call(s, (p, l))
        })?;
        read_answer(&mut store, &ex, packed)
    }

    /// Opens a session: a fresh instance with an engine for `policy_json` inside it.
    ///
    /// # Errors
    /// [`SessionError::Policy`] with the module's error envelope when the policy is invalid;
    /// [`SessionError::Host`] when the module cannot be instantiated.
    pub fn session(&self, policy_json: &str) -> Result<Session, SessionError> {
        let mut session = Session {
            runtime: self.clone(),
            policy_json: policy_json.to_string(),
            state: None,
            warnings: Vec::new(),
            policy_sha256: String::new(),
        };
        session.start()?;
        Ok(session)
    }
}

/// Why a session could not start.
#[derive(Debug)]
pub enum SessionError {
    /// The policy is invalid: the module's error envelope, with every problem.
    Policy(String),
    /// The module could not be instantiated.
    Host(anyhow::Error),
}

impl std::fmt::Display for SessionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SessionError::Policy(env) => write!(f, "invalid policy: {env}"),
            SessionError::Host(e) => write!(f, "{e:#}"),
        }
    }
}

impl std::error::Error for SessionError {}

struct Live {
    store: Store<Ctx>,
    exports: Exports,
    handle: u32,
}

/// One instance with one engine. Not `Sync`: give each thread its own session.
pub struct Session {
    runtime: Runtime,
    policy_json: String,
    state: Option<Live>,
    warnings: Vec<serde_json::Value>,
    policy_sha256: String,
}

impl Session {
    fn start(&mut self) -> Result<(), SessionError> {
        let (mut store, instance) = self.runtime.instantiate().map_err(SessionError::Host)?;
        let exports = Exports::of(&mut store, &instance).map_err(SessionError::Host)?;
        let input =
            serde_json::json!({"policy": "__POLICY__", "module_sha256": self.runtime.module_sha256()}).to_string();
        // Splice the policy text in verbatim: error paths and duplicate-key checks see the user's document.
        let input = input.replacen("\"__POLICY__\"", &self.policy_json, 1);
        let packed = with_input(&mut store, &exports, input.as_bytes(), |s, p, l| {
            exports.engine_new.call(s, (p, l))
        })
        .map_err(SessionError::Host)?;
        let answer = read_answer(&mut store, &exports, packed).map_err(SessionError::Host)?;
        #[derive(Deserialize)]
        struct Ok {
            engine: u32,
            policy_sha256: String,
        }
        #[derive(Deserialize)]
        struct Env {
            ok: Option<Ok>,
            #[serde(default)]
            warnings: Vec<serde_json::Value>,
        }
        let env: Env = serde_json::from_str(&answer).map_err(|e| SessionError::Host(e.into()))?;
        let Some(ok) = env.ok else {
            return Err(SessionError::Policy(answer));
        };
        self.warnings = env.warnings;
        self.policy_sha256 = ok.policy_sha256;
        self.state = Some(Live {
            store,
            exports,
            handle: ok.engine,
        });
        Ok(())
    }

    /// Validation warnings of the policy.
    pub fn warnings(&self) -> &[serde_json::Value] {
        &self.warnings
    }

    /// Canonical sha256 of the policy.
    pub fn policy_sha256(&self) -> &str {
        &self.policy_sha256
    }

    /// The runtime this session runs on.
    pub fn runtime(&self) -> &Runtime {
        &self.runtime
    }

    /// Runs an operation by name and returns its envelope. Never fails: a trap, a blown deadline or a
    /// memory cap becomes an error envelope (`internal.trap`, `host.timeout`) and the instance is replaced.
    pub fn call(&mut self, op: &str, input: &str) -> String {
        let ops = &self.runtime.info().ops;
        let Some(op_no) = ops.iter().position(|o| o == op) else {
            // Worded as the module words it (api::call), so every runtime answers the same bytes.
            return envelope(
                "call.unknown_op",
                &format!("unknown operation `{op}`"),
                Some(&format!("operations are {}", ops.join(", "))),
            );
        };
        if self.state.is_none()
            && let Err(e) = self.start()
        {
            return host_error("host.unavailable", &format!("cannot restart the module: {e}"));
        }
        let Some(live) = self.state.as_mut() else {
            return host_error("host.unavailable", "the module is not running");
        };
        live.store
            .set_epoch_deadline(ticks(self.runtime.inner.limits.call_timeout));
        let (ex, handle) = (live.exports.clone(), live.handle);
        let result = with_input(&mut live.store, &ex, input.as_bytes(), |s, p, l| {
            ex.call.call(s, (handle, op_no as u32, p, l))
        })
        .and_then(|packed| read_answer(&mut live.store, &ex, packed));
        match result {
            Ok(answer) => answer,
            Err(e) => {
                // The instance may be in any state after a trap: throw it away.
                self.state = None;
                match e.downcast_ref::<Trap>() {
                    Some(Trap::Interrupt) => host_error(
                        "host.timeout",
                        &format!("the call took longer than {:?}", self.runtime.inner.limits.call_timeout),
                    ),
                    Some(trap) => host_error("internal.trap", &format!("the module trapped: {trap}")),
                    None => host_error("internal.trap", &format!("the module failed: {e:#}")),
                }
            }
        }
    }
}

/// An error envelope made by the host itself (`host.*`, `internal.trap`), shaped like the module's.
pub fn host_error(code: &str, message: &str) -> String {
    envelope(code, message, None)
}

fn envelope(code: &str, message: &str, help: Option<&str>) -> String {
    #[derive(serde::Serialize)]
    struct Body<'a> {
        code: &'a str,
        message: &'a str,
        path: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        help: Option<&'a str>,
    }
    #[derive(serde::Serialize)]
    struct Env<'a> {
        error: Body<'a>,
    }
    serde_json::to_string(&Env {
        error: Body {
            code,
            message,
            path: "",
            help,
        },
    })
    .unwrap_or_else(|_| r#"{"error":{"code":"internal.bug","message":"cannot serialise error","path":""}}"#.to_string())
}

impl Exports {
    fn of(store: &mut Store<Ctx>, instance: &wasmtime::Instance) -> anyhow::Result<Exports> {
        Ok(Exports {
            memory: instance
                .get_memory(&mut *store, "memory")
                .context("the module exports no memory")?,
            alloc: instance.get_typed_func(&mut *store, "dw_alloc")?,
            free: instance.get_typed_func(&mut *store, "dw_free")?,
            engine_new: instance.get_typed_func(&mut *store, "dw_engine_new")?,
            call: instance.get_typed_func(&mut *store, "dw_call")?,
            info: instance.get_typed_func(&mut *store, "dw_info")?,
            validate_policy: instance.get_typed_func(&mut *store, "dw_validate_policy")?,
        })
    }
}

/// Copies `input` into guest memory, runs `f(ptr, len)`, frees the input.
fn with_input(
    store: &mut Store<Ctx>,
    ex: &Exports,
    input: &[u8],
    f: impl FnOnce(&mut Store<Ctx>, u32, u32) -> wasmtime::Result<u64>,
) -> anyhow::Result<u64> {
    let len = u32::try_from(input.len()).context("input larger than 4 GiB")?;
    let ptr = if len == 0 { 0 } else { ex.alloc.call(&mut *store, len)? };
    if len > 0 && ptr == 0 {
        bail!("the module could not allocate {len} bytes for the input");
    }
    ex.memory.write(&mut *store, ptr as usize, input)?;
    let packed = f(&mut *store, ptr, len)?;
    if len > 0 {
        ex.free.call(&mut *store, (ptr, len))?;
    }
    Ok(packed)
}

/// Reads and frees a packed `(ptr << 32) | len` answer.
fn read_answer(store: &mut Store<Ctx>, ex: &Exports, packed: u64) -> anyhow::Result<String> {
    let (ptr, len) = ((packed >> 32) as u32, packed as u32);
    let mut buf = vec![0u8; len as usize];
    ex.memory.read(&*store, ptr as usize, &mut buf)?;
    ex.free.call(&mut *store, (ptr, len))?;
    String::from_utf8(buf).context("the module answered with invalid UTF-8")
}

/// sha256 of a file, lower-case hex, read in small pieces.
fn sha256_file(path: &Path) -> std::io::Result<String> {
    use std::io::Read;
    let mut f = std::fs::File::open(path)?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 256 << 10];
    loop {
        match f.read(&mut buf)? {
            0 => return Ok(format!("{:x}", h.finalize())),
            n => h.update(&buf[..n]),
        }
    }
}

/// Compiles a module with Cranelift (seconds for the Dunwell module: see [`crate::cache`]).
pub(crate) fn compile(engine: &Engine, bytes: &[u8]) -> anyhow::Result<Module> {
    Module::new(engine, bytes)
        .map_err(anyhow::Error::from)
        .context("the module does not compile")
}

fn config(limits: Limits) -> Config {
    let mut config = Config::new();
    config.epoch_interruption(true);
    let mut pool = PoolingAllocationConfig::default();
    pool.total_core_instances(limits.instances)
        .total_memories(limits.instances)
        // wasm-bindgen output has two tables (functions and externrefs).
        .max_tables_per_module(2)
        .total_tables(limits.instances * 2)
        .max_memory_size(limits.memory_bytes);
    config.allocation_strategy(InstanceAllocationStrategy::Pooling(pool));
    config
}

/// Epoch ticks for a timeout. The epoch may advance right after the deadline is set, so one more tick is
/// added: a call always gets at least its full timeout, and at most one tick more.
fn ticks(d: Duration) -> u64 {
    (d.as_millis() / TICK.as_millis()) as u64 + 1
}

/// The module's file name: what `scripts/build-wasm.sh` writes and what a copied binary looks for beside it.
pub const MODULE_FILE: &str = "dunwell_bg.wasm";

/// Where this binary's build wrote the module (`pkg/dist/dunwell_bg.wasm` of the checkout it was built in).
pub fn build_module_path() -> PathBuf {
    let host = Path::new(env!("CARGO_MANIFEST_DIR"));
    host.parent().unwrap_or(host).join("pkg/dist").join(MODULE_FILE)
}

/// Finds the module when no `--module` is given; see [`find_module`]. Falls back to the build's path, so an
/// error then names that file.
pub fn default_module_path() -> PathBuf {
    find_module(None).unwrap_or_else(|_| build_module_path())
}

/// Finds the module, in order: `explicit` (`--module`), `$DUNWELL_MODULE`, `dunwell_bg.wasm` next to the
/// executable, the build's `pkg/dist/dunwell_bg.wasm`. A copied or installed binary so runs the module shipped
/// beside it, never silently the one on the build machine.
///
/// # Errors
/// A named module (`--module`, `$DUNWELL_MODULE`) that does not exist, or no module in any place: the message
/// lists every place tried and says how to name one.
pub fn find_module(explicit: Option<&Path>) -> anyhow::Result<PathBuf> {
    let env = std::env::var_os("DUNWELL_MODULE").filter(|v| !v.is_empty());
    let beside_exe = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|d| d.join(MODULE_FILE)));
    resolve_module(
        explicit,
        env.as_deref().map(Path::new),
        beside_exe.as_deref(),
        &build_module_path(),
    )
    .map_err(|message| anyhow::anyhow!(message))
}

/// [`find_module`] over given places, so the search and its message are testable without moving files.
pub fn resolve_module(
    explicit: Option<&Path>,
    env: Option<&Path>,
    beside_exe: Option<&Path>,
    build: &Path,
) -> Result<PathBuf, String> {
    const HOW: &str = "pass `--module FILE` or set DUNWELL_MODULE to the module (`scripts/build-wasm.sh` \
                       builds it as pkg/dist/dunwell_bg.wasm)";
    // A module the user names is the one they mean: never fall back to another file in its place.
    if let Some(p) = explicit {
        return if p.is_file() {
            Ok(p.to_path_buf())
        } else {
            Err(format!(
                "the module `{}` given with --module does not exist; {HOW}",
                p.display()
            ))
        };
    }
    if let Some(p) = env {
        return if p.is_file() {
            Ok(p.to_path_buf())
        } else {
            Err(format!(
                "the module `{}` named by $DUNWELL_MODULE does not exist; {HOW}",
                p.display()
            ))
        };
    }
    let mut tried = vec![
        "--module: not given".to_string(),
        "$DUNWELL_MODULE: not set".to_string(),
    ];
    for (what, place) in [
        ("next to the executable", beside_exe),
        ("where it was built", Some(build)),
    ] {
        match place {
            Some(p) if p.is_file() => return Ok(p.to_path_buf()),
            Some(p) => tried.push(format!("{what}: {} (no such file)", p.display())),
            None => tried.push(format!("{what}: unknown")),
        }
    }
    Err(format!(
        "no Dunwell module found. Tried:\n  {}\n{HOW}",
        tried.join("\n  ")
    ))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a test fails loudly
mod tests {
    use super::*;

    #[test]
    fn the_module_is_looked_for_in_order_and_a_named_one_is_never_replaced() {
        let dir = std::env::temp_dir().join(format!("dunwell-resolve-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (named, env, beside, build) = (
            dir.join("named.wasm"),
            dir.join("env.wasm"),
            dir.join("beside.wasm"),
            dir.join("build.wasm"),
        );
        let resolve = || resolve_module(None, None, Some(&beside), &build);

        // Nothing anywhere: every place tried is named, with the way out.
        let err = resolve().unwrap_err();
        for expected in [
            "--module: not given",
            "$DUNWELL_MODULE: not set",
            &format!("next to the executable: {} (no such file)", beside.display()),
            &format!("where it was built: {} (no such file)", build.display()),
            "pass `--module FILE` or set DUNWELL_MODULE",
        ] {
            assert!(err.contains(expected), "`{expected}` missing from: {err}");
        }

        std::fs::write(&build, "").unwrap();
        assert_eq!(resolve().unwrap(), build);
        std::fs::write(&beside, "").unwrap();
        assert_eq!(
            resolve().unwrap(),
            beside,
            "a copied binary's own module comes before the build's"
        );

        // Named but missing: an error naming it, not the module beside the binary.
        let err = resolve_module(None, Some(&env), Some(&beside), &build).unwrap_err();
        assert!(
            err.contains(&env.display().to_string()) && err.contains("$DUNWELL_MODULE"),
            "{err}"
        );
        let err = resolve_module(Some(&named), Some(&env), Some(&beside), &build).unwrap_err();
        assert!(
            err.contains(&named.display().to_string()) && err.contains("--module"),
            "{err}"
        );

        std::fs::write(&env, "").unwrap();
        assert_eq!(resolve_module(None, Some(&env), Some(&beside), &build).unwrap(), env);
        std::fs::write(&named, "").unwrap();
        assert_eq!(
            resolve_module(Some(&named), Some(&env), Some(&beside), &build).unwrap(),
            named
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
