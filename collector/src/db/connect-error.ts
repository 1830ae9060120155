/**
 * What an operator reads when the server in DATABASE_URL cannot be reached, refuses the login, or cannot be
 * trusted: one line naming the variable, the server, the reason and the usual fix, instead of a stack trace from
 * inside pg. Never the password: only the host and port of the URL are named.
 */
import { ConfigError } from '../config.js';

const UNTRUSTED_CERTIFICATE = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

const FIXES: Readonly<Record<string, string>> = {
  // PostgreSQL's SQLSTATE codes
  '28P01': 'check the user name and password in DATABASE_URL',
  '28000': 'the server does not accept this user from this address (pg_hba.conf); a managed server may require sslmode=verify-full',
  '3D000': 'create the database first (CREATE DATABASE …) or name an existing one in DATABASE_URL',
  ECONNREFUSED: 'is PostgreSQL running and listening on that host and port?',
  ENOTFOUND: 'check the host name in DATABASE_URL',
  ETIMEDOUT: 'check the host, the port and any firewall between this machine and the database',
};

const TLS_FIX =
  "the database server's TLS certificate could not be verified: give its CA with sslrootcert=/path/to/ca.pem in DATABASE_URL (a managed PostgreSQL publishes its CA) and use the host name the certificate was issued for";

/** A ConfigError naming DATABASE_URL for a failure to connect; any other error unchanged. */
export function connectionError(error: unknown, databaseUrl: string): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !(UNTRUSTED_CERTIFICATE.has(code) || code in FIXES)) return error;
  let server = 'the server';
  try {
    server = new URL(databaseUrl).host;
  } catch {
    // loadConfig has checked the scheme; a URL that pg reads but URL does not is named without its host
  }
  const fix = UNTRUSTED_CERTIFICATE.has(code) ? TLS_FIX : FIXES[code];
  return new ConfigError(`DATABASE_URL: cannot use the database on ${server}: ${(error as Error).message} (${code}); ${fix}`);
}
