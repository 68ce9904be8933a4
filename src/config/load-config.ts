/**
 * Finds, reads and validates the config file: `--config PATH`, else `$TENURE_CONFIG`, else the first of
 * ./tenure.config.json, ./tenure.config.yaml, ./tenure.config.yml that exists, else the defaults.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { configSchema, type TenureConfig } from './config-schema.js';
import { presets } from './presets.js';

export const configFileNames = ['tenure.config.json', 'tenure.config.yaml', 'tenure.config.yml'] as const;

/** A config that could not be used: every problem, each with the path of the setting it is about. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(`${source}: ${problems.length === 1 ? problems[0] : `${problems.length} problems:\n  ${problems.join('\n  ')}`}`);
  }
}

export interface LoadedConfig {
  config: TenureConfig;
  /** The file it came from, or null for the defaults. */
  source: string | null;
}

export interface LoadConfigOptions {
  /** `--config PATH`. */
  path?: string | undefined;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export function loadConfig(options: LoadConfigOptions = {}): LoadedConfig {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const named = options.path ?? (env.TENURE_CONFIG || undefined);
  const source = named ?? configFileNames.map((name) => join(cwd, name)).find((path) => existsSync(path));
  if (!source) return { config: parseConfig({}, 'defaults'), source: null };
  let text: string;
  try {
    text = readFileSync(source, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : error instanceof Error ? error.message : String(error);
    throw new ConfigError(source, [`cannot read the config file: ${reason}`]);
  }
  return { config: parseConfig(readConfigText(text, source), source), source };
}

/** The file's text as a plain value: YAML for .yaml/.yml, JSON otherwise. */
function readConfigText(text: string, source: string): unknown {
  try {
    if (/\.ya?ml$/i.test(source)) return parseYaml(text) ?? {};
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError(source, [`not valid ${/\.ya?ml$/i.test(source) ? 'YAML' : 'JSON'}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`]);
  }
}

/** Validates a config value (a parsed file), with its preset's settings under its own. */
export function parseConfig(value: unknown, source = 'config'): TenureConfig {
  const withPreset = isObject(value) && typeof value.preset === 'string' && value.preset in presets
    ? deepMerge(presets[value.preset as keyof typeof presets], value)
    : value;
  const result = configSchema.safeParse(withPreset);
  if (result.success) return result.data;
  throw new ConfigError(source, result.error.issues.flatMap(describeIssue));
}

function describeIssue(issue: z.core.$ZodIssue): string[] {
  if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => `${formatPath([...issue.path, key])}: ${issue.message}`);
  return [`${formatPath(issue.path) || '(the file)'}: ${issue.message}`];
}

/** `["activity", "kinds", 2]` as `activity.kinds[2]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `over` on top of `under`, objects merged key by key; lists and values replaced. */
function deepMerge(under: unknown, over: unknown): unknown {
  if (!isObject(under) || !isObject(over)) return over === undefined ? under : over;
  const merged: Record<string, unknown> = { ...under };
  for (const [key, value] of Object.entries(over)) merged[key] = deepMerge(under[key], value);
  return merged;
}
