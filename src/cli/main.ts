// The `pitstop` command: global flags, command groups, and the one place errors become one line and an exit code.
import { Command, CommanderError } from 'commander';
import { isPitstopError, toPitstopError } from '../errors/index.js';
import { runCommand } from './command-runner.js';
import { registerFeedbackCommands } from './feedback-commands.js';
import { registerPackageCommands } from './package-commands.js';
import { registerRegistryCommands } from './registry-commands.js';
import { registerServingCommands } from './serving-commands.js';
import { registerRunCommands } from './run-commands.js';
import { registerTrainingCommands } from './training-commands.js';
import { registerMonitoringCommands } from './monitoring-commands.js';
import { registerLifecycleCommands } from './lifecycle-commands.js';
import { registerArchiveCommands } from './archive-commands.js';
import { registerAuditCommands } from './audit-commands.js';
import { registerApprovalCommands } from './approval-commands.js';
import { registerFeatureCommands } from './feature-commands.js';
import { registerRuleCommands } from './rule-commands.js';
import { registerCiCommands } from './ci-commands.js';
import { registerDemoCommands } from './demo-commands.js';

/** The version `pitstop --version` prints; package.json's. */
export const PITSTOP_VERSION = '0.1.0';

export function createProgram(): Command {
  const program = new Command('pitstop')
    .description('Package, register, serve, monitor and archive ONNX models. `pitstop --version` prints the version.')
    .option('--json', 'print machine-readable JSON')
    .option('--config <file>', 'a YAML config file (default: PITSTOP_CONFIG); flags and PITSTOP_* variables override it')
    .option('--home <dir>', 'Pitstop home (default: PITSTOP_HOME or ./.pitstop)')
    .option('--database-url <url>', 'sqlite:PATH or postgres://... (default: PITSTOP_DATABASE_URL or SQLite in the home)')
    .option('--actor <name>', 'who is acting, for the audit log (default: PITSTOP_ACTOR or user@host)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerPackageCommands(program, runCommand);
  registerRegistryCommands(program, runCommand);
  registerServingCommands(program, runCommand);
  registerTrainingCommands(program, runCommand);
  registerRunCommands(program, runCommand);
  registerFeedbackCommands(program, runCommand);
  registerMonitoringCommands(program, runCommand);
  registerLifecycleCommands(program, runCommand);
  registerArchiveCommands(program, runCommand);
  registerAuditCommands(program, runCommand);
  registerApprovalCommands(program, runCommand);
  registerFeatureCommands(program, runCommand);
  registerRuleCommands(program, runCommand);
  registerCiCommands(program, runCommand);
  registerDemoCommands(program, runCommand);
  for (const command of allCommands(program)) command.exitOverride();
  return program;
}

/** Runs the CLI and returns the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  // Only as the first argument: commander's own --version would also swallow a subcommand's --version option
  // (`pitstop package init --version 3`), since program options are recognised after subcommands too.
  if (argv.length === 3 && (argv[2] === '--version' || argv[2] === '-V')) {
    process.stdout.write(`${PITSTOP_VERSION}\n`);
    return 0;
  }
  try {
    await createProgram().parseAsync([...argv]);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander has already printed its message (or the help/version text).
      return error.exitCode === 0 ? 0 : 2;
    }
    const problem = toPitstopError(error);
    process.stderr.write(`pitstop: ${problem.code}: ${problem.message}\n`);
    if (!isPitstopError(error) && process.env.PITSTOP_DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
    return problem.exitCode;
  }
}

function allCommands(command: Command): Command[] {
  return command.commands.flatMap((c) => [c, ...allCommands(c)]);
}
