#!/usr/bin/env node
// The CLI is compiled to dist/ by `npm install` (the prepare script runs `npm run build`).
import { main } from '../dist/src/surfaces/cli/main.js';

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`tenure: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
