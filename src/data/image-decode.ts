/**
 * PNG and JPEG files to pixels, by maintained pure-JS decoders (pngjs, jpeg-js: nothing native to
 * install). The format is read from the file's first bytes, not its name. Any way a file can be
 * unreadable (a bad signature, a checksum, a truncated stream, absurd dimensions) is an
 * InputError naming the file.
 */
import { decode as decodeJpeg } from 'jpeg-js';
import { PNG } from 'pngjs';
import { InputError } from '../errors.js';

/** An image as 8-bit RGB, interleaved row by row (r, g, b, r, g, b, ...); alpha is dropped. */
export interface RgbImage {
  width: number;
  height: number;
  rgb: Uint8Array;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47];
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];
/** jpeg-js refuses larger images before allocating them; PNGs are checked against it too. */
const MAX_MEGAPIXELS = 100;

const startsWith = (bytes: Uint8Array, signature: number[]) => signature.every((b, i) => bytes[i] === b);

export function decodeImage(bytes: Buffer, file: string): RgbImage {
  if (startsWith(bytes, PNG_SIGNATURE)) {
    // the size in the header (IHDR) is checked before pngjs allocates for it
    if (bytes.length >= 24) checkSize('PNG', bytes.readUInt32BE(16), bytes.readUInt32BE(20), file);
    return attempt('PNG', file, () => fromRgba(PNG.sync.read(bytes)));
  }
  if (startsWith(bytes, JPEG_SIGNATURE)) {
    // tolerantDecoding would fill a truncated file with grey instead of refusing it
    return attempt('JPEG', file, () => {
      const { width, height, data } = decodeJpeg(bytes, { useTArray: true, formatAsRGBA: false, tolerantDecoding: false, maxResolutionInMP: MAX_MEGAPIXELS });
      return { width, height, rgb: data };
    });
  }
  throw new InputError('is neither a PNG nor a JPEG image (by its first bytes)', file);
}

function attempt(format: string, file: string, decode: () => RgbImage): RgbImage {
  let image: RgbImage;
  try {
    image = decode();
  } catch (e) {
    throw new InputError(`not a readable ${format}: ${(e as Error).message}`, file);
  }
  checkSize(format, image.width, image.height, file);
  return image;
}

function checkSize(format: string, width: number, height: number, file: string): void {
  if (width < 1 || height < 1 || width * height > MAX_MEGAPIXELS * 1e6) {
    throw new InputError(`a ${format} of ${width}x${height} pixels is not a usable image`, file);
  }
}

function fromRgba({ width, height, data }: { width: number; height: number; data: Uint8Array }): RgbImage {
  const rgb = new Uint8Array(width * height * 3);
  for (let p = 0; p < width * height; p++) {
    rgb[3 * p] = data[4 * p];
    rgb[3 * p + 1] = data[4 * p + 1];
    rgb[3 * p + 2] = data[4 * p + 2];
  }
  return { width, height, rgb };
}
