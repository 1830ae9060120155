// With DATABASE_URL, a database that cannot be used stops the collector with one line naming the variable, the
// server, the reason and the fix, never the password (the TLS case runs in package.test.ts against a TLS server).
import { createServer } from 'node:net';
import { inject } from 'vitest';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';

const refusal = (databaseUrl: string) => openDatabase({ databaseUrl, dataDir: '/nonexistent' }).then(() => new Error('opened'), (error: Error) => error);

describe('a database the collector cannot use', () => {
  it('names a port where nothing listens', async () => {
    const probe = createServer();
    const port = await new Promise<number>((done) => probe.listen(0, '127.0.0.1', () => done((probe.address() as { port: number }).port)));
    await new Promise((done) => probe.close(done));
    const error = await refusal(`postgres://clinic:s3cret-password@127.0.0.1:${port}/clinic_consent`);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(new RegExp(`^DATABASE_URL: cannot use the database on 127\\.0\\.0\\.1:${port}: .*\\(ECONNREFUSED\\); is PostgreSQL running`));
    expect(error.message).not.toContain('s3cret-password');
  });

  it('names a wrong password without repeating it', async () => {
    const url = new URL(inject('pgUrl'));
    url.password = 'wrong-password-123';
    const error = await refusal(url.href);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain(`on ${url.host}: `);
    expect(error.message).toContain('(28P01); check the user name and password in DATABASE_URL');
    expect(error.message).not.toContain('wrong-password-123');
  });
});
