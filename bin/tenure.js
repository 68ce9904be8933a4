#!/usr/bin/env node
// The CLI is compiled to dist/ by `npm install` (the prepare script runs `npm run build`).
import { main } from '../dist/src/surfaces/cli/main.js';

// `tenure summary ... | head` closes the pipe early; that is the reader being done, not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`tenure: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
