// Runs a process to its end and measures it from outside: wall time, CPU time and peak resident memory (the kernel's
// high-water mark, VmHWM, and utime + stime, read from /proc while it runs), so Node and Python are measured alike.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';

export interface Measured {
  readonly seconds: number;
  /** Bytes; 0 where /proc is not available. */
  readonly peakRss: number;
  /** User + system seconds of all its threads, as last read (up to 20 ms before it exits); 0 without /proc. */
  readonly cpuSeconds: number;
  readonly stdout: string;
}

export function runMeasured(command: string, args: readonly string[], env: Record<string, string>): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let peakRss = 0;
    let cpuSeconds = 0;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    // VmHWM only grows, so the last reading before exit is the peak to within one interval's growth.
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, highWaterMark(child.pid));
      cpuSeconds = Math.max(cpuSeconds, cpuTime(child.pid));
    }, 20);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(sampler);
      const seconds = (performance.now() - started) / 1000;
      if (code !== 0) reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr}`));
      else resolve({ seconds, peakRss, cpuSeconds, stdout });
    });
  });
}

function highWaterMark(pid: number | undefined): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
    return kib ? Number(kib) * 1024 : 0;
  } catch {
    return 0;
  }
}

// Fields 14 and 15 of /proc/PID/stat, in clock ticks (100 per second on Linux).
function cpuTime(pid: number | undefined): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]! ) / 2;
}
