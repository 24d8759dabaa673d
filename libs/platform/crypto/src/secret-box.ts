import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/** A master key and the short id that names it in every ciphertext, so keys can rotate. */
export interface MasterKey {
  readonly id: string;
  readonly key: Buffer;
}

/** Thrown when a ciphertext cannot be opened: wrong MASTER_KEY, unknown key id, or tampered data. */
export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

/** Derives the key id from the key itself (first 8 hex chars of its SHA-256), so operators never have to name it. */
export function masterKeyFromBase64(base64: string): MasterKey {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32) throw new SecretBoxError('MASTER_KEY must be 32 bytes encoded as base64');
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 8), key };
}

const VERSION = 'v1';

/**
 * AES-256-GCM with a random 96-bit nonce. Format: `v1.<keyId>.<nonce b64>.<tag b64>.<ciphertext b64>`. The key id is
 * also bound as additional authenticated data, with an optional context (e.g. the connection id) so a ciphertext
 * cannot be moved to another row.
 */
export class SecretBox {
  private readonly byId: Map<string, Buffer>;

  /** `current` encrypts; `previous` keys can still decrypt (during rotation). */
  constructor(
    private readonly current: MasterKey,
    previous: MasterKey[] = [],
  ) {
    this.byId = new Map([current, ...previous].map((k) => [k.id, k.key]));
  }

  get currentKeyId(): string {
    return this.current.id;
  }

  seal(plaintext: string, context = ''): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, nonce);
    cipher.setAAD(Buffer.from(`${this.current.id}|${context}`));
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, this.current.id, nonce.toString('base64'), cipher.getAuthTag().toString('base64'), data.toString('base64')].join('.');
  }

  open(sealed: string, context = ''): string {
    const parts = sealed.split('.');
    if (parts.length !== 5 || parts[0] !== VERSION) throw new SecretBoxError('not a sealed secret (unknown format)');
    const [, keyId, nonce, tag, data] = parts as [string, string, string, string, string];
    const key = this.byId.get(keyId);
    if (!key) {
      throw new SecretBoxError(`secret was sealed with key ${keyId}, but MASTER_KEY is key ${this.current.id}: wrong MASTER_KEY?`);
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64'));
      decipher.setAAD(Buffer.from(`${keyId}|${context}`));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError('secret could not be decrypted: tampered data or wrong context');
    }
  }

  /** The key id a sealed value was encrypted with (rotation finds what still needs re-encrypting). */
  static keyIdOf(sealed: string): string | undefined {
    return sealed.split('.')[1];
  }
}

/** HMAC-SHA256, base64url, for derived secrets (hook header secret, BC clientState). */
export function deriveSecret(key: Buffer, purpose: string, subject: string): string {
  return createHmac('sha256', key).update(`${purpose}\u0000${subject}`).digest('base64url');
}

/** A stable per-subject key derived from the master key (HKDF-SHA256), e.g. the webhook key of an env connection. */
export function deriveKey(master: MasterKey, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master.key, Buffer.alloc(0), info, 32));
}

/** Constant-time string comparison (different lengths compare unequal without leaking where they differ). */
export function safeEqual(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y) && a.length === b.length;
}
