/** `tenure db copy --from --to`: moves a whole store between DuckDB files and PostgreSQL databases. */
import { Command } from 'commander';
import { copyStore } from '../../../store/copy-store.js';
import { formatNumber, printJson, type Io } from '../output.js';

export function dbCommand(io: Io): Command {
  const db = new Command('db').description('Work on whole stores: copy one between backends.');
  db.addCommand(
    new Command('copy')
      .description(
        'Copy every table of a store into a new, empty one (a DuckDB file path or a postgres:// URL), then verify ' +
          'row counts per table, revenue and events by kind on both sides. The target is migrated; a non-empty target is refused.',
      )
      .requiredOption('--from <path-or-url>', 'the store to copy (a DuckDB file or postgres://user@host/db)')
      .requiredOption('--to <path-or-url>', 'the empty store to copy into (created or migrated as needed)')
      .option('--json', 'print the report as JSON')
      // Stores are opened through openStore here, not withStore: this command is meant for PostgreSQL URLs.
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
  return db;
}
