import { createHmac } from 'node:crypto';
import { WebhookVerifier, WebhookVerifierConfig, verifyWebhook } from './webhook-verifier';

const SECRET = 'bc-client-secret-9f8e7d';
const BODY =
  '{"created_at":1561479335,"store_id":"1025646","producer":"stores/abc123","scope":"store/order/created","hash":"dd70c0976e06b67aaf671e73f49dcb79230ebf9d","data":{"type":"order","id":250}}';
const ID = 'msg_2b7cXYZ';
const TS = 1561479335;
const NOW = TS * 1000 + 30_000;

// Computed outside this code base (Python hmac/hashlib) for SECRET, ID, TS and BODY above.
const STANDARD_SIGNATURE = 't7HV6jycySC+eZzzDsnr8gFUCDVgHEBI5F71jLuKjMY=';
const BODY_HMAC_HEX = 'bd673464fbc322af1f687036bc2fc1e591429d4f98fb3e79c0d3146fe92242b4';
const BODY_HMAC_BASE64 = 'vWc0ZPvDIq8faHA2vC/B5ZFCnU+Y+z55wNMUb+kiQrQ=';

const standardOnly: WebhookVerifierConfig = { standardWebhooks: { secret: SECRET } };
const standardHeaders = (signature: string, timestamp = String(TS)) => ({
  'webhook-id': ID,
  'webhook-timestamp': timestamp,
  'webhook-signature': signature,
});

/** The signature, derived step by step with incremental HMAC updates (a different path from the verifier's). */
function signStepByStep(secret: string, id: string, timestamp: string, body: string): string {
  const mac = createHmac('sha256', secret);
  mac.update(id);
  mac.update('.');
  mac.update(timestamp);
  mac.update('.');
  mac.update(body);
  return mac.digest('base64');
}

describe('standard-webhooks scheme', () => {
  it('accepts the fixed vector and an independently computed one', () => {
    expect(signStepByStep(SECRET, ID, String(TS), BODY)).toBe(STANDARD_SIGNATURE);
    const result = verifyWebhook(
      { headers: standardHeaders(`v1,${STANDARD_SIGNATURE}`), rawBody: BODY },
      standardOnly,
      NOW,
    );
    expect(result).toEqual({ verified: true, scheme: 'standard-webhooks' });
  });

  it('accepts the published Standard Webhooks vector with a whsec_ secret', () => {
    const result = verifyWebhook(
      {
        headers: {
          'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
          'webhook-timestamp': '1614265330',
          'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
        },
        rawBody: '{"test": 2432232314}',
      },
      { standardWebhooks: { secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' } },
      1614265330 * 1000,
    );
    expect(result).toEqual({ verified: true, scheme: 'standard-webhooks' });
  });

  it('accepts when any of several space-separated signatures matches', () => {
    const header = `v1,${Buffer.alloc(32, 7).toString('base64')} v2,ignored v1,${STANDARD_SIGNATURE}`;
    expect(verifyWebhook({ headers: standardHeaders(header), rawBody: BODY }, standardOnly, NOW).verified).toBe(true);
  });

  it.each([
    ['a tampered body', standardHeaders(`v1,${STANDARD_SIGNATURE}`), BODY.replace('250', '251'), 'bad-signature'],
    ['another secret', standardHeaders(`v1,${signStepByStep('other', ID, String(TS), BODY)}`), BODY, 'bad-signature'],
    [
      'a missing id',
      { 'webhook-timestamp': String(TS), 'webhook-signature': `v1,${STANDARD_SIGNATURE}` },
      BODY,
      'missing-headers',
    ],
    ['a non-numeric timestamp', standardHeaders(`v1,${STANDARD_SIGNATURE}`, 'yesterday'), BODY, 'malformed-header'],
    ['no v1 entry', standardHeaders(`v2,${STANDARD_SIGNATURE}`), BODY, 'malformed-header'],
  ])('refuses %s', (_name, headers, body, reason) => {
    expect(verifyWebhook({ headers, rawBody: body }, standardOnly, NOW)).toEqual({
      verified: false,
      reason,
      failures: [{ scheme: 'standard-webhooks', reason }],
    });
  });

  it('allows 5 minutes of skew both ways, no more', () => {
    const at = (nowMs: number) =>
      verifyWebhook({ headers: standardHeaders(`v1,${STANDARD_SIGNATURE}`), rawBody: BODY }, standardOnly, nowMs);
    expect(at(TS * 1000 + 300_000).verified).toBe(true);
    expect(at(TS * 1000 - 300_000).verified).toBe(true);
    expect(at(TS * 1000 + 301_000)).toMatchObject({ verified: false, reason: 'stale-timestamp' });
    expect(at(TS * 1000 - 301_000)).toMatchObject({ verified: false, reason: 'future-timestamp' });
  });
});

describe('x-bc-signature scheme', () => {
  const config = { bcSignature: { secret: SECRET } };

  it.each([
    ['hex', BODY_HMAC_HEX],
    ['upper-case hex', BODY_HMAC_HEX.toUpperCase()],
    ['base64', BODY_HMAC_BASE64],
    ['url-safe base64 without padding', BODY_HMAC_BASE64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=$/, '')],
    ['a sha256= prefix', `sha256=${BODY_HMAC_HEX}`],
  ])('accepts %s', (_name, signature) => {
    expect(verifyWebhook({ headers: { 'X-BC-Signature': signature }, rawBody: Buffer.from(BODY) }, config)).toEqual({
      verified: true,
      scheme: 'x-bc-signature',
    });
  });

  it('matches an HMAC computed independently in the test', () => {
    const digest = createHmac('sha256', Buffer.from(SECRET)).update(Buffer.from(BODY)).digest('hex');
    expect(digest).toBe(BODY_HMAC_HEX);
  });

  it.each([
    ['a wrong digest', '0'.repeat(64), 'bad-signature'],
    ['garbage', 'not-a-digest', 'malformed-header'],
    ['a truncated digest', BODY_HMAC_HEX.slice(0, 40), 'malformed-header'],
  ])('refuses %s', (_name, signature, reason) => {
    expect(verifyWebhook({ headers: { 'x-bc-signature': signature }, rawBody: BODY }, config)).toMatchObject({
      verified: false,
      reason,
    });
  });
});

describe('custom header scheme and combinations', () => {
  const all: WebhookVerifierConfig = {
    customHeader: { name: 'X-Connector-Secret', value: 'hook-secret-1' },
    standardWebhooks: { secret: SECRET },
    bcSignature: { secret: SECRET },
  };

  it('accepts the secret header whatever its case, and refuses a wrong value', () => {
    const ok = verifyWebhook(
      { headers: { 'x-connector-secret': 'hook-secret-1' }, rawBody: BODY },
      { customHeader: all.customHeader },
    );
    expect(ok).toEqual({ verified: true, scheme: 'custom-header' });
    const bad = verifyWebhook(
      { headers: { 'x-connector-secret': 'hook-secret-2' }, rawBody: BODY },
      { customHeader: all.customHeader },
    );
    expect(bad).toMatchObject({ verified: false, reason: 'bad-secret' });
  });

  it('accepts when one configured scheme verifies', () => {
    const verifier = new WebhookVerifier(all, () => NOW);
    expect(verifier.verify({ headers: standardHeaders(`v1,${STANDARD_SIGNATURE}`), rawBody: BODY })).toEqual({
      verified: true,
      scheme: 'standard-webhooks',
    });
  });

  it('reports every scheme and leads with the most telling reason, with no values', () => {
    const verifier = new WebhookVerifier(all, () => NOW);
    const result = verifier.verify({ headers: { 'x-bc-signature': '0'.repeat(64) }, rawBody: BODY });
    expect(result).toEqual({
      verified: false,
      reason: 'bad-signature',
      failures: [
        { scheme: 'custom-header', reason: 'missing-headers' },
        { scheme: 'standard-webhooks', reason: 'missing-headers' },
        { scheme: 'x-bc-signature', reason: 'bad-signature' },
      ],
    });
    expect(JSON.stringify(result)).not.toMatch(/hook-secret|0000/);
  });

  it('refuses everything when nothing is configured, and bodies over the limit unread', () => {
    expect(verifyWebhook({ headers: {}, rawBody: BODY }, {})).toEqual({
      verified: false,
      reason: 'not-configured',
      failures: [],
    });
    const big = 'x'.repeat(64 * 1024 + 1);
    expect(verifyWebhook({ headers: { 'x-connector-secret': 'hook-secret-1' }, rawBody: big }, all)).toMatchObject({
      verified: false,
      reason: 'body-too-large',
    });
  });
});
