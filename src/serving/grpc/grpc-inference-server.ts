// The V2 protocol over gRPC (inference.GRPCInferenceService) and the standard grpc.health.v1 service, on a port of
// their own. Every method goes through the same doors as HTTP: authorizeCaller for the key and role (the key travels
// in the `authorization` metadata), the per-key rate limit, and the V2 data plane (inferV2), so traffic routes,
// batching, validation, the journal and the log are the HTTP ones.
import fs from 'node:fs';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import type { FastifyBaseLogger } from 'fastify';
import { HealthImplementation } from 'grpc-health-check';
import { PitstopError } from '../../errors/index.js';
import { fastUlid } from '../../ids/index.js';
import type { Role } from '../../store/index.js';
import { authorizeCaller, type ApiKeyAuthenticator, type Caller } from '../auth/index.js';
import type { PredictionService } from '../prediction-service.js';
import { inferV2, V2_SERVER_METADATA, v2Metadata, v2ModelReady } from '../v2-inference.js';
import { grpcInferToV2, v2ToGrpcInfer, type GrpcInferRequest } from './grpc-infer-codec.js';
import { toGrpcError } from './grpc-status.js';
import { KeyRateWindow } from './key-rate-window.js';

export interface GrpcInferenceServerDeps {
  readonly predictions: PredictionService;
  readonly isReady: () => boolean;
  readonly authenticator: ApiKeyAuthenticator;
  readonly authMode: 'required' | 'disabled';
  readonly log: FastifyBaseLogger;
  /** Largest message accepted, as the HTTP body limit. */
  readonly maxMessageBytes: number;
  /** Requests per second per key without a limit of its own. */
  readonly defaultRateLimit: number;
}

const INFERENCE_SERVICE = 'inference.GRPCInferenceService';
const HOW_TO_SEND_KEY = '"authorization: Bearer <key>" metadata';

type Handler<Req, Res> = (request: Req, caller: Caller | null, metadata: grpc.Metadata) => Promise<Res> | Res;

export class GrpcInferenceServer {
  private readonly server: grpc.Server;
  private readonly health: HealthImplementation;
  private readonly rates: KeyRateWindow;
  private readonly healthTimer: NodeJS.Timeout;

  constructor(private readonly deps: GrpcInferenceServerDeps) {
    this.server = new grpc.Server({ 'grpc.max_receive_message_length': deps.maxMessageBytes, 'grpc.max_send_message_length': deps.maxMessageBytes });
    this.rates = new KeyRateWindow(deps.defaultRateLimit);
    const inference = grpc.loadPackageDefinition(protoLoader.loadSync(protocolFile(), { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true })) as unknown as {
      inference: { GRPCInferenceService: { service: grpc.ServiceDefinition } };
    };
    const { predictions } = deps;
    this.server.addService(inference.inference.GRPCInferenceService.service, {
      ServerLive: this.unary('public', 'ServerLive', () => ({ live: true })),
      ServerReady: this.unary('public', 'ServerReady', () => ({ ready: deps.isReady() })),
      ServerMetadata: this.unary('public', 'ServerMetadata', () => V2_SERVER_METADATA),
      ModelReady: this.unary<{ name: string; version: string }, unknown>('viewer', 'ModelReady', (r) => ({ ready: v2ModelReady(predictions, r.name, r.version) })),
      ModelMetadata: this.unary<{ name: string; version: string }, unknown>('viewer', 'ModelMetadata', (r) => v2Metadata(predictions, r.name, r.version)),
      ModelInfer: this.unary<GrpcInferRequest, unknown>('predictor', 'ModelInfer', async (request, caller, metadata) => {
        const { body, raw } = grpcInferToV2(request);
        const sticky = metadata.get('x-caller-key')[0];
        const answer = await inferV2(predictions, {
          model: request.model_name, version: request.model_version, body, caller: caller?.keyId ?? null,
          stickyKey: typeof sticky === 'string' ? sticky : null, requestId: request.id || fastUlid(),
        });
        return v2ToGrpcInfer(answer, raw);
      }),
    });
    // Kubernetes' gRPC probes ask for "" (the server) or a service by name.
    this.health = new HealthImplementation({ '': 'NOT_SERVING', [INFERENCE_SERVICE]: 'NOT_SERVING' });
    this.health.addToServer(this.server);
    this.healthTimer = setInterval(() => this.updateHealth(), 500);
    this.healthTimer.unref();
    this.updateHealth();
  }

  /** Listens on host:port (0 picks a free port); returns the port. */
  listen(port: number, host = '0.0.0.0'): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.bindAsync(`${host.includes(':') ? `[${host}]` : host}:${port}`, grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound)));
    });
  }

  /** Stops taking calls and waits for those in flight (as HTTP drains); after `graceMs` the rest are cancelled. */
  async close(graceMs = 10_000): Promise<void> {
    clearInterval(this.healthTimer);
    this.health.setStatus('', 'NOT_SERVING');
    this.health.setStatus(INFERENCE_SERVICE, 'NOT_SERVING');
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => {
        this.server.forceShutdown();
        resolve();
      }, graceMs);
      this.server.tryShutdown(() => {
        clearTimeout(force);
        resolve();
      });
    });
  }

  private updateHealth(): void {
    const status = this.deps.isReady() ? 'SERVING' : 'NOT_SERVING';
    this.health.setStatus('', status);
    this.health.setStatus(INFERENCE_SERVICE, status);
  }

  private unary<Req, Res>(role: Role | 'public', method: string, handle: Handler<Req, Res>): grpc.handleUnaryCall<Req, Res> {
    return (call, callback) => {
      const started = performance.now();
      void (async () => {
        try {
          const caller = await authorizeCaller(this.deps.authenticator, bearerToken(call.metadata), role, this.deps.authMode, HOW_TO_SEND_KEY);
          if (caller) this.rates.take(caller.keyId, caller.rateLimit);
          callback(null, await handle(call.request, caller, call.metadata));
          this.deps.log.info({ grpc: method, code: 0, ms: Math.round((performance.now() - started) * 10) / 10 }, 'grpc call');
        } catch (thrown) {
          const error = toGrpcError(thrown);
          if (error.code === grpc.status.INTERNAL) this.deps.log.error({ err: thrown, grpc: method }, 'grpc call failed');
          else this.deps.log.info({ grpc: method, code: error.code, ms: Math.round((performance.now() - started) * 10) / 10 }, 'grpc call');
          callback(error);
        }
      })();
    };
  }
}

function bearerToken(metadata: grpc.Metadata): string | null {
  const value = metadata.get('authorization')[0] ?? metadata.get('x-api-key')[0];
  if (typeof value !== 'string') return null;
  return value.replace(/^bearer\s+/i, '').trim() || null;
}

/** proto/grpc_predict_v2.proto, found from src/serving/grpc (tsx, tests), dist/serving/grpc or dist/cli-bundle. */
function protocolFile(): string {
  for (let dir = import.meta.dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'proto', 'grpc_predict_v2.proto');
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new PitstopError('INTERNAL', 'proto/grpc_predict_v2.proto is missing from the installation');
  }
}

