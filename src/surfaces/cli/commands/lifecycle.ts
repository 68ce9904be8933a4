/**
 * `tenure lifecycle`: customers per stage over a range, by day, week or month: how many were in each
 * stage, the entries and exits, the share that moved on to a later stage, the median days a stay in the
 * stage lasted, and the flows between stages (skips and moves back included), from one pass over the
 * events (src/lifecycle/stage-flows.ts); then each stage's own measures (src/lifecycle/stage-measures.ts):
 * new prospects by channel, leads, conversion and the checkout funnel, repeat rate, churn and CSAT,
 * referrals, reviews, NPS and the advocates' CLV.
 */
import { Command } from 'commander';
import { loadConfig } from '../../../config/load-config.js';
import { stages, type Stage } from '../../../lifecycle/classify.js';
import { parseGrain } from '../../../lifecycle/periods.js';
import { stageFlows, type StageFigures, type StageFlow } from '../../../lifecycle/stage-flows.js';
import { stageMeasures } from '../../../lifecycle/stage-measures.js';
import { formatStageMeasures } from '../../../lifecycle/stage-measures-format.js';
import { formatNumber, formatTable, printJson, type Io } from '../output.js';
import { withAnyStore } from '../with-store.js';
import { configHelp, configSource, dbHelp } from '../options.js';


export function lifecycleCommand(io: Io): Command {
  return new Command('lifecycle')
    .description(
      'Customers per lifecycle stage over time, by day, week or month: in each stage at the start and end of the period, ' +
        'entries and exits, the share that moved on to a later stage, the median days in the stage, and the flows between stages ' +
        '(skips and moves back included). A day counts the stages as `tenure customers --as-of` gives them that day. Then each stage\'s own ' +
        'measures: new prospects by channel; leads and lead-to-customer rate; first orders, conversion by channel and platform, first order value ' +
        'and the checkout funnel; repeat rate, churn and CSAT; referrals, reviews, NPS and the advocates\' CLV.',
    )
    .requiredOption('--from <date>', 'the first day (YYYY-MM-DD)')
    .requiredOption('--to <date>', 'the last day, included (YYYY-MM-DD)')
    .option('--grain <grain>', 'day, week (Monday to Sunday) or month', 'month')
    .option('--no-measures', "leave out each stage's own measures (the flows alone are quicker)")
    .option('--json', 'print the figures as JSON')
    .option('--config <path>', configHelp)
    .option('--db <path>', dbHelp)
    .action(async (opts) => {
      const grain = parseGrain(opts.grain);
      const loaded = loadConfig({ path: opts.config });
      const range = { from: opts.from, to: opts.to, grain, config: loaded.config };
      const [result, measures] = await withAnyStore(opts.db, async (store) => [await stageFlows(store, range), opts.measures ? await stageMeasures(store, range) : null] as const);
      if (opts.json) {
        // Each period carries its stages' own measures beside the flows.
        const periods = result.periods.map((period, i) => {
          const own = measures?.periods[i];
          if (!own) return period;
          const { from: _from, to: _to, ...byStage } = own;
          return { ...period, measures: byStage };
        });
        const { periods: _periods, ...whole } = result;
        return printJson(io, { ...whole, ...(measures ? { lapsedAfterDays: measures.lapsedAfterDays } : {}), periods });
      }
      io.out(`lifecycle stages by ${grain}, ${result.from} to ${result.to} (config: ${configSource(loaded)})\n`);
      for (const period of result.periods) {
        io.out(`\n${period.from === period.to ? period.from : `${period.from} to ${period.to}`}\n${stageTable(period.stages)}`);
      }
      io.out(`\nthe whole range, ${result.from} to ${result.to}\n${stageTable(result.stages)}`);
      io.out(`\nflows over the whole range (moves from the row's stage to the column's)\n${flowMatrix(result.flows)}`);
      io.out(
        '\nmoved on: of those in the stage at some time in the period, the share that moved to a later stage in it; ' +
          'median days: of the stays in the stage that ended in the period. new: first seen; linked: a prospect identified as a customer.\n',
      );
      if (measures) io.out(`\neach stage's own measures\n\n${formatStageMeasures(measures)}`);
    });
}

function stageTable(figures: Record<Stage, StageFigures>): string {
  const rows = [['stage', 'at start', 'entries', 'exits', 'at end', 'moved on', 'median days']];
  for (const stage of stages) {
    const f = figures[stage];
    rows.push([
      stage,
      formatNumber(f.customersAtStart),
      formatNumber(f.entries),
      formatNumber(f.exits),
      formatNumber(f.customers),
      f.conversion === null ? '-' : `${(f.conversion * 100).toFixed(1)}%`,
      f.medianDaysInStage === null ? '-' : formatNumber(f.medianDaysInStage, 1),
    ]);
  }
  return formatTable(rows);
}

function flowMatrix(flows: readonly StageFlow[]): string {
  const moves = new Map(flows.map((f) => [`${f.from}>${f.to}`, f.moves]));
  const cell = (from: Stage | null, to: Stage | null) => {
    const n = moves.get(`${from}>${to}`);
    return n === undefined ? '-' : formatNumber(n);
  };
  const rows = [['from \\ to', ...stages, 'linked']];
  for (const from of [null, ...stages]) rows.push([from ?? 'new', ...stages.map((to) => cell(from, to)), cell(from, null)]);
  return formatTable(rows);
}
