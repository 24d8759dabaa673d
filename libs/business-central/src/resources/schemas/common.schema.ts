import { z } from 'zod';
import { bcEtag } from '../../client/wire';

/** BC text fields; some are blank strings, never null. */
export const text = z.string();
export const optionalText = z.string().optional();
/** GUIDs as BC writes them; the empty GUID (all zeros) means "none". */
export const bcGuid = z.string();
export const EMPTY_GUID = '00000000-0000-0000-0000-000000000000';

/** BC writes a blank option as a single space; an empty string is read the same way. */
export function bcEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return z.preprocess((v) => (v === '' ? ' ' : v), z.enum(values));
}

/** Moves `@odata.etag` to `etag`, the name the rest of the code uses for the If-Match value. */
export function withEtag<S extends z.ZodObject>(fields: S) {
  return fields.extend({ '@odata.etag': bcEtag }).transform((record) => {
    const { '@odata.etag': etag, ...rest } = record as Record<string, unknown> & { '@odata.etag': string };
    return { ...(rest as Omit<z.output<S>, '@odata.etag'>), etag };
  });
}
