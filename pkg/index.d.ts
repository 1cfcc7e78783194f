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

export type Channel = 'sms' | 'email' | 'letter' | 'call' | 'social_dm' | 'agency_referral' | 'legal_referral';
export type Outcome = 'rpc' | 'third_party' | 'no_answer' | 'busy' | 'voicemail' | 'wrong_number' | 'sent' | 'delivered' | 'bounced' | 'failed' | 'replied';
/** Minor units (cents, fen): an integer below 2^53. */
export type Amount = number;
/** RFC 3339 with an offset, e.g. `2026-11-28T09:00:00Z`. */
export type Instant = string;
/** `YYYY-MM-DD` in the borrower's calendar. */
export type DateString = string;

export interface ChannelState { address: string; consent?: boolean; opted_out?: boolean; bounced?: boolean; workplace?: boolean }

export interface Account {
  id: string;
  jurisdiction: string;
  currency: string;
  balances?: { principal?: Amount; interest?: Amount; fees?: Amount };
  instalments?: { due: DateString; amount: Amount; paid?: Amount }[];
  borrower: {
    name: string;
    locale?: 'zh-CN' | 'en-US' | 'en-GB' | 'es-US';
    time_zone: string;
    birth_year?: number;
    monthly_income?: Amount;
    monthly_expenses?: Amount;
    preferred_channel?: Channel;
    inconvenient_times?: { days?: number[]; from: string; to: string }[];
  };
  channels?: Partial<Record<'sms' | 'email' | 'letter' | 'call' | 'social_dm', ChannelState>>;
  history?: {
    payments?: { at: Instant; amount: Amount }[];
    /** `intents` on a reply (from the `reply` operation's `contact`) soften the next messages. */
    contacts?: { at: Instant; channel: Channel; direction?: 'outbound' | 'inbound'; outcome: Outcome; intents?: string[] }[];
    promises?: { id: string; made_at: Instant; due: DateString; amount: Amount; cancelled_at?: Instant }[];
  };
  flags?: Partial<Record<'cease' | 'dispute' | 'bankruptcy' | 'deceased' | 'attorney' | 'hardship', boolean>>;
  features?: Record<string, number | string | boolean>;
  opened?: DateString;
  /** Contract reference, for evidence packs. */
  contract?: string;
  /** The collection agency the account is placed with. */
  placement?: { agency: string; placed_at: Instant };
}

export interface PromiseStatus {
  id: string;
  due: DateString;
  amount: Amount;
  paid: Amount;
  state: 'pending' | 'kept' | 'broken' | 'cancelled';
  /** Payments strictly before this instant count. */
  deadline: Instant;
  settled_at: Instant | null;
}

export interface Decision {
  account_id: string;
  as_of: Instant;
  /** Words are written only for actions before this instant, each with the facts of its own send day; re-decide by
   *  then (the next run) and send only what falls due before it. */
  valid_until: Instant;
  as_of_local: string;
  time_zone: string;
  engine: { version: string; module_sha256: string | null; policy_sha256: string };
  jurisdiction: string;
  currency: string;
  dpd: number;
  bucket: string;
  arrears: {
    overdue_amount: Amount;
    overdue_instalments: number;
    oldest_unpaid_due: DateString | null;
    next_due: DateString | null;
    next_due_amount: Amount;
    outstanding: Amount;
  };
  /** The limitation period: when the debt can no longer be sued on (null when nothing is overdue or no rule applies). */
  limitation: { years: number; started: DateString; ends: DateString; time_barred: boolean; disclosure: boolean; source: string } | null;
  promises: PromiseStatus[];
  score: { points: number; probability: number; band: string; reasons: { feature: string; value: unknown; points: number; max_points: number }[] } | null;
  segment: string | null;
  stage: { step: string | null; index: number; of: number };
  actions: Action[];
  suppressed: { step: string; channel: Channel; reason: string; until: Instant | null }[];
  review: string | null;
  offers: { id: string; kind: string; schedule: { due: DateString; amount: Amount }[]; total: Amount; monthly_burden: Amount; savings: Amount; affordable: boolean | null; forbearance: boolean; expected_recovery: Amount }[];
  debt_advice: { name: string; contact: string } | null;
  /** Agency placement and legal referral (null when the policy has no escalation rules). */
  escalation: {
    agency: { eligible: boolean; blocked_by: string[]; ranking: { id: string; score: number }[]; placed_with: string | null; days_placed: number | null; tone: Tone | null; recall: boolean } | null;
    legal: { eligible: boolean; blocked_by: string[]; expected_recovery: Amount; costs: Amount; net: Amount; recommend: boolean } | null;
  } | null;
  /** Champion/challenger arms the account is in. */
  experiments: { experiment: string; arm: string }[];
}

export type Tone = 'gentle' | 'neutral' | 'firm';

/** A planned action with its rendered words. */
export interface Action {
  step: string;
  channel: Channel;
  /** Borrower's local time with offset. */
  at: Instant;
  at_utc: Instant;
  template: string;
  tone: Tone;
  mode: 'auto' | 'manual';
  queue: string | null;
  rule: string;
  adjusted: string[];
  /** Why the tone is softer than the step's: the borrower's hardship or a recent angry reply. */
  softened: 'hardship' | 'angry_reply' | null;
  /** After a cease request: the only kind of notice the law still allows (FDCPA §1692c(c)). */
  notice: 'specific_remedy' | null;
  /** The local day whose facts the words state (the action's own day), null when no words are written. */
  facts_as_of: DateString | null;
  /** The words: null for agency and legal referrals and for actions at or after the decision's `valid_until`. */
  message: Message | null;
}

export interface Message {
  /** `<locale>/<template id>` that wrote it. */
  template: string;
  subject: string | null;
  text: string | null;
  html: string | null;
  sms: { encoding: 'gsm7' | 'ucs2'; units: number; segments: number } | null;
}

/** The policy document; see policies/default.json. `{}` means every default. */
export type Policy = Record<string, unknown>;

/**
 * A loaded policy. Arguments are checked before they reach the module: a value JSON cannot represent, a missing
 * `asOf` or one of the wrong type is a DunwellError naming the argument (`path` `/account`, `/as_of`, or `""` for the
 * policy). If the module traps, the instance is replaced, the call reports `internal.trap`, and every engine goes on
 * working on the new instance.
 */
export declare class Engine {
  /** Validates the policy; throws DunwellError listing every problem (`policy.wrong_type` if it is not JSON). */
  constructor(policy: Policy | string);
  /** The decision, or throws DunwellError. `account` is an object or its JSON text; `asOf` an RFC 3339 string or a
   *  valid Date (taken as its UTC instant, `toISOString()` without `.000`). */
  decide(account: Account | string, asOf: Instant | Date): Decision;
  /** `{"account", "as_of"}` JSON in, envelope JSON out; never throws (a non-string argument, a trap or a freed
   *  engine is an error envelope too). */
  decideJson(callJson: string): string;
  /** Any operation by name (`decide`, `decide_batch`, `render`, `reply`, `lint`, `evidence`, `experiment_report`,
   *  `kpi`, `queue`, `fit`; see `info().ops`), envelope JSON out; never throws. */
  callJson(op: string, inputJson: string): string;
  readonly policySha256: string;
  /** Validation warnings, as a JSON array string. */
  readonly warnings: string;
  /** Frees the engine now (idempotent); every later call fails with `abi.unknown_engine`. */
  free(): void;
}

export type InitInput = URL | string | Request | Response | BufferSource | WebAssembly.Module;

/** Loads the module once; later calls return the same promise. In Node it resolves at once. */
export declare function init(input?: InitInput, options?: { moduleSha256?: string }): Promise<void>;
export declare function initSync(input: BufferSource | WebAssembly.Module, options?: { moduleSha256?: string }): void;
/** sha256 of the loaded module, as stamped on decisions (null before init). */
export declare function getModuleSha256(): string | null;
export declare function info(): { version: string; abi_version: number; tzdb_version: string; ops: string[] };
export declare function validatePolicy(policy: Policy | string): { valid: true; warnings: Problem[] };
export default init;
