// `pitstop serve`, `keys create|list|revoke`, `traffic`: running the server and configuring who and what it serves.
import type { Command } from 'commander';
import { PitstopError } from '../errors/index.js';
import { createPitstopServer } from '../serving/index.js';
import { createKeyOperation, listKeysOperation, revokeKeyOperation } from '../serving/auth/index.js';
import { setTrafficOperation } from '../registry/operations/index.js';
import { ROLES } from '../store/index.js';
import { registryOperationDeps, runCliOperation } from './cli-operation.js';
import type { CommandRunner } from './command-runner.js';
import { formatTable } from './output.js';
import { parseDuration } from '../alerts/index.js';
import { monitoringService } from './monitoring-commands.js';

export function registerServingCommands(program: Command, run: CommandRunner): void {
  program
    .command('serve')
    .description('serve every model with a version in staging or production over HTTP (native /v1 API and Open Inference Protocol /v2), and gRPC with --grpc-port')
    .option('--port <n>', 'port to listen on', '8080')
    .option('--host <address>', 'address to bind', '127.0.0.1')
    .option('--grpc-port <n>', 'also serve the Open Inference Protocol V2 over gRPC on this port (off by default)')
    .option('--max-batch <n>', 'most records merged into one ONNX run', '64')
    .option('--max-wait-ms <ms>', 'longest a run waits for more requests once both lanes are busy (0: batches form only while runs are in flight)', '0')
    .option('--insecure-no-auth', 'serve without API keys (local experiments only)')
    .option('--score-in-worker', 'run long model runs in a worker thread per version, keeping the event loop free (needs a spare core)')
    .option('--log-level <level>', 'pino log level', 'info')
    .option('--protected-aliases <names>', 'comma-separated aliases only an admin key may move over HTTP', 'champion')
    .option('--monitor-interval <span>', 'run monitoring (windows, alerts, retraining) this often; 0 turns it off', '5m')
    .option('--archive-verify-interval <span>', 'verify every archived file against its digest this often; 0 turns it off', '24h')
    .action(run(async (ctx, opts: { port: string; host: string; grpcPort?: string; maxBatch: string; maxWaitMs: string; insecureNoAuth?: boolean; scoreInWorker?: boolean; logLevel: string; protectedAliases: string; monitorInterval: string; archiveVerifyInterval: string }) => {
      const services = await ctx.services();
      const intervalMs = opts.monitorInterval === '0' ? 0 : parseDuration(opts.monitorInterval);
      const verifyMs = opts.archiveVerifyInterval === '0' ? 0 : parseDuration(opts.archiveVerifyInterval);
      const archive = await services.archive();
      const server = await createPitstopServer(services.store, services.registry, {
        home: ctx.config.home,
        auth: opts.insecureNoAuth ? 'disabled' : 'required',
        batch: { maxBatchSize: positive(opts.maxBatch, '--max-batch'), maxWaitMs: Number(opts.maxWaitMs) },
        scoreInWorker: opts.scoreInWorker === true,
        logLevel: opts.logLevel,
        protectedAliases: opts.protectedAliases.split(',').map((a) => a.trim()).filter(Boolean),
        monitoring: intervalMs > 0 ? { service: await monitoringService(ctx), intervalMs } : null,
        archiveVerification: verifyMs > 0 ? { archive, intervalMs: verifyMs } : null,
        archive,
      });
      const address = await server.listen(positive(opts.port, '--port', true), opts.host);
      const grpcPort = opts.grpcPort === undefined ? null : await server.listenGrpc(positive(opts.grpcPort, '--grpc-port', true), opts.host);
      const keys = await services.store.keys.countKeys();
      process.stderr.write(`pitstop serving ${[...server.deployment.routes.keys()].join(', ') || 'no models yet'} at ${address} (docs: ${address}/docs)${grpcPort === null ? '' : `, gRPC (V2) on port ${grpcPort}`}\n`);
      if (!opts.insecureNoAuth && keys === 0) process.stderr.write('no API keys exist yet: create one with `pitstop keys create --role admin --name me`\n');
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.stderr.write('pitstop: stopping: finishing requests in flight and flushing the prediction log\n');
          server.close().then(resolve, resolve);
        };
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
      });
    }));

  const keys = program.command('keys').description('API keys: who may predict, deploy or administer');
  keys
    .command('create')
    .description('create an API key (shown once; stored as a salted hash)')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--name <name>', 'what the key is for', 'unnamed')
    .option('--rate-limit <rps>', 'requests per second allowed for this key')
    .option('--person <name>', "whose key it is (default: yours, PITSTOP_ACTOR): the two-person rule compares people")
    .action(run(async (ctx, opts: { role: string; name: string; rateLimit?: string; person?: string }) => {
      if (!(ROLES as readonly string[]).includes(opts.role)) throw new PitstopError('USAGE', `--role must be one of ${ROLES.join(', ')}, not "${opts.role}"`, { field: 'role' });
      const { store } = await ctx.services();
      const created = await runCliOperation(ctx, createKeyOperation, { keys: store.keys }, {
        role: opts.role, name: opts.name, ...(opts.rateLimit === undefined ? {} : { rateLimit: positive(opts.rateLimit, '--rate-limit') }), ...(opts.person ? { person: opts.person } : {}),
      });
      ctx.output.result(created, () =>
        `${created.key}\n\nKey ${created.id} (${created.role}, "${created.name}", ${created.person}'s) created. This is the only time the key is shown; store it now.`,
      );
    }));
  keys
    .command('list')
    .description('list API keys (never their secrets)')
    .action(run(async (ctx) => {
      const { keys: visible } = await runCliOperation(ctx, listKeysOperation, { keys: (await ctx.services()).store.keys }, {});
      ctx.output.result(visible, () => formatTable(['id', 'role', 'name', 'person', 'created', 'by', 'revoked'], visible.map((k) => [k.id, k.role, k.name, k.person, k.createdAt, k.createdBy, k.revokedAt])));
    }));
  keys
    .command('revoke <id>')
    .description('revoke an API key (takes effect within a second on running servers)')
    .action(run(async (ctx, id: string) => {
      await runCliOperation(ctx, revokeKeyOperation, { keys: (await ctx.services()).store.keys }, { id });
      ctx.output.result({ id, revoked: true }, () => `Revoked ${id}`);
    }));

  program
    .command('traffic <model>')
    .description('set canary and shadow traffic, e.g. --canary 3:10 --shadow 4:100 (VERSION:PERCENT; "off" clears)')
    .option('--canary <version:percent>', 'send PERCENT of requests to VERSION')
    .option('--shadow <version:percent>', 'copy PERCENT of requests to VERSION (answers logged, never returned)')
    .action(run(async (ctx, model: string, opts: { canary?: string; shadow?: string }) => {
      const policy = await runCliOperation(ctx, setTrafficOperation, await registryOperationDeps(ctx), {
        model, ...(opts.canary === undefined ? {} : { canary: parseSplit(opts.canary, '--canary') }), ...(opts.shadow === undefined ? {} : { shadow: parseSplit(opts.shadow, '--shadow') }),
      });
      ctx.output.result(policy, () =>
        `${model}: canary ${policy.canary ? `v${policy.canary.version} at ${policy.canary.percent}%` : 'off'}, shadow ${policy.shadow ? `v${policy.shadow.version} at ${policy.shadow.percent}%` : 'off'}`,
      );
    }));
}

function parseSplit(text: string, flag: string): { version: number; percent: number } | null {
  if (text === 'off') return null;
  const match = /^(\d+):(\d+(?:\.\d+)?)$/.exec(text);
  if (!match) throw new PitstopError('USAGE', `${flag} ${text}: write VERSION:PERCENT, e.g. 3:10, or off`, { field: flag });
  return { version: Number(match[1]), percent: Number(match[2]) };
}

function positive(text: string, flag: string, allowZero = false): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < (allowZero ? 0 : 1)) throw new PitstopError('USAGE', `${flag} must be a ${allowZero ? 'non-negative' : 'positive'} number, not "${text}"`, { field: flag });
  return value;
}
