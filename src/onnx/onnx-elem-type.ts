// Tensor element types Pitstop handles, named as onnxruntime-node names them, and their ONNX DataType numbers.

export type OnnxElemType =
  | 'float32'
  | 'float64'
  | 'int64'
  | 'int32'
  | 'int16'
  | 'int8'
  | 'uint8'
  | 'bool'
  | 'string'
  | 'float16';

// Numbers from onnx.proto's TensorProto.DataType; they are part of the file format and never change.
const DATA_TYPE_BY_ELEM_TYPE: Readonly<Record<OnnxElemType, number>> = {
  float32: 1,
  uint8: 2,
  int8: 3,
  int16: 5,
  int32: 6,
  int64: 7,
  string: 8,
  bool: 9,
  float16: 10,
  float64: 11,
};

const ELEM_TYPE_BY_DATA_TYPE = new Map<number, OnnxElemType>(
  Object.entries(DATA_TYPE_BY_ELEM_TYPE).map(([elemType, dataType]) => [dataType, elemType as OnnxElemType]),
);

/** The ONNX DataType number of an element type. */
export function onnxDataType(elemType: OnnxElemType): number {
  return DATA_TYPE_BY_ELEM_TYPE[elemType];
}

/** The element type of an ONNX DataType number, or undefined for types Pitstop does not handle (uint64, bfloat16, ...). */
export function elemTypeOfDataType(dataType: number | null | undefined): OnnxElemType | undefined {
  return dataType === null || dataType === undefined ? undefined : ELEM_TYPE_BY_DATA_TYPE.get(dataType);
}
