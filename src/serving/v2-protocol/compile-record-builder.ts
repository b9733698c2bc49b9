// Builds records from V2 columns with a generated object literal per column layout, the way compile-record-check does:
// constant property names let V8 give every record of a layout the same shape at once, where adding 256 members one
// by one walked 256 shape transitions per record (most of a wide V2 request's decoding time).
import type { FeatureRecord, FeatureValue } from '../../runtime/index.js';

/** One request tensor's features (its columns) and its values, flat and row-major. */
export interface ColumnGroup {
  readonly features: readonly string[];
  readonly values: readonly FeatureValue[];
}

type RecordBuilder = (groups: readonly ColumnGroup[], row: number) => FeatureRecord;

/** Layouts kept per cache; a caller mixing tensors in ever new ways only makes the cache start over. */
const MAX_LAYOUTS = 64;

export class RecordBuilders {
  private readonly byLayout = new Map<string, RecordBuilder>();

  /** The records the groups hold (every group has `rows` rows); `layout` names the groups' features, in order. */
  build(groups: readonly ColumnGroup[], rows: number, layout: string): FeatureRecord[] {
    const builder = this.builderFor(groups, layout);
    const records: FeatureRecord[] = new Array(rows);
    for (let r = 0; r < rows; r++) records[r] = builder(groups, r);
    return records;
  }

  private builderFor(groups: readonly ColumnGroup[], layout: string): RecordBuilder {
    let builder = this.byLayout.get(layout);
    if (!builder) {
      if (this.byLayout.size >= MAX_LAYOUTS) this.byLayout.clear();
      builder = compileRecordBuilder(groups.map((g) => g.features));
      this.byLayout.set(layout, builder);
    }
    return builder;
  }
}

function compileRecordBuilder(layout: readonly (readonly string[])[]): RecordBuilder {
  const members: string[] = [];
  layout.forEach((features, g) => {
    features.forEach((name, c) => {
      // A computed key defines "__proto__" as an own property; a literal one would set the prototype.
      const key = name === '__proto__' ? `[${JSON.stringify(name)}]` : JSON.stringify(name);
      members.push(`${key}: v${g}[r * ${features.length} + ${c}]`);
    });
  });
  const source = [
    'return function buildRecord(groups, r) {',
    ...layout.map((_, g) => `const v${g} = groups[${g}].values;`),
    `return { ${members.join(', ')} };`,
    '};',
  ].join('\n');
  return new Function(source)() as RecordBuilder;
}
