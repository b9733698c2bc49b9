// The Pitstop release, as package.json names it: what `pitstop --version` prints and audit bundles record.
export const PITSTOP_VERSION = '0.1.0';
