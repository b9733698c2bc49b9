// Wraps a command's action: builds its context, runs it, closes the services it opened.
import type { Command } from 'commander';
import type { Services } from '../bootstrap.js';
import { contextOf, type CliContext } from './cli-context.js';

// commander passes the positional arguments, then the options object, then the Command itself.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type CommandRunner = (action: (ctx: CliContext, ...args: any[]) => Promise<void>) => (...args: unknown[]) => Promise<void>;

export const runCommand: CommandRunner = (action) =>
  async (...args: unknown[]) => {
    const command = args[args.length - 1] as Command;
    const state: { services?: Services } = {};
    try {
      await action(contextOf(command, state), ...args.slice(0, -1));
    } finally {
      await state.services?.close();
    }
  };
