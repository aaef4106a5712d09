/**
 * Whether splitting jobs between the threads pays right now, judged by timing them. On a quiet
 * machine the worker has a core of its own and GEMMs run 1.9 times as fast on two threads. On a
 * shared one, with other processes keeping the cores busy, the two threads take turns on what is
 * left: each runs at half speed and the hand-over (waking the worker, then waiting for its last
 * chunk, which it may be holding while descheduled) only adds time. Measured on this 2-core VM at
 * load 4-5: the MLP epoch took 5.6-7.9 s on one thread, 7.8-9.2 s with every GEMM split.
 *
 * So, per kernel, blocks of jobs alternate between the two modes, each block's median time per
 * unit of work (robust to a stray GC pause or preemption) is compared, and the faster mode runs
 * a long stretch before both are timed again, following the machine's load as it changes.
 * Probing costs the slower mode's excess on a few percent of the jobs; a mode that lost by far
 * is probed with fewer jobs, enough to see whether it still loses by far. Measured on a quiet
 * machine, where convolutions run twice as fast shared: full probes of solo cost 4% of the CNN's
 * epoch.
 */

export type Mode = 'shared' | 'solo';

type Phase = 'warm-up' | 'probe shared' | 'probe solo' | 'chosen';

/** The first jobs of a run are not timed: code tiers up and fresh memory faults in. */
const WARM_UP_JOBS = 32;
/** Jobs timed per mode; one more runs first, untimed, since it pays for the switch. */
const PROBE_JOBS = 16;
/** Jobs timed for a mode that took at least WIDE_GAP times as long as the other at its last probe. */
const SHORT_PROBE_JOBS = 4;
const WIDE_GAP = 1.5;
const CHOSEN_JOBS = 256;

interface KernelRecord {
  phase: Phase;
  mode: Mode;
  /** Jobs left in this phase. */
  left: number;
  /** How many of this probe's jobs are timed: the last ones. */
  timed: number;
  /** Milliseconds per unit of work of the timed jobs of this probe. */
  samples: number[];
  /** The median of the last probe of each mode. */
  shared: number;
  solo: number;
}

export class SharingPolicy {
  private readonly kernels = new Map<string, KernelRecord>();

  /** How the next job of `kernel` should run. */
  mode(kernel: string): Mode {
    return this.recordOf(kernel).mode;
  }

  /** Accounts a job of `kernel` run in the mode `mode` chose: `units` of work in `ms`. */
  record(kernel: string, units: number, ms: number): void {
    const r = this.recordOf(kernel);
    if (r.phase.startsWith('probe') && r.left <= r.timed) r.samples.push(ms / units);
    if (--r.left > 0) return;
    if (r.phase === 'probe shared') r.shared = median(r.samples);
    if (r.phase === 'probe solo') r.solo = median(r.samples);
    enter(r, r.phase === 'probe shared' ? 'probe solo' : r.phase === 'probe solo' ? 'chosen' : 'probe shared');
  }

  private recordOf(kernel: string): KernelRecord {
    let r = this.kernels.get(kernel);
    if (r === undefined) {
      r = { phase: 'warm-up', mode: 'shared', left: 0, timed: 0, samples: [], shared: Infinity, solo: Infinity };
      enter(r, 'warm-up');
      this.kernels.set(kernel, r);
    }
    return r;
  }
}

function enter(r: KernelRecord, phase: Phase): void {
  r.phase = phase;
  r.samples = [];
  if (phase === 'warm-up') [r.mode, r.left] = ['shared', WARM_UP_JOBS];
  else if (phase === 'chosen') [r.mode, r.left] = [r.shared <= r.solo ? 'shared' : 'solo', CHOSEN_JOBS];
  else {
    r.mode = phase === 'probe shared' ? 'shared' : 'solo';
    const [own, other] = r.mode === 'shared' ? [r.shared, r.solo] : [r.solo, r.shared];
    // both Infinity until each mode has been timed once
    const lostByFar = Number.isFinite(own) && own >= WIDE_GAP * other;
    r.timed = lostByFar ? SHORT_PROBE_JOBS : PROBE_JOBS;
    r.left = r.timed + 1;
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}
