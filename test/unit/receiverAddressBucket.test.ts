import { describe, expect, it } from 'vitest';
import { addressBucket } from '../../tools/central-receiver/deviceAuth.js';

describe('where wrong pairing codes are counted', () => {
  it('per IPv4 address, and per IPv6 /64 (one host holds the whole /64)', () => {
    expect(addressBucket('203.0.113.9')).toBe('203.0.113.9');
    expect(addressBucket('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(addressBucket('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:DB8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:db8:1:2::ffff')).toBe(addressBucket('2001:db8:1:2:ffff::1'));
    expect(addressBucket('2001:db8::1')).toBe('2001:db8:0:0::/64');
  });
});
