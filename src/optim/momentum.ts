import { buffers, zerosLike, type GradientTransformation } from './transform.js';

/**
 * PyTorch's SGD momentum: on the first step b = g; after that b ← μ·b + (1 − dampening)·g;
 * the update is b, or g + μ·b with Nesterov. (Keras' v ← μ·v − lr·g equals this only while
 * the learning rate stays constant.)
 */
export function trace(momentum: number, dampening = 0, nesterov = false): GradientTransformation {
  return {
    init: (params) => ({ buf: zerosLike(params), started: 0 }),
    update(updates, state) {
      const first = state.started === 0;
      buffers(state, 'buf').forEach((b, i) => {
        const u = updates[i];
        for (let j = 0; j < u.length; j++) {
          const g = u[j];
          b[j] = first ? g : momentum * b[j] + (1 - dampening) * g;
          u[j] = nesterov ? g + momentum * b[j] : b[j];
        }
      });
      state.started = 1;
    },
  };
}
