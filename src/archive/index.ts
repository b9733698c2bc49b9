// Reproducibility: replaying logged decisions with the exact package that made them (archiving and explanations follow).
export { replayPrediction, replayRecord, ReplaySessions, REPLAY_TOLERANCE, type ReplayDeps, type ReplayResult } from './replay.js';
export { replayRange, type ReplayRangeQuery, type ReplayRangeReport } from './replay-range.js';
