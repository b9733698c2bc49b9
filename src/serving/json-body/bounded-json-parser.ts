// Fastify's JSON body parser (secure-json-parse: __proto__ refused, constructor.prototype ignored, as by default),
// preceded by a nesting-depth check so that no request body deeper than the bound reaches a route.
import type { FastifyInstance } from 'fastify';
import { PitstopError } from '../../errors/index.js';
import { findJsonNestingExcess } from './json-nesting.js';

/** Deepest array/object nesting a request body may have; V2 tensors and records need a handful of levels. */
export const MAX_JSON_BODY_DEPTH = 64;

export function useBoundedJsonParser(app: FastifyInstance, maxDepth = MAX_JSON_BODY_DEPTH): void {
  const parseJson = app.getDefaultJsonParser('error', 'ignore');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    const excess = findJsonNestingExcess(text, maxDepth);
    if (excess >= 0) {
      done(new PitstopError('VALIDATION_FAILED', `the JSON body nests deeper than ${maxDepth} levels (an array or object opens at character ${excess + 1})`, { field: 'body' }), undefined);
      return;
    }
    parseJson(request, text, done);
  });
}
