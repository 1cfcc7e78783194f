// The one implementation behind every entry point (index.js for browsers and bundlers, node.cjs and node.mjs for
// Node), over either wasm-bindgen glue in dist/: the DunwellError class, argument checks before anything reaches the
// module, and trap containment.
//
// Traps: a trap (WebAssembly.RuntimeError, a stack overflow, or any other error that is not a DunwellError coming
// out of the glue) leaves the instance's allocator, shadow stack and borrow flags in an unknown state. As the host
// does, the instance is then thrown away: the glue (built with wasm-bindgen's --experimental-reset-state-function)
// makes a fresh one from the same compiled module, the failing call reports `internal.trap`, and every Engine
// rebuilds itself on the new instance from its policy the next time it is used.
//
// The bindings stay thin: every decision is the module's; this file only checks arguments, converts JSON text to
// objects and picks fields out of the module's answers.
import { DEFAULT_POLICY_JSON } from './policy/default.js';

function deepFreeze(value) {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** The policy shipped with the package (policies/default.json), frozen: `new Engine()` loads it. Copy it to change
 *  it, e.g. `new Engine({ ...defaultPolicy, horizon_days: 7 })`. */
export const defaultPolicy = deepFreeze(JSON.parse(DEFAULT_POLICY_JSON));

/** An error from Dunwell: `code` (stable, e.g. `account.bad_time_zone`), `message`, `path` (JSON Pointer). */
export class DunwellError extends Error {
  constructor(code, message, path = '', extra = {}) {
    super(message);
    this.name = 'DunwellError';
    Object.assign(this, { code, path }, extra);
  }
  // Errors thrown inside the module are plain Errors named DunwellError; `instanceof` recognises them too.
  static [Symbol.hasInstance](e) {
    return e instanceof Error && e.name === 'DunwellError';
  }
}

// One state per glue instance, shared by every binding over it: the glue's reset function identifies the instance.
const states = new WeakMap();

function stateOf(glue) {
  const reset = glue.__wbg_reset_state;
  if (typeof reset !== 'function') {
    throw new DunwellError('host.unavailable', 'the glue in dist/ cannot replace a trapped instance: rebuild it with scripts/build-wasm.sh');
  }
  let state = states.get(reset);
  if (!state) states.set(reset, (state = { reset, generation: 0, broken: false }));
  return state;
}

/** Throws away the instance and makes a fresh one; `generation` tells engines built before it that they are stale. */
function restart(state) {
  state.generation++;
  try {
    state.reset();
    state.broken = false;
  } catch (e) {
    state.broken = true;
    throw new DunwellError('host.unavailable', `cannot restart the module: ${reason(e)}`, '', { cause: e });
  }
}

/** Runs `f` against the module; a trap replaces the instance and becomes `internal.trap`. */
function contained(state, f) {
  if (state.broken) restart(state);
  try {
    return f();
  } catch (e) {
    if (e instanceof DunwellError) throw e;
    try { restart(state); } catch { /* reported by the next call, which tries again */ }
    const what = e instanceof WebAssembly.RuntimeError ? 'trapped' : 'failed';
    throw new DunwellError('internal.trap', `the module ${what}: ${reason(e)}`, '', { cause: e });
  }
}

function reason(e) {
  const text = String(e?.message ?? e).split('\n')[0];
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** A short name of what a value is, for messages: `number \`12\``, `symbol`, `undefined`. */
function describe(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  if (type === 'number' || type === 'boolean' || type === 'bigint') return `${type} \`${String(value)}\``;
  return type;
}

/** JSON text of an object, or a string taken as JSON already; `scope` and `path` say which argument is at fault. */
/** The `ok` value of an envelope's text, or throws its error as a DunwellError (help and problems kept). */
function okOrThrow(answer) {
  const env = JSON.parse(answer);
  if (env.error) {
    const { code, message, path, ...extra } = env.error;
    throw new DunwellError(code, message, path, extra);
  }
  return env.ok;
}

function jsonArg(value, scope, path, name) {
  if (typeof value === 'string') return value;
  if (value === undefined && path) throw new DunwellError(`${scope}.missing_field`, `missing field \`${name}\``, path);
  let text;
  try {
    text = JSON.stringify(value);
  } catch (e) {
    throw new DunwellError(`${scope}.wrong_type`, `cannot convert \`${name}\` to JSON: ${reason(e)}`, path);
  }
  if (text === undefined) {
    throw new DunwellError(`${scope}.wrong_type`, `invalid type: ${describe(value)}, expected an object or a JSON string`, path);
  }
  return text;
}

/** The policy argument as JSON text; its problems carry `problems` like the module's policy errors. */
function policyArg(policy) {
  try {
    return jsonArg(policy, 'policy', '', 'policy');
  } catch (e) {
    e.problems = [{ code: e.code, message: e.message, path: e.path }];
    throw e;
  }
}

/** `asOf`: an RFC 3339 string as given, or a valid Date as its ISO string (milliseconds dropped when zero). */
function instantArg(asOf) {
  if (typeof asOf === 'string') return asOf;
  if (asOf === undefined) throw new DunwellError('call.missing_field', 'missing field `as_of`', '/as_of');
  if (asOf instanceof Date) {
    if (Number.isNaN(asOf.getTime())) throw new DunwellError('call.bad_instant', '`Invalid Date` is not an instant', '/as_of');
    return asOf.toISOString().replace(/\.000Z$/, 'Z');
  }
  throw new DunwellError('call.wrong_type', `invalid type: ${describe(asOf)}, expected an RFC 3339 string or a Date`, '/as_of');
}

function stringArg(value, expected) {
  if (typeof value === 'string') return value;
  throw new DunwellError('call.wrong_type', `invalid type: ${describe(value)}, expected ${expected}`, '');
}

/** The string tier never throws: a failure becomes the same error envelope the module writes. */
function envelope(f) {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof DunwellError)) throw e;
    return JSON.stringify({ error: { code: e.code, message: e.message, path: e.path } });
  }
}

/**
 * The package API over one glue (`Engine`, `infoJson`, `validatePolicyJson`, `__wbg_reset_state`).
 * `moduleSha256()` is stamped on decisions; `loaded()` says whether the glue has an instance yet.
 */
export function bind(glue, { moduleSha256 = () => null, loaded = () => true } = {}) {
  const state = stateOf(glue);
  const run = (f) => {
    if (!loaded()) throw new DunwellError('host.unavailable', 'the module is not loaded: call `await init()` first');
    return contained(state, f);
  };

  /** A loaded policy: `new Engine(policy)` (object or JSON string, taken as given), or `new Engine()` for the
   *  package's default policy. */
  class Engine {
    #policy;
    #raw = null;
    #generation = -1;
    #freed = false;

    constructor(policy) {
      // The file's own text, so `new Engine()` is exactly the host's `--policy policies/default.json`.
      this.#policy = policy === undefined ? DEFAULT_POLICY_JSON : policyArg(policy);
      run(() => this.#current());
    }

    /** The glue's engine on the current instance, rebuilt from the policy after a trap replaced the instance. */
    #current() {
      if (this.#freed) throw new DunwellError('abi.unknown_engine', 'the engine was freed: make a new one', '');
      if (this.#generation !== state.generation) {
        // A stale glue engine is dropped, never freed: its pointer belongs to the old instance (the glue's
        // finalizer skips objects of earlier instances).
        this.#raw = new glue.Engine(this.#policy, moduleSha256() ?? undefined);
        this.#generation = state.generation;
      }
      return this.#raw;
    }

    /** The decision object, or throws DunwellError. */
    decide(account, asOf) {
      const text = jsonArg(account, 'account', '/account', 'account');
      const instant = instantArg(asOf);
      return run(() => this.#current().decide(text, instant));
    }

    /** The repayment offers and penalty projection for an account: the module's `offers` op, the same fields as
     *  the host's `POST /v1/offers` (`account_id`, `currency`, `penalty`, `offers`, `debt_advice`). */
    offers(account, asOf) {
      const text = jsonArg(account, 'account', '/account', 'account');
      const instant = instantArg(asOf);
      const call = `{"account":${text},"as_of":${JSON.stringify(instant)}}`;
      return okOrThrow(run(() => this.#current().callJson('offers', call)));
    }

    /** `{"account", "as_of"}` JSON in, envelope JSON out; never throws. */
    decideJson(callJson) {
      return envelope(() => {
        const input = stringArg(callJson, 'a JSON string');
        return run(() => this.#current().decideJson(input));
      });
    }

    /** Any operation by name, envelope JSON out; never throws. */
    callJson(op, inputJson) {
      return envelope(() => {
        const name = stringArg(op, 'an operation name');
        const input = stringArg(inputJson, 'a JSON string');
        return run(() => this.#current().callJson(name, input));
      });
    }

    /** Any operation with its input as an object: the answer's `ok` value, or throws DunwellError (typed per op in
     *  index.d.ts). `decide_batch` takes its JSON-lines text and answers the envelopes' text. */
    call(op, input) {
      const name = stringArg(op, 'an operation name');
      // decide_batch and accounts_from_csv take text (JSON lines, CSV) as it is.
      const text = typeof input === 'string' ? input : jsonArg(input, 'call', '', 'input');
      const answer = run(() => this.#current().callJson(name, text));
      return name === 'decide_batch' ? answer : okOrThrow(answer);
    }

    get policySha256() {
      return run(() => this.#current().policySha256);
    }

    /** The policy's validation warnings, an array like `validatePolicy(policy).warnings`. */
    get warnings() {
      return JSON.parse(run(() => this.#current().warnings));
    }

    /** Frees the engine now rather than when it is collected; later calls fail with `abi.unknown_engine`. */
    free() {
      if (this.#freed) return;
      this.#freed = true;
      const raw = this.#raw;
      this.#raw = null;
      if (raw && this.#generation === state.generation) run(() => raw.free());
    }
  }
  if (typeof Symbol.dispose === 'symbol') Engine.prototype[Symbol.dispose] = Engine.prototype.free;

  return {
    Engine,
    /** `{version, abi_version, tzdb_version, ops}` of the loaded module. */
    info: () => JSON.parse(run(() => glue.infoJson())).ok,
    /** Validates a policy: `{ valid: true, warnings }` or throws DunwellError with every problem in `problems`. */
    validatePolicy(policy) {
      const text = policyArg(policy);
      const env = JSON.parse(run(() => glue.validatePolicyJson(text)));
      if (env.error) throw new DunwellError(env.error.code, env.error.message, env.error.path, { problems: env.error.problems ?? [] });
      return { valid: true, warnings: env.warnings ?? [] };
    },
  };
}
