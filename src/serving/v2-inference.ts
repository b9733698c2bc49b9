// The V2 data plane behind both V2 doors (HTTP and gRPC): without a version, traffic chooses (canary, shadow) exactly
// as for /v1, then the chosen version's manifest reads the tensors, and the predictions go back out as V2 outputs.
import { PitstopError } from '../errors/index.js';
import type { PredictionService } from './prediction-service.js';
import { PITSTOP_VERSION } from '../pitstop-version.js';
import { checkRequestedV2Outputs, predictionsToV2Outputs, v2InputsToRecords, v2ModelMetadata, type V2ModelMetadata, type V2Output } from './v2-protocol/index.js';

/** What the V2 server metadata lists; `binary_tensor_data` is Triton's name for raw tensors after the JSON header. */
export const V2_SERVER_METADATA = Object.freeze({ name: 'pitstop', version: PITSTOP_VERSION, extensions: Object.freeze(['binary_tensor_data']) });

export interface V2InferCall {
  readonly model: string;
  /** The version as the caller wrote it (a path segment, a gRPC field); absent or empty: traffic chooses. */
  readonly version?: string | undefined;
  readonly body: { readonly id?: string; readonly outputs?: readonly { readonly name: string }[] } & Record<string, unknown>;
  readonly caller: string | null;
  readonly stickyKey: string | null;
  readonly requestId: string | null;
}

export interface V2InferAnswer {
  readonly model_name: string;
  readonly model_version: string;
  readonly id?: string;
  readonly parameters: { readonly prediction_ids: readonly string[] };
  readonly outputs: V2Output[];
}

export async function inferV2(predictions: PredictionService, call: V2InferCall): Promise<V2InferAnswer> {
  const version = call.version === undefined || call.version === '' ? undefined : parseV2Version(call.version);
  const requested = call.body.outputs?.map((o) => o.name);
  const result = await predictions.predict({
    model: call.model, version, body: call.body, caller: call.caller, stickyKey: call.stickyKey, requestId: call.requestId,
    decode: (manifest) => {
      // Refuse unknown output names before predicting, so a bad request is never run or logged.
      checkRequestedV2Outputs(manifest, requested);
      return { records: v2InputsToRecords(manifest, call.body) };
    },
  });
  return {
    model_name: result.model.name,
    model_version: String(result.model.version),
    ...(call.body.id !== undefined ? { id: call.body.id } : {}),
    parameters: { prediction_ids: result.predictionIds },
    outputs: predictionsToV2Outputs(result.manifest, result.predictions, requested),
  };
}

export function parseV2Version(text: string): number {
  if (!/^\d{1,15}$/.test(text)) throw new PitstopError('VERSION_NOT_FOUND', `model version "${text}" is not a version number`, { field: 'version' });
  return Number(text);
}

/** Model metadata: the served versions, and the inputs and outputs of the one named (or the production one). */
export function v2Metadata(predictions: PredictionService, model: string, version?: string): V2ModelMetadata {
  const loaded = resolveV2(predictions, model, version);
  const routes = predictions.routesOf(model);
  return v2ModelMetadata(model, [...routes.servable].sort((a, b) => a - b).map(String), loaded.manifest, loaded.outputWidths);
}

/** Whether the version named (or production) is loaded and can answer. */
export function v2ModelReady(predictions: PredictionService, model: string, version?: string): boolean {
  try {
    resolveV2(predictions, model, version);
    return true;
  } catch {
    return false;
  }
}

function resolveV2(predictions: PredictionService, model: string, version: string | undefined) {
  return version === undefined || version === '' ? predictions.resolve(model) : predictions.resolve(model, parseV2Version(version));
}
