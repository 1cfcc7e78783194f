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
  flags?: Partial<Record<'cease' | 'dispute' | 'bankruptcy' | 'deceased' | 'attorney' | 'hardship', boolean>> & {
    /** When the lender last sent verification of the debt: a validation request recorded before it is answered. */
    verified_at?: Instant;
  };
  features?: Record<string, number | string | boolean>;
  opened?: DateString;
  /** Contract reference, for evidence packs. */
  contract?: string;
  /** The collection agency the account is placed with. */
  placement?: { agency: string; placed_at: Instant };
  /** What a US debt collector's validation notice itemizes (needed with `company.role: agency`). */
  itemization?: { date: DateString; amount: Amount; creditor: string };
  /** An agreed repayment arrangement: its instalments are judged like promises made at `agreed_at`. */
  arrangement?: { id: string; agreed_at: Instant; instalments: { due: DateString; amount: Amount }[] };
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
  /** The agreed arrangement, judged (null when the account has none agreed by `as_of`). */
  arrangement: ArrangementStatus | null;
  score: { points: number; probability: number; band: string; reasons: { feature: string; value: unknown; points: number; max_points: number }[] } | null;
  segment: string | null;
  stage: { step: string | null; index: number; of: number };
  actions: Action[];
  suppressed: { step: string; channel: Channel; reason: string; until: Instant | null }[];
  review: string | null;
  /** Collection paused for a dispute or a validation request: the lender's task and its clock. */
  verification: Verification | null;
  /** A US debt collector's validation notice (`company.role: agency`; null otherwise). */
  validation_notice: {
    sent_on: DateString | null;
    period_ends: DateString | null;
    itemization: { date: DateString; amount: Amount; interest_and_fees: Amount; payments: Amount; current: Amount; creditor: string } | null;
  } | null;
  /** Penalty interest so far and what doing nothing costs (null when nothing is overdue). */
  penalty: Penalty | null;
  /** Repayment offers, best first. */
  offers: Offer[];
  debt_advice: DebtAdvice | null;
  /** Agency placement and legal referral (null when the policy has no escalation rules). */
  escalation: {
    agency: { eligible: boolean; blocked_by: string[]; ranking: { id: string; score: number }[]; placed_with: string | null; days_placed: number | null; tone: Tone | null; recall: boolean } | null;
    legal: { eligible: boolean; blocked_by: string[]; expected_recovery: Amount; costs: Amount; net: Amount; recommend: boolean } | null;
  } | null;
  /** Champion/challenger arms the account is in. */
  experiments: { experiment: string; arm: string }[];
}

export type Tone = 'gentle' | 'neutral' | 'firm';

/** An agreed arrangement as judged at `as_of`; each instalment is a promise `<id>#<n>`. */
export interface ArrangementStatus {
  id: string;
  /** `broken` once an instalment passed its deadline unpaid (the account goes back to the ladder). */
  state: 'current' | 'completed' | 'broken';
  instalments: PromiseStatus[];
}

export interface Penalty {
  /** The terms applied, after the jurisdiction's caps. */
  terms: { annual_rate_bps: number; day_count: 'act/365' | 'act/360'; cap_bps_of_overdue: number | null };
  /** Accrued to `as_of`'s local date. */
  accrued: Amount;
  /** What tomorrow adds (0 once the cap binds). */
  per_day: Amount;
  /** Owed in 7, 14 and 30 days if nothing is paid. */
  projections: { date: DateString; penalty: Amount; owed: Amount }[];
}

export interface Offer {
  id: string;
  kind: string;
  schedule: { due: DateString; amount: Amount }[];
  total: Amount;
  monthly_burden: Amount;
  savings: Amount;
  affordable: boolean | null;
  forbearance: boolean;
  expected_recovery: Amount;
  /** What the lender forgoes against the contract: discount, forgiveness, scheduled interest, waived penalty. */
  gives_up: Amount;
  /** Present value (at `offers.cost_of_funds_bps`) of all the borrower pays over the debt's life, times uptake: the ranking. */
  net_recovery: Amount;
  /** Who may grant it, by the share of the contract it gives up. */
  approval: 'auto' | 'agent' | 'supervisor';
}

export interface Verification {
  ground: 'dispute' | 'validation_request';
  task: 'send_verification';
  raised_at: Instant | null;
  /** Days the jurisdiction allows (US 30, GB 56, CN 20, or the policy's shorter clock). */
  days: number;
  due: DateString | null;
  days_left: number | null;
}

export interface DebtAdvice { name: string; contact: string }

/** What `engine.offers()` returns: the same fields as the host's `POST /v1/offers`. */
export interface OffersView {
  account_id: string;
  currency: string;
  penalty: Penalty | null;
  offers: Offer[];
  debt_advice: DebtAdvice | null;
}

/** The operations `callJson` knows (`info().ops`). */
export type Op = 'decide' | 'decide_batch' | 'fit' | 'render' | 'lint' | 'reply' | 'evidence' | 'experiment_report' | 'kpi' | 'queue' | 'learn' | 'offers';

/** Input of `decide` (and `evidence`): the account and the moment; `messages: false` plans without words. */
export interface DecideCall { account: Account; as_of: Instant; messages?: boolean }
/** Input of `render`: a library template (`{id}`) or an inline one (`{name, source}`; a name ending in `.html`
 *  escapes every variable) for an account, on a channel, in a tone. */
export interface RenderCall { account: Account; as_of: Instant; template: { id: string } | { name: string; source: string }; channel: Channel; tone?: Tone }
/** What `render` answers: the message and what the compliance lint found in it. */
export interface Rendered extends Message { findings: Finding[] }
/** A compliance lint finding: `error` must not be sent, `warning` should be fixed. */
export interface Finding {
  code: string;
  severity: 'error' | 'warning';
  /** Template id (and part, e.g. `m2_overdue_firm/sms/en-US`). */
  template: string;
  /** Byte offset in the template source or the rendered text (`within`), when it applies. */
  position: number | null;
  within: 'source' | 'rendered' | string;
  message: string;
}
/** Input of `reply`: a borrower's message received at `as_of` on `channel` (default `sms`). */
export interface ReplyCall { account: Account; as_of: Instant; text: string; channel?: Channel }
/** Input of `lint`: which templates to sweep (default every template the policy sends). */
export interface LintCall { templates?: string[] }

/** What `callJson` and `decideJson` return, parsed: the answer, or an error with a code and a JSON Pointer. */
export type Envelope<T = unknown> =
  | { ok: T; warnings?: Problem[] }
  | { error: Problem & { help?: string; problems?: Problem[] } };

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

type Channelish = Channel | 'best';
/** `HH:MM` local time. */
export type LocalTime = string;

/** A ladder step of a segment. */
export interface Step {
  id: string;
  dpd: number;
  channel: Channelish;
  template: string;
  tone?: Tone;
  mode?: 'auto' | 'manual';
  time?: LocalTime;
  [more: string]: unknown;
}

export interface JurisdictionRules {
  preset: 'US' | 'CN' | 'GB' | 'custom';
  window?: { from: LocalTime; to: LocalTime } | null;
  calls_per_7_days?: number | null;
  quiet_days_after_conversation?: number | null;
  connected_calls_per_day?: number | null;
  call_attempts_per_day?: number | null;
  /** ISO weekdays, 1 = Monday. */
  no_contact_weekdays?: number[];
  holidays?: DateString[];
  overrides?: Record<string, unknown>[];
  debt_advice?: DebtAdvice | null;
  limitation?: Record<string, unknown> | null;
}

/**
 * The policy document (policies/default.json is the package's `defaultPolicy`). Every field is optional: a missing
 * one takes the module's built-in fallback, so `{}` is valid but has no scorecard and no segments (no score, no
 * actions). Unknown fields are errors. The nested documents are typed here at their top level; the module checks the
 * rest and reports each problem with its JSON Pointer.
 */
export interface Policy {
  name?: string;
  buckets?: { name: string; max_dpd: number | null }[];
  dpd?: { tolerance?: Amount };
  promises?: { grace_days?: number };
  jurisdictions?: Record<string, JurisdictionRules>;
  horizon_days?: number;
  segments?: { name: string; when?: Record<string, unknown>; ladder: Step[] }[];
  channels?: { by_age?: Record<string, unknown>[]; default_order?: Channel[]; learned?: Record<string, unknown> | null };
  checkins?: { days_before?: number; template?: string; time?: LocalTime };
  offers?: {
    rounding?: 'half_up' | 'half_even' | 'down';
    penalty?: { annual_rate_bps?: number; day_count?: 'act/365' | 'act/360'; cap_bps_of_overdue?: number | null };
    first_payment_days?: number;
    pay_in_full?: Record<string, unknown> | null;
    instalments?: Record<string, unknown>;
    deferral?: Record<string, unknown> | null;
    restructure?: Record<string, unknown> | null;
    token_payment?: Record<string, unknown> | null;
    affordability?: Record<string, unknown>;
    uptake?: Record<string, unknown>;
    limits?: Record<string, unknown>;
  };
  scorecard?: Record<string, unknown> | null;
  company?: {
    name?: string;
    phone?: string;
    url?: string;
    /** May contain `{account_id}`. */
    pay_url?: string;
    role?: 'lender' | 'agency';
    credit_reporting?: boolean;
    address?: string[];
    jurisdictions?: Record<string, Record<string, unknown>>;
  };
  messages?: { max_sms_segments?: number; reply_days?: number; soften_days?: number; valid_hours?: number; templates?: Record<string, string> };
  escalation?: Record<string, unknown>;
  experiments?: Record<string, unknown>[];
}

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
   *  `kpi`, `queue`, `fit`, `learn`, `offers`; see `info().ops`), envelope JSON out; never throws. */
  callJson(op: Op, inputJson: string): string;
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
