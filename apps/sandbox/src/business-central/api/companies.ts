import type { SandboxResponse } from '../../core/router';
import { BC_DEFAULTS } from '../bc-identity';
import { COMPANY_FIELDS } from '../model/master-data-fields';
import { EntitySet, projectRow, RequestContext } from '../resources/entity-set';
import type { BcEnvironment } from '../store/bc-environment';
import type { CompanyData } from '../store/company-data';
import type { Row } from '../store/table';
import type { ApiRequest } from './api-request';
import { methodNotAllowed } from './bc-error';
import { entityResponse, readCollection } from './entity-handlers';

function companyRow(company: CompanyData): Row {
  const at = new Date(company.createdAt).toISOString();
  return {
    id: company.id,
    version: 1,
    createdAt: company.createdAt,
    modifiedAt: company.createdAt,
    data: {
      systemVersion: '27.0.38460.41000',
      timestamp: 1,
      name: company.name,
      displayName: company.name,
      businessProfileId: '',
      systemCreatedAt: at,
      systemCreatedBy: BC_DEFAULTS.userId,
      systemModifiedAt: at,
      systemModifiedBy: BC_DEFAULTS.userId,
    },
  };
}

function companiesSet(env: BcEnvironment): EntitySet {
  const rows = [...env.companies.values()].map(companyRow);
  return {
    name: 'companies',
    entityType: 'company',
    caption: 'Company',
    fields: COMPANY_FIELDS,
    defaultOrder: ['name'],
    insertAllowed: false,
    modifyAllowed: false,
    deleteAllowed: false,
    table: () => {
      throw new Error('companies are not a company table');
    },
    rows: () => rows,
    project: (_ctx, row) => projectRow(COMPANY_FIELDS, row),
  };
}

/** `GET companies` / `companies(<id>)`: environment level, read only (POST is 405). */
export function companiesResponse(env: BcEnvironment, req: ApiRequest, company: CompanyData | undefined): SandboxResponse {
  if (req.method !== 'GET') throw methodNotAllowed(req.method, 'companies');
  const ctx: RequestContext = { env, company: env.defaultCompany, memo: new Map() };
  const set = companiesSet(env);
  const handling = { ctx, req, contextPath: 'companies' };
  if (!company) return readCollection(handling, set, undefined, false);
  return entityResponse(handling, set, companyRow(company), 200);
}
