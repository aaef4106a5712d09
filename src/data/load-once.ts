/**
 * `loadDataOnce`: loadData, remembering the last few results. The trials of a doctor race and
 * the runs of an experiment are created one after another in the same thread on the same data;
 * each loaded and normalised its own copy (about 3 s for Fashion-MNIST, most of it the first
 * touch of 200 MB of fresh memory). A worker of a queue takes the jobs of a few runs at once
 * (Runners' lanes), so a few data sets are kept, the least recently used dropped first.
 *
 * The splits are shared, so nothing may write into them: training copies every batch out of
 * them (batches.ts), and normalization makes new arrays.
 */
import type { DataSpec, DataSplits } from './dataset.js';
import { loadData } from './load.js';
import type { LoadContext } from './sources.js';

const KEPT = 4;
/** Most recently used last. */
const recent: { key: string; data: Promise<DataSplits> }[] = [];

export function loadDataOnce(spec: DataSpec, ctx: LoadContext): Promise<DataSplits> {
  // the seed draws synthetic data only; other sources are the same under every seed
  const seed = spec.source.startsWith('synthetic:') ? ctx.seed : null;
  const key = JSON.stringify([spec, seed, ctx.specDir, ctx.specFile, process.env.REMEDY_DATA ?? null]);
  const at = recent.findIndex((r) => r.key === key);
  const entry = at >= 0 ? recent.splice(at, 1)[0] : { key, data: loadData(spec, ctx) };
  if (at < 0) {
    // a failure (a file briefly away, a share not mounted yet) is not kept: the next call tries again
    entry.data.catch(() => {
      const i = recent.indexOf(entry);
      if (i >= 0) recent.splice(i, 1);
    });
  }
  recent.push(entry);
  if (recent.length > KEPT) recent.shift();
  return entry.data;
}
