import ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { linearRegressorOnnx, mixedInputsOnnx } from '../../test/fixtures/onnx-models.js';
import { sklearnOnnxModels } from '../../test/fixtures/third-party-data.js';
import { decodeOnnxModel, describeOnnxModel, encodeOnnxModel, type OnnxValueInfo } from './index.js';

/** What onnxruntime-node reports for a value, in OnnxValueInfo's terms (it shows an unknown dimension as ''). */
function asOnnxRuntimeSees(value: OnnxValueInfo): unknown {
  if (value.kind !== 'tensor') return { name: value.name, isTensor: false };
  return { name: value.name, isTensor: true, type: value.elemType, shape: (value.shape ?? []).map((dim) => dim ?? '') };
}

const byFile = new Map(sklearnOnnxModels().map(({ file, bytes }) => [file, describeOnnxModel(bytes)]));

describe('describeOnnxModel', () => {
  it.each(sklearnOnnxModels())('agrees with onnxruntime-node on the inputs and outputs of $file', async ({ bytes }) => {
    const description = describeOnnxModel(bytes);
    const session = await ort.InferenceSession.create(bytes);
    try {
      expect(description.inputs.map(asOnnxRuntimeSees)).toEqual(session.inputMetadata);
      expect(description.outputs.map(asOnnxRuntimeSees)).toEqual(session.outputMetadata);
    } finally {
      await session.release();
    }
  });

  it('shows pipeline_titanic as five [N,1] inputs, strings and floats, with the batch dimension unknown', () => {
    expect(byFile.get('pipeline_titanic.onnx')?.inputs).toEqual([
      { name: 'pclass', kind: 'tensor', elemType: 'string', shape: [null, 1] },
      { name: 'sex', kind: 'tensor', elemType: 'string', shape: [null, 1] },
      { name: 'age', kind: 'tensor', elemType: 'float32', shape: [null, 1] },
      { name: 'fare', kind: 'tensor', elemType: 'float32', shape: [null, 1] },
      { name: 'embarked', kind: 'tensor', elemType: 'string', shape: [null, 1] },
    ]);
  });

  it('shows the onnxmltools models with a batch fixed at 1 and probabilities as a sequence', () => {
    const fixed = [...byFile].filter(([file]) => file.startsWith('Sklearn'));
    expect(fixed).toHaveLength(3);
    for (const [, description] of fixed) {
      expect(description.inputs[0]?.shape?.[0]).toBe(1);
      expect(description.outputs.find((output) => output.name === 'probabilities')?.kind).toBe('sequence');
    }
  });

  it('lists every *probabilit* output of the shared models as a sequence', () => {
    for (const description of byFile.values()) {
      const probabilities = description.outputs.filter((output) => output.name.includes('probabilit'));
      expect(probabilities.map((output) => output.kind)).toEqual(['sequence']);
    }
  });

  it('reports producer, IR version, opsets (the default domain as ai.onnx) and distinct operators', () => {
    expect(byFile.get('logreg_iris.onnx')).toMatchObject({
      irVersion: 7,
      producer: { name: 'skl2onnx', version: '1.11.2' },
      opsets: [
        { domain: 'ai.onnx', version: 9 },
        { domain: 'ai.onnx.ml', version: 1 },
      ],
      operators: ['ai.onnx.ml:LinearClassifier', 'ai.onnx.ml:Normalizer', 'ai.onnx.ml:ZipMap', 'ai.onnx:Cast'],
    });
    expect(byFile.get('SklearnBinGradientBoostingClassifier.model.onnx')).toMatchObject({
      irVersion: 3,
      producer: { name: 'OnnxMLTools', version: '1.3.1' },
      opsets: [{ domain: 'ai.onnx.ml', version: 1 }],
    });
  });

  it('keeps symbolic dimensions by name and reads metadata', () => {
    const model = decodeOnnxModel(mixedInputsOnnx());
    model.metadataProps = [{ key: 'author', value: 'pitstop' }];
    const description = describeOnnxModel(encodeOnnxModel(model));
    expect(description.metadata).toEqual({ author: 'pitstop' });
    expect(description.graphName).toBe('mixed_inputs');
    expect(description.inputs.map((input) => [input.name, input.elemType, input.shape])).toEqual([
      ['category', 'string', ['N', 1]],
      ['amount', 'float32', ['N', 1]],
    ]);
    expect(description.operators).toEqual(['ai.onnx.ml:LabelEncoder', 'ai.onnx:Add', 'ai.onnx:Concat', 'ai.onnx:MatMul']);
  });

  it('does not list initializers as inputs when an old IR version also declares them in graph.input', () => {
    const model = decodeOnnxModel(linearRegressorOnnx({ weights: [1, 2], bias: 0 }));
    model.irVersion = 3;
    model.graph?.input?.push(
      { name: 'coefficients', type: { tensorType: { elemType: 1, shape: { dim: [{ dimValue: 2 }, { dimValue: 1 }] } } } },
      { name: 'intercept', type: { tensorType: { elemType: 1, shape: { dim: [{ dimValue: 1 }] } } } },
    );
    expect(describeOnnxModel(encodeOnnxModel(model)).inputs.map((input) => input.name)).toEqual(['input']);
  });
});
