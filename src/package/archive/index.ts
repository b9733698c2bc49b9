// The .pitstop file format: a deterministic gzipped tar of regular files with safe relative names.
export { writePackageArchive } from './write-package-archive.js';
export { readPackageArchive, type PackageArchiveLimits } from './read-package-archive.js';
export { assertPackagePath, unsafePackagePathReason } from './package-path.js';
