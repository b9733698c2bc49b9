// The container image and the Kubernetes manifests, checked without Docker or a cluster: every manifest parses and
// passes its Kubernetes API schema (kubernetes-models), and the probes, ports, env names and the HPA's metric match
// what a real server answers and what the configuration reads. The Dockerfile is linted as text.
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import { parse as parseYaml } from 'yaml';
import semver from 'semver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACT_SCHEMES } from '../src/artifacts/index.js';
import { loadConfig } from '../src/config/index.js';
import { parseMonitoringConfig } from '../src/monitoring/index.js';
import { DATABASE_SCHEMES } from '../src/store/index.js';
import { testBackends } from './fixtures/backends.js';
import {
  dockerCopies, dockerRuns, execForm, installsProductionDependenciesOnly, kustomizationReferences, KUSTOMIZATION_API, loadYamlFiles,
  parseDockerfile, readKustomization, resolveKustomization, validateKubernetesObject, type DockerStage, type KubeObject,
} from './fixtures/deploy-files.js';
import { MODEL, startTestServer, type TestServer } from './fixtures/serving.js';
import { v2GrpcClient } from './fixtures/grpc-client.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const DEPLOY = path.join(ROOT, 'deploy/kubernetes');
const BASE = path.join(DEPLOY, 'base');
const OVERLAY = path.join(DEPLOY, 'overlays/example');
/** Examples for other installations (the prometheus-adapter's rule), outside every kustomization on purpose. */
const EXAMPLES = path.join(DEPLOY, 'prometheus-adapter');
const PLACEHOLDER = 'REPLACE_ME';

const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const yamlFiles = loadYamlFiles(DEPLOY, ROOT);
const kubernetesObjects = yamlFiles.flatMap(({ file, documents }) => documents.filter((d) => !isKustomization(d)).map((object) => ({ file, object: object as KubeObject })));
/** What `kubectl apply -k` of the example overlay creates, as far as the checks below need it. */
const applied = resolveKustomization(OVERLAY);
const find = (kind: string, name?: string) => {
  const found = applied.find((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  if (!found) throw new Error(`the example overlay has no ${kind} ${name ?? ''}`);
  return found as KubeObject & Record<string, any>;
};
const deployment = find('Deployment');
const podSpec = deployment.spec.template.spec as IPodSpec;
const container = podSpec.containers[0] as IContainer;
const stages = parseDockerfile(read('Dockerfile'));
const runtimeStage = stages.at(-1)!;
const serveCommand = execForm(lastInstruction(runtimeStage, 'CMD'));
const servePort = Number(optionValue(serveCommand, '--port'));

function isKustomization(document: unknown): boolean {
  return (document as { kind?: string } | null)?.kind === 'Kustomization';
}

function lastInstruction(stage: DockerStage, keyword: string): string {
  const found = stage.instructions.filter((i) => i.keyword === keyword).at(-1);
  if (!found) throw new Error(`the ${stage.name ?? 'last'} stage has no ${keyword}`);
  return found.args;
}

function optionValue(words: string[], option: string): string | undefined {
  const index = words.indexOf(option);
  return index < 0 ? undefined : words[index + 1];
}

function namedPort(name: unknown): number {
  const port = container.ports?.find((p) => p.name === name);
  if (!port) throw new Error(`the container has no port named ${String(name)}`);
  return port.containerPort;
}

/** The volume mounted at a path or at one of its parents. */
function volumeAt(file: string) {
  const mount = container.volumeMounts?.find((m) => file === m.mountPath || file.startsWith(`${m.mountPath}/`));
  return mount && { mount, volume: podSpec.volumes?.find((v) => v.name === mount.name) };
}

/** The container's environment as Kubernetes would set it from the overlay's ConfigMaps and Secrets. */
function containerEnvironment(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef) Object.assign(env, find('ConfigMap', source.configMapRef.name).data);
    if (source.secretRef) Object.assign(env, secretValues(find('Secret', source.secretRef.name)));
  }
  for (const variable of container.env ?? []) {
    const secretRef = variable.valueFrom?.secretKeyRef;
    const configRef = variable.valueFrom?.configMapKeyRef;
    if (variable.value !== undefined) env[variable.name] = variable.value;
    else if (secretRef) env[variable.name] = secretValues(find('Secret', secretRef.name))[secretRef.key]!;
    else if (configRef) env[variable.name] = find('ConfigMap', configRef.name).data[configRef.key];
  }
  return env;
}

function secretValues(secret: Record<string, any>): Record<string, string> {
  const decoded = Object.fromEntries(Object.entries((secret.data ?? {}) as Record<string, string>).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]));
  return { ...decoded, ...(secret.stringData ?? {}) };
}

describe('every manifest under deploy/kubernetes', () => {
  it('finds the base, the overlay and the adapter example', () => {
    const files = yamlFiles.map((f) => f.file);
    expect(files).toContain('deploy/kubernetes/base/kustomization.yaml');
    expect(files).toContain('deploy/kubernetes/overlays/example/kustomization.yaml');
    expect(files).toContain('deploy/kubernetes/prometheus-adapter/adapter-rules.yaml');
  });

  it.each(yamlFiles.map((f) => [f.file, f]))('%s parses into at least one document', (_file, { documents }) => {
    expect(documents.length).toBeGreaterThan(0);
  });

  it.each(kubernetesObjects.map(({ file, object }) => [`${file}: ${object.kind} ${object.metadata?.name}`, object]))('%s passes its Kubernetes API schema', (_label, object) => {
    expect(() => validateKubernetesObject(object)).not.toThrow();
  });

  it('names every file a kustomization refers to, and every manifest belongs to one (or is an example)', () => {
    const referenced = new Set<string>();
    for (const directory of [BASE, OVERLAY]) {
      const kustomization = readKustomization(directory);
      expect(kustomization.apiVersion).toBe(KUSTOMIZATION_API);
      // Kustomize 5 deprecates these; `patches` and `labels` replace them.
      for (const field of ['bases', 'commonLabels', 'patchesStrategicMerge', 'patchesJson6902', 'vars']) expect(kustomization, `${directory}: ${field}`).not.toHaveProperty(field);
      referenced.add(path.join(directory, 'kustomization.yaml'));
      for (const reference of kustomizationReferences(kustomization)) {
        const full = path.resolve(directory, reference);
        expect(fs.existsSync(full), `${path.relative(ROOT, directory)} names ${reference}, which does not exist`).toBe(true);
        referenced.add(fs.statSync(full).isDirectory() ? path.join(full, 'kustomization.yaml') : full);
      }
    }
    const orphans = yamlFiles.map((f) => path.join(ROOT, f.file)).filter((f) => !referenced.has(f) && !f.startsWith(`${EXAMPLES}/`));
    expect(orphans.map((f) => path.relative(ROOT, f))).toEqual([]);
  });

  it('keeps placeholders, never credentials, in every Secret', () => {
    const secrets = kubernetesObjects.filter(({ object }) => object.kind === 'Secret');
    expect(secrets.length).toBeGreaterThan(0);
    for (const { file, object } of secrets) {
      for (const [key, value] of Object.entries(secretValues(object))) {
        const secretPart = /^[a-z]+:\/\//.test(value) ? decodeURIComponent(new URL(value).password) : value;
        expect(secretPart, `${file}: ${key}`).toBe(PLACEHOLDER);
      }
    }
  });

  it('leaves no placeholder in the ConfigMaps once the overlay is applied', () => {
    for (const configMap of applied.filter((o) => o.kind === 'ConfigMap')) {
      expect(JSON.stringify(configMap), configMap.metadata.name).not.toContain(PLACEHOLDER);
    }
  });
});

const kubectlAvailable = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
describe.skipIf(!kubectlAvailable)(`kubectl kustomize${kubectlAvailable ? '' : ' (skipped: kubectl is not on PATH)'}`, () => {
  const render = (directory: string) => {
    const result = spawnSync('kubectl', ['kustomize', directory], { encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    return result.stdout.split(/^---$/m).map((d) => parseYaml(d) as KubeObject).filter(Boolean);
  };

  it.each([['base', BASE], ['overlays/example', OVERLAY]])('renders %s into objects that pass their schemas', (_name, directory) => {
    const objects = render(directory);
    expect(objects.length).toBeGreaterThan(0);
    for (const object of objects) expect(() => validateKubernetesObject(object)).not.toThrow();
  });

  it('applies the overlay as the checks here assume: same ConfigMaps and Secrets, its namespace and image', () => {
    const rendered = render(OVERLAY);
    for (const object of applied.filter((o) => o.kind === 'ConfigMap' || o.kind === 'Secret')) {
      const twin = rendered.find((r) => r.kind === object.kind && r.metadata.name === object.metadata.name) as Record<string, any>;
      expect(twin.data ?? twin.stringData).toEqual((object as Record<string, any>).data ?? (object as Record<string, any>).stringData);
    }
    const kustomization = readKustomization(OVERLAY);
    expect(kustomization.namespace).toBeDefined();
    for (const object of rendered.filter((o) => o.kind !== 'Namespace')) expect(object.metadata.namespace).toBe(kustomization.namespace);
    const image = kustomization.images?.[0];
    const renderedDeployment = rendered.find((o) => o.kind === 'Deployment') as Record<string, any>;
    expect(renderedDeployment.spec.template.spec.containers[0].image).toBe(`${image?.newName}:${image?.newTag}`);
  });
});

describe('the Deployment against a real server', () => {
  const sqlite = testBackends().find((b) => b.name === 'sqlite')!;
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(sqlite);
  });
  afterAll(async () => t?.close());

  const get = async (route: string) => {
    const response = await fetch(`${t.url}${route}`); // no API key: the kubelet and Prometheus send none
    return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
  };

  it('probes liveness (and startup) on a route that answers without an API key', async () => {
    for (const probe of [container.livenessProbe, container.startupProbe]) {
      expect(namedPort(probe?.httpGet?.port)).toBe(servePort);
      const { status, text } = await get(probe!.httpGet!.path!);
      expect(status).toBe(200);
      expect(JSON.parse(text)).toEqual({ live: true });
    }
  });

  it('probes readiness on the route that reports whether the served models are loaded', async () => {
    const probe = container.readinessProbe!;
    expect(namedPort(probe.httpGet?.port)).toBe(servePort);
    const { status, text } = await get(probe.httpGet!.path!);
    expect(status).toBe(200);
    expect(JSON.parse(text)).toEqual({ ready: true });
  });

  it('exposes the series behind the HPA request-rate metric at the scraped path, after a prediction', async () => {
    const annotations = deployment.spec.template.metadata.annotations as Record<string, string>;
    expect(annotations['prometheus.io/scrape']).toBe('true');
    expect(Number(annotations['prometheus.io/port'])).toBe(servePort);
    const predicted = await t.call('POST', `/v1/models/${MODEL}/predict`, { role: 'predictor', body: { records: [{ x1: 1, x2: 2, x3: 3 }] } });
    expect(predicted.status).toBe(200);
    const { status, type, text } = await get(annotations['prometheus.io/path']!);
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/plain/);
    const { series } = hpaRequestRateRule();
    expect(text).toMatch(new RegExp(`^${series}(\\{[^}]*\\})? [0-9.e+-]+$`, 'm'));
  });

  it('answers the grpc.health.v1 check a Kubernetes gRPC probe sends, without an API key', async () => {
    const client = v2GrpcClient(await t.server.listenGrpc(0));
    try {
      expect(await client.health('')).toBe('SERVING');
    } finally {
      client.close();
    }
  });

  it('has a HEALTHCHECK whose node script passes against a live server and fails against a closed port', async () => {
    const { script, origin } = healthcheckScript();
    // Asynchronously: the server answering the child runs in this process.
    const run = (url: string) => new Promise<number | null>((resolve) => {
      execFile(process.execPath, ['-e', script.replace(origin, url)], { timeout: 10_000 }, (error) => resolve(error ? (typeof error.code === 'number' ? error.code : -1) : 0));
    });
    expect(await run(t.url)).toBe(0);
    expect(await run('http://127.0.0.1:9')).not.toBe(0);
  });
});

/** The prometheus-adapter rule whose metric the HPA scales on, and the counter it is computed from. */
function hpaRequestRateRule(): { metric: string; series: string } {
  const hpa = find('HorizontalPodAutoscaler');
  const podsMetrics = (hpa.spec.metrics as { type: string; pods?: { metric: { name: string } } }[]).filter((m) => m.type === 'Pods');
  expect(podsMetrics).toHaveLength(1);
  const metric = podsMetrics[0]!.pods!.metric.name;
  const adapter = yamlFiles.find((f) => f.file.endsWith('prometheus-adapter/adapter-rules.yaml'))!.documents[0] as { data: Record<string, string> };
  const rules = (parseYaml(adapter.data['config.yaml']!) as { rules: { seriesQuery: string; name: { matches: string; as: string } }[] }).rules;
  const named = rules.map((rule) => {
    const series = /^[a-zA-Z_:][\w:]*/.exec(rule.seriesQuery)![0];
    // The adapter writes Go's ${1}; JavaScript's replace writes $1.
    return { series, metric: series.replace(new RegExp(rule.name.matches), rule.name.as.replace(/\$\{(\d+)\}/g, '$$$1')) };
  });
  const rule = named.find((r) => r.metric === metric);
  if (!rule) throw new Error(`no prometheus-adapter rule produces the HPA's metric ${metric}; the rules produce ${named.map((r) => r.metric).join(', ')}`);
  return rule;
}

function healthcheckScript(): { script: string; origin: string } {
  const [, command = ''] = /^(?:--\S+\s+)*CMD\s+(.*)$/.exec(lastInstruction(runtimeStage, 'HEALTHCHECK')) ?? [];
  const words = execForm(command);
  expect(words[0], 'slim images have no curl or wget').toBe('node');
  const script = words[words.indexOf('-e') + 1]!;
  const [, origin = '', port, route] = /(https?:\/\/(?:127\.0\.0\.1|localhost):(\d+))(\/[^'"`\s)]*)/.exec(script) ?? [];
  expect(Number(port)).toBe(servePort);
  expect(route).toBe(container.livenessProbe?.httpGet?.path);
  return { script, origin };
}

describe('ports, scaling and disruption', () => {
  it('listens on all interfaces, on the port the container, EXPOSE and the Service agree on', () => {
    expect(optionValue(serveCommand, '--host')).toBe('0.0.0.0');
    expect(namedPort('http')).toBe(servePort);
    expect(lastInstruction(runtimeStage, 'EXPOSE').split(/\s+/).map((p) => Number(p.replace(/\/tcp$/, '')))).toContain(servePort);
    // The Deployment runs the image's CMD unless it overrides it; an override must keep host and port.
    if (container.args) expect(container.args).toEqual(expect.arrayContaining(['--port', String(servePort), '--host', '0.0.0.0']));
    const service = find('Service');
    const servicePorts = service.spec.ports as { name: string; targetPort: unknown }[];
    expect(namedPort(servicePorts.find((p) => p.name === 'http')?.targetPort)).toBe(servePort);
  });

  it('serves gRPC on the port the command line, the container, EXPOSE and the Service agree on', () => {
    const grpcPort = Number(optionValue(serveCommand, '--grpc-port'));
    expect(namedPort('grpc')).toBe(grpcPort);
    expect(lastInstruction(runtimeStage, 'EXPOSE').split(/\s+/).map((p) => Number(p.replace(/\/tcp$/, '')))).toContain(grpcPort);
    const grpcService = (find('Service').spec.ports as { name: string; targetPort: unknown; appProtocol?: string }[]).find((p) => p.name === 'grpc');
    expect(namedPort(grpcService?.targetPort)).toBe(grpcPort);
    expect(grpcService?.appProtocol, 'gRPC is HTTP/2 without TLS inside the cluster').toBe('kubernetes.io/h2c');
  });

  it('selects the Deployment\'s pods from the Service, the PDB and its own selector', () => {
    const podLabels = deployment.spec.template.metadata.labels as Record<string, string>;
    for (const selector of [deployment.spec.selector.matchLabels, find('Service').spec.selector, find('PodDisruptionBudget').spec.selector.matchLabels]) {
      expect(podLabels).toMatchObject(selector as Record<string, string>);
    }
  });

  it('scales the Deployment on CPU (a percentage of the request) and on the request rate, above the disruption budget', () => {
    const hpa = find('HorizontalPodAutoscaler');
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: deployment.metadata.name });
    const cpu = (hpa.spec.metrics as { type: string; resource?: { name: string; target: { type: string; averageUtilization: number } } }[]).find((m) => m.type === 'Resource' && m.resource?.name === 'cpu');
    expect(cpu?.resource?.target).toEqual({ type: 'Utilization', averageUtilization: 70 });
    expect(container.resources?.requests?.cpu, 'CPU utilisation is measured against the request').toBeDefined();
    expect(hpaRequestRateRule().series).toBe('pitstop_predictions_requests_total');
    const pdb = find('PodDisruptionBudget');
    expect(pdb.spec.minAvailable).toBe(2);
    expect(hpa.spec.minReplicas, 'a drain must be able to evict one pod').toBeGreaterThan(pdb.spec.minAvailable);
    expect(deployment.spec.replicas).toBeGreaterThanOrEqual(hpa.spec.minReplicas);
  });

  it('sets CPU and memory requests and limits', () => {
    for (const kind of ['requests', 'limits'] as const) {
      expect(container.resources?.[kind]).toMatchObject({ cpu: expect.anything(), memory: expect.anything() });
    }
  });
});

describe('what the container reads', () => {
  // The keys of config.ts's EnvSchema: the variables loadConfig reads.
  const envSchema = /const EnvSchema = z\.object\(\{([\s\S]*?)\n\}\);/.exec(read('src/config/config.ts'))?.[1] ?? '';
  const configNames = new Set([...envSchema.matchAll(/^\s*([A-Z][A-Z0-9_]*)\s*:/gm)].map((m) => m[1]!));
  const sdkSources = ['node_modules/@aws-sdk', 'node_modules/@smithy'].flatMap((dir) => sdkFiles(path.join(ROOT, dir))).map((f) => fs.readFileSync(f, 'utf8'));
  const monitoringFile = find('ConfigMap', 'pitstop-monitoring').data['monitoring.yaml'] as string;
  const webhookSecretNames = (() => {
    try {
      return parseMonitoringConfig(monitoringFile).alerts.channels.flatMap((c) => (c.type === 'webhook' && c.secretEnv ? [c.secretEnv] : []));
    } catch {
      return []; // an invalid file fails 'ships a monitoring file the server accepts'
    }
  })();

  function sdkFiles(directory: string): string[] {
    if (!fs.existsSync(directory)) return [];
    return fs.readdirSync(directory, { recursive: true, encoding: 'utf8' }).filter((f) => /dist-cjs\/.*\.js$/.test(f)).map((f) => path.join(directory, f));
  }

  const sdkReads = (name: string) => name.startsWith('AWS_') && sdkSources.some((source) => source.includes(`"${name}"`));
  const whyAllowed = (name: string): string | null => {
    if (configNames.has(name)) return 'src/config/config.ts';
    if (sdkReads(name)) return 'the AWS SDK';
    if (webhookSecretNames.includes(name)) return 'a webhook channel\'s secretEnv';
    return null;
  };

  it('reads the variable names from config.ts\'s EnvSchema and from the installed AWS SDK', () => {
    expect(configNames).toContain('PITSTOP_DATABASE_URL');
    expect(configNames).toContain('PITSTOP_HOME');
    expect(sdkReads('AWS_SECRET_ACCESS_KEY')).toBe(true);
    expect(sdkReads('AWS_INVENTED_SETTING')).toBe(false);
    expect(whyAllowed('PITSTOP_INVENTED_SETTING')).toBeNull();
  });

  it('sets only environment variables the server or the AWS SDK reads (Deployment, its ConfigMaps and the Dockerfile)', () => {
    const dockerfileNames = runtimeStage.instructions.filter((i) => i.keyword === 'ENV').flatMap((i) => [...i.args.matchAll(/(\w+)=/g)].map((m) => m[1]!));
    const names = [...Object.keys(containerEnvironment()), ...dockerfileNames];
    expect(names).toContain('PITSTOP_DATABASE_URL');
    expect(names.filter((name) => whyAllowed(name) === null)).toEqual([]);
  });

  it('takes credentials from Secret keys the Secret template defines', () => {
    const refs = (container.env ?? []).flatMap((e) => (e.valueFrom?.secretKeyRef ? [{ variable: e.name, ...e.valueFrom.secretKeyRef }] : []));
    expect(refs.map((r) => r.variable).sort()).toEqual(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'PITSTOP_DATABASE_URL']);
    for (const ref of refs) expect(Object.keys(secretValues(find('Secret', ref.name)))).toContain(ref.key);
    for (const source of container.envFrom ?? []) expect(() => find('ConfigMap', source.configMapRef?.name)).not.toThrow();
  });

  it('loads into a valid configuration: PostgreSQL, home and monitoring file on the mounted volumes', () => {
    const config = loadConfig(containerEnvironment());
    expect(DATABASE_SCHEMES.some((scheme) => config.databaseUrl.startsWith(scheme))).toBe(true);
    expect(config.databaseUrl).toMatch(/^postgres(ql)?:\/\//);
    expect(volumeAt(config.home)?.volume?.emptyDir, 'PITSTOP_HOME on an emptyDir').toBeDefined();
    const monitoring = volumeAt(config.monitoringFile);
    expect(monitoring?.volume?.configMap?.name).toBe('pitstop-monitoring');
    expect(path.relative(monitoring!.mount.mountPath, config.monitoringFile)).toBe('monitoring.yaml');
    expect(config.archiveUrl).not.toBe(config.artifactsUrl);
    expect(config.artifactsUrl).toMatch(/^s3:\/\/[a-z0-9.-]+\//);
  });

  it('ships a monitoring file the server accepts', () => {
    expect(() => parseMonitoringConfig(monitoringFile, 'pitstop-monitoring')).not.toThrow();
  });

  const s3Known = (ARTIFACT_SCHEMES as readonly string[]).includes('s3:');
  it.skipIf(!s3Known)(`stores artifacts and the archive under schemes createArtifactStore knows${s3Known ? '' : ' (skipped: the s3: artifact store is not merged yet)'}`, () => {
    const config = loadConfig(containerEnvironment());
    for (const url of [config.artifactsUrl, config.archiveUrl]) expect(ARTIFACT_SCHEMES.some((scheme) => url.startsWith(scheme))).toBe(true);
  });
});

describe('the Deployment\'s hardening', () => {
  it('runs as a numeric non-root uid, since the image\'s USER is a name the kubelet cannot check', () => {
    expect(podSpec.securityContext?.runAsNonRoot).toBe(true);
    const user = lastInstruction(runtimeStage, 'USER').split(':')[0]!;
    const uid = podSpec.securityContext?.runAsUser ?? container.securityContext?.runAsUser;
    if (/^\d+$/.test(user)) expect(uid ?? Number(user)).toBe(Number(user));
    else expect(uid).toBeGreaterThan(0);
  });

  it('has a read-only root filesystem, no privilege escalation, and writable emptyDirs for PITSTOP_HOME and /tmp', () => {
    expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expect(volumeAt('/tmp')?.volume?.emptyDir).toBeDefined();
    expect(volumeAt(containerEnvironment().PITSTOP_HOME!)?.volume?.emptyDir).toBeDefined();
    for (const mount of container.volumeMounts ?? []) expect(podSpec.volumes?.map((v) => v.name)).toContain(mount.name);
  });
});

describe('the Dockerfile', () => {
  const pkg = JSON.parse(read('package.json')) as {
    engines: { node: string };
    scripts: Record<string, string>;
    allowScripts?: Record<string, boolean>;
  };
  const stageNamed = (reference: string) => stages.find((s) => s.name === reference) ?? stages[Number(reference)];
  const buildStage = stages.find((s) => dockerRuns(s).some((c) => /^npm run build\b/.test(c.command)));

  it('is multi-stage, every stage named, on the Debian slim image of one Node.js major the package supports', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) {
      expect(stage.name).toMatch(/^[a-z][\w.-]*$/);
      const image = /^node:(\d+)(\.\d+)*-bookworm-slim(@sha256:[0-9a-f]{64})?$/.exec(stage.image);
      expect(image, stage.image).not.toBeNull();
      expect(semver.satisfies(`${image![1]}.0.0`, pkg.engines.node), `${stage.image} against engines ${pkg.engines.node}`).toBe(true);
    }
  });

  it('runs the final stage as a user that is not root', () => {
    const user = lastInstruction(runtimeStage, 'USER');
    expect(user.split(':')[0]).not.toMatch(/^(root|0)$/);
  });

  it('starts `pitstop serve` through bin/pitstop.js, which loads the compiled dist/', () => {
    expect(execForm(lastInstruction(runtimeStage, 'ENTRYPOINT'))).toEqual(['node', 'bin/pitstop.js']);
    expect(serveCommand[0]).toBe('serve');
    expect(read('bin/pitstop.js')).toMatch(/from '\.\.\/dist\//);
    const copied = dockerCopies(runtimeStage).map((c) => path.basename(c.target));
    for (const needed of ['package.json', 'node_modules', 'dist', 'bin']) expect(copied).toContain(needed);
  });

  it('ships production dependencies only: the final node_modules comes from `npm prune --omit=dev` or `npm ci --omit=dev`', () => {
    const source = dockerCopies(runtimeStage).find((c) => c.sources.some((s) => s.endsWith('node_modules')));
    const origin = source?.from ? stageNamed(source.from) : runtimeStage;
    expect(origin, 'the stage the final node_modules comes from').toBeDefined();
    expect(installsProductionDependenciesOnly(origin!)).toBe(true);
  });

  it("builds without onnxruntime-node's CUDA download, with the native toolchain, and every production native addon rebuilt", () => {
    expect(buildStage).toBeDefined();
    const firstInstall = dockerRuns(buildStage!).find((c) => /^npm (ci|install)\b/.test(c.command))!;
    expect(/--ignore-scripts/.test(firstInstall.command) || pkg.allowScripts?.['onnxruntime-node'] === false).toBe(true);
    const apt = dockerRuns(buildStage!).find((c) => /apt-get install/.test(c.command));
    for (const tool of ['python3', 'make', 'g++']) expect(apt?.command.split(' ')).toContain(tool);
    expect(apt!.index).toBeLessThan(firstInstall.index);
    if (/--ignore-scripts/.test(firstInstall.command)) {
      // Install scripts skipped: each production dependency that compiles (binding.gyp) must be rebuilt by name.
      const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { dev?: boolean; hasInstallScript?: boolean }> };
      const nativeAddons = Object.entries(lock.packages)
        .filter(([key, p]) => key && p.hasInstallScript && !p.dev && fs.existsSync(path.join(ROOT, key, 'binding.gyp')))
        .map(([key]) => key.replace(/^.*node_modules\//, ''));
      expect(nativeAddons).toContain('better-sqlite3');
      const rebuilt = dockerRuns(buildStage!).filter((c) => /^npm rebuild\b/.test(c.command)).flatMap((c) => c.command.split(' ').slice(2));
      for (const addon of nativeAddons) expect(rebuilt).toContain(addon);
    }
  });

  it('copies everything `npm run build` reads before running it', () => {
    const expand = (script: string): string => script.replace(/npm run ([\w:-]+)/g, (_m, name: string) => expand(pkg.scripts[name]!));
    const build = expand(pkg.scripts.build!);
    const tsconfigFile = /tsc -p (\S+)/.exec(build)![1]!;
    const tsconfig = JSON.parse(read(tsconfigFile)) as { extends?: string; include: string[] };
    const viteConfig = /--config (\S+)/.exec(build)![1]!;
    // Scripts the build runs with node (the CLI bundler).
    const scripts = [...build.matchAll(/\bnode (?:--import tsx )?(\S+\.(?:ts|mjs|js))\b/g)].map((m) => m[1]!);
    expect(scripts).toContain('scripts/bundle-cli.ts');
    const needed = [tsconfigFile, ...(tsconfig.extends ? [path.normalize(tsconfig.extends)] : []), ...tsconfig.include, viteConfig.split('/')[0]!, ...scripts];
    const buildIndex = dockerRuns(buildStage!).find((c) => /^npm run build\b/.test(c.command))!.index;
    const copiedBefore = dockerCopies(buildStage!).filter((c) => c.from === null && c.index < buildIndex).flatMap((c) => c.sources);
    for (const file of needed) expect(copiedBefore.some((s) => s === '.' || file === s || file.startsWith(`${s}/`)), file).toBe(true);
  });

  it('checks health with node against the liveness route on the served port', () => {
    expect(() => healthcheckScript()).not.toThrow();
  });

  it('has a .dockerignore that keeps host node_modules and dist out, and nothing the build copies', () => {
    const patterns = read('.dockerignore').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#') && !l.startsWith('!'));
    for (const required of ['node_modules', 'dist', '.git']) expect(patterns).toContain(required);
    const excludes = (file: string) => patterns.some((p) => {
      if (p.startsWith('**/*')) return file.endsWith(p.slice('**/*'.length));
      return file === p || file.startsWith(`${p}/`);
    });
    const sources = stages.flatMap((s) => dockerCopies(s).filter((c) => c.from === null).flatMap((c) => c.sources));
    expect(sources.length).toBeGreaterThan(0);
    expect(sources.filter(excludes)).toEqual([]);
  });
});
