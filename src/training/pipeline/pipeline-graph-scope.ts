// Names and shared constants for the nodes a feature pipeline adds to a graph, so they never clash with each other
// or with a model's own: every name starts with `pipeline:`, and ':' cannot occur in a feature name.
import type { OnnxAttributeValue, OnnxGraphBuilder } from '../../onnx/index.js';

export const ML_DOMAIN = 'ai.onnx.ml';

export class PipelineGraphScope {
  private readonly used = new Set<string>();
  private readonly constants = new Map<string, string>();

  constructor(readonly builder: OnnxGraphBuilder) {}

  /** Adds a node with one output, named `pipeline:<feature>:<label>`, and returns that name. */
  node(opType: string, inputs: string[], feature: string, label: string, attributes: Record<string, OnnxAttributeValue> = {}, domain = ''): string {
    const output = this.fresh(`pipeline:${feature}:${label}`);
    this.builder.addNode(opType, inputs, [output], attributes, domain);
    return output;
  }

  /** A float32 scalar initializer, added once however often it is asked for. */
  float(value: number): string {
    return this.constant(`pipeline:float32:${value}`, () => this.builder.addInitializer(`pipeline:float32:${value}`, 'float32', [], [value]));
  }

  /** An int64 scalar initializer, added once. */
  int64(value: number): string {
    return this.constant(`pipeline:int64:${value}`, () => this.builder.addInitializer(`pipeline:int64:${value}`, 'int64', [], [value]));
  }

  /** An int64 vector initializer (e.g. Squeeze's axes), added once. */
  int64s(values: number[]): string {
    const name = `pipeline:int64s:${values.join(',')}`;
    return this.constant(name, () => this.builder.addInitializer(name, 'int64', [values.length], values));
  }

  private constant(name: string, add: () => void): string {
    if (!this.constants.has(name)) {
      add();
      this.constants.set(name, name);
      this.used.add(name);
    }
    return name;
  }

  private fresh(base: string): string {
    let name = base;
    for (let n = 2; this.used.has(name); n += 1) name = `${base}_${n}`;
    this.used.add(name);
    return name;
  }
}
