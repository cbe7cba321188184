import { describe, expect, it } from 'vitest';
import { redisConnectionOptions } from './redis-connection';

describe('redisConnectionOptions', () => {
  it('reads host, port and database number', () => {
    expect(redisConnectionOptions('redis://127.0.0.1:6380/3')).toMatchObject({ host: '127.0.0.1', port: 6380, db: 3 });
  });

  it('defaults to port 6379 and database 0', () => {
    const options = redisConnectionOptions('redis://cache.internal');
    expect(options).toMatchObject({ host: 'cache.internal', port: 6379, db: 0 });
    expect(options.tls).toBeUndefined();
  });

  it('decodes credentials and turns on TLS for rediss://', () => {
    const options = redisConnectionOptions('rediss://worker:p%40ss@redis.example.com:6390/1');
    expect(options).toMatchObject({ username: 'worker', password: 'p@ss', tls: {}, port: 6390, db: 1 });
  });

  it('strips the brackets of an IPv6 host', () => {
    expect(redisConnectionOptions('redis://[::1]:6379').host).toBe('::1');
  });
});
