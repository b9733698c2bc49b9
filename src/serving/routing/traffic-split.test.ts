import { describe, expect, it } from 'vitest';
import type { ModelRoutes } from './routing-table.js';
import { chooseRoute } from './traffic-split.js';

function routes(overrides: Partial<ModelRoutes> = {}): ModelRoutes {
  return { model: 'm', primary: 1, canary: null, shadow: null, servable: new Set([1, 2, 3]), aliases: new Map(), stages: new Map(), ...overrides };
}

/** A seeded generator, so the split tests are exact and repeatable. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 2 ** 32;
    return state / 2 ** 32;
  };
}

describe('choosing the version for a request', () => {
  it('sends everything to the primary without a canary', () => {
    expect(chooseRoute(routes(), null)).toEqual({ version: 1, route: 'primary', shadowVersion: null });
  });

  it('sends about the canary percentage to the canary (within ±3% over 5,000 requests)', () => {
    const random = seeded(42);
    let canary = 0;
    for (let i = 0; i < 5000; i++) if (chooseRoute(routes({ canary: { version: 2, percent: 10 } }), null, random)!.route === 'canary') canary++;
    expect(canary / 5000).toBeGreaterThan(0.07);
    expect(canary / 5000).toBeLessThan(0.13);
  });

  it('keeps one caller key on one side of the canary, and spreads many keys by the percentage', () => {
    const policy = routes({ canary: { version: 2, percent: 30 } });
    const first = chooseRoute(policy, 'user-7')!.version;
    for (let i = 0; i < 50; i++) expect(chooseRoute(policy, 'user-7', Math.random)!.version).toBe(first);
    let canary = 0;
    for (let i = 0; i < 5000; i++) if (chooseRoute(policy, `user-${i}`)!.route === 'canary') canary++;
    expect(canary / 5000).toBeGreaterThan(0.27);
    expect(canary / 5000).toBeLessThan(0.33);
  });

  it('copies the shadow percentage of requests to the shadow version', () => {
    const random = seeded(7);
    let shadowed = 0;
    for (let i = 0; i < 5000; i++) if (chooseRoute(routes({ shadow: { version: 3, percent: 25 } }), null, random)!.shadowVersion === 3) shadowed++;
    expect(shadowed / 5000).toBeGreaterThan(0.22);
    expect(shadowed / 5000).toBeLessThan(0.28);
    expect(chooseRoute(routes({ shadow: { version: 3, percent: 100 } }), null)!.shadowVersion).toBe(3);
  });

  it('never shadows a request to the version that answers it', () => {
    expect(chooseRoute(routes({ shadow: { version: 1, percent: 100 } }), null)!.shadowVersion).toBeNull();
  });

  it('has no route when the model has no primary version', () => {
    expect(chooseRoute(routes({ primary: null }), null)).toBeNull();
  });
});
