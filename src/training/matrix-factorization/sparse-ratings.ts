// The ratings as a sparse matrix stored twice, by user and by item, which is what the two halves of an ALS sweep read.
import type { RatingsData } from './matrix-factorization-model.js';

/** Compressed rows: the entries of row r are at offsets[r] .. offsets[r + 1] - 1 of `others` and `values`. */
export interface SparseSide {
  readonly offsets: Int32Array;
  /** The column index (an item for byUser, a user for byItem). */
  readonly others: Int32Array;
  readonly values: Float64Array;
}

export interface SparseRatings {
  readonly userIds: string[];
  readonly itemIds: string[];
  readonly byUser: SparseSide;
  readonly byItem: SparseSide;
}

/**
 * Ids are sorted so the model does not depend on row order; each user's entries are sorted by item. With
 * `sumDuplicates`, repeated (user, item) pairs become one entry (implicit feedback: two plays are a stronger signal);
 * otherwise each is its own observation.
 */
export function toSparseRatings(data: RatingsData, sumDuplicates: boolean): SparseRatings {
  const userIds = sortedUnique(data.users);
  const itemIds = sortedUnique(data.items);
  const userIndex = new Map(userIds.map((id, index) => [id, index]));
  const itemIndex = new Map(itemIds.map((id, index) => [id, index]));
  const count = data.ratings.length;
  const users = Int32Array.from(data.users, (id) => userIndex.get(id)!);
  const items = Int32Array.from(data.items, (id) => itemIndex.get(id)!);
  // Sort the triples by (user, item, position): a stable order that groups duplicates.
  const order = Array.from({ length: count }, (_, i) => i).sort(
    (a, b) => users[a]! - users[b]! || items[a]! - items[b]! || a - b,
  );
  const entryUsers: number[] = [];
  const entryItems: number[] = [];
  const entryValues: number[] = [];
  for (const i of order) {
    const last = entryUsers.length - 1;
    if (sumDuplicates && last >= 0 && entryUsers[last] === users[i] && entryItems[last] === items[i]) {
      entryValues[last]! += data.ratings[i]!;
      continue;
    }
    entryUsers.push(users[i]!);
    entryItems.push(items[i]!);
    entryValues.push(data.ratings[i]!);
  }
  return {
    userIds,
    itemIds,
    byUser: compress(entryUsers, entryItems, entryValues, userIds.length),
    byItem: compress(entryItems, entryUsers, entryValues, itemIds.length),
  };
}

/** Groups entries by `rows`, keeping their order within each row (a counting sort, so it is stable). */
function compress(rows: number[], others: number[], values: number[], rowCount: number): SparseSide {
  const offsets = new Int32Array(rowCount + 1);
  for (const row of rows) offsets[row + 1]! += 1;
  for (let r = 0; r < rowCount; r++) offsets[r + 1]! += offsets[r]!;
  const next = offsets.slice(0, rowCount);
  const side = { offsets, others: new Int32Array(rows.length), values: new Float64Array(rows.length) };
  rows.forEach((row, entry) => {
    const at = next[row]!++;
    side.others[at] = others[entry]!;
    side.values[at] = values[entry]!;
  });
  return side;
}

function sortedUnique(ids: readonly string[]): string[] {
  // Code-unit order, not localeCompare, so the order is the same on every machine.
  return [...new Set(ids)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
