import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic.js';
import { encodeSafetensors, parseSafetensors, readSafetensorsWithMetadata, type NamedTensor, type SafetensorsContent } from '../io/safetensors.js';
import type { State } from '../optim/transform.js';
import { parseExact, stringifyExact } from '../util/exact-json.js';
import type { Callback, CallbackState } from './callback.js';
import type { EpochProgress, Trainer } from './trainer.js';

export const CHECKPOINT_FILE = 'checkpoint.safetensors';
const FORMAT = 'remedy-checkpoint';
const VERSION = 1;

/** Everything of a run that is not a tensor; the tensors are named in it. */
interface CheckpointMeta {
  format: string;
  version: number;
  spec: unknown;
  epoch: number;
  plannedEpochs: number;
  lrScale: number;
  stopReason: string | null;
  /** Absent in checkpoints written before it was kept (they were never of diverged runs). */
  diverged?: boolean;
  progress: EpochProgress | null;
  rng: { shuffle: number[]; dropout: number[]; augment: number[] };
  optimizer: { steps: number; state: unknown };
  callbacks: SavedCallback[];
  /**
   * Callbacks passed to fit() that keep state, in order: a doctor trial's best-checkpoint keeper
   * (src/doctor/runner.ts), so a trial resumed elsewhere judges by the same best epoch. Absent in
   * the checkpoints of `remedy train`.
   */
  extraCallbacks?: SavedCallback[];
  history: unknown[];
}

type SavedCallback = { values: Record<string, number | null>; tensors: string[] };

/**
 * The complete state of a run in one safetensors file: weights and batchnorm statistics
 * (`model.<name>`), optimizer buffers (`optimizer.<path>`), callback tensors (`callback.<i>.<j>`,
 * and `extra.<i>.<j>` for `extra`), and the rest as JSON in the metadata: spec, epoch and position
 * inside it, generator states, learning-rate scale, callback values and history. One file written
 * atomically (temporary file, fsync, rename), so a kill at any moment leaves the previous
 * checkpoint whole.
 */
export function writeCheckpoint(dir: string, trainer: Trainer): void {
  mkdirSync(dir, { recursive: true });
  removeStaleTemporaries(dir);
  writeFileAtomic(path.join(dir, CHECKPOINT_FILE), encodeCheckpoint(trainer));
}

/**
 * The checkpoint file's bytes; `extra`: stateful callbacks the run passes to fit() besides the
 * spec's; `into`: memory to write them into when large enough (encodeSafetensors).
 */
export function encodeCheckpoint(trainer: Trainer, extra: readonly Callback[] = [], into?: ArrayBufferLike): Uint8Array {
  const tensors = new Map<string, NamedTensor>();
  for (const [name, t] of trainer.model.stateDict()) tensors.set(`model.${name}`, { shape: [...t.shape], data: t.data });
  const state = encodeState(trainer.optimizer.state, 'optimizer', tensors);
  const save = (prefix: string) => (c: Callback, i: number): SavedCallback => {
    const saved: CallbackState = c.saveState?.() ?? { values: {}, tensors: [] };
    return {
      values: saved.values,
      tensors: saved.tensors.map((data, j) => {
        const name = `${prefix}.${i}.${j}`;
        tensors.set(name, { shape: [data.length], data });
        return name;
      }),
    };
  };
  const meta: CheckpointMeta = {
    format: FORMAT,
    version: VERSION,
    spec: trainer.spec,
    epoch: trainer.epoch,
    plannedEpochs: trainer.plannedEpochs,
    lrScale: trainer.lrScale,
    stopReason: trainer.stopReason,
    diverged: trainer.diverged,
    progress: trainer.progress,
    rng: { shuffle: trainer.shuffleRng.state(), dropout: trainer.dropoutRng.state(), augment: trainer.augmentRng.state() },
    optimizer: { steps: trainer.optimizer.steps, state },
    callbacks: trainer.specCallbacks.map(save('callback')),
    ...(extra.length > 0 ? { extraCallbacks: extra.map(save('extra')) } : {}),
    history: trainer.history,
  };
  return encodeSafetensors(tensors, { remedy: stringifyExact(meta) }, into);
}

/**
 * Puts a trainer (built from the same spec) in the state of the checkpoint in `dir`. A spec that
 * differs (other than in `epochs`) is refused, naming the first field that differs.
 */
export function restoreCheckpoint(dir: string, trainer: Trainer): void {
  const file = path.join(dir, CHECKPOINT_FILE);
  try {
    statSync(file);
  } catch {
    throw new InputError(`no checkpoint here (expected ${CHECKPOINT_FILE}; start with --checkpoint)`, dir);
  }
  applyCheckpoint(readSafetensorsWithMetadata(file), file, dir, trainer);
}

/** restoreCheckpoint from the bytes encodeCheckpoint made, `extra` the same callbacks as then. */
export function restoreCheckpointBytes(bytes: Uint8Array, name: string, trainer: Trainer, extra: readonly Callback[] = []): void {
  applyCheckpoint(parseSafetensors(bytes, name), name, name, trainer, extra);
}

function applyCheckpoint({ tensors, metadata }: SafetensorsContent, file: string, dir: string, trainer: Trainer, extra: readonly Callback[] = []): void {
  let meta: CheckpointMeta;
  try {
    meta = parseExact(metadata.remedy ?? 'null') as CheckpointMeta;
  } catch {
    throw new InputError('the checkpoint metadata is not valid JSON', file, '__metadata__');
  }
  if (meta?.format !== FORMAT || meta.version !== VERSION) throw new InputError('not a remedy checkpoint of this version', file, '__metadata__');
  const difference = firstDifference({ ...(meta.spec as object), epochs: 0 }, { ...trainer.spec, epochs: 0 });
  if (difference !== null) {
    throw new InputError(
      `was made from a different spec: ${difference.path} is ${difference.saved} there, ${difference.current} here`,
      dir,
    );
  }
  const take = (name: string, into: Float32Array) => {
    const t = tensors.get(name);
    if (t === undefined || t.data.length !== into.length) throw new InputError('missing or of the wrong size', file, name);
    into.set(t.data);
  };
  for (const [name, t] of trainer.model.stateDict()) take(`model.${name}`, t.data);
  decodeState(meta.optimizer.state, trainer.optimizer.state, take);
  trainer.optimizer.steps = meta.optimizer.steps;
  const load = (saved: SavedCallback[] | undefined) => (c: Callback, i: number) => {
    const s = saved?.[i];
    if (s === undefined || c.loadState === undefined) return;
    c.loadState({ values: s.values, tensors: s.tensors.map((name) => tensors.get(name)!.data) });
  };
  trainer.specCallbacks.forEach(load(meta.callbacks));
  extra.forEach(load(meta.extraCallbacks));
  trainer.epoch = meta.epoch;
  trainer.plannedEpochs = meta.plannedEpochs;
  trainer.lrScale = meta.lrScale;
  trainer.stopReason = meta.stopReason;
  trainer.diverged = meta.diverged ?? false;
  trainer.progress = meta.progress;
  trainer.shuffleRng.setState(meta.rng.shuffle);
  trainer.dropoutRng.setState(meta.rng.dropout);
  trainer.augmentRng.setState(meta.rng.augment);
  trainer.history.splice(0, trainer.history.length, ...(meta.history as Trainer['history']));
}

/** Writes a checkpoint after every epoch and when training is interrupted. */
export class Checkpointer implements Callback {
  constructor(private readonly dir: string) {}

  onEpochEnd(trainer: Trainer): void {
    if (!trainer.diverged) writeCheckpoint(this.dir, trainer);
  }

  onInterrupt(trainer: Trainer): void {
    writeCheckpoint(this.dir, trainer);
  }
}

/** Optimizer state with its buffers replaced by tensor names (which go into `tensors`). */
function encodeState(state: State, prefix: string, tensors: Map<string, NamedTensor>): unknown {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(state)) {
    const name = `${prefix}.${key}`;
    if (typeof value === 'number') out[key] = value;
    else if (value.length > 0 && value[0] instanceof Float32Array) {
      out[key] = (value as Float32Array[]).map((data, i) => {
        tensors.set(`${name}.${i}`, { shape: [data.length], data });
        return `${name}.${i}`;
      });
    } else out[key] = (value as State[]).map((s, i) => encodeState(s, `${name}.${i}`, tensors));
  }
  return out;
}

/** Copies saved optimizer state into the freshly initialised state of the same transformation. */
function decodeState(saved: unknown, into: State, take: (name: string, into: Float32Array) => void): void {
  const s = saved as Record<string, unknown>;
  for (const [key, value] of Object.entries(into)) {
    if (typeof value === 'number') into[key] = s[key] as number;
    else if (value.length > 0 && value[0] instanceof Float32Array) (value as Float32Array[]).forEach((b, i) => take((s[key] as string[])[i], b));
    else (value as State[]).forEach((part, i) => decodeState((s[key] as unknown[])[i], part, take));
  }
}

/** Temporary files a killed write left behind (see io/atomic.ts for their names). */
function removeStaleTemporaries(dir: string): void {
  for (const name of readdirSync(dir)) {
    if (name.startsWith(`.${CHECKPOINT_FILE}.tmp-`)) rmSync(path.join(dir, name), { force: true });
  }
}

interface Difference {
  path: string;
  saved: string;
  current: string;
}

function firstDifference(saved: unknown, current: unknown, at = ''): Difference | null {
  if (typeof saved === 'object' && saved !== null && typeof current === 'object' && current !== null) {
    const keys = new Set([...Object.keys(saved), ...Object.keys(current)]);
    for (const key of keys) {
      const sub = Array.isArray(saved) ? `${at}[${key}]` : at ? `${at}.${key}` : key;
      const d = firstDifference((saved as Record<string, unknown>)[key], (current as Record<string, unknown>)[key], sub);
      if (d !== null) return d;
    }
    return null;
  }
  if (saved === current) return null;
  const show = (v: unknown) => (v === undefined ? 'absent' : JSON.stringify(v));
  return { path: at, saved: show(saved), current: show(current) };
}
