// Turning bytes into an ONNX ModelProto and back, refusing anything that is not a usable model with a message that says why.
import { PitstopError } from '../errors/index.js';
import { int64ToNumber, onnxProto, type OnnxProto } from './onnx-proto.js';

/**
 * Decodes an ONNX ModelProto, throwing PitstopError('ONNX_INVALID') for empty, random or truncated bytes and for
 * models without a graph. Protobuf happily decodes many byte strings into an empty message, so the fields every
 * model has (ir_version, graph, opset_import) are checked too.
 */
export function decodeOnnxModel(bytes: Uint8Array): OnnxProto.ModelProto {
  if (bytes.length === 0) {
    throw new PitstopError('ONNX_INVALID', 'The ONNX model is empty (0 bytes).');
  }
  let model: OnnxProto.ModelProto;
  try {
    model = onnxProto().ModelProto.decode(bytes);
  } catch (cause) {
    throw new PitstopError('ONNX_INVALID', `The file is not an ONNX model: ${describeDecodeFailure(cause)}.`, { cause });
  }
  const irVersion = int64ToNumber(model.irVersion);
  if (irVersion <= 0) {
    throw new PitstopError('ONNX_INVALID', 'The file is not an ONNX model: it has no IR version (ModelProto.ir_version).');
  }
  if (!model.graph) {
    throw new PitstopError('ONNX_INVALID', 'The ONNX model has no graph (ModelProto.graph); the file may be truncated.');
  }
  // IR version 3 made opset_import mandatory; a file cut right after its graph loses it and would fail much later.
  if (irVersion >= 3 && model.opsetImport.length === 0) {
    throw new PitstopError(
      'ONNX_INVALID',
      'The ONNX model imports no operator set (ModelProto.opset_import); the file may be truncated.',
    );
  }
  if ((model.graph.output ?? []).length === 0) {
    throw new PitstopError('ONNX_INVALID', 'The ONNX model graph has no outputs.');
  }
  checkDomainsImported(model);
  return model;
}

/**
 * A node whose domain has no opset import cannot load; it is also what a file cut between two opset imports looks like.
 * The default domain is exempt: onnxruntime assumes its latest opset when a model does not import it.
 */
function checkDomainsImported(model: OnnxProto.ModelProto): void {
  const normalize = (domain: string | null | undefined): string => (domain === 'ai.onnx' ? '' : (domain ?? ''));
  const known = new Set([
    ...model.opsetImport.map((opset) => normalize(opset.domain)),
    // Local functions are called as operators of their own domain.
    ...model.functions.map((fn) => normalize(fn.domain)),
  ]);
  const domains = (model.graph?.node ?? []).map((node) => normalize(node.domain));
  const missing = domains.find((domain) => domain !== '' && !known.has(domain));
  if (missing !== undefined && model.opsetImport.length > 0) {
    throw new PitstopError(
      'ONNX_INVALID',
      `The ONNX model uses operators of domain '${missing}' but imports no opset for it; the file may be truncated.`,
    );
  }
}

/**
 * Encodes a ModelProto. Fields added to ONNX after 1.10 (the schema onnx-proto was generated from) are not known to
 * the decoder and are dropped by a decode/encode round trip; removeZipMap splices bytes instead to keep them.
 */
export function encodeOnnxModel(model: OnnxProto.IModelProto): Uint8Array {
  // On Node, protobufjs returns a Buffer that may be a view into a shared pool; callers get bytes of their own.
  return new Uint8Array(onnxProto().ModelProto.encode(model).finish());
}

function describeDecodeFailure(cause: unknown): string {
  const message = cause instanceof Error ? cause.message : String(cause);
  // protobufjs reports reading past the end as "index out of range: 10 + 200 > 120".
  const truncated = message.startsWith('index out of range');
  return truncated ? `it ends in the middle of a field, so it is truncated or not protobuf (${message})` : message;
}
