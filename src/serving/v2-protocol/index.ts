// The Open Inference Protocol V2 (KServe, Triton, MLServer) tensor codec: requests to records, predictions to outputs, metadata.
export { v2InputsToRecords, parseV2Request } from './v2-inputs-to-records.js';
export { predictionsToV2Outputs, checkRequestedV2Outputs } from './predictions-to-v2-outputs.js';
export { v2ModelMetadata, v2Datatype, V2_PLATFORM } from './v2-model-metadata.js';
export { MAX_DATA_DEPTH } from './v2-tensor-data.js';
export {
  V2_DATATYPES,
  V2InferenceRequestSchema,
  V2RequestInputSchema,
  V2RequestOutputSchema,
  V2InferenceResponseSchema,
  V2OutputSchema,
  V2ModelMetadataSchema,
  V2TensorMetadataSchema,
  V2ErrorSchema,
  V2InferenceRequestJsonSchema,
  V2InferenceResponseJsonSchema,
  V2ModelMetadataJsonSchema,
  V2ErrorJsonSchema,
  type V2Datatype,
  type V2InferenceRequest,
  type V2RequestInput,
  type V2Output,
  type V2InferenceResponse,
  type V2ModelMetadata,
  type V2TensorMetadata,
  type V2Error,
} from './v2-schemas.js';
export { elementCount, rawTensorBytes, rawTensorValues, utf8Text } from './v2-raw-tensors.js';
export { binaryV2Answer, readBinaryV2Request, INFERENCE_HEADER_LENGTH } from './v2-binary-tensors.js';
