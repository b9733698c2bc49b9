// Proves a ZipMap rewrite changed nothing but the output's form: the rewritten model's labels equal the original's.
import { PitstopError } from '../errors/index.js';
import type { Manifest } from '../manifest/index.js';
import { createInferenceSession, decodeOutputs, recordsToFeeds, type FeatureRecord } from '../runtime/index.js';

/** Runs both models on the records and returns how many rows were compared. */
export async function verifyZipMapRemoval(
  original: Uint8Array,
  rewritten: Uint8Array,
  manifest: Pick<Manifest, 'features' | 'inputs' | 'outputs' | 'maxBatchSize'>,
  records: readonly FeatureRecord[],
): Promise<number> {
  const labelOutput = manifest.outputs.find((o) => o.role === 'label');
  if (!labelOutput) return 0;
  const labelOnly = { outputs: [labelOutput] };
  const [before, after] = await Promise.all([createInferenceSession(original), createInferenceSession(rewritten)]);
  try {
    const step = manifest.maxBatchSize ?? records.length;
    for (let start = 0; start < records.length; start += step) {
      const chunk = records.slice(start, start + step);
      const feeds = recordsToFeeds(manifest, chunk);
      const expected = decodeOutputs(labelOnly, await before.run(feeds, [labelOutput.name]), chunk.length);
      const actual = decodeOutputs(labelOnly, await after.run(feeds, [labelOutput.name]), chunk.length);
      expected.forEach((e, i) => {
        if (e.label !== actual[i]!.label) {
          throw new PitstopError('ONNX_UNSUPPORTED', `removing the ZipMap changed the label of row ${start + i} from ${String(e.label)} to ${String(actual[i]!.label)}`);
        }
      });
    }
    return records.length;
  } finally {
    await Promise.all([before.release(), after.release()]);
  }
}
