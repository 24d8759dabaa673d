/*
 * Business Central resource paths. Company-scoped sets live under `companies({companyId})/`, GUID keys are written
 * bare (`customers(1b8d...)`), string keys quoted (`subscriptions('abc')`). Each path carries its template
 * (`customers({id})`) which is what metrics and errors show: never an id.
 */

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const SEGMENT = /^[A-Za-z][A-Za-z0-9_.]*$/;

export type PathScope = 'environment' | 'company';

export class BcPath {
  private constructor(
    readonly scope: PathScope,
    readonly path: string,
    readonly template: string,
    /** Addresses one keyed record (or something under it), so a 404 means the record is missing. */
    readonly keyed: boolean,
  ) {}

  /** A company-scoped entity set: `companies({c})/customers`. */
  static collection(set: string): BcPath {
    return new BcPath('company', segment(set), set, false);
  }

  /** One company-scoped record by its GUID key. */
  static entity(set: string, id: string): BcPath {
    return new BcPath('company', `${segment(set)}(${guidKey(id)})`, `${set}({id})`, true);
  }

  /** An environment-level set (companies, subscriptions). */
  static environment(set: string): BcPath {
    return new BcPath('environment', segment(set), set, false);
  }

  /** An environment-level record with a string key, e.g. `subscriptions('<id>')`. */
  static environmentEntity(set: string, key: string): BcPath {
    const quoted = `'${encodeURIComponent(key.replace(/'/g, "''"))}'`;
    return new BcPath('environment', `${segment(set)}(${quoted})`, `${set}({id})`, true);
  }

  /** A navigation or bound action under this path: `salesInvoices({id})/Microsoft.NAV.post`. */
  child(name: string): BcPath {
    return new BcPath(this.scope, `${this.path}/${segment(name)}`, `${this.template}/${name}`, this.keyed);
  }
}

/** Lower-cased GUID or a RangeError: an id that is not a GUID must never be spliced into a path. */
export function guidKey(id: string): string {
  if (!GUID.test(id)) throw new RangeError('record id is not a GUID');
  return id.toLowerCase();
}

export function isGuid(value: string): boolean {
  return GUID.test(value);
}

function segment(name: string): string {
  if (!SEGMENT.test(name)) throw new RangeError(`not a path segment: ${name.slice(0, 40)}`);
  return name;
}
