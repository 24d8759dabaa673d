import { randomUUID } from 'node:crypto';
import type { SandboxResponse } from '../../core/router';

/**
 * A Business Central API error: `{"error":{"code","message"}}` with the message ending in
 * `  CorrelationId:  <guid>.` as the service writes it. Codes follow BC's documented OData error codes.
 */
export class BcError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    /** Some platform errors (throttling) carry no correlation id suffix. */
    readonly bare = false,
  ) {
    super(message);
  }

  toResponse(): SandboxResponse {
    const message = this.bare ? this.message : `${this.message}  CorrelationId:  ${randomUUID()}.`;
    return { status: this.status, headers: this.headers, body: { error: { code: this.code, message } } };
  }
}

/** AL `Error()` raised by page or table code: 400 `Application_DialogException`. */
export function dialogError(message: string): BcError {
  return new BcError(400, 'Application_DialogException', message);
}

export function badRequest(message: string, code = 'BadRequest'): BcError {
  return new BcError(400, code, message);
}

export function notFoundSegment(url: string): BcError {
  return new BcError(404, 'BadRequest_NotFound', `No HTTP resource was found that matches the request URI '${url}'.`);
}

export function recordNotFound(caption: string, id: string): BcError {
  return new BcError(
    404,
    'BadRequest_NotFound',
    `The ${caption} does not exist. Identification fields and values: Id='${id}'`,
  );
}

export function methodNotAllowed(method: string, entitySet: string): BcError {
  return new BcError(
    405,
    'BadRequest_MethodNotAllowed',
    `'${method}' requests for '${entitySet}' of EdmType 'Entity' are not allowed within Dynamics 365 Business Central OData web services.`,
  );
}

export function readOnlyField(name: string): BcError {
  return new BcError(400, 'BadRequest_InvalidOperation', `Control '${name}' is read-only.`);
}

export function stringTooLong(length: number, max: number): BcError {
  return new BcError(
    400,
    'Application_StringExceededLength',
    `The length of the string is ${length}, but it must be less than or equal to ${max} characters.`,
  );
}

/** The answer to any BcError or unexpected failure inside an API handler. */
export function errorResponse(err: unknown): SandboxResponse {
  if (err instanceof BcError) return err.toResponse();
  const detail = err instanceof Error ? err.message : String(err);
  return new BcError(500, 'Internal_ServerError', `An unexpected error occurred: ${detail}`).toResponse();
}
