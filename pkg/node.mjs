// The Node.js entry (ES module): the CommonJS entry, re-exported.
import api from './node.cjs';
export const { DunwellError, Engine, init, initSync, getModuleSha256, info, validatePolicy } = api;
export default api.init;
