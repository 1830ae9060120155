/**
 * The dashboard's Korean and Japanese web fonts (Noto Sans KR / JP from @fontsource, split by unicode-range so a
 * browser fetches only the pieces a page uses): a machine without a CJK font still shows 동의율, not boxes.
 * Public (no sign-in): the sign-in page uses them too.
 */
import type { FastifyInstance } from 'fastify';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const FAMILIES = ['noto-sans-kr', 'noto-sans-jp'] as const;
const require = createRequire(import.meta.url);
const folders = new Map(FAMILIES.map((family) => [family, dirname(require.resolve(`@fontsource/${family}/package.json`))]));

/** The stylesheet links every dashboard page carries. */
export const FONT_LINKS = FAMILIES.flatMap((family) => ['400', '700'].map((weight) => `<link rel="stylesheet" href="/dashboard/fonts/${family}/${weight}.css">`)).join('');

export async function fontRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Params: { family: string; file: string } }>('/dashboard/fonts/:family/:file', { config: { public: true } }, async (request, reply) => {
    const folder = folders.get(request.params.family as (typeof FAMILIES)[number]);
    if (!folder || !/^(400|700)\.css$/.test(request.params.file)) return reply.code(404).send();
    reply.header('content-type', 'text/css; charset=utf-8').header('cache-control', 'public, max-age=86400');
    return readFile(join(folder, request.params.file), 'utf8');
  });
  app.get<{ Params: { family: string; file: string } }>('/dashboard/fonts/:family/files/:file', { config: { public: true } }, async (request, reply) => {
    const folder = folders.get(request.params.family as (typeof FAMILIES)[number]);
    if (!folder || !/^[a-z0-9-]+\.woff2?$/.test(request.params.file)) return reply.code(404).send();
    const body = await readFile(join(folder, 'files', request.params.file)).catch(() => null);
    if (!body) return reply.code(404).send();
    reply.header('content-type', request.params.file.endsWith('.woff2') ? 'font/woff2' : 'font/woff').header('cache-control', 'public, max-age=31536000, immutable');
    return body;
  });
}
