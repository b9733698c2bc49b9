// Reads a V8 .cpuprofile (node --cpu-prof) and lists where the samples fell: self time per function, the top entries.
import fs from 'node:fs';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }
interface CpuProfile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

export interface ProfileEntry { readonly name: string; readonly share: number }

/** `skipMs`: leave out the first milliseconds of the profile (start-up, model loading, warm-up). */
export function topSelfTime(file: string, count = 15, skipMs = 0): ProfileEntry[] {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  let elapsedUs = 0;
  let counted = 0;
  for (const [i, id] of profile.samples.entries()) {
    elapsedUs += profile.timeDeltas[i] ?? 0;
    if (elapsedUs < skipMs * 1000) continue;
    counted++;
    const frame = byId.get(id)!.callFrame;
    const where = frame.url ? ` ${frame.url.replace(/^.*\/(node_modules\/|dist\/|src\/)/, '$1')}:${frame.lineNumber + 1}` : '';
    const name = `${frame.functionName || '(anonymous)'}${where}`;
    totals.set(name, (totals.get(name) ?? 0) + 1);
  }
  return [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, count).map(([name, n]) => ({ name, share: n / counted }));
}
