// Compiled with `tsc --noEmit` by scripts/test.sh: the declarations must describe how the package is used.
import init, { Engine, DunwellError, type Decision, type Account, info, validatePolicy } from '../index.js';

async function main(): Promise<void> {
  await init(new URL('https://cdn.example/dunwell_bg.wasm'));
  const account: Account = { id: 'A', jurisdiction: 'US', currency: 'USD', borrower: { name: 'Ann', time_zone: 'America/New_York' } };
  const engine = new Engine({});
  try {
    const d: Decision = engine.decide(account, '2026-11-28T09:00:00Z');
    const bucket: string = d.bucket;
    const states: string[] = d.promises.map((p) => p.state);
    console.log(bucket, states, d.engine.module_sha256 ?? 'unknown', info().tzdb_version, validatePolicy({}).valid);
  } catch (e) {
    if (e instanceof DunwellError) console.log(e.code, e.path, e.problems?.length);
  }
  const envelope: string = engine.decideJson('{}');
  console.log(envelope);
}
void main();

// A Date is an instant too; misuse is a DunwellError with a code.
export function decideAt(engine: Engine, account: Account | string, at: Date): Decision {
  return engine.decide(account, at);
}
