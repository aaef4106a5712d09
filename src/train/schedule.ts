import type { ScheduleSpec } from '../spec/schema.js';

/**
 * The learning rate of every step, from the spec's schedule: `step` and `exponential` change it
 * once per epoch (PyTorch's StepLR, ExponentialLR), `cosine` and `one_cycle` every step.
 * `plateau` is not a function of time: ReduceLROnPlateau (a callback) scales the rate instead.
 * `epoch` and `step` count from 0; `stepsPerEpoch` is the number of batches in an epoch.
 */
export function learningRateAt(
  schedule: ScheduleSpec | undefined,
  baseLr: number,
  epochs: number,
  stepsPerEpoch: number,
  epoch: number,
  step: number,
): number {
  if (schedule === undefined) return baseLr;
  const k = epoch * stepsPerEpoch + step;
  const total = epochs * stepsPerEpoch;
  switch (schedule.type) {
    case 'step':
      return baseLr * schedule.gamma ** Math.floor(epoch / schedule.stepSize);
    case 'exponential':
      return baseLr * schedule.gamma ** epoch;
    case 'cosine': {
      // linear warm-up to baseLr, then half a cosine down to minLr at the last step
      const warmup = Math.round(schedule.warmupEpochs * stepsPerEpoch);
      if (k < warmup) return (baseLr * (k + 1)) / warmup;
      const t = total > warmup + 1 ? (k - warmup) / (total - warmup - 1) : 1;
      return schedule.minLr + ((baseLr - schedule.minLr) * (1 + Math.cos(Math.PI * Math.min(t, 1)))) / 2;
    }
    case 'one_cycle': {
      // PyTorch's OneCycleLR, two phases with cosine annealing
      const maxLr = schedule.maxLr ?? baseLr;
      const initial = maxLr / schedule.divFactor;
      const final = initial / schedule.finalDivFactor;
      const peak = schedule.pctStart * total - 1;
      const anneal = (from: number, to: number, pct: number) => to + ((from - to) / 2) * (Math.cos(Math.PI * pct) + 1);
      if (k <= peak) return anneal(initial, maxLr, peak > 0 ? k / peak : 1);
      return anneal(maxLr, final, Math.min((k - peak) / (total - 1 - peak), 1));
    }
    case 'plateau':
      return baseLr;
  }
}
