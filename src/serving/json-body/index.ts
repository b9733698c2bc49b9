export { boundedJsonParser, MAX_JSON_BODY_DEPTH, useBoundedJsonParser, type BoundedJsonParse } from './bounded-json-parser.js';
export { findJsonNestingExcess } from './json-nesting.js';
