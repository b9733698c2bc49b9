// `pitstop demo`: the quick start. Runs the whole life cycle of a food-delivery ETA model on a fresh embedded home and
// leaves the server running (or, with --no-serve, exits when done).
import type { Command } from 'commander';
import { DEFAULT_DEMO_HOME, demoEpilogue, runDemo } from '../demo/index.js';
import { PitstopError } from '../errors/index.js';
import { wholeNumber } from './cli-arguments.js';
import type { CommandRunner } from './command-runner.js';

interface DemoCommandOptions {
  port: string;
  serve: boolean;
  seed: string;
  fresh?: boolean;
}

export function registerDemoCommands(program: Command, run: CommandRunner): void {
  program
    .command('demo')
    .description(`run the whole life cycle on synthetic food-delivery data: train, package, register, promote, serve, traffic, labels, drift, alert, retrain, evaluate, promote, archive, replay, explain (home: --home, default ./${DEFAULT_DEMO_HOME})`)
    .option('--port <n>', 'port to serve on (0: any free port)', '0')
    .option('--no-serve', 'stop the server and exit when the demo is done (for CI)')
    .option('--seed <n>', 'seed of the synthetic world', '42')
    .option('--fresh', 'wipe the demo home of an earlier run first')
    .action(run(async (ctx, opts: DemoCommandOptions) => {
      if (ctx.options.databaseUrl !== undefined) throw new PitstopError('USAGE', 'the demo always runs on the embedded default (SQLite in its home); leave out --database-url', { field: 'database-url' });
      const demo = await runDemo({
        home: typeof ctx.options.home === 'string' ? ctx.options.home : DEFAULT_DEMO_HOME,
        fresh: opts.fresh === true,
        port: portNumber(opts.port),
        seed: wholeNumber(opts.seed, '--seed'),
        actor: ctx.config.actor,
      }, (line) => process.stdout.write(`${line}\n`));
      process.stdout.write(`${demoEpilogue(demo, opts.serve).join('\n')}\n`);
      if (!opts.serve) return demo.close();
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.stderr.write('pitstop: stopping the demo server: finishing requests in flight and flushing the prediction log\n');
          demo.close().then(resolve, resolve);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    }));
}

/** 0 (any free port) to 65535. */
function portNumber(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 65_535) throw new PitstopError('USAGE', `--port must be a whole number from 0 to 65535, not "${text}"`, { field: 'port' });
  return value;
}
