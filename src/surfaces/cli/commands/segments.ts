/**
 * `tenure segments`: saved segments and personas, named filters over traits and behaviour
 * (docs/segments.md). `list`, `save`, `delete` keep the definitions; `show` gives the members as of a
 * date, `size` their count over time; `check` parses a filter and says how it reads.
 */
import { Command } from 'commander';
import { loadConfig } from '../../../config/load-config.js';
import { parseGrain } from '../../../lifecycle/active-over-time.js';
import type { CustomerClassification } from '../../../lifecycle/classify.js';
import { explainFilter } from '../../../segments/filter-explain.js';
import { resolveFilter } from '../../../segments/resolve-filter.js';
import { segmentMembers } from '../../../segments/segment-members.js';
import { segmentSizes } from '../../../segments/segment-sizes.js';
import { deleteSegment, listSegments, saveSegment } from '../../../segments/segment-store.js';
import { formatNumber, formatTable, printJson, type Io } from '../output.js';
import { withAnyStore } from '../with-store.js';
import { configHelp, dbHelp, today } from '../options.js';
import { customersTable } from './customers.js';

const filterHelp = 'an ad hoc filter instead of a saved segment, e.g. "stage = retention and not active"';

export function segmentsCommand(io: Io): Command {
  const command = new Command('segments').description(
    'Saved segments and personas: named filters over the classification, behaviour, money and traits, e.g. ' +
      '"stage in (retention, loyalty) and orders >= 3 and not active". Their members as of any date, and their size over time. See docs/segments.md.',
  );
  command.addCommand(listCommand(io));
  command.addCommand(saveCommand(io));
  command.addCommand(showCommand(io));
  command.addCommand(sizeCommand(io));
  command.addCommand(deleteCommand(io));
  command.addCommand(checkCommand(io));
  return command;
}

function listCommand(io: Io): Command {
  return new Command('list')
    .description('The saved segments and personas with their filters.')
    .option('--json', 'print them as JSON')
    .option('--db <path>', dbHelp)
    .action(async (opts) => {
      const segments = await withAnyStore(opts.db, (store) => listSegments(store));
      if (opts.json) return printJson(io, segments);
      if (segments.length === 0) return io.out('no segments saved yet: tenure segments save NAME --filter "..."\n');
      const rows = segments.map((s) => [s.name, s.kind, s.filter, s.description ?? '']);
      io.out(formatTable([['name', 'kind', 'filter', 'description'], ...rows], 4));
    });
}

function saveCommand(io: Io): Command {
  return new Command('save')
    .description('Save a segment (or, with --persona, a persona) under a name, replacing one of the same name. The filter is checked first.')
    .argument('<name>', 'a slug: lower-case letters, digits, - and _')
    .requiredOption('--filter <filter>', 'the filter, e.g. "rfm.segment = champions or rfm.r >= 4"')
    .option('--persona', 'save it as a persona (a described archetype) rather than a segment')
    .option('--description <text>', 'what it is for, in words')
    .option('--db <path>', dbHelp)
    .action(async (name: string, opts) => {
      const kind = opts.persona ? 'persona' : 'segment';
      const { replaced } = await withAnyStore(opts.db, (store) => saveSegment(store, { name, kind, filter: opts.filter, description: opts.description ?? null }));
      io.out(`${replaced ? 'replaced' : 'saved'} ${kind} ${name}: ${opts.filter}\n`);
    });
}

function showCommand(io: Io): Command {
  return new Command('show')
    .description('The members of a saved segment (or of --filter) as of a date: the count, then the first members as `tenure customers` lists them, or every member with --json.')
    .argument('[name]', 'a saved segment or persona')
    .option('--filter <filter>', filterHelp)
    .option('--as-of <date>', 'with the events up to and including this day (YYYY-MM-DD; default today)')
    .option('--json', 'print every member as a JSON array, as `tenure customers --json` does')
    .option('--rows <n>', 'members listed after the count (without --json)', Number, 20)
    .option('--config <path>', configHelp)
    .option('--db <path>', dbHelp)
    .action(async (name: string | undefined, opts) => {
      const asOf: string = opts.asOf ?? today();
      const loaded = loadConfig({ path: opts.config });
      const first: CustomerClassification[] = [];
      let written = 0;
      const { resolved, result } = await withAnyStore(opts.db, async (store) => {
        const resolved = await resolveFilter(store, { segment: name, filter: opts.filter });
        const result = await segmentMembers(store, { filter: resolved.filter, asOf, config: loaded.config }, (batch) => {
          if (opts.json) {
            io.out(batch.map((c) => `${written++ === 0 ? '[\n' : ',\n'}${JSON.stringify(c)}`).join(''));
            return;
          }
          for (const c of batch) if (first.length < opts.rows) first.push(c);
        });
        return { resolved, result };
      });
      if (opts.json) return io.out(written === 0 ? '[]\n' : '\n]\n');
      const share = result.customers > 0 ? ` (${((100 * result.members) / result.customers).toFixed(1)}%)` : '';
      io.out(`${resolved.name ?? 'filter'}: ${resolved.filter}\n`);
      io.out(`${formatNumber(result.members)} of ${formatNumber(result.customers)} customers and prospects${share} as of ${asOf}\n`);
      if (first.length > 0) io.out(`\n${customersTable(first)}`);
      if (result.members > first.length && first.length > 0) io.out(`... and ${formatNumber(result.members - first.length)} more (--rows, or --json for all)\n`);
    });
}

function sizeCommand(io: Io): Command {
  return new Command('size')
    .description(
      'How many members a saved segment (or --filter) has at the end of each day, week or month. ' +
        'Each period end is a classification of everyone as of that day: a year by month is twelve.',
    )
    .argument('[name]', 'a saved segment or persona')
    .option('--filter <filter>', filterHelp)
    .requiredOption('--from <date>', 'the first day (YYYY-MM-DD)')
    .requiredOption('--to <date>', 'the last day, included (YYYY-MM-DD)')
    .option('--grain <grain>', 'day, week (Monday to Sunday) or month', 'month')
    .option('--json', 'print the periods as JSON')
    .option('--config <path>', configHelp)
    .option('--db <path>', dbHelp)
    .action(async (name: string | undefined, opts) => {
      const grain = parseGrain(opts.grain);
      const loaded = loadConfig({ path: opts.config });
      const sizes = await withAnyStore(opts.db, (store) => segmentSizes(store, { segment: name, filter: opts.filter, from: opts.from, to: opts.to, grain, config: loaded.config }));
      if (opts.json) return printJson(io, sizes);
      io.out(`${sizes.name ?? 'filter'}: ${sizes.filter}\nmembers at the end of each ${grain}, ${sizes.from} to ${sizes.to}\n\n`);
      const rows = sizes.periods.map((p) => [p.from, p.to, formatNumber(p.members), formatNumber(p.customers), p.customers > 0 ? `${((100 * p.members) / p.customers).toFixed(1)}%` : '-']);
      io.out(formatTable([[grain, 'to', 'members', 'of customers', 'share'], ...rows], 2));
    });
}

function deleteCommand(io: Io): Command {
  return new Command('delete')
    .description('Delete a saved segment or persona (its definition only: nothing else is stored).')
    .argument('<name>', 'a saved segment or persona')
    .option('--db <path>', dbHelp)
    .action(async (name: string, opts) => {
      await withAnyStore(opts.db, (store) => deleteSegment(store, name));
      io.out(`deleted ${name}\n`);
    });
}

function checkCommand(io: Io): Command {
  return new Command('check')
    .description('Parse a filter and say how it reads: the grouping, the fields with their meaning, and whether it classifies everyone. Needs no store.')
    .argument('<filter>', 'the filter, e.g. "type = loyal and trait.country = \\"DE\\""')
    .option('--json', 'print the explanation as JSON')
    .action((filter: string, opts) => {
      const explained = explainFilter(filter);
      if (opts.json) return printJson(io, explained);
      io.out(`ok: ${explained.reads}\n\n`);
      io.out(formatTable([['field', 'from', 'meaning'], ...explained.fields.map((f) => [f.name, f.source, f.meaning])], 3));
      io.out(
        explained.classifies
          ? '\nreads the classification: everyone is classified as of the date, then the filter runs in SQL\n'
          : '\nreads facts and traits only: the filter runs in SQL on the facts, without classifying everyone\n',
      );
    });
}
