// The rule sets this server applies: the latest deployed version of each, compiled once. Refreshed whenever the
// registry's change revision moves (a deployment writes an audit event), so a new rule set applies without a restart.
import { PitstopError } from '../../errors/index.js';
import { compileRuleSet, type CompiledRuleSet } from '../../rules/index.js';
import type { RuleSetStore } from '../../store/index.js';

export interface ActiveRuleSet {
  readonly version: number;
  readonly digest: string;
  readonly compiled: CompiledRuleSet;
}

export class AppRuleSets {
  private active = new Map<string, ActiveRuleSet>();

  constructor(private readonly store: RuleSetStore, private readonly onCompileError?: (name: string, version: number, error: unknown) => void) {}

  /** Reloads what changed; a version that no longer compiles (a newer Pitstop's language) keeps the previous one in force. */
  async refresh(): Promise<void> {
    const next = new Map<string, ActiveRuleSet>();
    for (const summary of await this.store.list()) {
      const current = this.active.get(summary.name);
      if (current?.version === summary.latestVersion) {
        next.set(summary.name, current);
        continue;
      }
      const deployed = await this.store.get(summary.name, summary.latestVersion);
      if (!deployed) continue;
      try {
        next.set(summary.name, { version: deployed.version, digest: deployed.digest, compiled: compileRuleSet(deployed.source, { file: `${summary.name}.yaml` }) });
      } catch (error) {
        this.onCompileError?.(summary.name, deployed.version, error);
        if (current) next.set(summary.name, current);
      }
    }
    this.active = next;
  }

  get(name: string): ActiveRuleSet {
    const found = this.active.get(name);
    if (found) return found;
    const known = [...this.active.keys()];
    throw new PitstopError('APP_NOT_FOUND', `no application "${name}" is deployed here; deployed: ${known.join(', ') || 'none (deploy a rule set with `pitstop rules deploy FILE`)'}`, { field: 'app' });
  }

  names(): string[] {
    return [...this.active.keys()];
  }
}
