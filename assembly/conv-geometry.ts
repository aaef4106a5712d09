/** The fields of backend.ts's ConvGeometry that a kernel needs, batch aside, as the JavaScript side writes them. */
@unmanaged
export class Geometry {
  inChannels: i32;
  inHeight: i32;
  inWidth: i32;
  outChannels: i32;
  kernelHeight: i32;
  kernelWidth: i32;
  stride: i32;
  padding: i32;
  outHeight: i32;
  outWidth: i32;
}

/** Rows of the patch matrix: one per (channel, kernel row, kernel column). */
@inline
export function patchRows(g: Geometry): i32 {
  return g.inChannels * g.kernelHeight * g.kernelWidth;
}
