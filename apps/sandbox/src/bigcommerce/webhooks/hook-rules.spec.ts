import { destinationProblem, parseHookBody } from './hook-rules';
import { scopeMatches } from './webhook-dispatcher';

describe('hook rules', () => {
  it('requires HTTPS on port 443 except on loopback', () => {
    expect(destinationProblem('https://app.example.com/bc')).toBeUndefined();
    expect(destinationProblem('https://app.example.com:443/bc')).toBeUndefined();
    expect(destinationProblem('http://app.example.com/bc')).toMatch(/HTTPS/);
    expect(destinationProblem('https://app.example.com:8443/bc')).toMatch(/port 443/);
    expect(destinationProblem('http://127.0.0.1:3000/bc')).toBeUndefined();
    expect(destinationProblem('http://localhost:1/bc')).toBeUndefined();
    expect(destinationProblem('http://[::1]:8080/bc')).toBeUndefined();
    expect(destinationProblem('ftp://127.0.0.1/bc')).toMatch(/HTTPS/);
  });

  it('names missing fields the way the API does and needs at least one field on update', () => {
    expect(parseHookBody({ scope: 'store/order/created' }, true)).toEqual({
      ok: false,
      errors: { destination: 'error.path.missing.' },
    });
    expect(parseHookBody({}, false)).toMatchObject({ ok: false });
    expect(parseHookBody({ headers: { a: 1 } }, false)).toMatchObject({
      ok: false,
      errors: { headers: expect.any(String) },
    });
    expect(parseHookBody({ is_active: false, headers: null }, false)).toEqual({
      ok: true,
      value: { isActive: false, headers: null },
    });
  });

  it('matches wildcard scopes by prefix', () => {
    expect(scopeMatches('store/order/*', 'store/order/refund/created')).toBe(true);
    expect(scopeMatches('store/order/*', 'store/orders/created')).toBe(false);
    expect(scopeMatches('store/order/created', 'store/order/created')).toBe(true);
  });
});
