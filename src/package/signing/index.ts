// Ed25519 signatures over a package digest, and the signing keys that make and check them.
export { signPackageDigest, verifyPackageSignature, PackageSignatureSchema, type PackageSignature } from './package-signature.js';
export { generateSigningKeyPair, keyIdOf, privateKeyIdOf, type SigningKeyPair } from './signing-keys.js';
export { readPrivateKeyFile, readPublicKeyFiles } from './key-files.js';
