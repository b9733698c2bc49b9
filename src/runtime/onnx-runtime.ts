// onnxruntime-node, loaded on first use: its native library takes longer to load than most CLI commands take to run,
// and only commands that score or build a model need it.
import { createRequire } from 'node:module';
import type Ort from 'onnxruntime-node';

// A CommonJS package: require() gives the same module object as `import ort from 'onnxruntime-node'`, synchronously,
// so that turning records into tensors stays synchronous.
const require = createRequire(import.meta.url);
let loaded: typeof Ort | undefined;

export function onnxRuntime(): typeof Ort {
  loaded ??= require('onnxruntime-node') as typeof Ort;
  return loaded;
}

/** The onnxruntime version that runs models here, for replay results and audit bundles. */
export function onnxRuntimeVersion(): string {
  return (onnxRuntime().env as { versions?: { common?: string } }).versions?.common ?? 'unknown';
}
