// Types of the dunwell package (all entry points share them). Field names are the snake_case names of the
// JSON the module reads and writes.

/** A stable error code `<scope>.<kind>`, e.g. `account.bad_time_zone`. */
export type ErrorCode = string;

export interface Problem {
  code: ErrorCode;
  message: string;
  /** JSON Pointer of the value at fault, `""` for the whole document. */
  path: string;
}

/** Thrown by `new Engine`, `decide`, `validatePolicy` and `info`; `instanceof DunwellError` works for all of them.
 *  Besides the module's codes: `internal.trap` (the module trapped; its instance was replaced), `host.unavailable`
 *  (before `init()` in a browser, or the module could not be restarted), `abi.unknown_engine` (used after `free()`). */
export declare class DunwellError extends Error {
  constructor(code: ErrorCode, message: string, path?: string, extra?: object);
  readonly name: 'DunwellError';
  code: ErrorCode;
  path: string;
  help?: string;
  /** Every problem, for invalid policies. */
  problems?: Problem[];
}

// The documents — accounts, policies, decisions, each op's input and answer — are generated from the engine's Rust
// types (schemas/components.json → types.d.ts by gen-types.mjs): they cannot drift from what the module reads and
// writes. The names below are the package's; each is the generated type of the same document.
import type {
  Account, Policy, Decision, DecideCall, RenderCall, Rendered, ReplyCall, LintCall, Analysis, OfferSheet, PenaltyView,
  Offer, Verification, DebtAdvice, ArrangementStatus, PromiseStatus, Planned, Message, Finding, Step, JurisdictionRules,
  Channel, Outcome, Tone, Locale, Amount, Instant, LocalTime, Date as DateText, ChannelState,
  EvidencePack, LintReport, Fitted, FitCall, Kpis, KpiCall, Queue, QueueCall, Learned, LearnCall, ExperimentReport,
  ExperimentReportCall, Intent,
} from './types.js';
export type {
  Account, Policy, Decision, DecideCall, RenderCall, Rendered, ReplyCall, LintCall, Analysis, OfferSheet, PenaltyView,
  Offer, Verification, DebtAdvice, ArrangementStatus, PromiseStatus, Planned, Message, Finding, Step, JurisdictionRules,
  Channel, Outcome, Tone, Locale, Amount, Instant, LocalTime, ChannelState, EvidencePack, LintReport, Fitted, FitCall,
  Kpis, KpiCall, Queue, QueueCall, Learned, LearnCall, ExperimentReport, ExperimentReportCall, Intent,
};
/** `YYYY-MM-DD` in the borrower's calendar. */
export type DateString = DateText;
/** A planned action with its words (`Decision.actions[i]`). */
export type Action = Planned;
/** Penalty interest so far and what doing nothing costs. */
export type Penalty = PenaltyView;
/** What `engine.offers()` returns: the same fields as the host's `POST /v1/offers`. */
export type OffersView = OfferSheet;
/** What `reply` answers. */
export type ReplyAnalysis = Analysis;

/** The operations `callJson` knows (`info().ops`). */
export type Op = 'decide' | 'decide_batch' | 'fit' | 'render' | 'lint' | 'reply' | 'evidence' | 'experiment_report' | 'kpi' | 'queue' | 'learn' | 'offers' | 'accounts_from_csv';

/** Each operation's input and answer (`engine.call(op, input)`), from the generated document types. */
export interface OpTypes {
  decide: [DecideCall, Decision];
  decide_batch: [string, string];
  offers: [DecideCall, OfferSheet];
  evidence: [DecideCall, EvidencePack];
  render: [RenderCall, Rendered];
  reply: [ReplyCall, Analysis];
  lint: [LintCall, LintReport];
  fit: [FitCall, Fitted];
  kpi: [KpiCall, Kpis];
  queue: [QueueCall, Queue];
  learn: [LearnCall, Learned];
  experiment_report: [ExperimentReportCall, ExperimentReport];
  /** CSV text in (a header row, then one record per account): the account documents, in order. */
  accounts_from_csv: [string, Account[]];
}

/** What `callJson` and `decideJson` return, parsed: the answer, or an error with a code and a JSON Pointer. */
export type Envelope<T = unknown> =
  | { ok: T; warnings?: Problem[] }
  | { error: Problem & { help?: string; problems?: Problem[] } };

/** The policy shipped with the package (policies/default.json), frozen; `new Engine()` loads it. */
export declare const defaultPolicy: Readonly<Policy>;

/**
 * A loaded policy. Arguments are checked before they reach the module: a value JSON cannot represent, a missing
 * `asOf` or one of the wrong type is a DunwellError naming the argument (`path` `/account`, `/as_of`, or `""` for the
 * policy). If the module traps, the instance is replaced, the call reports `internal.trap`, and every engine goes on
 * working on the new instance.
 */
export declare class Engine {
  /** Validates the policy; throws DunwellError listing every problem (`policy.wrong_type` if it is not JSON).
   *  A policy is taken as given (`{}` has no scorecard and no segments); with no argument, the package's
   *  `defaultPolicy`. */
  constructor(policy?: Policy | string);
  /** The decision, or throws DunwellError. `account` is an object or its JSON text; `asOf` an RFC 3339 string or a
   *  valid Date (taken as its UTC instant, `toISOString()` without `.000`). */
  decide(account: Account | string, asOf: Instant | Date): Decision;
  /** The repayment offers and the penalty projection (the fields of the decision that `POST /v1/offers` returns),
   *  or throws DunwellError like `decide`. */
  offers(account: Account | string, asOf: Instant | Date): OffersView;
  /** `{"account", "as_of"}` JSON in, envelope JSON out; never throws (a non-string argument, a trap or a freed
   *  engine is an error envelope too). */
  decideJson(callJson: string): string;
  /** Any operation by name (`decide`, `decide_batch`, `render`, `reply`, `lint`, `evidence`, `experiment_report`,
   *  `kpi`, `queue`, `fit`, `learn`, `offers`, `accounts_from_csv`; see `info().ops`), envelope JSON out; never throws. */
  callJson(op: Op, inputJson: string): string;
  /** Any operation with its input as an object (or its JSON text): the answer, typed per op, or throws
   *  DunwellError. `decide_batch` takes JSON-lines text and answers the envelopes' text. */
  call<O extends keyof OpTypes>(op: O, input: OpTypes[O][0] | string): OpTypes[O][1];
  readonly policySha256: string;
  /** The policy's validation warnings (as `validatePolicy(policy).warnings`). */
  readonly warnings: Problem[];
  /** Frees the engine now (idempotent); every later call fails with `abi.unknown_engine`. */
  free(): void;
}

export type InitInput = URL | string | Request | Response | BufferSource | WebAssembly.Module;

/** Loads the module once; later calls return the same promise. In Node it resolves at once. */
export declare function init(input?: InitInput, options?: { moduleSha256?: string }): Promise<void>;
export declare function initSync(input: BufferSource | WebAssembly.Module, options?: { moduleSha256?: string }): void;
/** sha256 of the loaded module, as stamped on decisions (null before init). */
export declare function getModuleSha256(): string | null;
export declare function info(): { version: string; abi_version: number; tzdb_version: string; ops: Op[] };
export declare function validatePolicy(policy: Policy | string): { valid: true; warnings: Problem[] };
export default init;
