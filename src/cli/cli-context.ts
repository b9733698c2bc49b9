// What every command receives: the output mode, configuration from global flags, and the services opened on demand.
import type { Command } from 'commander';
import type { Services } from '../bootstrap.js';
import { loadConfig, type Config } from '../config/index.js';
import { createOutput, type Output } from './output.js';

export interface GlobalOptions {
  json?: boolean;
  config?: string;
  home?: string;
  databaseUrl?: string;
  actor?: string;
}

export interface CliContext {
  readonly output: Output;
  readonly config: Config;
  /** The command's options merged with its parents' (a subcommand's `--reason` may be parsed by its parent). */
  readonly options: Readonly<Record<string, unknown>>;
  /** Opens the database and artifact store once, on first use; closed when the command ends. */
  services(): Promise<Services>;
}

export function contextOf(command: Command, state: { services?: Services }): CliContext {
  const options = command.optsWithGlobals<GlobalOptions>();
  const config = loadConfig(process.env, { configFile: options.config, home: options.home, databaseUrl: options.databaseUrl, actor: options.actor });
  return {
    output: createOutput(Boolean(options.json)),
    config,
    options: command.optsWithGlobals(),
    async services() {
      // Imported on first use: commands that open no store (package build, verify-bundle, ...) never load one.
      const { createServices } = await import('../bootstrap.js');
      state.services ??= await createServices(config);
      return state.services;
    },
  };
}
