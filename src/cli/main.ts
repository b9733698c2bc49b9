// The `pitstop` command: global flags, command groups, and the one place errors become one line and an exit code.
import { Command, CommanderError } from 'commander';
import { isPitstopError, toPitstopError } from '../errors/index.js';
import { PITSTOP_VERSION } from '../pitstop-version.js';
import { groupsFor } from './command-groups.js';

/** The `pitstop` program with the commands `argv` can run (all of them without `argv`). */
export async function createProgram(argv?: readonly string[]): Promise<Command> {
  const program = new Command('pitstop')
    .description('Package, register, serve, monitor and archive ONNX models. `pitstop --version` prints the version.')
    .option('--json', 'print machine-readable JSON')
    .option('--config <file>', 'a YAML config file (default: PITSTOP_CONFIG); flags and PITSTOP_* variables override it')
    .option('--home <dir>', 'Pitstop home (default: PITSTOP_HOME or ./.pitstop)')
    .option('--database-url <url>', 'sqlite:PATH or postgres://... (default: PITSTOP_DATABASE_URL or SQLite in the home)')
    .option('--actor <name>', 'who is acting, for the audit log (default: PITSTOP_ACTOR or user@host)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  // Imported here rather than above, so that `pitstop --version` loads neither the configuration nor any command.
  const { runCommand } = await import('./command-runner.js');
  const groups = groupsFor(argv && commandOf(program, argv.slice(2)));
  for (const register of await Promise.all(groups.map((group) => group.load()))) register(program, runCommand);
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
    await (await createProgram(argv)).parseAsync([...argv]);
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

/** The command a command line names: its first operand after the program's own options and their values. */
function commandOf(program: Command, args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('-')) return arg;
    const option = program.options.find((o) => o.long === arg.split('=')[0]);
    // --help or a mistake: commander answers it with every command registered.
    if (!option) return undefined;
    if (option.required && !arg.includes('=')) i++;
  }
  return undefined;
}
