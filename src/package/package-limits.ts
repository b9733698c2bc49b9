// The bounds a package is built and read within (README, "Limits"); each is checked from a tar header, before inflating.
export const PACKAGE_LIMITS = {
  manifestBytes: 4 * 1024 * 1024,
  signatureBytes: 64 * 1024,
  /** A file that comes before manifest.json in the archive (in Pitstop's own order, only README.md can). */
  fileBeforeManifestBytes: 64 * 1024 * 1024,
} as const;

