// The Node.js entry for `require`: node.mjs, loaded with require (Node 20.19+ and 22.12+ require ES modules), so
// `require('dunwell')` and `import 'dunwell'` share one instance and one Engine class.
'use strict';
module.exports = require('./node.mjs');
