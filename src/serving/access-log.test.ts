// The access log: one flat line per request at info, none when the level is quieter.
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerAccessLog } from './access-log.js';

async function linesFor(level: string): Promise<Record<string, unknown>[]> {
  const lines: string[] = [];
  const app = Fastify({ logger: { level, stream: { write: (line: string) => void lines.push(line) } }, disableRequestLogging: true });
  registerAccessLog(app);
  app.get('/ping', async () => ({ ok: true }));
  await app.inject({ method: 'GET', url: '/ping?x=1' });
  await app.inject({ method: 'GET', url: '/nowhere' });
  await app.close();
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((l) => l.msg === 'request');
}

describe('registerAccessLog', () => {
  it('writes one line per request at info with method, url, status and duration', async () => {
    const lines = await linesFor('info');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ method: 'GET', url: '/ping?x=1', status: 200, reqId: expect.any(String), ms: expect.any(Number) });
    expect(lines[1]).toMatchObject({ url: '/nowhere', status: 404 });
  });

  it('writes nothing at warn', async () => {
    expect(await linesFor('warn')).toEqual([]);
  });
});
