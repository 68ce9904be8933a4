/** `tenure status`: what the store holds. */
import { Command } from 'commander';
import { storeStatus } from '../../../analytics/store-status.js';
import { formatNumber, printJson, type Io } from '../output.js';
import { withAnyStore } from '../with-store.js';
import { dbHelp } from '../options.js';

export function statusCommand(io: Io): Command {
  return new Command('status')
    .description('Show what the store holds: customers, events, orders, revenue and the time span covered.')
    .option('--db <path>', dbHelp)
    .option('--json', 'print as JSON')
    .action(async (opts) => {
      const status = await withAnyStore(opts.db, storeStatus);
      if (opts.json) return printJson(io, status);
      io.out(
        [
          `customers        ${formatNumber(status.customers)}${status.anonymousProspects ? ` (+ ${formatNumber(status.anonymousProspects)} anonymous prospects)` : ''}`,
          `events           ${formatNumber(status.events)}`,
          `orders           ${formatNumber(status.orders)}`,
          `revenue          ${formatNumber(status.revenue, 2)} ${status.currency}${status.refunds ? ` (refunds ${formatNumber(status.refunds, 2)})` : ''}`,
          `span             ${status.firstEvent ?? '-'} .. ${status.lastEvent ?? '-'}`,
          `rejected rows    ${formatNumber(status.rejects)} over ${formatNumber(status.imports)} imports`,
        ].join('\n') + '\n',
      );
    });
}
