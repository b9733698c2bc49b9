// Prometheus metrics of the serving layer, on a registry of their own (so several servers can live in one process, e.g. tests).
import client from 'prom-client';

export class ServingMetrics {
  readonly registry = new client.Registry();
  readonly requests = new client.Counter({ name: 'pitstop_predictions_requests_total', help: 'Prediction requests answered, by model, version and route', labelNames: ['model', 'version', 'route'], registers: [this.registry] });
  readonly errors = new client.Counter({ name: 'pitstop_predictions_errors_total', help: 'Prediction requests that failed, by model and error code', labelNames: ['model', 'code'], registers: [this.registry] });
  readonly latency = new client.Histogram({
    name: 'pitstop_prediction_latency_seconds', help: 'Time from request to answer, by model and version', labelNames: ['model', 'version'], registers: [this.registry],
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  });
  readonly batchSize = new client.Histogram({ name: 'pitstop_batch_size', help: 'Records per ONNX run', labelNames: ['model', 'version'], buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256], registers: [this.registry] });
  readonly loadedModels = new client.Gauge({ name: 'pitstop_loaded_models', help: 'Model versions loaded in this server', registers: [this.registry] });
  readonly logQueueDepth = new client.Gauge({ name: 'pitstop_prediction_log_queue_depth', help: 'Answered predictions journaled but not yet in the database', registers: [this.registry] });
  readonly logFlushFailures = new client.Counter({ name: 'pitstop_prediction_log_flush_failures_total', help: 'Failed attempts to write the prediction log to the database', registers: [this.registry] });
  readonly shadowDrops = new client.Counter({ name: 'pitstop_shadow_dropped_total', help: 'Shadow requests dropped because the shadow version was busy or failed', labelNames: ['model'], registers: [this.registry] });
  readonly loadFailures = new client.Counter({ name: 'pitstop_model_load_failures_total', help: 'Versions that failed to load', labelNames: ['model', 'version'], registers: [this.registry] });

  constructor() {
    client.collectDefaultMetrics({ register: this.registry, prefix: 'pitstop_process_' });
  }
}
