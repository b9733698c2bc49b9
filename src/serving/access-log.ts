// One access-log line per request at info (Fastify's own request logging writes two, each with nested req/res objects):
// flat fields, written once the answer is sent, so an operator still sees every request without paying twice.
import type { FastifyInstance } from 'fastify';

const QUIETER_THAN_INFO = new Set(['warn', 'error', 'fatal', 'silent']);

export function registerAccessLog(app: FastifyInstance): void {
  if (QUIETER_THAN_INFO.has(app.log.level)) return;
  app.addHook('onResponse', (request, reply, done) => {
    app.log.info({ reqId: request.id, method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 }, 'request');
    done();
  });
}
