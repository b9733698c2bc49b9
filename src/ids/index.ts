// Time-sortable ids (ULIDs) for predictions, decisions and requests.
export { fastUlid, ulidTime } from './fast-ulid.js';
