// `pitstop package import --xgboost model.json`: a model trained elsewhere, written as an ONNX tree ensemble and a
// starter manifest for `pitstop package build`.
import type { Command } from 'commander';
import { importXgboostModel } from '../training/index.js';
import type { CommandRunner } from './command-runner.js';
import { readInputFile, writeNewFile } from './cli-files.js';

interface ImportOptions {
  xgboost: string;
  name: string;
  version: string;
  featureNames?: string;
  model?: string;
  manifest: string;
}

export function registerPackageImportCommand(pkg: Command, run: CommandRunner): void {
  pkg
    .command('import')
    .description('write an ONNX tree ensemble and a starter manifest from a model saved by XGBoost (JSON or UBJSON), without Python')
    .requiredOption('--xgboost <file>', "the model as XGBoost's save_model wrote it (model.json or model.ubj)")
    .requiredOption('--name <name>', 'the model name in the registry')
    .option('--version <label>', 'version label', '1')
    .option('--feature-names <names>', 'comma-separated feature names, in the order the model reads them (default: the names saved in the model, else f0, f1, ...)')
    .option('--model <file>', 'where to write the ONNX model (default: NAME.onnx)')
    .option('--manifest <file>', 'where to write the manifest (.json or .yaml)', 'pitstop.json')
    .action(run(async (ctx, opts: ImportOptions) => {
      const featureNames = opts.featureNames?.split(',').map((name) => name.trim());
      const imported = importXgboostModel(await readInputFile(opts.xgboost, '--xgboost'), { name: opts.name, version: opts.version, ...(featureNames ? { featureNames } : {}) });
      const model = opts.model ?? `${opts.name}.onnx`;
      const { stringify } = await import('yaml');
      const text = opts.manifest.endsWith('.json') ? `${JSON.stringify(imported.spec, null, 2)}\n` : stringify(imported.spec);
      await writeNewFile(model, imported.modelBytes, '--model');
      await writeNewFile(opts.manifest, text, '--manifest');
      const { spec, ensemble } = imported;
      ctx.output.result({ model, manifest: opts.manifest, spec }, () =>
        [
          `Wrote ${model} (${ensemble.trees.length} trees, ${spec.task}${ensemble.classes ? ` of ${ensemble.classes.length} classes` : ''}) and ${opts.manifest} (${spec.features.length} features: ${spec.features.map((f) => f.name).join(', ')}).`,
          `Edit the features' ranges and defaults, then run: pitstop package build --model ${model} --manifest ${opts.manifest} --reference TRAINING.csv`,
        ].join('\n'),
      );
    }));
}
