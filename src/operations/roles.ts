// Roles and what each may do: a higher role includes every permission of the lower ones.
import type { Role } from '../store/index.js';

const RANK: Record<Role, number> = { viewer: 0, predictor: 1, deployer: 2, admin: 3 };

export function roleAllows(held: Role, needed: Role): boolean {
  return RANK[held] >= RANK[needed];
}
