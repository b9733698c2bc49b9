// The model deployment package: build, read and verify, starter manifests, signing.
export { buildPackage, runSmokeInput, MANIFEST_FILE, SIGNATURE_FILE, type BuildPackageInput, type BuiltPackage } from './build-package.js';
export { readPackage, type LoadedPackage, type ReadPackageOptions, type SignatureStatus } from './read-package.js';
export { initManifest, isStarterDescription } from './init-manifest.js';
export { checkModelContract } from './check-model-contract.js';
export { generateSigningKeyPair, keyIdOf, readPrivateKeyFile, readPublicKeyFiles, type PackageSignature } from './signing/index.js';
export { readPackageArchive, writePackageArchive } from './archive/index.js';
export { PACKAGE_LIMITS } from './package-limits.js';
