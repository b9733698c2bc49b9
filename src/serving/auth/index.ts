// API keys: generation, hashing, authentication, roles, and the keys' admin operations.
export { generateApiKey, parseApiKey, hashSecret, secretMatches, type GeneratedKey } from './api-key-secret.js';
export { ApiKeyAuthenticator, presentedToken } from './api-key-authenticator.js';
export { roleAllows } from './roles.js';
export { authorizeCaller, type Caller } from './authorize-caller.js';
export { listKeysOperation, createKeyOperation, revokeKeyOperation, type KeyOperationDeps } from './key-operations.js';
