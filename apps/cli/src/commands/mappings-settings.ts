import { patchSettings } from '@mlc/connections';
import { PermanentError } from '@mlc/platform-errors';
import { withMappingsContext } from './mappings-context';
import { checkOrderSettingsAgainstBc, loadBcReferenceData } from './settings-bc-check';

const SECTIONS = new Set(['orders', 'catalog', 'webhooks']);

/**
 * Assignments -> a settings patch. Keys are dotted paths; without a section prefix they belong to the order sync
 * (`orders`). `key=value` is text (BC codes such as `accounts.shipping=40400` stay text), except `true`, `false` and
 * `null`; `key:=json` takes a JSON value (`syncableStatuses:=[11,2]`, `version:=1`). `key:=null` (or `key=null`)
 * unsets the key: no setting takes null, so the patch is a JSON merge patch and null removes the key (its default
 * applies again).
 */
export function parseAssignments(assignments: readonly string[]): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const assignment of assignments) {
    const eq = assignment.indexOf('=');
    if (eq <= 0) throw new PermanentError('VALIDATION', `"${assignment}" is not key=value`);
    const raw = assignment[eq - 1] === ':';
    const key = assignment.slice(0, raw ? eq - 1 : eq).trim();
    const path = key.split('.');
    if (path.some((p) => !/^[A-Za-z0-9_]+$/.test(p))) throw new PermanentError('VALIDATION', `"${key}" is not a settings key`);
    if (!SECTIONS.has(path[0]!)) path.unshift('orders');
    const text = assignment.slice(eq + 1);
    setPath(patch, path, raw ? parseJson(text, key) : parseText(text));
  }
  return patch;
}

function parseText(text: string): unknown {
  if (text === 'true' || text === 'false') return text === 'true';
  return text === 'null' ? null : text;
}

function parseJson(text: string, key: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new PermanentError('VALIDATION', `${key}:= needs a JSON value`);
  }
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    node = (next && typeof next === 'object' ? next : (node[key] = {})) as Record<string, unknown>;
  }
  node[path[path.length - 1] ?? ''] = value;
}

/** `mappings settings show`: the connection's settings (current, or as they were at `version`). */
export async function showSettings(connectionId: string, version?: number): Promise<string> {
  return withMappingsContext(async (ctx) => {
    const connection = await ctx.connection(connectionId);
    if (version === undefined) {
      return JSON.stringify({ connection: connection.id, settingsVersion: connection.settingsVersion, settings: connection.settings }, null, 2);
    }
    const settings = await ctx.registry.settingsAt(connection.id, version);
    if (!settings) throw new PermanentError('NOT_FOUND', `connection ${connection.id} has no settings version ${version}`);
    return JSON.stringify({ connection: connection.id, settingsVersion: version, settings }, null, 2);
  });
}

/**
 * `mappings settings set`: validates the merged result (naming every bad field), then, unless `verify` is false, checks
 * in BC that the G/L accounts, currencies, tax areas and tax groups it names exist and can be used, and records a new
 * version only when they do.
 */
export async function setSettings(connectionId: string, assignments: readonly string[], json?: string, verify = true): Promise<string> {
  const patch = json !== undefined ? parseJsonPatch(json) : parseAssignments(assignments);
  return withMappingsContext(async (ctx) => {
    const connection = await ctx.connection(connectionId);
    const notSet = unsetPaths(patch).filter((path) => valueAt(connection.settings, path) === undefined);
    if (notSet.length) throw new PermanentError('VALIDATION', `nothing to unset, not set: ${notSet.map((p) => p.join('.')).join(', ')}`);
    const next = patchSettings(connection.settings, patch);
    if (verify) {
      const problems = checkOrderSettingsAgainstBc(next.orders, await loadBcReferenceData(await ctx.businessCentral(connection), next.orders));
      if (problems.length) throw new PermanentError('VALIDATION', `settings not saved, BC would refuse them:\n  ${problems.join('\n  ')}`);
    }
    const updated = await ctx.registry.updateSettings(connection.id, patch, 'cli mappings settings set');
    return `settings of ${updated.id} are now version ${updated.settingsVersion}; bc-writer applies them to the next signal`;
  });
}

/** The dotted paths a patch unsets (its `null` values). */
export function unsetPaths(patch: Record<string, unknown>, prefix: readonly string[] = []): string[][] {
  return Object.entries(patch).flatMap(([key, value]) => {
    if (value === null) return [[...prefix, key]];
    return value && typeof value === 'object' && !Array.isArray(value)
      ? unsetPaths(value as Record<string, unknown>, [...prefix, key])
      : [];
  });
}

function valueAt(settings: object, path: readonly string[]): unknown {
  let node: unknown = settings;
  for (const key of path) {
    if (!node || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function parseJsonPatch(json: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new PermanentError('VALIDATION', '--json must be a JSON object');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new PermanentError('VALIDATION', '--json must be a JSON object');
  const keys = Object.keys(value);
  return keys.every((k) => SECTIONS.has(k)) ? (value as Record<string, unknown>) : { orders: value };
}
