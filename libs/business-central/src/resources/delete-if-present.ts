import { BusinessCentralClient } from '../client/business-central-client';
import { isRecordNotFound } from '../client/business-central-errors';
import { BcPath } from '../odata/odata-path';

/** DELETE with If-Match; a record that is already gone counts as deleted (`false`), so repeats are harmless. */
export async function deleteIfPresent(client: BusinessCentralClient, path: BcPath, etag: string): Promise<boolean> {
  try {
    await client.delete(path, etag);
    return true;
  } catch (err) {
    if (isRecordNotFound(err)) return false;
    throw err;
  }
}
