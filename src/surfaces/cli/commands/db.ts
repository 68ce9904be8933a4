/** `tenure db copy --from --to` and `tenure db distribute`: work on whole stores. */
import { Command, InvalidArgumentError } from 'commander';
import { distributeStore } from '../../../store/citus/distribute-store.js';
import { planScript } from '../../../store/citus/distribution-plan.js';
import { copyStore } from '../../../store/copy-store.js';
import { resolveStoreLocation } from '../../../store/open-store.js';
import { formatNumber, printJson, type Io } from '../output.js';

export function dbCommand(io: Io): Command {
  const db = new Command('db').description('Work on whole stores: copy one between backends, distribute one over a Citus cluster.');
  db.addCommand(
    new Command('copy')
      .description(
        'Copy every table of a store into a new, empty one (a DuckDB file path or a postgres:// URL), then verify ' +
          'row counts per table, revenue and events by kind on both sides. The target is migrated; a non-empty target is refused.',
      )
      .requiredOption('--from <path-or-url>', 'the store to copy (a DuckDB file or postgres://user@host/db)')
      .requiredOption('--to <path-or-url>', 'the empty store to copy into (created or migrated as needed)')
      .option('--json', 'print the report as JSON')
      .action(async (opts: { from: string; to: string; json?: boolean }) => {
        const report = await copyStore(opts.from, opts.to);
        if (opts.json) return printJson(io, report);
        const width = Math.max(...report.tables.map((t) => t.table.length));
        io.out(`copied ${report.from} to ${report.to} in ${report.seconds.toFixed(1)} s\n`);
        for (const { table, rows } of report.tables) io.out(`  ${table.padEnd(width)}  ${formatNumber(rows)} rows\n`);
        io.out(`verified: row counts per table, ${formatNumber(report.verified.events)} events, revenue ${report.verified.revenue ?? '0'}\n`);
        for (const k of report.verified.byKind) io.out(`  ${k.kind}: ${formatNumber(k.events)} events${k.amount === null ? '' : `, amount ${k.amount}`}\n`);
      }),
  );
  db.addCommand(
    new Command('distribute')
      .description(
        'Distribute a PostgreSQL store over a Citus cluster (run against the coordinator): events, customers and ' +
          'customer_scores by customer, co-located; settings, imports, rejects and model_fits as reference tables. ' +
          'Needs the citus extension; --dry-run prints the statements instead (and works without Citus). See docs/scaling.md.',
      )
      .option('--db <url>', 'the store: postgres://user@host/db on the coordinator (default: $TENURE_DB)')
      .option('--shard-count <n>', 'shards for the customer tables (default: the cluster\'s citus.shard_count)', wholeNumber)
      .option('--dry-run', 'print the statements it would run, change nothing')
      .option('--print', 'the same as --dry-run')
      .option('--json', 'print the report as JSON')
      .action(async (opts: { db?: string; shardCount?: number; dryRun?: boolean; print?: boolean; json?: boolean }) => {
        const dryRun = Boolean(opts.dryRun || opts.print);
        const report = await distributeStore(resolveStoreLocation(opts.db), {
          dryRun,
          shardCount: opts.shardCount,
          ...(opts.json || dryRun ? {} : { onStep: (title: string) => io.err(`${title} ...\n`) }),
        });
        if (opts.json) return printJson(io, report);
        if (dryRun) {
          if (!report.citus.installed) io.err(`note: ${report.location} has no citus extension; these statements are for a Citus coordinator\n`);
          const script = planScript(report);
          io.out(script || `-- nothing to do: ${report.location} is already distributed\n`);
          return;
        }
        const workers = report.citus.workers === null ? '' : `, ${formatNumber(report.citus.workers)} workers`;
        io.out(`distributed ${report.location} (Citus ${report.citus.installed}${workers})\n`);
        for (const step of report.steps) io.out(`  ${step.title} (${(step.seconds ?? 0).toFixed(1)} s)\n`);
        if (report.steps.length === 0) io.out('  nothing to do: every table was already in place\n');
        io.out(`co-located: ${(report.colocation ?? []).map((c) => `${c.table} by ${c.column}`).join(', ')}\n`);
      }),
  );
  return db;
}

function wholeNumber(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number');
  return Number(value);
}
