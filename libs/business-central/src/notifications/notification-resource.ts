/**
 * What a notification points at. `resource` is the subscription's resource plus `(<key>)` for one record
 * (`/api/v2.0/companies(<c>)/items(<id>)`), or, for a `collection` entry, the set with
 * `?$filter=lastModifiedDateTime%20gt%20<time>` (no filter when deletes were involved). It may also be absolute.
 */
export interface BcNotificationTarget {
  readonly companyId: string;
  readonly entitySet: string;
  /** The record's id for created/updated/deleted entries. */
  readonly id?: string;
  /** The lower bound of a `collection` entry's filter, when BC sent one. */
  readonly modifiedAfter?: string;
}

const GUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const RESOURCE = new RegExp(`companies\\((${GUID})\\)/([A-Za-z][A-Za-z0-9]*)(?:\\((${GUID})\\))?/?(?:\\?(.*))?$`);
const MODIFIED_AFTER = /lastModifiedDateTime\s+gt\s+(\S+)/;

/** Parses a notification resource, or undefined when it is not a company-scoped entity set. */
export function parseNotificationResource(resource: string): BcNotificationTarget | undefined {
  const match = RESOURCE.exec(resource.trim());
  if (!match) return undefined;
  const [, companyId, entitySet, id, query] = match;
  const filter = query ? (new URLSearchParams(query).get('$filter') ?? '') : '';
  const modifiedAfter = MODIFIED_AFTER.exec(filter)?.[1];
  return {
    companyId: (companyId as string).toLowerCase(),
    entitySet: entitySet as string,
    ...(id ? { id: id.toLowerCase() } : {}),
    ...(modifiedAfter ? { modifiedAfter } : {}),
  };
}
