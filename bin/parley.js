#!/usr/bin/env node
'use strict';
// The terminal front end. The TypeScript sources are compiled to dist/ by `npm ci` (the prepare script).
require('../dist/src/cli.js').run(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
