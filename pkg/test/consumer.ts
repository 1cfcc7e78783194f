// Compiled with `tsc --noEmit` by scripts/test.sh: the declarations must describe how the package is used.
import init, {
  Engine, DunwellError, defaultPolicy, info, validatePolicy,
  type Decision, type Account, type Envelope, type OffersView, type Op, type Policy, type Problem,
  type RenderCall, type Rendered,
} from '../index.js';

async function main(): Promise<void> {
  await init(new URL('https://cdn.example/dunwell_bg.wasm'));
  const account: Account = {
    id: 'A', jurisdiction: 'US', currency: 'USD', borrower: { name: 'Ann', time_zone: 'America/New_York' },
    arrangement: { id: 'ARR-1', agreed_at: '2026-11-01T00:00:00Z', instalments: [{ due: '2026-12-01', amount: 5000 }] },
  };
  const engine = new Engine();                       // the shipped default policy
  const custom = new Engine({ ...defaultPolicy, horizon_days: 7, company: { ...defaultPolicy.company, name: 'Acme' } });
  const policy: Policy = { name: 'mine', jurisdictions: { US: { preset: 'US', window: { from: '09:00', to: '20:00' } } } };
  try {
    const d: Decision = engine.decide(account, '2026-11-28T09:00:00Z');
    const bucket: string = d.bucket;
    const states: string[] = d.promises.map((p) => p.state);
    const arrangementState: 'current' | 'completed' | 'broken' | undefined = d.arrangement?.state;
    const owedIn30: number | undefined = d.penalty?.projections.at(-1)?.owed;
    const until: string = d.valid_until;
    const barred: boolean = d.limitation?.time_barred ?? false;
    console.log(bucket, states, arrangementState, owedIn30, until, barred, d.engine.module_sha256 ?? 'unknown', info().tzdb_version, validatePolicy(policy).valid);
    const o: OffersView = custom.offers(account, new Date('2026-11-28T09:00:00Z'));
    console.log(o.offers.map((x) => x.total), o.penalty?.per_day);
  } catch (e) {
    if (e instanceof DunwellError) console.log(e.code, e.path, e.problems?.length);
  }
  const warnings: Problem[] = engine.warnings;
  const op: Op = 'render';
  const call: RenderCall = { account, as_of: '2026-11-28T09:00:00Z', channel: 'sms', template: { id: 'm2_overdue_firm' } };
  const env = JSON.parse(engine.callJson(op, JSON.stringify(call))) as Envelope<Rendered>;
  if ('error' in env) console.log(env.error.code, env.error.path, warnings.length);
  else console.log(env.ok.text, env.ok.sms?.segments, env.ok.findings.map((f) => f.code));
  // Typed per op: the input is checked against RenderCall, the answer is Rendered.
  const rendered: Rendered = engine.call('render', call);
  const sheet: OffersView = engine.call('offers', { account, as_of: '2026-11-28T09:00:00Z' });
  console.log(rendered.findings.length, sheet.offers.length);
  const decided = JSON.parse(engine.decideJson('{}')) as Envelope<Decision>;
  if ('ok' in decided) console.log(decided.ok.dpd);
}
void main();

// A Date is an instant too; misuse is a DunwellError with a code.
export function decideAt(engine: Engine, account: Account | string, at: Date): Decision {
  return engine.decide(account, at);
}

// @ts-expect-error: an unknown operation is a type error (and an error envelope at run time).
export const wrongOp = (engine: Engine): string => engine.callJson('offer', '{}');
// @ts-expect-error: a render call needs a channel and a template.
export const badCall = (engine: Engine): Rendered => engine.call('render', { account: {} as Account, as_of: 'x' });
// @ts-expect-error: warnings are an array, not JSON text.
export const notText: string = new Engine().warnings;
// @ts-expect-error: the policy's top level is typed: a misspelt field is caught.
export const misspelt: Policy = { horizon_dayz: 7 };
