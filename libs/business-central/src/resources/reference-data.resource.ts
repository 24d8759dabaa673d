import { z } from 'zod';
import { PermanentError } from '@mlc/platform-errors';
import { BusinessCentralClient } from '../client/business-central-client';
import { AccountsPort, CodeListPort, CompaniesPort } from '../business-central.port';
import { eq } from '../odata/odata-filter';
import { BcPath } from '../odata/odata-path';
import { BcAccount, BcCompany, accountSchema, companySchema } from './schemas/reference-data.schema';

/** currencies, taxAreas, taxGroups: small lists keyed by an upper-case code. */
export class CodeListResource<S extends z.ZodType<{ code: string }>> implements CodeListPort<z.output<S>> {
  private readonly path: BcPath;

  constructor(
    private readonly client: BusinessCentralClient,
    set: 'currencies' | 'taxAreas' | 'taxGroups',
    private readonly schema: S,
  ) {
    this.path = BcPath.collection(set);
  }

  async list(): Promise<z.output<S>[]> {
    return this.client.list(this.path, this.schema).toArray();
  }

  async byCode(code: string): Promise<z.output<S> | undefined> {
    const [found] = await this.client
      .list(this.path, this.schema, { filter: eq('code', code.trim().toUpperCase()) })
      .toArray();
    return found;
  }
}

export class AccountsResource implements AccountsPort {
  private readonly path = BcPath.collection('accounts');

  constructor(private readonly client: BusinessCentralClient) {}

  async list(): Promise<BcAccount[]> {
    return this.client.list(this.path, accountSchema).toArray();
  }

  async byNumber(number: string): Promise<BcAccount | undefined> {
    const [found] = await this.client
      .list(this.path, accountSchema, { filter: eq('number', number.trim().toUpperCase()) })
      .toArray();
    return found;
  }
}

/** companies is environment-level (no company in the path), so it also works before a company is chosen. */
export class CompaniesResource implements CompaniesPort {
  constructor(private readonly client: BusinessCentralClient) {}

  async list(): Promise<BcCompany[]> {
    return this.client.list(BcPath.environment('companies'), companySchema).toArray();
  }

  async verify(companyId: string): Promise<BcCompany> {
    return selectCompany(await this.list(), companyId, 'id');
  }

  async resolve(nameOrId: string): Promise<BcCompany> {
    return selectCompany(await this.list(), nameOrId, 'id-or-name');
  }
}

/**
 * Picks one company by id (exact GUID, any case) or also by name / display name (case-insensitive). None or several
 * matches is a CONFIG error that says so; company names are not secret.
 */
export function selectCompany(companies: readonly BcCompany[], wanted: string, by: 'id' | 'id-or-name'): BcCompany {
  const key = wanted.trim().toLowerCase();
  const byId = companies.filter((c) => c.id.toLowerCase() === key);
  const matches =
    byId.length > 0 || by === 'id'
      ? byId
      : companies.filter((c) => c.name.toLowerCase() === key || c.displayName.toLowerCase() === key);
  if (matches.length === 1 && matches[0]) return matches[0];
  const known = companies.map((c) => c.name).join(', ');
  const problem = matches.length === 0 ? 'is not in this environment' : 'matches several companies';
  throw new PermanentError('CONFIG', `company "${wanted}" ${problem} (companies there: ${known}): check BC_COMPANY_ID`);
}
