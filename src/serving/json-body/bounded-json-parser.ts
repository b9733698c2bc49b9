// Fastify's JSON body parser (secure-json-parse: __proto__ refused, constructor.prototype ignored, as by default),
// preceded by a nesting-depth check so that no request body deeper than the bound reaches a route.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PitstopError } from '../../errors/index.js';
import { findJsonNestingExcess } from './json-nesting.js';

/** Deepest array/object nesting a request body may have; V2 tensors and records need a handful of levels. */
export const MAX_JSON_BODY_DEPTH = 64;

/** Parses JSON text from a request as the server's JSON bodies are parsed; throws a 400 PitstopError. */
export type BoundedJsonParse = (request: FastifyRequest, text: string) => unknown;

export function boundedJsonParser(app: FastifyInstance, maxDepth = MAX_JSON_BODY_DEPTH): BoundedJsonParse {
  const parseJson = app.getDefaultJsonParser('error', 'ignore');
  return (request, text) => {
    const excess = findJsonNestingExcess(text, maxDepth);
    if (excess >= 0) throw new PitstopError('VALIDATION_FAILED', `the JSON body nests deeper than ${maxDepth} levels (an array or object opens at character ${excess + 1})`, { field: 'body' });
    let outcome: { error: Error | null; value: unknown } = { error: null, value: undefined };
    // The default parser calls back at once.
    parseJson(request, text, (error, value) => (outcome = { error, value }));
    if (outcome.error) throw outcome.error;
    return outcome.value;
  };
}

export function useBoundedJsonParser(app: FastifyInstance, maxDepth = MAX_JSON_BODY_DEPTH): BoundedJsonParse {
  const parse = boundedJsonParser(app, maxDepth);
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    try {
      done(null, parse(request, body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  return parse;
}
