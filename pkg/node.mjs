// The Node.js entry (ES module): the CommonJS entry, re-exported (one instance and one Engine class whichever way
// Node loads the package).
import api from './node.cjs';
export const { DunwellError, Engine, init, initSync, getModuleSha256, info, validatePolicy } = api;
export default api.init;
