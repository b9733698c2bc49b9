// The governance invariants of issue 17, as a matrix: every admin operation × every role × approval policy on and off,
// each cell in a freshly seeded world, on SQLite and PostgreSQL.
//   1. Under an approval policy no operation makes a version answer production traffic (primary route, live canary,
//      protected alias) unless it answered before, was in production before, or was approved in a request.
//   2. A role below the operation's refuses it (FORBIDDEN) and changes nothing, not even the audit log.
//   3. A change is audited with the operation's name, the person, the key and the door on every row it writes; a read
//      writes none.
import { describe, expect, it } from 'vitest';
import { executeOperation, roleAllows, type Caller } from '../src/operations/index.js';
import { ROLES, type Role, type Stores } from '../src/store/index.js';
import { testBackends } from './fixtures/backends.js';
import { ADMIN_OPERATIONS } from './fixtures/admin-operations.js';
import { buildWorldPackages, OPERATION_SCENARIOS, seedWorld, WORLD_MODEL, type OperationScenario, type World } from './fixtures/operation-scenarios.js';

const packages = await buildWorldPackages();

/** The versions answering production traffic now. */
async function answering(stores: Stores): Promise<Set<number>> {
  const { buildRoutingTable } = await import('../src/serving/routing/routing-table.js');
  const routes = buildRoutingTable({ versions: await stores.listVersions(WORLD_MODEL), aliases: await stores.listAliases(WORLD_MODEL), traffic: await stores.traffic.listTraffic() }).get(WORLD_MODEL);
  return new Set([routes?.primary, routes?.canary?.version, routes?.aliases.get('champion')].filter((v): v is number => v !== undefined && v !== null));
}

/** Versions a second person approved, or that were in production before (a rollback's target). */
async function sanctioned(stores: Stores): Promise<Set<number>> {
  const approved = (await stores.approvals.listRequests({ model: WORLD_MODEL, status: 'approved' })).map((r) => r.version);
  const wasProduction = (await stores.listAudit({ model: WORLD_MODEL, action: 'version.stage_changed' })).filter((e) => e.fromStage === 'production').map((e) => e.version!);
  return new Set([...approved, ...wasProduction]);
}

const cellName = (s: OperationScenario, index: number) => `${s.operation.name} #${index}`;

it('has a scenario for every admin operation', () => {
  const covered = new Set(OPERATION_SCENARIOS.map((s) => s.operation.name));
  expect(ADMIN_OPERATIONS.map((o) => o.name).filter((name) => !covered.has(name))).toEqual([]);
});

for (const backend of testBackends()) {
  describe.skipIf(backend.skipReason !== '')(`the governance matrix on ${backend.name}${backend.skipReason ? ` (skipped: ${backend.skipReason})` : ''}`, () => {
    OPERATION_SCENARIOS.forEach((scenario, index) => {
      for (const policy of [false, true]) {
        it(`${cellName(scenario, index)} with the approval policy ${policy ? 'on' : 'off'}, for every role`, async () => {
          // A world is seeded afresh only after an operation changed it: refusals and reads leave it as it was.
          let world: World | null = null;
          for (const role of ROLES) {
            world ??= await seedWorld((await backend.open()).store, packages, policy);
            const store = world.stores;
            const caller: Caller = { person: 'carol', keyId: 'psk_carol', role, door: 'http' };
            const before = { answering: await answering(store), audit: (await store.listAudit()).length };
            const deps = (await scenario.deps(world)) as { release?: () => Promise<void> };
            const input = scenario.input(world);
            const outcome = await executeOperation({ recordAudit: (e) => store.recordAudit(e) }, caller, scenario.operation, deps, input)
              .then((output) => ({ output, error: null }), (error: { code?: string; message: string }) => ({ output: null, error }))
              .finally(() => deps.release?.());
            const cell = `${cellName(scenario, index)}, ${role}, policy ${policy ? 'on' : 'off'}: ${outcome.error?.message ?? 'ok'}`;
            const rows = (await store.listAudit()).slice(before.audit);
            if (rows.length > 0) world = null;
            const after = await answering(store);
            const needed = typeof scenario.operation.role === 'function' ? scenario.operation.role(input).role : scenario.operation.role;

            if (!roleAllows(role as Role, needed)) {
              expect(outcome.error?.code, cell).toBe('FORBIDDEN');
              expect(rows, cell).toEqual([]);
              expect(after, cell).toEqual(before.answering);
              continue;
            }
            if (scenario.fails) expect(outcome.error?.code, cell).toBe(scenario.fails);
            else if (policy && scenario.refusedUnderPolicy) expect(outcome.error?.code, cell).toBe(scenario.refusedUnderPolicy);
            else expect(outcome.error, cell).toBeNull();
            if (policy) {
              const allowed = new Set([...before.answering, ...(await sanctioned(store))]);
              expect([...after].filter((v) => !allowed.has(v)), cell).toEqual([]);
            } else if (scenario.production === 'unless-policy') {
              expect(after, `${cell}: the scenario should change production without a policy`).not.toEqual(before.answering);
            }
            if (scenario.production === 'never') expect(after, cell).toEqual(before.answering);
            if (scenario.operation.audit === 'none' || outcome.error) {
              expect(rows, cell).toEqual([]);
            } else {
              expect(rows.length, cell).toBeGreaterThan(0);
              for (const row of rows) expect(row, cell).toMatchObject({ operation: scenario.operation.name, person: 'carol', keyId: 'psk_carol', door: 'http' });
            }
          }
        });
      }
    });
  });
}
