/** The `tenure` command line. Commands call the same services as the API; they hold no logic of their own. */
import { Command, CommanderError } from 'commander';
import { importCommand } from './commands/import.js';
import { statusCommand } from './commands/status.js';
import { summaryCommand } from './commands/summary.js';
import { demoCommand } from './commands/demo.js';
import { modelCommand } from './commands/model.js';
import { clvCommand } from './commands/clv.js';
import { scoreCommand } from './commands/score.js';
import { dbCommand } from './commands/db.js';
import { customerCommand, customersCommand } from './commands/customers.js';
import { activeCommand, compareActiveCommand } from './commands/active.js';
import { supportCommand } from './commands/support.js';
import { lifecycleCommand } from './commands/lifecycle.js';
import { churnCommand, cohortsCommand, mrrCommand } from './commands/mrr.js';
import { productsCommand } from './commands/products.js';
import { channelsCommand, profitabilityCommand } from './commands/profitability.js';
import { segmentsCommand } from './commands/segments.js';
import { lookalikesCommand } from './commands/lookalikes.js';
import { processIo, type Io } from './output.js';

export function createProgram(io: Io = processIo): { program: Command; exitCode: () => number } {
  let code = 0;
  const setExit = (value: number) => {
    code = value;
  };
  const program = new Command('tenure')
    .description('Customer lifecycle and lifetime value from your event log.')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  program.addCommand(demoCommand(io));
  program.addCommand(importCommand(io, setExit));
  program.addCommand(statusCommand(io));
  program.addCommand(summaryCommand(io));
  program.addCommand(modelCommand(io));
  program.addCommand(clvCommand(io));
  program.addCommand(scoreCommand(io));
  program.addCommand(dbCommand(io));
  program.addCommand(mrrCommand(io));
  program.addCommand(churnCommand(io));
  program.addCommand(cohortsCommand(io));
  program.addCommand(productsCommand(io));
  program.addCommand(channelsCommand(io));
  program.addCommand(profitabilityCommand(io));
  for (const command of [customersCommand(io), customerCommand(io), activeCommand(io), compareActiveCommand(io), supportCommand(io), lifecycleCommand(io), segmentsCommand(io), lookalikesCommand(io)]) program.addCommand(command);
  for (const command of [...program.commands, ...program.commands.flatMap((c) => c.commands)]) command.exitOverride().configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  return { program, exitCode: () => code };
}

/** Runs the CLI; resolves to the process exit code. Errors are reported as one line, never a stack trace. */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  const { program, exitCode } = createProgram(io);
  try {
    await program.parseAsync([...argv]);
    return exitCode();
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    io.err(`tenure: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
