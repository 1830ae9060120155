// A local receipt endpoint for the end-to-end tests that behaves like the collector where the SDK can
// tell (idempotent on receipt id, re-hashes every receipt, signs real Ed25519 acks, asks for unknown
// texts) and fails on demand: status codes, slowness, dropped connections, or down altogether.
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ackSigningInput, canonicalize, receiptHashInput } from '../../schema/canonicalize.js';
import type { AckV1, ConsentReceiptV1, ImpressionV1 } from '../../schema/types.js';

/** What to do with one request: answer with `status` instead, wait first, or cut the connection before or after storing. */
export interface Fault {
  readonly status?: number;
  readonly delayMs?: number;
  readonly drop?: 'before-store' | 'after-store';
}

export interface Post {
  readonly kind: 'receipt' | 'impression';
  readonly id: string;
  /** stored: first arrival; duplicate: a resend of a stored id; faulted: the injected fault answered. */
  readonly outcome: 'stored' | 'duplicate' | 'faulted' | 'invalid';
  readonly withTexts: boolean;
  readonly contentType: string;
  /** `Sec-Fetch-Mode`: "cors" for fetch, "no-cors" for sendBeacon with a text/plain body. */
  readonly mode: string;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export class ReceiptEndpoint {
  readonly receipts = new Map<string, { receipt: ConsentReceiptV1; ack: AckV1 }>();
  readonly impressions = new Map<string, ImpressionV1>();
  readonly texts = new Map<string, unknown>();
  readonly posts: Post[] = [];
  preflights = 0;
  /** Decides a fault per request; undefined answers normally. */
  fault: (request: { kind: Post['kind']; id: string; mode: string }) => Fault | undefined = () => undefined;
  /** While true, every connection is cut at once, as if the collector were unreachable. */
  down = false;
  private readonly keys = generateKeyPairSync('ed25519');
  private server: Server | undefined;
  private origin = '';

  /** The receipts URL, for `receiptEndpoint`. */
  get url(): string {
    return `${this.origin}/v1/receipts`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** The receipts stored for a consent id, in chain order from the first; throws on a fork or a gap. */
  chain(consentId: string): ConsentReceiptV1[] {
    const mine = [...this.receipts.values()].map((entry) => entry.receipt).filter((receipt) => receipt.consentId === consentId);
    const byPrev = new Map<string | null, ConsentReceiptV1[]>();
    for (const receipt of mine) byPrev.set(receipt.prev, [...(byPrev.get(receipt.prev) ?? []), receipt]);
    const ordered: ConsentReceiptV1[] = [];
    let prev: string | null = null;
    for (;;) {
      const next: ConsentReceiptV1[] = byPrev.get(prev) ?? [];
      if (next.length > 1) throw new Error(`fork after ${prev}`);
      if (!next[0]) break;
      ordered.push(next[0]);
      prev = next[0].hash;
    }
    if (ordered.length !== mine.length) throw new Error(`chain covers ${ordered.length} of ${mine.length} receipts`);
    return ordered;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (this.down) {
      req.socket.destroy();
      return;
    }
    const origin = req.headers.origin;
    if (origin) res.setHeader('access-control-allow-origin', origin).setHeader('vary', 'Origin');
    if (req.method === 'OPTIONS') {
      this.preflights++;
      res.writeHead(204, { 'access-control-allow-methods': 'POST', 'access-control-allow-headers': 'content-type' }).end();
      return;
    }
    const kind = req.url === '/v1/receipts' ? 'receipt' : req.url === '/v1/impressions' ? 'impression' : null;
    if (req.method !== 'POST' || !kind) {
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const contentType = req.headers['content-type'] ?? '';
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      res.writeHead(400).end('not JSON');
      return;
    }
    const id = String(body.id);
    const mode = String(req.headers['sec-fetch-mode'] ?? '');
    const post = (outcome: Post['outcome']) => this.posts.push({ kind, id, outcome, withTexts: 'texts' in body, contentType, mode });
    const fault = this.fault({ kind, id, mode });
    if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault?.drop === 'before-store' || fault?.status) {
      post('faulted');
      if (fault.status) res.writeHead(fault.status, { 'content-type': 'text/plain' }).end('injected failure');
      else req.socket.destroy();
      return;
    }
    if (text.length > 16 * 1024) {
      post('invalid');
      res.writeHead(413).end('too large');
      return;
    }
    const answer = kind === 'receipt' ? this.receipt(body as unknown as ConsentReceiptV1) : this.impression(body as unknown as ImpressionV1);
    if (typeof answer === 'string') {
      post('invalid');
      res.writeHead(400, { 'content-type': 'text/plain' }).end(answer);
      return;
    }
    post(answer.duplicate ? 'duplicate' : 'stored');
    if (fault?.drop === 'after-store') {
      req.socket.destroy();
      return;
    }
    res.writeHead(answer.duplicate ? 200 : 201, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  }

  private receipt(receipt: ConsentReceiptV1): string | { ack: AckV1; textsKnown: boolean; chainStatus: 'ok'; duplicate: boolean } {
    if (sha256(receiptHashInput(receipt as unknown as Record<string, unknown>)) !== receipt.hash) return 'hash does not match the canonical bytes';
    if (receipt.texts) {
      if (sha256(canonicalize(receipt.texts)) !== receipt.textHash) return 'texts do not match textHash';
      this.texts.set(receipt.textHash, receipt.texts);
    }
    const known = this.receipts.get(receipt.id);
    if (known && known.receipt.hash !== receipt.hash) return 'same id, different receipt';
    // Kept as the collector keeps it: the texts are stored once per hash, not with the receipt.
    const kept = Object.fromEntries(Object.entries(receipt).filter(([key]) => key !== 'texts')) as unknown as ConsentReceiptV1;
    const ack = known?.ack ?? this.sign(receipt);
    if (!known) this.receipts.set(receipt.id, { receipt: kept, ack });
    return { ack, textsKnown: this.texts.has(receipt.textHash), chainStatus: 'ok', duplicate: Boolean(known) };
  }

  private impression(impression: ImpressionV1): { stored: true; duplicate: boolean } {
    const duplicate = this.impressions.has(impression.id);
    this.impressions.set(impression.id, impression);
    return { stored: true, duplicate };
  }

  private sign(receipt: ConsentReceiptV1): AckV1 {
    const unsigned = { schema: 'clinic-consent/ack/1', receiptId: receipt.id, receiptHash: receipt.hash, serverTime: new Date().toISOString(), kid: 'test-key' } as const;
    return { ...unsigned, signature: sign(null, Buffer.from(ackSigningInput(unsigned)), this.keys.privateKey).toString('base64url') };
  }
}

/** Starts an endpoint; close it after the test. */
export const startEndpoint = (): Promise<ReceiptEndpoint> => new ReceiptEndpoint().start();
