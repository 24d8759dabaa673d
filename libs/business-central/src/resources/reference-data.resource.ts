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
    const companies = await this.list();
    const found = companies.find((c) => c.id.toLowerCase() === companyId.toLowerCase());
    if (found) return found;
    throw new PermanentError(
      'CONFIG',
      `company ${companyId} is not in this environment (${companies.length} companies there): check BC_COMPANY_ID`,
    );
  }
}
