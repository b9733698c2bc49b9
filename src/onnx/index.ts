// Reading, inspecting, rewriting and building ONNX model protobufs. A bottom-layer folder: it imports only src/errors.
export { decodeOnnxModel, encodeOnnxModel } from './decode-onnx-model.js';
export {
  describeOnnxModel,
  describeOnnxModelProto,
  type OnnxModelDescription,
  type OnnxOpset,
  type OnnxShape,
  type OnnxValueInfo,
} from './describe-onnx-model.js';
export type { OnnxElemType } from './onnx-elem-type.js';
export type { OnnxProto } from './onnx-proto.js';
export { removeZipMap, type ZipMapRemoval } from './remove-zip-map.js';
export {
  OnnxGraphBuilder,
  type OnnxAttributeValue,
  type OnnxInitializerType,
  type OnnxModelOptions,
  type OnnxTypeSpec,
} from './onnx-graph-builder.js';
