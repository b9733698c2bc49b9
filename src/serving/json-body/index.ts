export { MAX_JSON_BODY_DEPTH, useBoundedJsonParser } from './bounded-json-parser.js';
export { findJsonNestingExcess } from './json-nesting.js';
