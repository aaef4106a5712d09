/**
 * `loadDataOnce`: loadData, remembering the last few results. The trials of a doctor race and
 * the runs of an experiment are created one after another in the same thread on the same data;
 * each loaded and normalised its own copy (about 3 s for Fashion-MNIST, most of it the first
 * touch of 200 MB of fresh memory). A worker of a queue takes the jobs of a few runs at once
 * (Runners' lanes), and a doctor tries edits of the data section (normalization), so a few data
 * sets are kept, the least recently used dropped first.
 *
 * The spec's file is not part of what is remembered: it only names the file in an error. The
 * doctor's cases are spec files in one folder on the same data, and each loaded it anew (nine
 * loads for one set on the first seed of the duel table). A failed load reaches only its own
 * caller with its file's name: another caller of the same load tries again with its own.
 *
 * The splits are shared, so nothing may write into them: training copies every batch out of
 * them (batches.ts), and normalization makes new arrays.
 */
import type { DataSpec, DataSplits } from './dataset.js';
import { loadData } from './load.js';
import type { LoadContext } from './sources.js';

const KEPT = 6;
/** Most recently used last. */
const recent: { key: string; specFile: string; data: Promise<DataSplits> }[] = [];

export function loadDataOnce(spec: DataSpec, ctx: LoadContext): Promise<DataSplits> {
  // the seed draws synthetic data only; other sources are the same under every seed
  const seed = spec.source.startsWith('synthetic:') ? ctx.seed : null;
  const key = JSON.stringify([spec, seed, ctx.specDir, process.env.REMEDY_DATA ?? null]);
  const at = recent.findIndex((r) => r.key === key);
  const entry = at >= 0 ? recent.splice(at, 1)[0] : { key, specFile: ctx.specFile, data: loadData(spec, ctx) };
  if (at < 0) {
    // a failure (a file briefly away, a share not mounted yet) is not kept: the next call tries again
    entry.data.catch(() => {
      const i = recent.indexOf(entry);
      if (i >= 0) recent.splice(i, 1);
    });
  }
  recent.push(entry);
  if (recent.length > KEPT) recent.shift();
  return entry.specFile === ctx.specFile ? entry.data : entry.data.catch(() => loadData(spec, ctx));
}
