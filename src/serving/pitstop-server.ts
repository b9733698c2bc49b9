// The Fastify server: security (keys, roles, rate limits, headers), request ids, routes, metrics, and a graceful stop
// that finishes requests in flight and flushes the prediction log.
import path from 'node:path';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { PitstopError } from '../errors/index.js';
import { FeatureLookup, type FeatureLookupOptions } from '../features/index.js';
import { FeedbackService, JournaledLog, PredictionLog } from '../predictions/index.js';
import type { Registry } from '../registry/index.js';
import type { DecisionRecord, NewAuditEvent, Stores } from '../store/index.js';
import { servingPathRunner } from './rule-sets/index.js';
import { ApiKeyAuthenticator, authorizeCaller, presentedToken, roleAllows } from './auth/index.js';
import { DeploymentController } from './deployment/deployment-controller.js';
import { sendError } from './http-errors.js';
import type { GrpcInferenceServer } from './grpc/index.js';
import { useBoundedJsonParser } from './json-body/index.js';
import { INFERENCE_HEADER_LENGTH, readBinaryV2Request } from './v2-protocol/index.js';
import { registerAccessLog } from './access-log.js';
import { fastUlid } from '../ids/index.js';
import { ModelPool } from './model-pool/index.js';
import { PredictionService } from './prediction-service.js';
import type { RouteContext } from './route-context.js';
import { registerKeysRoutes } from './routes/admin/keys-routes.js';
import { registerApprovalRoutes } from './routes/admin/approval-routes.js';
import { BackgroundLease } from './background-lease.js';
import { registryRoutes } from './routes/admin/registry-routes.js';
import { monitoringRoutes } from './routes/admin/monitoring-routes.js';
import { replayRoutes } from './routes/v1/replay-route.js';
import { decideRoute } from './routes/v1/decide-route.js';
import { ruleSetRoutes } from './routes/admin/rule-set-routes.js';
import { AppRuleSets, AppService, featureReaderOf } from './apps/index.js';
import { explanationRoutes } from './routes/v1/explanation-route.js';
import { featureRoutes } from './routes/admin/feature-routes.js';
import type { MonitoringService } from '../monitoring/index.js';
import { ArchiveVerificationJob, type VersionArchive } from '../archive/index.js';
import { registerTrafficRoutes } from './routes/admin/traffic-routes.js';
import { registerFeedbackRoutes } from './routes/v1/feedback-route.js';
import { registerModelsRoutes } from './routes/v1/models-routes.js';
import { registerPredictRoute } from './routes/v1/predict-route.js';
import { registerV2Routes } from './routes/v2/v2-routes.js';
import { registerWhoamiRoute } from './routes/admin/whoami-route.js';
import { registerAdminUi } from './ui-static.js';
import { ModelOverview } from './model-overview/index.js';
import { modelRoutes } from './routes/admin/model-routes.js';
import { archiveRoutes } from './routes/admin/archive-routes.js';
import { auditRoutes } from './routes/admin/audit-routes.js';
import { predictionRoutes } from './routes/admin/prediction-routes.js';
import { alertRoutes } from './routes/admin/alert-routes.js';
import { WindowDrift } from '../monitoring/index.js';
import { ServingMetrics } from './serving-metrics.js';
import { rejectNonFiniteNumbers } from './finite-numbers-ajv-plugin.js';

/**
 * The security headers an API (not a web page) needs, set once per response. Helmet's full browser set cost ~4% of
 * CPU and a few hundred bytes on every prediction; the admin GUI will add its own content security policy.
 */
const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
  'strict-transport-security': 'max-age=15552000; includeSubDomains',
} as const;

export interface ServerOptions {
  readonly home: string;
  /** 'required' (default): every non-public route needs an API key; 'disabled' is for local experiments only. */
  readonly auth?: 'required' | 'disabled';
  readonly maxRecords?: number;
  readonly bodyLimitBytes?: number;
  readonly batch?: { readonly maxBatchSize: number; readonly maxWaitMs: number };
  /**
   * Long runs go to a worker thread per loaded version, so the event loop keeps reading and answering requests while
   * a batch computes. Pays with a core to spare; on a machine whose cores are already busy the hand-over costs more.
   */
  readonly scoreInWorker?: boolean;
  readonly pollIntervalMs?: number;
  /** Requests per second per API key when the key sets none. */
  readonly defaultRateLimit?: number;
  readonly logLevel?: string;
  /** How often the prediction log writes to the database; default 100 ms. */
  readonly predictionLogFlushMs?: number;
  /** Aliases only an admin key may move or remove; default `champion`. */
  readonly protectedAliases?: readonly string[];
  /** Monitoring run by this server every intervalMs (null: not here, e.g. when cron runs `pitstop monitor run`). */
  readonly monitoring?: { readonly service: MonitoringService; readonly intervalMs: number } | null;
  /** The background lease's timing (defaults: 20 s lease, renewed every 5 s). */
  readonly backgroundLease?: { readonly ttlMs?: number; readonly renewMs?: number };
  /** Archive verification run by this server every intervalMs (null: not here). */
  readonly archiveVerification?: { readonly archive: VersionArchive; readonly intervalMs: number } | null;
  /** Cold storage for the admin archive routes (without it they answer 503 NOT_READY). */
  readonly archive?: VersionArchive;
  /** The feature lookup's cache for models whose manifests declare `lookups` (default: off, every batch reads the database). */
  readonly featureLookup?: FeatureLookupOptions;
}

export interface PitstopServer {
  readonly app: FastifyInstance;
  readonly log: PredictionLog;
  /** Whether this replica runs the background work (monitoring, archive verification) now. */
  readonly backgroundLease: BackgroundLease;
  /** The application endpoint's decisions, journaled like predictions. */
  readonly decisionLog: JournaledLog<DecisionRecord>;
  readonly deployment: DeploymentController;
  readonly metrics: ServingMetrics;
  /** Listens on host:port; returns the address. */
  listen(port: number, host?: string): Promise<string>;
  /** Serves the V2 protocol over gRPC on host:port too (0 picks a port); returns the port. */
  listenGrpc(port: number, host?: string): Promise<number>;
  /** Stops accepting, finishes requests in flight, flushes the prediction log, releases the models. */
  close(): Promise<void>;
}

/** Requests per second per API key without a limit of its own, on every door. */
const DEFAULT_RATE_LIMIT = 10_000;

export async function createPitstopServer(stores: Stores, registry: Registry, options: ServerOptions): Promise<PitstopServer> {
  const metrics = new ServingMetrics();
  const batch = options.batch ?? { maxBatchSize: 64, maxWaitMs: 0 };
  // One batching lane: onnxruntime runs synchronously on its caller, so a second lane only split the batches; requests
  // arriving while a run computes gather into the next run.
  const pool = new ModelPool({ maxBatchSize: batch.maxBatchSize, maxWaitMs: batch.maxWaitMs, lanes: 1, sessionOptions: { workerThread: options.scoreInWorker === true }, onBatch: (key, size) => metrics.batchSize.observe({ model: key.model, version: String(key.version) }, size) });
  const log = new PredictionLog(stores.predictions, {
    spoolDirectory: path.join(options.home, 'spool'),
    ...(options.predictionLogFlushMs !== undefined && { flushIntervalMs: options.predictionLogFlushMs }),
    onError: () => metrics.logFlushFailures.inc(),
  });
  const bodyLimit = options.bodyLimitBytes ?? 8 * 1024 * 1024;
  let grpc: GrpcInferenceServer | undefined;
  const app = Fastify({
    logger: { level: options.logLevel ?? 'info' },
    // registerAccessLog writes one flat line per request instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit,
    genReqId: (request) => (typeof request.headers['x-request-id'] === 'string' && /^[\w.-]{1,128}$/.test(request.headers['x-request-id']) ? request.headers['x-request-id'] : fastUlid()),
    requestIdHeader: false,
    return503OnClosing: true,
    ajv: { plugins: [rejectNonFiniteNumbers] },
  });
  const parseJson = useBoundedJsonParser(app);
  // Triton's binary tensor data extension: a JSON header, then raw tensor bytes (V2 infer).
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (request, body, done) => {
    try {
      const headerLength = request.headers[INFERENCE_HEADER_LENGTH];
      done(null, readBinaryV2Request(body as Buffer, typeof headerLength === 'string' ? headerLength : undefined, (text) => parseJson(request, text)));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  const decisionLog = new JournaledLog<DecisionRecord>((records) => stores.decisions.insertDecisions(records), {
    spoolDirectory: path.join(options.home, 'spool', 'decisions'),
    ...(options.predictionLogFlushMs !== undefined && { flushIntervalMs: options.predictionLogFlushMs }),
    onError: () => metrics.logFlushFailures.inc(),
  });
  const ruleSets = new AppRuleSets(stores.ruleSets, (name, version, error) => app.log.error({ ruleSet: name, version, err: error }, 'rule set no longer compiles; the previous version stays in force'));
  const deployment = new DeploymentController(
    { store: stores, traffic: stores.traffic, changes: stores.changes, registry, pool },
    {
      onChange: () => ruleSets.refresh(),
      pollIntervalMs: options.pollIntervalMs ?? 500,
      onLoadFailure: (key, error) => {
        const [model, version] = key.split('@');
        metrics.loadFailures.inc({ model: model!, version: version! });
        app.log.error({ model: key, err: error }, 'model version failed to load; the previous routes keep serving');
      },
      onSwap: () => metrics.loadedModels.set(pool.loadedKeys().length),
    },
  );
  const features = new FeatureLookup(stores.features, options.featureLookup);
  const predictions = new PredictionService({ pool, deployment, log, metrics, features }, { maxRecords: options.maxRecords ?? 1000 });
  const feedback = new FeedbackService({ labels: stores.labels, predictions: stores.predictions, log });
  // Through the server's FeatureLookup, so its cache (when configured) serves the app endpoint too.
  const featureReader = featureReaderOf(features);
  const apps = new AppService({ ruleSets, predictions, features: featureReader, log: decisionLog });
  const ruleSetDeps = {
    ruleSets: stores.ruleSets, registry, decisions: stores.decisions, features: featureReader, runModel: servingPathRunner(predictions),
    hasFeatureTable: async (name: string) => (await stores.features.getTable(name)) !== undefined,
  };
  const operations = {
    host: { recordAudit: (event: NewAuditEvent) => stores.recordAudit(event), applyServingChange: () => deployment.sync() },
    registry: { registry, traffic: stores.traffic, keys: stores.keys, protectedAliases: new Set(options.protectedAliases ?? ['champion']) },
    keys: { keys: stores.keys },
    ruleSets: ruleSetDeps,
  };
  const ctx: RouteContext = { predictions, feedback, deployment, pool, registry, traffic: stores.traffic, keys: stores.keys, metrics, operations };

  app.decorateRequest('callerKeyId', null);
  app.decorateRequest('callerRole', null);
  app.decorateRequest('callerPerson', null);
  app.decorateRequest('callerRateLimit', null);
  app.setErrorHandler((error: Error, request, reply) => sendError(error, request, reply));
  app.setNotFoundHandler((request, reply) => sendError(new PitstopError('FILE_NOT_FOUND', `no route ${request.method} ${request.url}`), request, reply));
  registerAccessLog(app);
  app.addHook('onRequest', async (request, reply) => {
    reply.headers(SECURITY_HEADERS);
    reply.header('x-request-id', request.id);
  });
  const authenticator = new ApiKeyAuthenticator(stores.keys);
  authenticator.start();
  app.addHook('onClose', async () => authenticator.stop());
  await registerAuth(app, authenticator, options.auth ?? 'required');
  await app.register(rateLimit, {
    global: true,
    max: async (request) => request.callerRateLimit ?? options.defaultRateLimit ?? DEFAULT_RATE_LIMIT,
    timeWindow: 1000,
    keyGenerator: (request) => request.callerKeyId ?? request.ip,
    hook: 'preHandler',
    // Limits are announced on 429 answers (with Retry-After), not on every successful one: headers cost every client.
    addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false },
    addHeaders: { 'x-ratelimit-limit': true, 'x-ratelimit-remaining': true, 'x-ratelimit-reset': true, 'retry-after': true },
    errorResponseBuilder: (_request, context) => new PitstopError('RATE_LIMITED', `rate limit of ${context.max} requests per second exceeded; retry in ${Math.ceil(context.ttl / 1000)}s`),
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Pitstop', version: '0.1.0', description: 'Serve, route and log ONNX model predictions. Native JSON API under /v1, the Open Inference Protocol V2 under /v2.' },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'a Pitstop API key (pitstop keys create)' } } },
      security: [{ apiKey: [] }],
    },
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: { validatorUrl: null },
    // Swagger UI runs from its own files only (no inline script, no public validator); it sets inline styles itself.
    staticCSP: "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  });
  app.get('/openapi.json', { config: { role: 'public' }, schema: { hide: true } }, async () => app.swagger());
  app.get('/metrics', { config: { role: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    metrics.logQueueDepth.set(log.queueDepth);
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  const registerRegistryRoutes = registryRoutes(operations.registry.protectedAliases);
  const registerMonitoringRoutes = monitoringRoutes(options.monitoring?.service ?? null);
  const registerReplayRoutes = replayRoutes({ predictions: stores.predictions, registry });
  for (const register of [registerPredictRoute, registerFeedbackRoutes, registerModelsRoutes, registerV2Routes, registerTrafficRoutes, registerKeysRoutes, registerRegistryRoutes, registerApprovalRoutes, registerMonitoringRoutes, registerReplayRoutes, registerWhoamiRoute]) register(app, ctx);
  explanationRoutes({ predictions: stores.predictions, registry })(app, ctx);
  featureRoutes(stores.features)(app, ctx);
  const configRules = () => options.monitoring?.service.config.alerts.rules ?? [];
  const overview = new ModelOverview({ stores, registry, metrics, drift: new WindowDrift(registry, stores.monitoring), configRules });
  for (const register of [modelRoutes(overview), archiveRoutes(options.archive ?? null), auditRoutes(stores), predictionRoutes(stores), alertRoutes(stores, configRules)]) register(app, ctx);
  await registerAdminUi(app);

  // Monitoring passes keep the log's day partitions ahead of time; this covers a server that runs without them.
  await Promise.all([stores.predictions.preparePartitions(new Date()), stores.decisions.preparePartitions(new Date())]).catch((error: unknown) => app.log.warn({ err: error }, 'could not prepare the prediction and decision logs\' day partitions; rows go to the default partitions until a later pass does'));
  log.start();
  decisionLog.start();
  decideRoute(apps)(app, ctx);
  ruleSetRoutes(ruleSetDeps)(app, ctx);
  await deployment.start();
  // Monitoring and archive verification run on one replica at a time: the one holding the background lease.
  const backgroundLease = new BackgroundLease(stores.leases, {
    ...options.backgroundLease,
    onChange: (held) => app.log.info({ holder: backgroundLease.holder, held }, held ? 'took the background lease: this replica runs monitoring and archive verification' : 'no longer holds the background lease'),
  });
  if (options.monitoring || options.archiveVerification) backgroundLease.start();
  const mayRunBackground = () => backgroundLease.isHeld;
  if (options.monitoring) options.monitoring.service.start(options.monitoring.intervalMs, mayRunBackground);
  const archiveJob = options.archiveVerification ? new ArchiveVerificationJob(options.archiveVerification.archive, app.log) : null;
  archiveJob?.start(options.archiveVerification!.intervalMs, mayRunBackground);
  return {
    app, log, decisionLog, deployment, metrics, backgroundLease,
    async listen(port, host = '127.0.0.1') {
      return app.listen({ port, host });
    },
    async listenGrpc(port, host = '127.0.0.1') {
      // Loaded on demand: a server without --grpc-port never loads grpc-js.
      const { GrpcInferenceServer } = await import('./grpc/index.js');
      grpc ??= new GrpcInferenceServer({
        predictions, isReady: () => deployment.isReady, authenticator, authMode: options.auth ?? 'required', log: app.log,
        maxMessageBytes: bodyLimit, defaultRateLimit: options.defaultRateLimit ?? DEFAULT_RATE_LIMIT,
      });
      return grpc.listen(port, host);
    },
    async close() {
      await deployment.stop();
      await options.monitoring?.service.stop();
      await archiveJob?.stop();
      await backgroundLease.stop();
      // Both doors drain their calls in flight before the models and the logs close.
      await Promise.all([app.close(), grpc?.close()]);
      await pool.drainAll();
      await log.close();
      await decisionLog.close();
      features.close();
      await pool.closeAll();
    },
  };
}

async function registerAuth(app: FastifyInstance, authenticator: ApiKeyAuthenticator, mode: 'required' | 'disabled'): Promise<void> {
  app.addHook('onRequest', async (request) => {
    const needed = request.routeOptions.config?.role ?? 'admin';
    if (request.url.startsWith('/docs')) return;
    const caller = await authorizeCaller(authenticator, presentedToken(request.headers), needed, mode);
    if (!caller) return;
    request.callerKeyId = caller.keyId;
    request.callerRole = caller.role;
    request.callerPerson = caller.person;
    request.callerRateLimit = caller.rateLimit;
  });
}
