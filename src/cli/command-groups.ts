// The command groups and the commands each defines. A group's module (and what it imports: the server, training,
// onnxruntime, ...) is loaded only when one of its commands runs, so `pitstop models` does not pay for `pitstop serve`.
import type { Command } from 'commander';
import type { CommandRunner } from './command-runner.js';

type RegisterCommands = (program: Command, run: CommandRunner) => void;

export interface CommandGroup {
  /** Its top-level commands; test/cli-lazy-loading.test.ts checks them against what the group registers. */
  readonly commands: readonly string[];
  load(): Promise<RegisterCommands>;
}

/** In the order `pitstop --help` lists them. */
export const COMMAND_GROUPS: readonly CommandGroup[] = [
  { commands: ['package'], load: async () => (await import('./package-commands.js')).registerPackageCommands },
  { commands: ['init', 'register', 'models', 'versions', 'show', 'stage', 'alias', 'history'], load: async () => (await import('./registry-commands.js')).registerRegistryCommands },
  { commands: ['serve', 'keys', 'traffic'], load: async () => (await import('./serving-commands.js')).registerServingCommands },
  { commands: ['evaluate', 'train'], load: async () => (await import('./training-commands.js')).registerTrainingCommands },
  { commands: ['runs'], load: async () => (await import('./run-commands.js')).registerRunCommands },
  { commands: ['feedback'], load: async () => (await import('./feedback-commands.js')).registerFeedbackCommands },
  { commands: ['monitor', 'alerts'], load: async () => (await import('./monitoring-commands.js')).registerMonitoringCommands },
  { commands: ['promote', 'rollback', 'replay', 'explain'], load: async () => (await import('./lifecycle-commands.js')).registerLifecycleCommands },
  { commands: ['archive'], load: async () => (await import('./archive-commands.js')).registerArchiveCommands },
  { commands: ['export-audit', 'verify-bundle'], load: async () => (await import('./audit-commands.js')).registerAuditCommands },
  { commands: ['policy', 'approvals', 'approve', 'reject'], load: async () => (await import('./approval-commands.js')).registerApprovalCommands },
  { commands: ['features'], load: async () => (await import('./feature-commands.js')).registerFeatureCommands },
  { commands: ['rules'], load: async () => (await import('./rule-commands.js')).registerRuleCommands },
  { commands: ['ci'], load: async () => (await import('./ci-commands.js')).registerCiCommands },
  { commands: ['demo'], load: async () => (await import('./demo-commands.js')).registerDemoCommands },
];

/**
 * The groups to register for a command line: the one that defines its command, or all of them when there is no
 * command or an unknown one (so `--help`, `help` and commander's "did you mean" see every command).
 */
export function groupsFor(command: string | undefined): readonly CommandGroup[] {
  const group = command === undefined ? undefined : COMMAND_GROUPS.find((g) => g.commands.includes(command));
  return group ? [group] : COMMAND_GROUPS;
}
