import { createHmac, randomBytes } from 'node:crypto';
import { deriveKey, deriveSecret, masterKeyFromBase64, safeEqual, SecretBox, SecretBoxError } from './secret-box';

const keyA = masterKeyFromBase64(Buffer.alloc(32, 1).toString('base64'));
const keyB = masterKeyFromBase64(Buffer.alloc(32, 2).toString('base64'));

describe('SecretBox', () => {
  it('round-trips and never contains the plaintext', () => {
    const box = new SecretBox(keyA);
    const sealed = box.seal('bc-client-secret-123', 'acme');
    expect(sealed).not.toContain('bc-client-secret-123');
    expect(sealed.startsWith(`v1.${keyA.id}.`)).toBe(true);
    expect(box.open(sealed, 'acme')).toBe('bc-client-secret-123');
    expect(box.seal('x')).not.toBe(box.seal('x'));
  });

  it('says plainly when the MASTER_KEY is wrong', () => {
    const sealed = new SecretBox(keyA).seal('s');
    expect(() => new SecretBox(keyB).open(sealed)).toThrow(
      `secret was sealed with key ${keyA.id}, but MASTER_KEY is key ${keyB.id}: wrong MASTER_KEY?`,
    );
  });

  it('refuses tampered data and a ciphertext moved to another connection', () => {
    const box = new SecretBox(keyA);
    const sealed = box.seal('secret', 'acme');
    const parts = sealed.split('.');
    parts[4] = Buffer.from('tampered').toString('base64');
    expect(() => box.open(parts.join('.'), 'acme')).toThrow(SecretBoxError);
    expect(() => box.open(sealed, 'globex')).toThrow('tampered data or wrong context');
    expect(() => box.open('plain text')).toThrow('unknown format');
  });

  it('decrypts with a previous key during rotation and re-seals under the new one', () => {
    const old = new SecretBox(keyA).seal('token', 'c1');
    const rotating = new SecretBox(keyB, [keyA]);
    const resealed = rotating.seal(rotating.open(old, 'c1'), 'c1');
    expect(SecretBox.keyIdOf(resealed)).toBe(keyB.id);
    expect(new SecretBox(keyB).open(resealed, 'c1')).toBe('token');
  });

  it('rejects a master key of the wrong size', () => {
    expect(() => masterKeyFromBase64(randomBytes(16).toString('base64'))).toThrow('32 bytes');
  });
});

describe('derived secrets', () => {
  it('are HMAC-SHA256 of purpose and subject, base64url (vector computed independently)', () => {
    const key = Buffer.from('webhook-key-0123456789abcdef0123', 'utf8');
    const expected = createHmac('sha256', key).update(Buffer.concat([Buffer.from('bc-client-state'), Buffer.from([0]), Buffer.from('acme')])).digest('base64url');
    expect(deriveSecret(key, 'bc-client-state', 'acme')).toBe(expected);
    expect(deriveSecret(key, 'bc-client-state', 'acme')).not.toBe(deriveSecret(key, 'bigcommerce-hook', 'acme'));
  });

  it('derive stable per-subject keys', () => {
    expect(deriveKey(keyA, 'webhook-key:acme').equals(deriveKey(keyA, 'webhook-key:acme'))).toBe(true);
    expect(deriveKey(keyA, 'webhook-key:acme').equals(deriveKey(keyA, 'webhook-key:globex'))).toBe(false);
  });

  it('compare in constant time', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
  });
});
