import { EntityChangedError } from '@mlc/business-central';
import { OutcomeUnknownError, PermanentError, RetryableError } from '@mlc/platform-errors';
import { isPosted, type BcDocument, type BcDocumentInput, type DocumentOps } from './document-ops';

export interface CreateOutcome {
  readonly doc: BcDocument;
  /** Found by externalDocumentNumber (an earlier attempt's create had gone through) rather than created now. */
  readonly adopted: boolean;
}

export type DeleteOutcome = 'deleted' | 'gone' | 'posted';

/**
 * Writes that are not blindly retried (DESIGN.md 3.9): a create whose outcome is unknown, or that an earlier attempt
 * may have sent (`pending`), is looked up by externalDocumentNumber before it is sent (again); a post is preceded
 * (when resuming) and followed (after an unknown outcome) by a read, and an invoice already posted is success; a
 * delete with a stale ETag re-reads the draft and tries again with the current one.
 */
export class DocumentWriter {
  async ensureCreated(
    ops: DocumentOps,
    input: BcDocumentInput,
    externalDocumentNumber: string,
    pending: boolean,
    markPending: () => Promise<void>,
  ): Promise<CreateOutcome> {
    if (pending) {
      const found = await this.lookup(ops, externalDocumentNumber);
      if (found) return { doc: found, adopted: true };
    }
    await markPending();
    try {
      return { doc: await ops.create(input), adopted: false };
    } catch (err) {
      if (!(err instanceof OutcomeUnknownError)) throw err;
      const found = await this.lookup(ops, externalDocumentNumber);
      if (found) return { doc: found, adopted: true };
      // Not there (yet): the next attempt looks again before creating, because the write is still marked pending.
      throw err;
    }
  }

  async ensurePosted(
    ops: DocumentOps,
    id: string,
    resuming: boolean,
    markPending: () => Promise<void>,
  ): Promise<BcDocument> {
    if (!ops.post) throw new TypeError(`${ops.type} documents are not posted by the connector`);
    if (resuming) {
      const current = await this.read(ops, id);
      if (isPosted(current, ops.type)) return current;
    }
    await markPending();
    try {
      await ops.post(id);
    } catch (err) {
      if (!(err instanceof OutcomeUnknownError) && !isDraftOnlyRefusal(err)) throw err;
      const current = await this.read(ops, id);
      if (isPosted(current, ops.type)) return current;
      throw err instanceof OutcomeUnknownError ? err : new RetryableError('CONFLICT', 'post refused but the document is still a draft');
    }
    return this.read(ops, id);
  }

  /** Deletes an unposted document; reports when it was already gone or has been posted meanwhile. */
  async deleteDraft(ops: DocumentOps, id: string, etag: string | null): Promise<DeleteOutcome> {
    let current = etag;
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      if (!current) {
        const doc = await ops.get(id);
        if (!doc) return 'gone';
        if (isPosted(doc, ops.type)) return 'posted';
        current = doc.etag;
      }
      try {
        return (await ops.remove({ id, etag: current })) ? 'deleted' : 'gone';
      } catch (err) {
        if (!(err instanceof EntityChangedError) && !isPostedRefusal(err)) throw err;
        current = null;
      }
    }
    throw new RetryableError('CONFLICT', `${ops.type} ${id} keeps changing while it is being deleted`);
  }

  /** The document with this externalDocumentNumber; a posted one wins over a draft if BC has both. */
  async lookup(ops: DocumentOps, externalDocumentNumber: string): Promise<BcDocument | undefined> {
    const found = await ops.findByExternalDocumentNumber(externalDocumentNumber);
    return found.find((d) => isPosted(d, ops.type)) ?? found[0];
  }

  private async read(ops: DocumentOps, id: string): Promise<BcDocument> {
    const doc = await ops.get(id);
    if (!doc) throw new PermanentError('NOT_FOUND', `${ops.type} ${id} is no longer in BC`);
    return doc;
  }
}

/** BC's answer to posting a document that is already posted ("can be applied to a draft ... only"). */
function isDraftOnlyRefusal(err: unknown): boolean {
  return err instanceof PermanentError && /draft (invoice|credit memo) only/i.test(err.message);
}

/** BC's answer to deleting a posted document. */
function isPostedRefusal(err: unknown): boolean {
  return err instanceof PermanentError && /has been posted/i.test(err.message);
}
