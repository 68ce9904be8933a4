/** `tenure import FILE`: CSV (any delimiter), JSONL or Parquet into the event log. */
import { Command, Option } from 'commander';
import cliProgress from 'cli-progress';
import { parseMapOptions } from '../../../ingest/column-mapping.js';
import { importFile, type ImportResult } from '../../../ingest/import-file.js';
import { formatNumber, printJson, type Io } from '../output.js';
import { withAnyStore } from '../with-store.js';
import { dbHelp } from '../options.js';

const collect = (value: string, previous: string[]) => [...previous, value];

function parseRates(options: readonly string[]): Record<string, string> {
  const rates: Record<string, string> = {};
  for (const option of options) {
    const match = /^([A-Za-z]{3})=(\d+(\.\d+)?)$/.exec(option);
    if (!match || Number(match[2]) <= 0) throw new Error(`--rate ${JSON.stringify(option)} must look like EUR=1.08 (units of the reporting currency per unit)`);
    rates[(match[1] as string).toUpperCase()] = match[2] as string;
  }
  return rates;
}

function printSummary(io: Io, result: ImportResult): void {
  io.out(
    `${result.source}: ${formatNumber(result.accepted)} events imported, ${formatNumber(result.duplicates)} already in the store, ` +
      `${formatNumber(result.rejected)} rejected (${result.seconds.toFixed(1)} s)\n`,
  );
  if (result.mapping) {
    io.out(`columns: ${Object.entries(result.mapping).map(([field, column]) => (field === column ? field : `${field}=${column}`)).join(', ')}\n`);
  }
  if (result.rejects.length > 0) {
    io.out('first rejects (all are in the rejects table):\n');
    for (const r of result.rejects.slice(0, 10)) io.out(`  row ${r.row}: ${r.field} ${r.reason}\n`);
  }
}

export function importCommand(io: Io, setExit: (code: number) => void): Command {
  return new Command('import')
    .description('Import events from a CSV, JSONL or Parquet file. Bad rows are kept in the rejects table with their row, field and reason; good rows land; importing the same file twice adds nothing.')
    .argument('<file>', 'the file to import')
    .option('--db <path>', dbHelp)
    .option('--map <field=column>', 'read an event field from a column, e.g. --map customer_id=client (repeatable)', collect, [])
    .option('--columns <names>', 'comma-separated names for the columns of a file without a header')
    .option('--date-format <format>', 'how dates are written, e.g. DD/MM/YYYY or YYYYMMDD HH:mm (default: detected)')
    .option('--rate <CUR=rate>', 'exchange rate to the reporting currency for rows without one, e.g. EUR=1.08 (repeatable)', collect, [])
    .addOption(new Option('--format <format>', 'the file format (default: from the name and content)').choices(['csv', 'jsonl', 'parquet']))
    .addOption(new Option('--delimiter <delimiter>', 'CSV delimiter (default: detected)').choices([',', 'tab', ';', '|', 'whitespace']))
    .option('--no-header', 'the CSV file has no header row')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, opts) => {
      const result = await withAnyStore(opts.db, async (store) => {
        let bar: cliProgress.SingleBar | undefined;
        const outcome = await importFile(store, file, {
          format: opts.format,
          delimiter: opts.delimiter === 'tab' ? '\t' : opts.delimiter,
          // commander sets header=true unless --no-header; only an explicit --no-header overrides sniffing.
          header: opts.header === false ? false : undefined,
          columns: opts.columns ? String(opts.columns).split(',').map((c: string) => c.trim()) : undefined,
          mapping: parseMapOptions(opts.map),
          dateFormat: opts.dateFormat,
          rates: parseRates(opts.rate),
          onProgress: io.isTty && !opts.json
            ? (read, total) => {
                bar ??= new cliProgress.SingleBar({ format: 'importing [{bar}] {percentage}% | {value}/{total} MB', clearOnComplete: true }, cliProgress.Presets.shades_classic);
                if (!bar.isActive) bar.start(Math.max(1, Math.round(total / 1e6)), 0);
                bar.update(Math.round(read / 1e6));
              }
            : undefined,
        });
        bar?.stop();
        return outcome;
      });
      if (opts.json) {
        const { accepted, duplicates, rejected, rejects } = result;
        printJson(io, { accepted, duplicates, rejected, rejects });
      } else printSummary(io, result);
      // Exit non-zero only when nothing could be imported: every row was bad.
      if (result.accepted === 0 && result.duplicates === 0) setExit(1);
    });
}
