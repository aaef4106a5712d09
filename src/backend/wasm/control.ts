/**
 * The block of shared memory through which threads share a job. The main thread closes the
 * previous job's ticket, writes one task per chunk of the new job, opens the ticket stamped with
 * the job's generation and wakes the workers that sleep; every thread (main included) then
 * claims chunks with compare-and-swap until none are left. A worker that wakes late, or never
 * (its core busy elsewhere), just finds nothing to do, so the job never waits on a thread that is
 * not running.
 */

/** Int32 word indexes in the header. */
export const GENERATION = 0;
/** generation << CHUNK_BITS | next unclaimed chunk: a claim succeeds only within its own job. */
export const TICKET = 1;
export const CHUNKS = 2;
export const DONE = 3;
export const FAILED = 4;
/** Workers that have booted. */
export const READY = 5;
/** Workers in an untimed wait, which only a notify ends (see worker.ts). */
export const SLEEPING = 6;
export const HEADER_WORDS = 7;

export const CHUNK_BITS = 12;
export const MAX_CHUNKS = 64;
/** Generations wrap below 2^19, keeping tickets positive int32s. */
export const GENERATION_MASK = (1 << 19) - 1;

/** Float64 slots of a task: the kernel's index in the team's list of names, then its arguments. */
export const TASK_SLOTS = 24;
export const TASKS_LENGTH = MAX_CHUNKS * TASK_SLOTS;
const TASKS_OFFSET = 64;

export const CONTROL_BYTES = TASKS_OFFSET + TASKS_LENGTH * 8;

export function tasksAddress(control: number): number {
  return control + TASKS_OFFSET;
}
