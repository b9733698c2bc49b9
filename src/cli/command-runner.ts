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
    let context: CliContext | undefined;
    try {
      context = contextOf(command, state);
      await action(context, ...args.slice(0, -1));
    } finally {
      // A failed command's error line must not land on a half-drawn progress line.
      context?.output.progress.end();
      await state.services?.close();
    }
  };
