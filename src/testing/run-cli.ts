/** Runs the tenure CLI in-process, as a user would from a shell, and returns its exit code and output. */
import { main } from '../surfaces/cli/main.js';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function runCli(...args: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await main(['node', 'tenure', ...args], { out: (s) => void (out += s), err: (s) => void (err += s), isTty: false });
  return { code, out, err };
}
