import { isJsonContentType } from './content-type';

describe('isJsonContentType', () => {
  it.each(['application/json', 'application/json; charset=utf-8', 'Application/JSON', 'application/cloudevents+json'])(
    'accepts %s',
    (value) => expect(isJsonContentType(value)).toBe(true),
  );

  it.each([
    undefined,
    '',
    'text/plain',
    'application/jsonx',
    'application/x-www-form-urlencoded',
    'multipart/form-data',
  ])('refuses %s', (value) => expect(isJsonContentType(value)).toBe(false));
});
