import { expect } from '@open-wc/testing';
import { parseEntity } from '@kamkit/core';

describe('core in Chromium', () => {
  it('parses an account in a real browser', () => {
    const r = parseEntity('accounts', { id: 'a', name: 'ACME' });
    expect(r.ok).to.equal(true);
    expect(navigator.userAgent).to.match(/Chrome/);
  });
});
