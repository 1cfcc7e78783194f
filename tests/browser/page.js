// Loads the npm package's web entry exactly as a CRM page would and exposes a vector runner to the driver.
import init, { Engine, getModuleSha256 } from '/pkg/index.js';
import { validatePolicyJson } from '/pkg/dist/dunwell_web.js';
import { runVector } from '/tests/js/run-vector.mjs';

window.dunwellReady = init().then(() => true);
window.runVectors = async (vectors) => {
  await window.dunwellReady;
  const engines = new Map();
  const api = { Engine, validatePolicyJson };
  return { moduleSha256: getModuleSha256(), outputs: vectors.map((v) => runVector(api, engines, v)) };
};
