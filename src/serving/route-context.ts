// What route modules receive: the services they call. Routes only translate HTTP to these calls and back.
import type { FastifyInstance } from 'fastify';
import type { FeedbackService } from '../predictions/index.js';
import type { Registry } from '../registry/index.js';
import type { ApiKeyStore, Role, TrafficStore } from '../store/index.js';
import type { DeploymentController } from './deployment/deployment-controller.js';
import type { ModelPool } from './model-pool/index.js';
import type { PredictionService } from './prediction-service.js';
import type { ServingMetrics } from './serving-metrics.js';

export interface RouteContext {
  readonly predictions: PredictionService;
  readonly feedback: FeedbackService;
  readonly deployment: DeploymentController;
  readonly pool: ModelPool;
  readonly registry: Registry;
  readonly traffic: TrafficStore;
  readonly keys: ApiKeyStore;
  readonly metrics: ServingMetrics;
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
    /** Requests per second the caller's key allows (null: the server default). */
    callerRateLimit: number | null;
  }
}
