/**
 * The customer-value models Tenure fits, by the names the CLI and API use, with the columns each one
 * reads from a summary file and how to fit it from compressed sufficient statistics.
 */
import { bgbbFit } from '../models/bgbb/index.js';
import { bgnbdFit } from '../models/bgnbd/index.js';
import { gammaGammaFit } from '../models/gamma-gamma/index.js';
import { mbgnbdFit } from '../models/mbgnbd/index.js';
import { pnbdFit } from '../models/pnbd/index.js';
import type { ModelFit } from '../models/fit-result.js';
import { sbgFit } from '../models/sbg/index.js';
import { explainFitFailure } from './explain-fit-failure.js';

export const modelNames = ['bgnbd', 'pnbd', 'mbgnbd', 'gg', 'bgbb', 'sbg'] as const;
export type ModelName = (typeof modelNames)[number];

/** Columns of unique rows with a weight each: what every fit takes. */
export type WeightedColumns = Record<string, number[]> & { weight: number[] };

/** Any model's fit (the models' own ModelFit), named by the CLI's model name ('gg' rather than 'gamma-gamma'). */
export type ModelFitReport = Omit<ModelFit<string, Record<string, number>>, 'model'> & { readonly model: ModelName };

export interface ModelSpec {
  name: ModelName;
  title: string;
  /** Columns read from the input (beside an optional `weights`), as the file spells them. */
  columns: readonly string[];
  /**
   * Rows kept for fitting, as SQL built from each input column's expression (Gamma-Gamma uses repeat
   * customers only).
   */
  where?: (column: (name: string) => string) => string;
  fit(data: WeightedColumns, options: { penalizer?: number | undefined }): ModelFitReport;
}

const penalty = (options: { penalizer?: number | undefined }) => (options.penalizer ? { penalizer: options.penalizer } : {});
const rfm = (d: WeightedColumns) => ({ frequency: d.frequency ?? [], recency: d.recency ?? [], T: d.T ?? [], weight: d.weight });
const asReport = (name: ModelName, fit: object): ModelFitReport => ({ ...(fit as Omit<ModelFitReport, 'model'>), model: name });

export const modelSpecs: Record<ModelName, ModelSpec> = {
  bgnbd: {
    name: 'bgnbd',
    title: 'BG/NBD (Fader, Hardie & Lee 2005)',
    columns: ['frequency', 'recency', 'T'],
    fit: (d, o) => asReport('bgnbd', bgnbdFit(rfm(d), penalty(o))),
  },
  pnbd: {
    name: 'pnbd',
    title: 'Pareto/NBD (Schmittlein, Morrison & Colombo 1987)',
    columns: ['frequency', 'recency', 'T'],
    fit: (d, o) => asReport('pnbd', pnbdFit(rfm(d), penalty(o))),
  },
  mbgnbd: {
    name: 'mbgnbd',
    title: 'MBG/NBD (Batislam, Denizel & Filiztekin 2007)',
    columns: ['frequency', 'recency', 'T'],
    fit: (d, o) => asReport('mbgnbd', mbgnbdFit(rfm(d), penalty(o))),
  },
  gg: {
    name: 'gg',
    title: 'Gamma-Gamma spend model (Fader, Hardie & Lee 2005; Fader & Hardie 2013)',
    columns: ['frequency', 'monetary_value'],
    where: (column) => `${column('frequency')} > 0`,
    fit: (d, o) => asReport('gg', gammaGammaFit({ frequency: d.frequency ?? [], monetaryValue: d.monetary_value ?? [], weight: d.weight }, penalty(o))),
  },
  bgbb: {
    name: 'bgbb',
    title: 'BG/BB (Fader, Hardie & Shang 2010)',
    columns: ['frequency', 'recency', 'periods'],
    fit: (d, o) => asReport('bgbb', bgbbFit({ frequency: d.frequency ?? [], recency: d.recency ?? [], periods: d.periods ?? [], weight: d.weight }, penalty(o))),
  },
  sbg: {
    name: 'sbg',
    title: 'shifted-beta-geometric (Fader & Hardie 2007)',
    columns: ['period', 'active'],
    fit: (d) => {
      const rows = (d.period ?? []).map((period, i) => ({ period, active: d.active?.[i] ?? 0 }));
      return asReport('sbg', sbgFit(rows));
    },
  },
};

const paramNames: Record<ModelName, readonly string[]> = {
  bgnbd: ['r', 'alpha', 'a', 'b'],
  pnbd: ['r', 'alpha', 's', 'beta'],
  mbgnbd: ['r', 'alpha', 'a', 'b'],
  gg: ['p', 'q', 'gamma'],
  bgbb: ['alpha', 'beta', 'gamma', 'delta'],
  sbg: ['alpha', 'beta'],
};

/** Fits a model and explains a failure to converge in the user's terms. */
export function fitModel(name: ModelName, data: WeightedColumns, options: { penalizer?: number | undefined } = {}): ModelFitReport {
  try {
    return modelSpecs[name].fit(data, options);
  } catch (error) {
    throw explainFitFailure(error, name, paramNames[name]);
  }
}

export function modelSpec(name: string): ModelSpec {
  if ((modelNames as readonly string[]).includes(name)) return modelSpecs[name as ModelName];
  throw new Error(`unknown model ${JSON.stringify(name)} (models: ${modelNames.join(', ')})`);
}
