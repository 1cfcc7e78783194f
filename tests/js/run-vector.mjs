// Runs one vector against the package API; browser-safe (no Node imports), shared by Node and the page.
// An invalid policy answers with validatePolicyJson's envelope, which is what engine creation reports.
export function runVector(api, engines, v) {
  if (v.op === 'validate_policy') return api.validatePolicyJson(v.input);
  let engine = engines.get(v.policy);
  if (engine === undefined) {
    try { engine = new api.Engine(v.policy); } catch (e) { engine = e; }
    engines.set(v.policy, engine);
  }
  if (engine instanceof Error) return api.validatePolicyJson(v.policy);
  return engine.callJson(v.op, v.input);
}
