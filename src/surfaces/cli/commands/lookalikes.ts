/** `tenure lookalikes`: how much each prospect looks like the high-value customers did before they bought, and why. */
import { Command } from 'commander';
import { loadConfig } from '../../../config/load-config.js';
import { lookalikeScores, type LookalikeSummary, type ProspectScore } from '../../../lookalike/lookalike-scores.js';
import type { AttributeValue } from '../../../lookalike/naive-bayes.js';
import { formatNumber, formatTable, printJson, type Io } from '../output.js';
import { withAnyStore } from '../with-store.js';
import { configHelp, configSource, dbHelp, today } from '../options.js';


/** Attribute values listed on each side of the model summary. */
const summaryRows = 8;

function parseTop(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) throw new Error(`--top must be a whole number of prospects, 1 or more (got ${JSON.stringify(value)})`);
  return n;
}

/** A table whose columns are left-aligned where `left` says so, right-aligned elsewhere. */
const pct = (share: number) => `${(share * 100).toFixed(0)}%`;
const lift = (value: number) => `${value >= 1 ? value.toFixed(1) : value.toFixed(2)}x`;

function valueRows(values: readonly AttributeValue[]): string[][] {
  return [
    ['attribute', 'value', 'high value', 'others', 'lift'],
    ...values.map((v) => [v.attribute, v.value, `${pct(v.highShare)} (${formatNumber(v.high)})`, `${pct(v.othersShare)} (${formatNumber(v.others)})`, lift(v.lift)]),
  ];
}

function printSummary(io: Io, summary: LookalikeSummary, source: string): void {
  io.out(`lookalike scores as of ${summary.asOf} (config: ${source})\n\n`);
  const median = summary.medianAverageOrderValue;
  io.out(
    `${formatNumber(summary.highValueCustomers)} high-value customers (full price, repeat orders, average order above the median ${median === null ? '-' : formatNumber(median, 2)})\n` +
      `against ${formatNumber(summary.otherCustomers)} other customers who have ordered, each as they were before their first order;\n` +
      `${formatNumber(summary.prospects)} prospects (reach and acquisition)\n`,
  );
  if (summary.notScored !== null) return;
  const positive = summary.attributes.filter((a) => a.logLikelihoodRatio > 0).slice(0, summaryRows);
  const negative = summary.attributes.filter((a) => a.logLikelihoodRatio < 0).slice(-summaryRows).reverse();
  io.out('\nwhat high-value customers looked like: the values most common among them, and how much more common than among other customers (lift)\n');
  if (summary.minValueCustomers !== null && summary.minValueCustomers > 1) io.out(`(values of fewer than ${formatNumber(summary.minValueCustomers)} customers are too rare to judge and left out)\n`);
  io.out('\n');
  io.out(positive.length > 0 ? formatTable(valueRows(positive), 2) : 'no value is more common among them\n');
  io.out('\nand least like them:\n\n');
  io.out(negative.length > 0 ? formatTable(valueRows(negative), 2) : 'no value is less common among them\n');
  const ignored = summary.traits.filter((t) => t.use === 'ignored');
  if (ignored.length > 0) io.out(`\ntraits left out: ${ignored.map((t) => `${t.key}: ${t.use === 'ignored' ? t.reason : ''}`).join('; ')}\n`);
}

function scoreRows(scores: readonly ProspectScore[]): string[][] {
  return [
    ['prospect', 'stage', 'score', 'percentile', 'drivers'],
    ...scores.map((s) => [
      s.customer_id + (s.anonymous ? ' (anonymous)' : ''),
      s.stage,
      s.score.toFixed(3),
      s.percentile.toFixed(1),
      s.drivers.map((d) => `${d.attribute} = ${d.value} (${lift(d.lift)})`).join(', ') || '-',
    ]),
  ];
}

export function lookalikesCommand(io: Io): Command {
  return new Command('lookalikes')
    .description(
      'Lookalike scores for prospects (reach and acquisition): how much each one looks like the high-value customers looked before their ' +
        'first order, from their traits (identify events) and behaviour (first channel and platform, sign-up, lead, contacts, tickets, page and ' +
        'product views, cart adds, checkouts). The score is the probability of turning out high value (naive Bayes), the percentile is among ' +
        'the prospects, and the drivers are the values that raise or lower it. See docs/lookalikes.md.',
    )
    .option('--as-of <date>', 'score with the events up to and including this day (YYYY-MM-DD; default today)')
    .option('--top <n>', 'how many of the best prospects to list (default 20; with --json, every prospect in id order unless given)')
    .option('--json', 'print the model and the scores as JSON')
    .option('--config <path>', configHelp)
    .option('--db <path>', dbHelp)
    .action(async (opts) => {
      const asOf: string = opts.asOf ?? today();
      const top = opts.top === undefined ? undefined : parseTop(String(opts.top));
      const loaded = loadConfig({ path: opts.config });
      const source = configSource(loaded);
      if (opts.json && top === undefined) {
        // Every prospect, streamed in id order after the model, so a million never sit in memory.
        let written = 0;
        await withAnyStore(opts.db, (store) =>
          lookalikeScores(
            store,
            {
              asOf,
              config: loaded.config,
              limit: 0,
              onSummary: (summary) => {
                const head = JSON.stringify(summary, null, 2);
                io.out(`${head.slice(0, head.lastIndexOf('}')).trimEnd()},\n  "scores": [`);
              },
            },
            (batch) => {
              io.out(batch.map((s) => `${written++ === 0 ? '\n    ' : ',\n    '}${JSON.stringify(s)}`).join(''));
            },
          ),
        );
        io.out(written === 0 ? ']\n}\n' : '\n  ]\n}\n');
        return;
      }
      const result = await withAnyStore(opts.db, (store) => lookalikeScores(store, { asOf, config: loaded.config, limit: top ?? 20 }));
      if (opts.json) {
        const { timings: _timings, ...json } = result;
        return printJson(io, json);
      }
      printSummary(io, result, source);
      if (result.notScored !== null) {
        io.out(`\nno scores: ${result.notScored}\n`);
        return;
      }
      io.out(`\nthe ${formatNumber(result.scores.length)} prospects most like them (score: the probability of turning out high value)\n\n`);
      io.out(result.scores.length > 0 ? formatTable(scoreRows(result.scores), (i) => i < 2 || i === 4) : 'no prospects\n');
    });
}
