import { BigCommerceClient } from '../client/bigcommerce-client';
import { requestPath } from '../client/request-path';
import { CreateHookInput, HookFilter, HookPatch, HooksPort, BIGCOMMERCE_LIMITS } from '../bigcommerce-api.port';
import { V3OffsetPaginator } from '../pagination/v3-offset-paginator';
import { BigCommerceHook, hookCollectionSchema, hookSingleSchema } from '../schemas/hook.schema';
import { collect, defined, positiveId } from './input-checks';

/**
 * v3 hooks. Creating is a one-shot POST (a lost answer is OutcomeUnknownError: list before creating again, since
 * BigCommerce rejects a second hook with the same scope and destination). Updates are PUTs of absolute values;
 * `{isActive: true}` reactivates a hook that BigCommerce deactivated after failed deliveries or 90 idle days.
 */
export class HooksResource implements HooksPort {
  constructor(private readonly client: BigCommerceClient) {}

  async listHooks(filter: HookFilter = {}): Promise<BigCommerceHook[]> {
    const pages = new V3OffsetPaginator(
      (page, limit) =>
        this.client.request({
          method: 'GET',
          path: requestPath('/v3/hooks'),
          query: { scope: filter.scope, destination: filter.destination, is_active: filter.isActive, page, limit },
          schema: hookCollectionSchema,
        }),
      BIGCOMMERCE_LIMITS.pageSize,
    );
    return collect(pages);
  }

  async createHook(input: CreateHookInput): Promise<BigCommerceHook> {
    if (input.scope === '' || input.destination === '') throw new RangeError('a hook needs a scope and a destination');
    const answer = await this.client.request({
      method: 'POST',
      path: requestPath('/v3/hooks'),
      body: defined({
        scope: input.scope,
        destination: input.destination,
        is_active: input.isActive ?? true,
        headers: input.headers,
      }),
      schema: hookSingleSchema,
    });
    return answer.data;
  }

  async updateHook(hookId: number, patch: HookPatch): Promise<BigCommerceHook> {
    const body = defined({
      is_active: patch.isActive,
      headers: patch.headers,
      destination: patch.destination,
      scope: patch.scope,
    });
    if (Object.keys(body).length === 0) throw new RangeError('updateHook needs at least one field');
    const answer = await this.client.request({
      method: 'PUT',
      path: requestPath('/v3/hooks/{id}', { id: positiveId(hookId, 'hookId') }),
      body,
      schema: hookSingleSchema,
    });
    return answer.data;
  }

  async deleteHook(hookId: number): Promise<BigCommerceHook> {
    const answer = await this.client.request({
      method: 'DELETE',
      path: requestPath('/v3/hooks/{id}', { id: positiveId(hookId, 'hookId') }),
      schema: hookSingleSchema,
    });
    return answer.data;
  }
}
