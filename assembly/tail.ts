/**
 * Element-wise kernels with several streams run one vector body over whole groups of 4 floats.
 * The last n % 4 elements go through 16-byte slots of scratch: `tailIn` copies each stream's
 * tail into a zeroed slot, the body runs on the slots, `tailOut` copies written streams back.
 * One body thus serves the tail too, with no scalar copy of the formula to keep in step.
 */

/** `slot` holding the `bytes` (< 16) bytes at `src` then zeros; 0 for an absent stream. */
@inline
export function tailIn(slot: usize, src: usize, bytes: usize): usize {
  if (src == 0) return 0;
  v128.store(slot, i32x4.splat(0));
  for (let i: usize = 0; i < bytes; i += 4) store<f32>(slot + i, load<f32>(src + i));
  return slot;
}

/** Copies the first `bytes` bytes of `slot` back to `dst`, unless the stream is absent. */
@inline
export function tailOut(dst: usize, slot: usize, bytes: usize): void {
  if (dst == 0) return;
  for (let i: usize = 0; i < bytes; i += 4) store<f32>(dst + i, load<f32>(slot + i));
}

/** Address `offset` bytes into a stream, or 0 for an absent one. */
@inline
export function at(stream: usize, offset: usize): usize {
  return stream == 0 ? 0 : stream + offset;
}
