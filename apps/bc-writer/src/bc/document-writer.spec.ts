import { EntityChangedError } from '@mlc/business-central';
import { OutcomeUnknownError, PermanentError } from '@mlc/platform-errors';
import { Decimal } from '@mlc/platform-money';
import type { BcDocument, BcDocumentInput, DocumentOps } from './document-ops';
import { DocumentWriter } from './document-writer';

/** An in-memory invoice set whose next create/post can fail before or after it takes effect. */
class FakeInvoices implements DocumentOps {
  readonly type = 'salesInvoice' as const;
  readonly docs = new Map<string, BcDocument>();
  readonly calls: string[] = [];
  failCreate?: 'before' | 'after';
  failPost?: 'before' | 'after' | 'draft-only';
  staleDeletes = 0;
  private seq = 0;

  async create(input: BcDocumentInput): Promise<BcDocument> {
    this.calls.push('create');
    const fail = this.failCreate;
    this.failCreate = undefined;
    if (fail === 'before') throw new OutcomeUnknownError('timeout before BC took it');
    const doc = this.doc(`D-${++this.seq}`, input.externalDocumentNumber, 'Draft');
    if (fail === 'after') throw new OutcomeUnknownError('500 after commit');
    return doc;
  }

  async get(id: string) {
    this.calls.push('get');
    return this.docs.get(id);
  }

  async findByExternalDocumentNumber(n: string) {
    this.calls.push('find');
    return [...this.docs.values()].filter((d) => d.externalDocumentNumber === n.toUpperCase());
  }

  readonly post = async (id: string) => {
    this.calls.push('post');
    const fail = this.failPost;
    this.failPost = undefined;
    const doc = this.docs.get(id)!;
    if (fail === 'before') throw new OutcomeUnknownError('reset before posting');
    if (doc.status !== 'Draft' || fail === 'draft-only') {
      throw new PermanentError('VALIDATION', 'BC says: The action can be applied to a draft invoice only.');
    }
    this.docs.set(id, { ...doc, status: 'Open', number: `P${doc.number}`, etag: `${doc.etag}+` });
    if (fail === 'after') throw new OutcomeUnknownError('502 after posting');
  };

  async remove(doc: { id: string; etag: string }) {
    this.calls.push(`delete ${doc.etag}`);
    const current = this.docs.get(doc.id);
    if (!current) return false;
    if (this.staleDeletes > 0 || current.etag !== doc.etag) {
      this.staleDeletes = Math.max(0, this.staleDeletes - 1);
      throw new EntityChangedError('Another user has already changed the record.');
    }
    this.docs.delete(doc.id);
    return true;
  }

  doc(number: string, external: string, status: string): BcDocument {
    const doc = { id: `id-${number}`, number, etag: `W/${number}`, status, externalDocumentNumber: external.toUpperCase(), totalAmountIncludingTax: Decimal.parse('10') };
    this.docs.set(doc.id, doc);
    return doc;
  }
}

const input = { externalDocumentNumber: 'bc-1', customerId: 'c', lines: [] } as BcDocumentInput;

describe('DocumentWriter.ensureCreated', () => {
  const writer = new DocumentWriter();
  const marked: string[] = [];
  const mark = async () => void marked.push('pending');

  it('creates once, marking the write pending before sending', async () => {
    const ops = new FakeInvoices();
    const { doc, adopted } = await writer.ensureCreated(ops, input, 'BC-1', false, mark);
    expect(adopted).toBe(false);
    expect(ops.calls).toEqual(['create']);
    expect(marked).toEqual(['pending']);
    expect(ops.docs.get(doc.id)?.externalDocumentNumber).toBe('BC-1');
  });

  it('adopts the document a create left behind when its answer was lost', async () => {
    const ops = new FakeInvoices();
    ops.failCreate = 'after';
    const { doc, adopted } = await writer.ensureCreated(ops, input, 'BC-1', false, mark);
    expect(adopted).toBe(true);
    expect(ops.docs.size).toBe(1);
    expect(ops.calls).toEqual(['create', 'find']);
    expect(doc.number).toBe('D-1');
  });

  it('rethrows when a lost create left nothing, and the next attempt looks before creating', async () => {
    const ops = new FakeInvoices();
    ops.failCreate = 'before';
    await expect(writer.ensureCreated(ops, input, 'BC-1', false, mark)).rejects.toBeInstanceOf(OutcomeUnknownError);
    const next = await writer.ensureCreated(ops, input, 'BC-1', true, mark);
    expect(next.adopted).toBe(false);
    expect(ops.calls).toEqual(['create', 'find', 'find', 'create']);
    expect(ops.docs.size).toBe(1);
  });

  it('resuming a write that did go through finds it instead of creating a second one', async () => {
    const ops = new FakeInvoices();
    ops.doc('D-9', 'BC-1', 'Open');
    const { doc, adopted } = await writer.ensureCreated(ops, input, 'BC-1', true, mark);
    expect({ number: doc.number, adopted }).toEqual({ number: 'D-9', adopted: true });
    expect(ops.calls).toEqual(['find']);
  });
});

describe('DocumentWriter.ensurePosted', () => {
  const writer = new DocumentWriter();
  const mark = async () => undefined;

  it('posts and reads the posted number back', async () => {
    const ops = new FakeInvoices();
    const draft = ops.doc('D-1', 'BC-1', 'Draft');
    const posted = await writer.ensurePosted(ops, draft.id, false, mark);
    expect(posted).toMatchObject({ status: 'Open', number: 'PD-1' });
    expect(ops.calls).toEqual(['post', 'get']);
  });

  it('counts a post whose answer was lost as done once the re-read shows it posted', async () => {
    const ops = new FakeInvoices();
    const draft = ops.doc('D-1', 'BC-1', 'Draft');
    ops.failPost = 'after';
    await expect(writer.ensurePosted(ops, draft.id, false, mark)).resolves.toMatchObject({ status: 'Open' });
    expect(ops.calls).toEqual(['post', 'get']);
  });

  it('keeps the error when the re-read shows a draft still', async () => {
    const ops = new FakeInvoices();
    const draft = ops.doc('D-1', 'BC-1', 'Draft');
    ops.failPost = 'before';
    await expect(writer.ensurePosted(ops, draft.id, false, mark)).rejects.toBeInstanceOf(OutcomeUnknownError);
  });

  it('does not post again when resuming finds the invoice posted', async () => {
    const ops = new FakeInvoices();
    const doc = ops.doc('P-1', 'BC-1', 'Open');
    await expect(writer.ensurePosted(ops, doc.id, true, mark)).resolves.toMatchObject({ number: 'P-1' });
    expect(ops.calls).toEqual(['get']);
  });
});

describe('DocumentWriter.deleteDraft', () => {
  const writer = new DocumentWriter();

  it('re-reads a draft changed since its ETag was stored and deletes the current version', async () => {
    const ops = new FakeInvoices();
    const draft = ops.doc('D-1', 'BC-1', 'Draft');
    ops.docs.set(draft.id, { ...draft, etag: 'W/edited' });
    await expect(writer.deleteDraft(ops, draft.id, draft.etag)).resolves.toBe('deleted');
    expect(ops.calls).toEqual(['delete W/D-1', 'get', 'delete W/edited']);
  });

  it('reports a draft posted meanwhile instead of deleting it', async () => {
    const ops = new FakeInvoices();
    const draft = ops.doc('D-1', 'BC-1', 'Draft');
    ops.docs.set(draft.id, { ...draft, status: 'Open', etag: 'W/posted' });
    await expect(writer.deleteDraft(ops, draft.id, draft.etag)).resolves.toBe('posted');
    expect(ops.docs.has(draft.id)).toBe(true);
  });

  it('treats a draft that is already gone as deleted', async () => {
    const ops = new FakeInvoices();
    await expect(writer.deleteDraft(ops, 'id-missing', null)).resolves.toBe('gone');
  });
});
