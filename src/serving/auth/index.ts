// API keys: generation, hashing, authentication and roles.
export { generateApiKey, parseApiKey, hashSecret, secretMatches, type GeneratedKey } from './api-key-secret.js';
export { ApiKeyAuthenticator, presentedToken } from './api-key-authenticator.js';
export { roleAllows } from './roles.js';
export { authorizeCaller, type Caller } from './authorize-caller.js';
