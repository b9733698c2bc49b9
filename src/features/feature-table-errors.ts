// The errors the feature store's callers raise for tables, worded the same wherever they come from.
import { PitstopError } from '../errors/index.js';
import { FEATURE_TABLE_NAME_PATTERN } from '../manifest/index.js';

export function featureTableNotFound(table: string): PitstopError {
  return new PitstopError('FEATURE_TABLE_NOT_FOUND', `no feature table "${table}"; create it by loading a file: pitstop features load ${table} --file FILE --key COLUMN`, { field: 'table' });
}

export function checkTableName(table: string): void {
  if (!FEATURE_TABLE_NAME_PATTERN.test(table)) {
    throw new PitstopError('VALIDATION_FAILED', `feature table name ${JSON.stringify(table)} must start with a letter and hold at most 128 letters, digits, _ and -`, { field: 'table' });
  }
}
