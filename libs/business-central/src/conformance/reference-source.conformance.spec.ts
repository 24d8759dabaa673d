import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { HttpRequest } from '../http/http-transport.port';
import { BcMetadata, RawMetadata, loadOfficialMetadata } from './bc-metadata';
import { EVIDENCE, EvidenceKey, ReferenceFacts, referenceFacts } from './bc-reference-facts';
import { checkBcRequest } from './bc-request-check';
import { COMPANY_ID, ENVIRONMENT, TENANT_ID } from './recording-transport';
import { requireReference, sharedReferenceDir } from './shared-reference.config';

/*
 * The checker's verdicts come from Microsoft's page definitions and the reference notes, never from the sandbox
 * (written from the same notes as the adapter, so it could share the adapter's mistakes) and never from expectations
 * written into the checker: every rule cites a sentence found in the reference, and editing the metadata or the
 * reference in memory flips the verdict on an unchanged request.
 */

let raw: RawMetadata;
let markdown: string;

beforeAll(() => {
  raw = loadOfficialMetadata();
  markdown = readFileSync(requireReference('business-central.md'), 'utf8');
});

const CO = `https://api.businesscentral.dynamics.com/v2.0/${TENANT_ID}/${ENVIRONMENT}/api/v2.0/companies(${COMPANY_ID})/`;
const ID = '9a4c6a1e-0000-4000-8000-000000000001';

function post(path: string, body: object): HttpRequest {
  const headers = { authorization: 'Bearer t', 'content-type': 'application/json' };
  return { method: 'POST', url: `${CO}${path}`, headers, body: JSON.stringify(body), timeoutMs: 1000 };
}

function verdict(request: HttpRequest, metadata: RawMetadata, text: string): readonly string[] {
  const model = new BcMetadata(metadata);
  const facts: ReferenceFacts = referenceFacts(text, model);
  return checkBcRequest(request, { metadata: model, facts, tenantId: TENANT_ID, environment: ENVIRONMENT }).problems;
}

function editedSet(name: string, edit: (set: Record<string, unknown>) => void): RawMetadata {
  const copy = structuredClone(raw) as { entitySets: Record<string, Record<string, unknown>> };
  const set = copy.entitySets[name];
  if (!set) throw new Error(`no ${name} in the metadata`);
  edit(set);
  return copy as unknown as RawMetadata;
}

describe('every rule the checker applies is stated in the reference', () => {
  it.each(Object.keys(EVIDENCE) as EvidenceKey[])('%s', (rule) => {
    expect(referenceFacts(markdown, new BcMetadata(raw)).states(rule)).toBe(true);
  });
});

describe('verdicts follow the files', () => {
  const invoice = post('salesInvoices', { customerId: ID, externalDocumentNumber: 'BC-1' });
  const posting = post(`salesInvoices(${ID})/Microsoft.NAV.post`, {});
  const longEmail = post('customers', { displayName: 'A', email: `${'a'.repeat(80)}@x.com` });

  it('marking externalDocumentNumber read-only makes the same invoice body non-conformant', () => {
    expect(verdict(invoice, raw, markdown)).toEqual([]);
    const readOnly = editedSet('salesInvoices', (set) => {
      const fields = set['fields'] as Array<{ name: string; readOnly: boolean }>;
      for (const f of fields) if (f.name === 'externalDocumentNumber') f.readOnly = true;
    });
    expect(verdict(invoice, readOnly, markdown)).toEqual([
      'salesInvoices.externalDocumentNumber is read-only in the salesInvoices page',
    ]);
  });

  it('removing Microsoft.NAV.post from salesInvoices makes posting non-conformant', () => {
    const request = { ...posting, body: undefined };
    expect(verdict(request, raw, markdown)).toEqual([]);
    const noPost = editedSet('salesInvoices', (set) => {
      set['boundActions'] = (set['boundActions'] as string[]).filter((a) => a !== 'Microsoft.NAV.post');
    });
    expect(verdict(request, noPost, markdown)).toEqual(['Microsoft.NAV.post is not a bound action of salesInvoices']);
  });

  it('the e-mail length comes from the reference text: without "(Text[80])" a long e-mail passes', () => {
    expect(verdict(longEmail, raw, markdown).join()).toMatch(/customers.email is 86 characters; .* at most 80/);
    expect(verdict(longEmail, raw, markdown.replace('email (Text[80])', 'email'))).toEqual([]);
  });

  it('a reference without the service root cannot be used', () => {
    expect(() => referenceFacts(markdown.replace(/Service root:/g, 'Root:'), new BcMetadata(raw))).toThrow(
      'business-central.md states no service root',
    );
  });
});

describe('where the descriptions come from', () => {
  it('fails loudly, naming the file, when the shared reference is absent', () => {
    const saved = process.env['ML_SHARED_DIR'];
    const empty = mkdtempSync(join(tmpdir(), 'no-shared-'));
    process.env['ML_SHARED_DIR'] = empty;
    try {
      expect(() => BcMetadata.loadOfficial()).toThrow(
        new RegExp(
          `official API description not found: ${empty}/reference/business-central/apiv2-entities.json.*ML_SHARED_DIR`,
        ),
      );
      expect(() => requireReference('business-central.md')).toThrow(/business-central.md/);
    } finally {
      if (saved === undefined) delete process.env['ML_SHARED_DIR'];
      else process.env['ML_SHARED_DIR'] = saved;
      rmSync(empty, { recursive: true });
    }
  });

  it('reads them from outside the repository', () => {
    expect(relative(join(__dirname, '../../../..'), sharedReferenceDir()).startsWith('..')).toBe(true);
  });

  it('imports nothing from the sandbox', () => {
    const imports = readdirSync(__dirname)
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) => [...readFileSync(join(__dirname, f), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1] ?? ''));
    expect(imports.length).toBeGreaterThan(10);
    expect(imports.filter((i) => /sandbox|apps\//.test(i))).toEqual([]);
  });
});
