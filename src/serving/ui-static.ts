// Serves the admin GUI (built by `npm run build` into dist/ui) at /ui. The files are public: the GUI asks for an API
// key and sends it with every API call, so the page itself reveals nothing. Unknown /ui/* paths answer index.html,
// because the GUI routes in the browser (/ui/models/churn is a page, not a file).
import { stat } from 'node:fs/promises';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { PitstopError } from '../errors/index.js';

/** dist/ui from both src/serving (tsx, tests) and dist/serving (the built CLI). */
const DEFAULT_UI_DIRECTORY = path.resolve(import.meta.dirname, '../../dist/ui');

/**
 * The GUI's own content security policy: its scripts and styles come from the server only; inline styles are allowed
 * because the chart library positions its tooltips with them; API calls go to the same origin.
 */
const UI_HEADERS = {
  'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
} as const;

export async function registerAdminUi(app: FastifyInstance, directory = DEFAULT_UI_DIRECTORY): Promise<void> {
  const root = path.resolve(directory);
  await app.register(async (scope) => {
    // Registered in its own scope so reply.sendFile does not clash with other plugins that decorate it.
    await scope.register(fastifyStatic, { root, serve: false });
    const config = { role: 'public' as const };
    const schema = { hide: true };
    scope.get('/ui', { config, schema }, async (_request, reply) => sendIndex(reply, root));
    scope.get<{ Params: { '*': string } }>('/ui/*', { config, schema }, async (request, reply) => {
      const file = await existingFile(root, request.params['*']);
      if (file === null) return sendIndex(reply, root);
      reply.headers(UI_HEADERS);
      // Vite names assets by their content hash: they never change, so browsers may keep them.
      const hashed = file.startsWith(`assets${path.sep}`);
      return reply.sendFile(file, hashed ? { maxAge: '365d', immutable: true } : { maxAge: 0 });
    });
  });
}

async function sendIndex(reply: FastifyReply, root: string): Promise<FastifyReply> {
  if ((await existingFile(root, 'index.html')) === null) {
    throw new PitstopError('FILE_NOT_FOUND', `the admin GUI is not built (no ${path.join(root, 'index.html')}): run \`npm run build\` and reload`, { field: 'ui' });
  }
  reply.headers(UI_HEADERS);
  return reply.sendFile('index.html', { maxAge: 0 });
}

/** The path of a regular file under root for a requested path, or null (missing, a directory, or outside root). */
async function existingFile(root: string, requested: string): Promise<string | null> {
  const relative = path.normalize(requested).replace(/^([/\\])+/, '');
  if (relative === '' || relative === '.' || relative.startsWith('..') || path.isAbsolute(relative)) return null;
  try {
    return (await stat(path.join(root, relative))).isFile() ? relative : null;
  } catch {
    return null;
  }
}
