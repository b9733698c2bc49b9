// A coloured pill with words on it: colour for a glance, words so it is never the colour alone that tells.
import type { Light, Stage } from '../api/types.js';

const LIGHT_WORDS: Record<Light, string> = { green: 'OK', amber: 'Watch', red: 'Alert', unknown: 'No data' };

export function StatusPill({ light, label, title }: { light: Light; label?: string; title?: string }) {
  return <span className={`pill pill-${light}`} title={title}>{label ?? LIGHT_WORDS[light]}</span>;
}

const STAGE_LIGHTS: Record<Stage, string> = { production: 'green', staging: 'blue', registered: 'grey', decommissioned: 'amber', archived: 'dark' };

export function StagePill({ stage }: { stage: Stage }) {
  return <span className={`pill pill-${STAGE_LIGHTS[stage]}`} data-stage={stage}>{stage}</span>;
}
