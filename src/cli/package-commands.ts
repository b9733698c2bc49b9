// `pitstop package init|build|inspect|verify|keygen`: making and checking deployment packages.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { readCsvTable } from '../dataset/index.js';
import { parseManifestSpec, type Manifest } from '../manifest/index.js';
import { PitstopError } from '../errors/index.js';
import { buildPackage, generateSigningKeyPair, initManifest, isStarterDescription, keyIdOf, readPackage, readPrivateKeyFile, readPublicKeyFiles, type LoadedPackage } from '../package/index.js';
import { configuredTrustedKeys } from '../bootstrap.js';
import type { CommandRunner } from './command-runner.js';
import { formatKeyValues, formatTable, shortDigest } from './output.js';
import { readInputFile, readStructuredFile, writeNewFile } from './cli-files.js';
import { registerPackageImportCommand } from './model-import-command.js';

export function registerPackageCommands(program: Command, run: CommandRunner): void {
  const pkg = program.command('package').description('build, inspect and verify model deployment packages (.pitstop)');

  pkg
    .command('init')
    .description("write a starter manifest from an ONNX model's own inputs and outputs")
    .requiredOption('--model <file>', 'the ONNX model')
    .requiredOption('--name <name>', 'the model name in the registry')
    .option('--version <label>', 'version label', '1')
    .option('--out <file>', 'where to write the manifest (.json or .yaml)', 'pitstop.json')
    .option('--force', 'replace an existing --out file')
    .action(run(async (ctx, opts: { model: string; name: string; version: string; out: string; force?: boolean }) => {
      const spec = initManifest(await readInputFile(opts.model, '--model'), opts.name, opts.version);
      parseManifestSpec(spec, 'starter manifest');
      const { stringify } = await import('yaml');
      const text = opts.out.endsWith('.json') ? `${JSON.stringify(spec, null, 2)}\n` : stringify(spec);
      // A manifest someone has edited is work: replaced only when asked.
      await writeNewFile(opts.out, text, '--out', { replace: opts.force === true, remedy: 'choose another --out, or add --force to replace it' });
      ctx.output.result({ manifest: opts.out, spec }, () =>
        `Wrote ${opts.out}: ${spec.features.length} features, ${spec.inputs.length} input(s), outputs ${spec.outputs.map((o) => `${o.name} (${o.role})`).join(', ')}.\nEdit the description, feature names, ranges and categories, then run: pitstop package build --model ${opts.model} --manifest ${opts.out}`,
      );
    }));

  registerPackageImportCommand(pkg, run);

  pkg
    .command('build')
    .description('check an ONNX model against its manifest and write a .pitstop package')
    .requiredOption('--model <file>', 'the ONNX model')
    .requiredOption('--manifest <file>', 'the manifest (pitstop.yaml or pitstop.json)')
    .option('--reference <csv>', 'training/reference data: profiled as the drift baseline and used to check the model')
    .option('--readme <file>', 'a README to ship in the package')
    .option('--sign <key.pem>', 'sign the package with this Ed25519 private key')
    .option('--out <file>', 'output file (default: NAME-VERSION.pitstop)')
    .action(run(async (ctx, opts: { model: string; manifest: string; reference?: string; readme?: string; sign?: string; out?: string }) => {
      const spec = parseManifestSpec(await readStructuredFile(opts.manifest, '--manifest'), opts.manifest);
      // The description is sealed into the package (and shown by the registry): the starter's instructions would stay there for good.
      if (isStarterDescription(spec.description)) {
        throw new PitstopError('MANIFEST_INVALID', `${opts.manifest}: description: still the starter text from \`package init\`; say in a sentence what the model does (it goes into the package and the registry)`, { field: 'description' });
      }
      const modelBytes = await readInputFile(opts.model, '--model');
      const reference = opts.reference ? await readReference(opts.reference, spec.features) : undefined;
      const built = await buildPackage({
        modelBytes, spec, reference, createdBy: ctx.config.actor,
        readme: opts.readme ? (await readInputFile(opts.readme, '--readme')).toString('utf8') : undefined,
        signingKeyPem: opts.sign ? await readPrivateKeyFile(opts.sign) : undefined,
      });
      const out = opts.out ?? `${spec.name}-${spec.version}.pitstop`;
      await fs.writeFile(out, built.bytes);
      ctx.output.result({ file: out, digest: built.digest, size: built.bytes.length, signedBy: built.signature?.keyId ?? null, manifest: built.manifest }, () =>
        [
          `Built ${out} (${formatBytes(built.bytes.length)}), digest ${shortDigest(built.digest)}`,
          ...built.manifest.modifications.map((m) => `  ${m.output}: ZipMap replaced by a [N, ${m.classes.length}] probability tensor; labels identical to the original on ${reference ? `${m.verifiedRows} rows of ${opts.reference}` : `${m.verifiedRows} made-up row${m.verifiedRows === 1 ? '' : 's'} only (add --reference DATA.csv to check it on real rows)`}`),
          ...(reference ? [`  reference profile: ${reference.table.rowCount} rows of ${opts.reference}`] : []),
          ...(built.signature ? [`  signed by key ${built.signature.keyId}`] : []),
        ].join('\n'),
      );
    }));

  pkg
    .command('inspect <file>')
    .description("show a package's manifest: features, inputs, outputs, lineage, files")
    .action(run(async (ctx, file: string) => {
      const loaded = await readPackage(await readInputFile(file, 'FILE'));
      ctx.output.result({ digest: loaded.digest, signature: loaded.signature, manifest: loaded.manifest }, () => describePackage(loaded));
    }));

  pkg
    .command('verify <file>')
    .description('check every file against its digest and the signature against trusted public keys')
    .option('--trust <key...>', 'trusted public key files or directories (default: PITSTOP_TRUSTED_KEYS and PITSTOP_HOME/trusted-keys)')
    .option('--require-signature', 'fail when the package is unsigned')
    .action(run(async (ctx, file: string, opts: { trust?: string[]; requireSignature?: boolean }) => {
      const trustedKeys = opts.trust ? await readPublicKeyFiles(opts.trust) : await configuredTrustedKeys(ctx.config);
      const loaded = await readPackage(await readInputFile(file, 'FILE'), { trustedKeys, requireSignature: opts.requireSignature });
      const files = Object.keys(loaded.manifest.files).length;
      ctx.output.result({ ok: true, digest: loaded.digest, files, signature: loaded.signatureStatus, keyId: loaded.signature?.keyId ?? null }, () =>
        `OK ${file}: ${files} files match their digests; package digest ${shortDigest(loaded.digest)}; signature: ${signatureText(loaded)}`,
      );
    }));

  pkg
    .command('keygen')
    .description('create an Ed25519 key pair for signing packages')
    .option('--out <prefix>', 'writes PREFIX.key.pem (private) and PREFIX.pub.pem (public)', 'pitstop-signing')
    .action(run(async (ctx, opts: { out: string }) => {
      const pair = generateSigningKeyPair();
      await writeNewFile(`${opts.out}.key.pem`, pair.privateKeyPem, '--out', { mode: 0o600 });
      await writeNewFile(`${opts.out}.pub.pem`, pair.publicKeyPem, '--out');
      const keyId = keyIdOf(pair.publicKeyPem);
      ctx.output.result({ privateKey: `${opts.out}.key.pem`, publicKey: `${opts.out}.pub.pem`, keyId }, () =>
        `Wrote ${opts.out}.key.pem (keep it secret) and ${opts.out}.pub.pem (key id ${keyId}); trust it by copying the .pub.pem into PITSTOP_HOME/trusted-keys/`,
      );
    }));
}

async function readReference(file: string, features: Manifest['features']) {
  const bytes = await readInputFile(file, '--reference');
  // A datetime column is read as text; the profile and the server parse it.
  const columns = Object.fromEntries(features.map((f) => [f.name, f.type === 'datetime' ? 'string' : f.type] as const));
  const table = await readCsvTable(file, { columns });
  return { table, digest: `sha256:${createHash('sha256').update(bytes).digest('hex')}`, source: path.basename(file) };
}

function describePackage(loaded: LoadedPackage): string {
  const m = loaded.manifest;
  const features = formatTable(
    ['feature', 'type', 'required', 'constraints'],
    m.features.map((f) => [f.name, f.type, f.required ? 'yes' : 'no', constraintText(f)]),
  );
  const inputs = formatTable(['onnx input', 'dtype', 'features'], m.inputs.map((i) => [i.name, i.dtype, i.features.join(', ')]));
  const outputs = formatTable(['onnx output', 'role', 'classes'], m.outputs.map((o) => [o.name, o.role, o.classes?.join(', ')]));
  const files = formatTable(['file', 'bytes', 'sha256'], Object.entries(m.files).map(([name, f]) => [name, f.size, f.sha256.slice(0, 16)]));
  return [
    formatKeyValues([
      ['name', m.name], ['version', m.version], ['task', m.task], ['digest', `sha256:${loaded.digest}`],
      ['framework', `${m.framework.name} ${m.framework.version ?? ''}`.trim()], ['onnx', `ir ${m.onnx.irVersion}, ${m.onnx.opsets.map((o) => `${o.domain} ${o.version}`).join(', ')}; producer ${m.onnx.producer.name} ${m.onnx.producer.version}`],
      ['max batch', m.maxBatchSize ?? 'any'], ['runtime', `onnxruntime ${m.runtime.onnxruntime}`], ['signature', signatureText(loaded)],
      ['created', `${m.lineage.createdAt ?? '-'} by ${m.lineage.createdBy ?? '-'}`],
      ['training data', m.lineage.trainingData ? `${m.lineage.trainingData.rows ?? '?'} rows, ${m.lineage.trainingData.digest ?? ''}` : '-'],
    ]),
    ...m.modifications.map((mod) => `modification: ZipMap on ${mod.output} replaced by tensor ${mod.sourceTensor}, labels checked on ${mod.verifiedRows} rows`),
    '', features, '', inputs, '', outputs, '', files,
  ].join('\n');
}

function constraintText(f: Manifest['features'][number]): string {
  const parts: string[] = [];
  if (f.min !== undefined || f.max !== undefined) parts.push(`[${f.min ?? '-inf'}, ${f.max ?? 'inf'}]`);
  if (f.categories) parts.push(`one of ${f.categories.slice(0, 6).join(', ')}${f.categories.length > 6 ? ', ...' : ''}`);
  if (f.default !== undefined) parts.push(`default ${f.default}`);
  if (f.allowNaN) parts.push('NaN allowed');
  return parts.join('; ') || '-';
}

function signatureText(loaded: LoadedPackage): string {
  if (!loaded.signature) return 'unsigned';
  return loaded.signatureStatus === 'verified' ? `verified (key ${loaded.signature.keyId})` : `present, not checked: no trusted keys (key ${loaded.signature.keyId})`;
}

function formatBytes(size: number): string {
  return size < 1024 ? `${size} B` : size < 1024 ** 2 ? `${(size / 1024).toFixed(1)} KiB` : `${(size / 1024 ** 2).toFixed(1)} MiB`;
}
