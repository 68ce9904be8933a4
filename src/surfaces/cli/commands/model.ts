/** `tenure model fit`: fit one of the customer-value models to a summary file. */
import { Command, Option } from 'commander';
import { fitFromFile } from '../../../valuation/fit-from-file.js';
import { modelNames, modelSpec } from '../../../valuation/model-registry.js';
import { printJson, type Io } from '../output.js';

const columnsHelp = 'Columns: frequency,recency,T (bgnbd, pnbd, mbgnbd); frequency,monetary_value (gg); frequency,recency,periods (bgbb); period,active (sbg); each with an optional weights column.';

export function modelCommand(io: Io): Command {
  const model = new Command('model').description('Fit and inspect customer-value models.');
  model
    .command('fit')
    .description(`Fit a model by maximum likelihood to a summary file (one row per customer or per group with weights). ${columnsHelp}`)
    .addOption(new Option('--model <name>', 'the model').choices([...modelNames]).makeOptionMandatory())
    .requiredOption('--input <file.csv>', 'the summary file')
    .option('--penalizer <value>', 'L2 penalty on the parameters, as lifetimes penalizer_coef', Number)
    .option('--json', 'print the fit as JSON')
    .action(async (opts) => {
      const fit = await fitFromFile(opts.model, opts.input, opts.penalizer ? { penalizer: opts.penalizer } : {});
      if (opts.json) return printJson(io, fit);
      io.out(`${modelSpec(opts.model).title}\n`);
      for (const [name, value] of Object.entries(fit.params)) {
        const se = fit.standardErrors[name];
        const ci = fit.confidenceIntervals[name];
        io.out(`  ${name.padEnd(6)} ${value.toPrecision(5).padStart(10)}${se === null || se === undefined ? '' : `  (se ${se.toPrecision(3)}${ci ? `, 95% ${ci[0].toPrecision(4)} .. ${ci[1].toPrecision(4)}` : ''})`}\n`);
      }
      io.out(`log-likelihood ${fit.logLikelihood.toFixed(2)}; ${fit.converged ? 'converged' : 'did NOT converge'} in ${fit.iterations} iterations` +
        `${fit.customers !== undefined ? `; ${fit.customers} customers in ${fit.uniqueRows} unique rows` : ''}\n`);
    });
  return model;
}
