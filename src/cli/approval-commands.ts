// `pitstop policy | approvals | approve | reject`: the four-eyes rule for production. On the CLI the person is
// PITSTOP_ACTOR, which anyone with the database's credentials can set; over HTTP it is the API key's owner.
import type { Command } from 'commander';
import { PitstopError } from '../errors/index.js';
import { approvePromotionOperation, getPolicyOperation, listPromotionsOperation, rejectPromotionOperation, setPolicyOperation } from '../registry/operations/index.js';
import { registryOperationDeps, runCliOperation } from './cli-operation.js';
import type { CommandRunner } from './command-runner.js';
import { formatTable } from './output.js';

export function registerApprovalCommands(program: Command, run: CommandRunner): void {
  program
    .command('policy <model>')
    .description("show a model's policy, or require a second person's approval for production, or signed packages")
    .option('--require-approval', 'promotions to production need another admin to approve them')
    .option('--no-require-approval', 'promotions to production take effect at once')
    .option('--require-signature', 'every version registered from now on must be signed by a trusted key')
    .option('--no-require-signature', 'unsigned packages may be registered')
    .action(run(async (ctx, model: string, opts: { requireApproval?: boolean; requireSignature?: boolean }) => {
      const deps = await registryOperationDeps(ctx);
      if (opts.requireApproval !== undefined || opts.requireSignature !== undefined) {
        await runCliOperation(ctx, setPolicyOperation, deps, {
          model, ...(opts.requireApproval !== undefined && { requireApproval: opts.requireApproval }), ...(opts.requireSignature !== undefined && { requireSignature: opts.requireSignature }),
        });
      }
      const policy = await runCliOperation(ctx, getPolicyOperation, deps, { model });
      ctx.output.result(policy, () => [
        `${model}: promotions to production ${policy.requireApproval ? 'need approval by a second person' : 'take effect at once'}; new versions ${policy.requireSignature ? 'must be signed by a trusted key' : 'may be unsigned'}`,
        policy.updatedBy ? ` (set by ${policy.updatedBy} at ${policy.updatedAt})` : '',
      ].join(''));
    }));

  program
    .command('approvals')
    .description('promotion requests waiting for approval (--all: every request)')
    .option('--model <name>', 'only this model')
    .option('--all', 'approved, rejected and failed requests too')
    .action(run(async (ctx, opts: { model?: string; all?: boolean }) => {
      const { requests } = await runCliOperation(ctx, listPromotionsOperation, await registryOperationDeps(ctx), { ...(opts.model ? { model: opts.model } : {}), ...(opts.all ? {} : { status: 'pending' }) });
      ctx.output.result(requests, () => (requests.length === 0 ? (opts.all ? 'No promotion requests.' : 'No promotion waits for approval.') : formatTable(
        ['id', 'model', 'version', 'status', 'requested by', 'requested', 'reason', 'decided by'],
        requests.map((r) => [r.id, r.model, r.version, r.status, r.requestedBy, r.requestedAt.slice(0, 19), r.reason, r.decidedBy]),
      )));
    }));

  program
    .command('approve <request>')
    .description("approve someone else's promotion request; the version goes to production at once")
    .requiredOption('--reason <text>', 'why: recorded in the audit log')
    .action(run(async (ctx, request: string, opts: { reason: string }) => {
      const { request: approved, moves } = await runCliOperation(ctx, approvePromotionOperation, await registryOperationDeps(ctx), { request: requestId(request), reason: opts.reason });
      ctx.output.result({ request: approved, moves }, () => [`request #${approved.id} approved (asked by ${approved.requestedBy})`, ...moves.map((m) => `${approved.model} v${m.version}: ${m.from} → ${m.to}`)].join('\n'));
    }));

  program
    .command('reject <request>')
    .description('reject a promotion request')
    .requiredOption('--reason <text>', 'why: recorded in the audit log')
    .action(run(async (ctx, request: string, opts: { reason: string }) => {
      const { request: rejected } = await runCliOperation(ctx, rejectPromotionOperation, await registryOperationDeps(ctx), { request: requestId(request), reason: opts.reason });
      ctx.output.result(rejected, () => `request #${rejected.id} (${rejected.model} v${rejected.version}) rejected`);
    }));
}

function requestId(text: string): number {
  const id = Number(text.replace(/^#/, ''));
  if (!Number.isInteger(id) || id < 1) throw new PitstopError('USAGE', `REQUEST must be a request number such as 3, not "${text}"`, { field: 'request' });
  return id;
}
