// What route modules receive: the services they call. Routes only translate HTTP to these calls and back.
import type { FastifyInstance } from 'fastify';
import type { FeedbackService } from '../predictions/index.js';
import type { Registry } from '../registry/index.js';
import type { ApiKeyStore, Role, TrafficStore } from '../store/index.js';
import type { DeploymentController } from './deployment/deployment-controller.js';
import type { ModelPool } from './model-pool/index.js';
import type { PredictionService } from './prediction-service.js';
import type { ServingMetrics } from './serving-metrics.js';
import type { OperationHost } from '../operations/index.js';
import type { RegistryOperationDeps } from '../registry/operations/index.js';
import type { KeyOperationDeps } from './auth/index.js';
import type { RuleSetOperationDeps } from './rule-sets/index.js';

export interface RouteContext {
  readonly predictions: PredictionService;
  readonly feedback: FeedbackService;
  readonly deployment: DeploymentController;
  readonly pool: ModelPool;
  readonly registry: Registry;
  readonly traffic: TrafficStore;
  readonly keys: ApiKeyStore;
  readonly metrics: ServingMetrics;
  /** What admin operations run with: the host (audit, deployment sync) and each capability's dependencies. */
  readonly operations: {
    readonly host: OperationHost;
    readonly registry: RegistryOperationDeps;
    readonly keys: KeyOperationDeps;
    readonly ruleSets: RuleSetOperationDeps;
  };
}

export type RegisterRoutes = (app: FastifyInstance, ctx: RouteContext) => void;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The least role a caller needs; 'public' routes need no key. */
    role?: Role | 'public';
    /** Errors in the Open Inference Protocol's `{"error": ...}` form. */
    v2?: boolean;
  }
  interface FastifyRequest {
    /** The authenticated caller's key id, or null (public route, or auth disabled). */
    callerKeyId: string | null;
    callerRole: Role | null;
    /** The person the caller's key belongs to (null: public route, or auth disabled). */
    callerPerson: string | null;
    /** Requests per second the caller's key allows (null: the server default). */
    callerRateLimit: number | null;
  }
}
