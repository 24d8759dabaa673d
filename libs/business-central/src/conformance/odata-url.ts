import { BcMetadata, EntitySetModel, NavigationModel } from './bc-metadata';
import { ReferenceFacts } from './bc-reference-facts';

/*
 * Splits a Business Central request URL into what it addresses, checking the shape against the reference and the
 * metadata: `{service root}companies({companyId})/<set>[(<key>)][/<action or navigation>]` for company-scoped sets,
 * `{service root}<set>[(<key>)]` for environment-level ones. GUID keys are bare, string keys single-quoted.
 */

export interface Target {
  readonly set: EntitySetModel;
  readonly keyed: boolean;
  readonly action?: string;
  readonly navigation?: NavigationModel;
  /** `POST companies({id})/salesInvoices({id})/Microsoft.NAV.post`, for reports. */
  readonly label: string;
}

export interface ParsedUrl {
  readonly target?: Target;
  readonly query: ReadonlyMap<string, string>;
  readonly problems: readonly string[];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SEGMENT = /^([A-Za-z][A-Za-z0-9.]*)(?:\((.*)\))?$/;

export interface UrlContext {
  readonly metadata: BcMetadata;
  readonly facts: ReferenceFacts;
  readonly tenantId: string;
  readonly environment: string;
}

export function parseBcUrl(method: string, url: string, ctx: UrlContext): ParsedUrl {
  const root = ctx.facts.serviceRoot.replace('{tenantId}', ctx.tenantId).replace('{environmentName}', ctx.environment);
  if (!url.startsWith(root)) return { query: new Map(), problems: [`URL is not under the service root ${root}`] };
  const [path = '', search = ''] = url.slice(root.length).split('?', 2);
  const query = parseQuery(search);
  const segments = path.split('/').map((s) => decodeURIComponent(s));
  const problems: string[] = [];
  let company = false;
  if (SEGMENT.exec(segments[0] ?? '')?.[1] === 'companies' && segments.length > 1) {
    company = true;
    const key = SEGMENT.exec(segments.shift() ?? '')?.[2] ?? '';
    if (!GUID.test(key)) problems.push(`company key "${key}" is not a bare lower-case GUID`);
  }
  const [setSegment = '', child, ...deeper] = segments;
  const [, setName = '', key] = SEGMENT.exec(setSegment) ?? [];
  const set = ctx.metadata.set(setName);
  if (!set) return { query, problems: [...problems, `entity set "${setName}" is not in the metadata`] };
  if (set.environmentLevel === company) {
    problems.push(
      `${setName} is ${set.environmentLevel ? 'environment-level' : 'company-scoped'}, addressed otherwise`,
    );
  }
  if (key !== undefined) problems.push(...checkKey(set, key));
  if (deeper.length > 0) problems.push(`path below ${setName}(...)/${child} is not supported by this checker`);
  const target = childTarget(method, set, key !== undefined, child, problems);
  return { target, query, problems };
}

function childTarget(
  method: string,
  set: EntitySetModel,
  keyed: boolean,
  child: string | undefined,
  problems: string[],
): Target {
  const base = `${set.environmentLevel ? '' : 'companies({id})/'}${set.name}${keyed ? '({id})' : ''}`;
  if (child === undefined) return { set, keyed, label: `${method} ${base}` };
  if (!keyed) problems.push(`${child} addressed on the collection ${set.name}, not on one record`);
  if (child.startsWith('Microsoft.NAV.')) {
    if (!set.actions.has(child)) problems.push(`${child} is not a bound action of ${set.name}`);
    return { set, keyed, action: child, label: `${method} ${base}/${child}` };
  }
  const navigation = set.navigation.get(child);
  if (!navigation) problems.push(`${child} is not a navigation property of ${set.name}`);
  return { set, keyed, navigation, label: `${method} ${base}/${child}` };
}

function checkKey(set: EntitySetModel, key: string): string[] {
  if (set.key.type === 'GUID') {
    return GUID.test(key) ? [] : [`key of ${set.name} must be a bare lower-case GUID, got "${key}"`];
  }
  return /^'(?:[^']|'')*'$/.test(key) ? [] : [`key of ${set.name} (${set.key.type}) must be single-quoted`];
}

function parseQuery(search: string): Map<string, string> {
  const query = new Map<string, string>();
  for (const pair of search.split('&').filter((p) => p !== '')) {
    const cut = pair.indexOf('=');
    const name = decodeURIComponent(cut < 0 ? pair : pair.slice(0, cut));
    query.set(name, decodeURIComponent(cut < 0 ? '' : pair.slice(cut + 1)));
  }
  return query;
}
