const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]*/g;
const BEARER = /bearer\s+\S+/gi;
const MAX_LENGTH = 300;

/**
 * BC's `error.message` is the only explanation of a business-rule failure (posting, validation), so errors keep it,
 * but scrubbed: e-mail addresses and anything token-shaped are replaced, and it is cut to a bounded length.
 */
export function scrubRemoteMessage(message: string | undefined): string | undefined {
  if (!message) return undefined;
  const scrubbed = message.replace(JWT, '<token>').replace(BEARER, 'Bearer <token>').replace(EMAIL, '<email>');
  const flat = scrubbed.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_LENGTH ? `${flat.slice(0, MAX_LENGTH)}…` : flat;
}
