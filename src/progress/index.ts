// Progress of long work (reading, training, scoring): the interface capabilities report into, and its terminal line.
export { SILENT_PROGRESS, type Progress, type ProgressStage } from './progress.js';
export { progressLine, TerminalProgress, type ProgressTerminal } from './terminal-progress.js';
