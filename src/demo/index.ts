// The quick-start demo: a food-delivery ETA application taken through Pitstop's whole life cycle.
export { runDemo, demoEpilogue, DEMO_STEP_COUNT, type RunningDemo } from './run-demo.js';
export { DEFAULT_DEMO_HOME } from './demo-home.js';
export type { DemoOptions } from './demo-setup.js';
export { APP as DEMO_APP, MODEL as DEMO_MODEL, RMSE_ALERT as DEMO_RMSE_ALERT } from './eta-application.js';
