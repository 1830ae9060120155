/**
 * The `clinic-consent-collector` command: serve, manage sites and tokens, run the jobs, verify the ledger, and
 * verify an exported proof offline with the public keys. Talks to DATABASE_URL or the embedded cluster in DATA_DIR.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createToken, listTokens, revokeToken, tokenScopeLabel } from './auth.js';
import { audit } from './audit.js';
import { ConfigError, loadConfig } from './config.js';
import { KeyFileError, loadKeys, parseKeySet, rotateKey } from './crypto/keys.js';
import type { PublicJwk } from './crypto/signer.js';
import { openDatabase } from './db/database.js';
import { CollectorError } from './errors.js';
import { addGroupSites, createGroup, listGroups, removeGroupSites } from './groups.js';
import { verifyLedger } from './jobs/checkpoint.js';
import { runJobsOnce } from './jobs/scheduler.js';
import type { ProofV1 } from './proof/export.js';
import { verifyProof } from './proof/verify.js';
import { main as serve } from './server.js';
import { addOrigins, createSite, listSites, setTimeZone } from './sites.js';

const USAGE = `usage: clinic-consent-collector <command>

  serve                                   start the collector (default; configured by environment variables)
  site add <id> --origin <url>... [--name <name>] [--lifetime-days <n>] [--country KR] [--time-zone Asia/Seoul]
                                          register a clinic site (its days follow --time-zone, else the
                                          country's zone, else UTC); prints its API token once
  site set-zone <id> <zone>               the time zone of a site's days, e.g. Asia/Tokyo
  site add-origin <id> --origin <url>...  let a registered site post from more origins (its receipts waiting
                                          in browsers are sent on their next try)
  site list                               list sites and their origins
  group add <id> [--name <name>]          a group of sites (an agency's clinics) for group-scoped tokens
  group add-site <group-id> <site-id>...  put registered sites in a group
  group remove-site <group-id> <site-id>...
                                          take sites out of a group (its tokens stop seeing them at once)
  group list                              list groups and their sites
  token add <site-id> | --group <group-id> | --admin
                                          create another API token (a group token reads only the group's
                                          sites); prints it once
  token list [<site-id>]                  list tokens (id, site or group, label, created, revoked); never secrets
  token revoke <token-id>                 revoke a token; its dashboard sessions end with it
  key rotate                              sign with a new key from now on; earlier public keys stay listed
  jobs run                                run the rollup, checkpoint and retention jobs now
  ledger verify [--keys <keys.json|url>]  recompute the signed daily checkpoints and receipt hashes, with the keys
                                          of the key files (or --keys), never keys from the database
  verify <proof.json> --keys <keys.json|url>
                                          verify an exported proof offline with the collector's public keys

Database: DATABASE_URL, or the embedded PostgreSQL in DATA_DIR (default ./data/collector).`;

type Out = (line: string) => void;

async function withDb<T>(work: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, poolMode: config.databasePoolMode, dataDir: config.dataDir, shareRunning: true });
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

async function readKeys(source: string): Promise<PublicJwk[]> {
  const text = /^https?:\/\//.test(source) ? await (await fetch(source)).text() : readFileSync(source, 'utf8');
  return parseKeySet(text, source);
}

/** Runs one CLI invocation; returns the exit code. */
export async function runCli(argv: readonly string[], out: Out = console.log, err: Out = console.error): Promise<number> {
  const [command = 'serve', sub, ...rest] = argv;
  try {
    if (command === 'serve') {
      await serve();
      return 0;
    }
    if (command === 'site' && sub === 'add') {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { origin: { type: 'string', multiple: true }, name: { type: 'string' }, 'lifetime-days': { type: 'string' }, country: { type: 'string' }, 'time-zone': { type: 'string' } },
      });
      const id = positionals[0];
      if (!id || !values.origin?.length) throw new CollectorError('CC_ERR_QUERY', 'site add needs an id and at least one --origin');
      const lifetime = values['lifetime-days'] === undefined ? undefined : Number(values['lifetime-days']);
      const token = await withDb(async (db) => {
        const site = await createSite(db.pool, { id, name: values.name, origins: values.origin ?? [], consentLifetimeDays: lifetime, country: values.country, timeZone: values['time-zone'] });
        out(`site ${site.id} (${site.origins.join(', ')}; days in ${site.timeZone ?? 'UTC'})`);
        return createToken(db.pool, site.id, 'cli');
      });
      out(`API token (shown once): ${token}`);
      return 0;
    }
    if (command === 'site' && sub === 'add-origin') {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { origin: { type: 'string', multiple: true } } });
      const id = positionals[0];
      if (!id || !values.origin?.length) throw new CollectorError('CC_ERR_QUERY', 'site add-origin needs a site id and at least one --origin');
      const site = await withDb((db) => addOrigins(db.pool, id, values.origin ?? []));
      out(`site ${site.id} (${site.origins.join(', ')})`);
      return 0;
    }
    if (command === 'site' && sub === 'set-zone') {
      const [id, zone] = rest;
      if (!id || !zone) throw new CollectorError('CC_ERR_QUERY', 'site set-zone needs a site id and an IANA time zone such as Asia/Seoul');
      const site = await withDb((db) => setTimeZone(db.pool, id, zone));
      out(`site ${site.id}: days in ${site.timeZone ?? 'UTC'}`);
      return 0;
    }
    if (command === 'site' && sub === 'list') {
      await withDb(async (db) => {
        for (const site of await listSites(db.pool)) out(`${site.id}\t${site.name}\t${site.origins.join(' ')}\tconsent lifetime ${site.consentLifetimeDays} d\t${site.timeZone ?? 'UTC'}`);
      });
      return 0;
    }
    if (command === 'group' && sub === 'add') {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { name: { type: 'string' } } });
      const id = positionals[0];
      if (!id) throw new CollectorError('CC_ERR_QUERY', 'group add needs a group id');
      const group = await withDb((db) => createGroup(db.pool, id, values.name));
      out(`group ${group.id} (${group.name}); add sites with: group add-site ${group.id} <site-id>...`);
      return 0;
    }
    if (command === 'group' && (sub === 'add-site' || sub === 'remove-site')) {
      const [id, ...sites] = rest;
      if (!id || sites.length === 0) throw new CollectorError('CC_ERR_QUERY', `group ${sub} needs a group id and at least one site id`);
      const group = await withDb((db) => (sub === 'add-site' ? addGroupSites : removeGroupSites)(db.pool, id, sites));
      out(`group ${group.id}: ${group.siteIds.join(', ') || '(no sites)'}`);
      return 0;
    }
    if (command === 'group' && sub === 'list') {
      await withDb(async (db) => {
        for (const group of await listGroups(db.pool)) out(`${group.id}\t${group.name}\t${group.siteIds.join(' ')}`);
      });
      return 0;
    }
    if (command === 'token' && sub === 'add') {
      const [target, groupId] = rest;
      if (!target || (target === '--group' && !groupId)) throw new CollectorError('CC_ERR_QUERY', 'token add needs a site id, --group <group-id> or --admin');
      const token = await withDb(async (db) => {
        if (target === '--group' && groupId) {
          if ((await listGroups(db.pool, groupId)).length === 0) throw new CollectorError('CC_ERR_NOT_FOUND', `group "${groupId}"`);
          return createToken(db.pool, { groupId }, 'cli');
        }
        return createToken(db.pool, target === '--admin' ? null : target, 'cli');
      });
      out(`API token (shown once): ${token}`);
      return 0;
    }
    if (command === 'token' && sub === 'list') {
      await withDb(async (db) => {
        const scope = rest[0] ? ({ kind: 'site', siteId: rest[0] } as const) : ({ kind: 'admin' } as const);
        for (const t of await listTokens(db.pool, scope)) out(`${t.id}\t${tokenScopeLabel(t)}\t${t.label}\t${t.createdAt}\t${t.revokedAt ? `revoked ${t.revokedAt}` : 'live'}`);
      });
      return 0;
    }
    if (command === 'token' && sub === 'revoke') {
      const id = rest[0];
      if (!id) throw new CollectorError('CC_ERR_QUERY', 'token revoke needs a token id (see token list)');
      const revoked = await withDb(async (db) => {
        const done = await revokeToken(db.pool, id, new Date());
        if (done) await audit(db.pool, 'cli', 'token.revoke', done.siteId, { tokenId: id });
        return done;
      });
      if (!revoked) throw new CollectorError('CC_ERR_NOT_FOUND', `no live token ${id}`);
      out(`token ${id} revoked`);
      return 0;
    }
    if (command === 'jobs' && sub === 'run') {
      const config = loadConfig();
      await withDb((db) => runJobsOnce(db.pool, loadKeys(config).signer, config.retentionDays, new Date(), { info: out, error: err }));
      return 0;
    }
    if (command === 'key' && sub === 'rotate') {
      const { previous, current } = rotateKey(loadConfig());
      out(`signing with key ${current} from the next start; ${previous} stays in the public-key file for what it signed`);
      out('restart every collector instance, and give them all the same key files');
      return 0;
    }
    if (command === 'ledger' && sub === 'verify') {
      const { values } = parseArgs({ args: rest, options: { keys: { type: 'string' } } });
      const keys = values.keys ? await readKeys(values.keys) : loadKeys(loadConfig()).keys;
      const report = await withDb((db) => verifyLedger(db.pool, keys));
      for (const problem of report.problems) err(problem);
      out(`${report.ok ? 'OK' : 'TAMPERED'}: ${report.checkpoints} checkpoint(s), ${report.receipts} receipt(s), ${report.problems.length} problem(s)`);
      return report.ok ? 0 : 1;
    }
    if (command === 'verify' && sub) {
      const { values } = parseArgs({ args: rest, options: { keys: { type: 'string' } } });
      if (!values.keys) throw new CollectorError('CC_ERR_QUERY', 'verify needs --keys <keys.json or https://collector/v1/keys>');
      const proof = JSON.parse(readFileSync(sub, 'utf8')) as ProofV1;
      const check = verifyProof(proof, await readKeys(values.keys));
      for (const receipt of check.receipts) {
        const device = receipt.deviceSignatureOk === null ? 'unsigned' : receipt.deviceSignatureOk ? 'ok' : 'BAD';
        out(`${receipt.id}  hash ${receipt.hashOk ? 'ok' : 'BAD'}  collector ack ${receipt.signatureOk ? 'ok' : 'BAD'}  signed by the patient's browser key ${device}  link ${receipt.link}  texts ${receipt.textsOk === null ? 'absent' : receipt.textsOk ? 'ok' : 'BAD'}`);
      }
      for (const problem of check.problems) err(problem);
      out(`${check.ok ? 'VERIFIED' : 'NOT VERIFIED'}: ${check.receipts.length} receipt(s) for consent ${proof.consentId}`);
      return check.ok ? 0 : 1;
    }
    err(USAGE);
    return 64;
  } catch (error) {
    if (error instanceof ConfigError || error instanceof CollectorError || error instanceof KeyFileError) {
      err(`clinic-consent-collector: ${error.message}`);
      return 2;
    }
    throw error;
  }
}
