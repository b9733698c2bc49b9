import { describe, expect, it } from 'vitest';
import { exactShapley } from './exact-shapley.js';
import { conditionalTreeValue, type ScoredTree, type ScoredTreeNode } from './scored-tree.js';
import { seededRandom } from './seeded-random.js';
import { addTreeShap } from './tree-shap.js';

const FEATURES = 5;

/**
 * A full tree of the given depth whose splits draw from only FEATURES features, so paths split on the same feature
 * again (TreeSHAP's unwinding), with covers that add up and some branches no reference row reached.
 */
function randomTree(depth: number, random: () => number): ScoredTree {
  const nodes: ScoredTreeNode[] = [];
  const grow = (level: number, cover: number): number => {
    const index = nodes.length;
    if (level === depth) {
      nodes.push({ mode: 'LEAF', feature: 0, threshold: 0, trueChild: 0, falseChild: 0, missingTracksTrue: false, cover, value: random() * 10 - 5 });
      return index;
    }
    const node: ScoredTreeNode = { mode: 'BRANCH_LEQ', feature: Math.floor(random() * FEATURES), threshold: random(), trueChild: 0, falseChild: 0, missingTracksTrue: random() < 0.5, cover, value: 0 };
    nodes.push(node);
    const share = random() < 0.1 ? 0 : random();
    node.trueChild = grow(level + 1, cover * share);
    node.falseChild = grow(level + 1, cover * (1 - share));
    return index;
  };
  grow(0, 100);
  return nodes;
}

describe('addTreeShap', () => {
  it('matches the brute-force Shapley values over all coalitions on deep trees that split on a feature again', () => {
    const random = seededRandom(3);
    for (let trial = 0; trial < 20; trial += 1) {
      const trees = [randomTree(3 + (trial % 6), random), randomTree(8, random)];
      const row = Array.from({ length: FEATURES }, () => (random() < 0.1 ? Number.NaN : random()));
      const phi = new Float64Array(FEATURES);
      for (const tree of trees) addTreeShap(tree, row, phi);
      const exact = exactShapley(FEATURES, (coalition) => trees.reduce((sum, tree) => sum + conditionalTreeValue(tree, row, (feature) => (coalition & (1 << feature)) !== 0), 0));
      phi.forEach((value, feature) => expect(Math.abs(value - exact[feature]!), `trial ${trial}, feature ${feature}`).toBeLessThan(1e-9));
    }
  });

  it('gives the same answers whichever tree it explained before (the path buffer is reused)', () => {
    const random = seededRandom(5);
    const [deep, shallow] = [randomTree(9, random), randomTree(2, random)];
    const row = [0.1, 0.9, 0.4, 0.6, 0.3];
    const alone = new Float64Array(FEATURES);
    addTreeShap(shallow, row, alone);
    const afterDeep = new Float64Array(FEATURES);
    addTreeShap(deep, row, new Float64Array(FEATURES));
    addTreeShap(shallow, row, afterDeep);
    expect([...afterDeep]).toEqual([...alone]);
  });
});
