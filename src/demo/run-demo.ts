// `pitstop demo`: the whole life cycle on the embedded default, one numbered line per step, ending with a server the
// user can call (or closed, for CI).
import { setUpDemo, type DemoOptions } from './demo-setup.js';
import { runLifeCycle } from './demo-life-cycle.js';
import { DemoSteps, formatSeconds, shown } from './demo-steps.js';
import { APP, MODEL } from './eta-application.js';

export const DEMO_STEP_COUNT = 19;

export interface RunningDemo {
  readonly url: string;
  readonly home: string;
  readonly adminKey: string;
  /** Whether the server has an admin GUI at /ui. */
  readonly gui: boolean;
  readonly elapsedMs: number;
  /** Stops the server (finishing requests in flight) and closes the store. */
  close(): Promise<void>;
}

export async function runDemo(options: DemoOptions, write: (line: string) => void): Promise<RunningDemo> {
  const steps = new DemoSteps(DEMO_STEP_COUNT, write);
  const cleanup: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const step of cleanup.splice(0).reverse()) await step().catch(() => undefined);
  };
  try {
    const stage = await setUpDemo(options, steps, cleanup);
    await runLifeCycle(stage, steps);
    const gui = await steps.run('check the server', async () => {
      const docs = await stage.client.call('GET', '/docs/');
      const ui = await stage.client.call('GET', '/ui');
      return { docs: docs.status, ui: ui.status };
    }, ({ docs, ui }) => `ready at ${stage.url}: API docs at /docs (${docs}), admin GUI ${ui === 200 ? 'at /ui' : `not built yet (/ui answers ${ui})`}`);
    return { url: stage.url, home: stage.home, adminKey: stage.adminKey, gui: gui.ui === 200, elapsedMs: steps.elapsedMs, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** What to try next: the key (shown once), calls to make, and how the CLI reaches the demo's home. */
export function demoEpilogue(demo: RunningDemo, serving: boolean): string[] {
  const auth = `-H "authorization: Bearer ${demo.adminKey}"`;
  const home = shown(demo.home);
  return [
    '',
    `The whole life cycle ran in ${formatSeconds(demo.elapsedMs)}.`,
    `Admin API key (shown once; the demo home keeps only its salted hash): ${demo.adminKey}`,
    ...(serving
      ? [
        `Server: ${demo.url}   API docs: ${demo.url}/docs   admin GUI: ${demo.gui ? `${demo.url}/ui` : 'not built yet'}`,
        'Try:',
        `  curl -s ${demo.url}/v1/apps/${APP}/decide ${auth} -H "content-type: application/json" -d '{"restaurant_id": 7, "distance_km": 4.2, "hour": 19}'`,
        `  curl -s ${demo.url}/admin/models/${MODEL}/monitoring ${auth}`,
        `  PITSTOP_HOME=${home} npx pitstop versions ${MODEL}`,
        'Serving until Ctrl-C.',
      ]
      : [
        `Server stopped (--no-serve). Everything stays in ${home}:`,
        `  PITSTOP_HOME=${home} npx pitstop versions ${MODEL}`,
        `  PITSTOP_HOME=${home} npx pitstop serve --port 8080`,
      ]),
  ];
}
