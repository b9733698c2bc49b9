// The catalogue of Pitstop's error codes: each has a stable code, an HTTP status, a CLI exit code and a title.
// docs/errors.md documents every entry; a test fails when one is missing there.

export interface ErrorCodeSpec {
  readonly status: number;
  readonly exitCode: number;
  readonly title: string;
}

/** Exit codes: 1 = generic failure, 2 = usage / bad input, 3 = not found, 4 = conflict / illegal state, 5 = integrity, 6 = unavailable, 7 = a gate not met. */
export const ERROR_CODES = {
  USAGE: { status: 400, exitCode: 2, title: 'Invalid command usage' },
  VALIDATION_FAILED: { status: 400, exitCode: 2, title: 'Invalid input' },
  INVALID_RECORDS: { status: 422, exitCode: 2, title: 'Records do not match the model schema' },
  PAYLOAD_TOO_LARGE: { status: 413, exitCode: 2, title: 'Payload too large' },
  UNAUTHENTICATED: { status: 401, exitCode: 2, title: 'API key missing or invalid' },
  FORBIDDEN: { status: 403, exitCode: 2, title: 'API key lacks the role this needs' },
  REQUEST_REFUSED: { status: 400, exitCode: 2, title: 'Request refused' },
  RATE_LIMITED: { status: 429, exitCode: 6, title: 'Too many requests' },
  NOT_READY: { status: 503, exitCode: 6, title: 'Not ready' },
  CONFIG_INVALID: { status: 500, exitCode: 2, title: 'Invalid configuration' },
  UNKNOWN_URL_SCHEME: { status: 500, exitCode: 2, title: 'Unknown storage URL scheme' },
  FILE_NOT_FOUND: { status: 404, exitCode: 3, title: 'File not found' },
  MANIFEST_INVALID: { status: 400, exitCode: 2, title: 'Invalid package manifest' },
  MANIFEST_MODEL_MISMATCH: { status: 400, exitCode: 2, title: 'Manifest does not match the ONNX model' },
  ONNX_INVALID: { status: 400, exitCode: 2, title: 'ONNX model cannot be loaded' },
  ONNX_UNSUPPORTED: { status: 400, exitCode: 2, title: 'ONNX model uses an unsupported feature' },
  MODEL_IMPORT_INVALID: { status: 400, exitCode: 2, title: 'Model file cannot be read for import' },
  MODEL_IMPORT_UNSUPPORTED: { status: 400, exitCode: 2, title: 'Model uses something the import does not support' },
  REFERENCE_DATA_INVALID: { status: 400, exitCode: 2, title: 'Reference data cannot be read' },
  PACKAGE_CORRUPT: { status: 400, exitCode: 5, title: 'Package is not a valid Pitstop package' },
  PACKAGE_UNSAFE_PATH: { status: 400, exitCode: 5, title: 'Package contains an unsafe path' },
  PACKAGE_DIGEST_MISMATCH: { status: 400, exitCode: 5, title: 'Package file does not match its digest' },
  SIGNATURE_INVALID: { status: 400, exitCode: 5, title: 'Package signature is invalid' },
  SIGNATURE_UNTRUSTED: { status: 400, exitCode: 5, title: 'Package is not signed by a trusted key' },
  SIGNING_KEY_INVALID: { status: 400, exitCode: 2, title: 'Signing key cannot be used' },
  ARTIFACT_NOT_FOUND: { status: 404, exitCode: 3, title: 'Artifact not found' },
  ARTIFACT_DIGEST_MISMATCH: { status: 500, exitCode: 5, title: 'Stored artifact does not match its digest' },
  ARTIFACT_STORE_UNAVAILABLE: { status: 503, exitCode: 6, title: 'Artifact store unavailable' },
  MODEL_NOT_FOUND: { status: 404, exitCode: 3, title: 'Model not found' },
  VERSION_NOT_FOUND: { status: 404, exitCode: 3, title: 'Model version not found' },
  ALIAS_NOT_FOUND: { status: 404, exitCode: 3, title: 'Alias not found' },
  RUN_NOT_FOUND: { status: 404, exitCode: 3, title: 'Training run not found' },
  PREDICTION_NOT_FOUND: { status: 404, exitCode: 3, title: 'Prediction not found' },
  FEATURE_TABLE_NOT_FOUND: { status: 404, exitCode: 3, title: 'Feature table not found' },
  FEATURE_ENTITY_NOT_FOUND: { status: 404, exitCode: 3, title: 'No features for this entity' },
  TRAINING_DATA_INVALID: { status: 400, exitCode: 2, title: 'Training data cannot be used' },
  TRAINING_PARAMS_INVALID: { status: 400, exitCode: 2, title: 'Invalid training parameters' },
  REPLAY_MISMATCH: { status: 409, exitCode: 5, title: 'Replay does not reproduce the logged answer' },
  GATE_FAILED: { status: 422, exitCode: 7, title: 'Evaluation gate not met' },
  ARCHIVE_NOT_FOUND: { status: 404, exitCode: 3, title: 'Archived version not found' },
  ARCHIVE_RETENTION_ACTIVE: { status: 409, exitCode: 4, title: 'Archived version is under retention' },
  ARCHIVE_VERIFICATION_FAILED: { status: 500, exitCode: 5, title: 'Archived files failed verification' },
  BUNDLE_INVALID: { status: 400, exitCode: 5, title: 'Audit bundle does not verify' },
  APPROVAL_REQUIRED: { status: 409, exitCode: 4, title: 'Promotion needs an approval' },
  APPROVAL_CONFLICT: { status: 409, exitCode: 4, title: 'Promotion request cannot be decided' },
  APPROVAL_NOT_FOUND: { status: 404, exitCode: 3, title: 'Promotion request not found' },
  APP_NOT_FOUND: { status: 404, exitCode: 3, title: 'Application not found' },
  ALERT_RULE_NOT_FOUND: { status: 404, exitCode: 3, title: 'Alert rule not found' },
  ILLEGAL_STAGE_TRANSITION: { status: 409, exitCode: 4, title: 'Illegal stage transition' },
  AUDIT_IMMUTABLE: { status: 409, exitCode: 4, title: 'Audit events cannot be changed' },
  LABEL_CONFLICT: { status: 409, exitCode: 4, title: 'Prediction already labelled' },
  RULE_INVALID: { status: 400, exitCode: 2, title: 'Invalid rule set' },
  RULE_NO_ROUTE: { status: 422, exitCode: 2, title: 'No rule decides this request' },
  MODEL_TIMEOUT: { status: 504, exitCode: 6, title: 'Model did not answer in time' },
  RULE_LIMIT_EXCEEDED: { status: 422, exitCode: 2, title: 'Rule evaluation exceeded its limits' },
  DATABASE_UNAVAILABLE: { status: 503, exitCode: 6, title: 'Database unavailable' },
  DATABASE_ERROR: { status: 500, exitCode: 1, title: 'Database error' },
  INTERNAL: { status: 500, exitCode: 1, title: 'Internal error' },
} as const satisfies Record<string, ErrorCodeSpec>;

export type ErrorCode = keyof typeof ERROR_CODES;
