/**
 * `images:DIR`: a folder with one sub-folder per class of PNG or JPEG files, as Keras'
 * image_dataset_from_directory and torchvision's ImageFolder read it. Classes are the sub-folders
 * sorted by name (label 0 is the first); files are found at any depth below a class folder and
 * read by their content (image-decode.ts); other files, and names starting with a dot
 * (.DS_Store, .ipynb_checkpoints), are ignored.
 *
 * Every image becomes [channels, height, width] bytes, channels first as conv2d takes them. The
 * size is `imageSize` [height, width] when given (bilinear, resize.ts, rounded to bytes), else
 * all images must have the first one's size. Channels are `channels` when given (1: ITU-R 601
 * luma, as PIL's convert('L')), else 1 when every pixel of every image is grey and 3 (RGB)
 * otherwise. The examples are put in a fixed, class-mixed order by shuffling with `new
 * Random(1)` (as mnist-sample), so that the validation split, taken from the end, has every
 * class in it.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../errors.js';
import { Random } from '../util/random.js';
import type { RawDataset } from './dataset.js';
import { decodeImage, type RgbImage } from './image-decode.js';
import { readDataFile, requireFolder } from './read-file.js';
import { resizeBilinear } from './resize.js';

export interface ImageFolderOptions {
  /** [height, width] every image is resized to. */
  imageSize?: readonly [number, number];
  channels?: 1 | 3;
}

export interface ImageFolder {
  data: RawDataset;
  /** The class folders' names, in label order. */
  classNames: string[];
}

const IMAGE_FILE = /\.(png|jpe?g)$/i;

export async function loadImageFolder(folder: string, options: ImageFolderOptions): Promise<ImageFolder> {
  await requireFolder(folder);
  const classNames = (await visibleEntries(folder)).filter((e) => e.folder).map((e) => e.name);
  if (classNames.length < 2) {
    const found = classNames.length === 0 ? 'no class folders' : `one class folder (${classNames[0]})`;
    throw new InputError(`${found}: expected a sub-folder per class, at least 2, each with PNG or JPEG files`, folder);
  }
  const files: { file: string; label: number }[] = [];
  for (const [label, name] of classNames.entries()) {
    const classFolder = path.join(folder, name);
    const found = await imageFiles(classFolder);
    if (found.length === 0) throw new InputError('no PNG or JPEG files in this class folder', classFolder);
    for (const file of found) files.push({ file, label });
  }

  let size = options.imageSize;
  let first = '';
  let allGrey = true;
  const planes: Uint8Array[] = [];
  for (const { file } of files) {
    const image = decodeImage(await readDataFile(file), file);
    if (size === undefined) [size, first] = [[image.height, image.width], file];
    else if (options.imageSize === undefined && (image.height !== size[0] || image.width !== size[1])) {
      throw new InputError(
        `is ${image.width}x${image.height} pixels, but ${first} is ${size[1]}x${size[0]}; set data.imageSize [height, width] to resize them all`,
        file,
      );
    }
    allGrey &&= isGrey(image);
    planes.push(rgbPlanes(image, size[0], size[1]));
  }

  const [height, width] = size!;
  const channels = options.channels ?? (allGrey ? 1 : 3);
  const pixels = height * width;
  const features = channels * pixels;
  const order = new Random(1).shuffle(Int32Array.from(files, (_, i) => i));
  const x = new Uint8Array(order.length * features);
  const y = new Int32Array(order.length);
  order.forEach((from, row) => {
    y[row] = files[from].label;
    const rgb = planes[from];
    const out = x.subarray(row * features, (row + 1) * features);
    if (channels === 3) out.set(rgb);
    else for (let p = 0; p < pixels; p++) out[p] = luma(rgb[p], rgb[pixels + p], rgb[2 * pixels + p]);
  });
  return { data: { x, y, n: order.length, sampleShape: [channels, height, width] }, classNames };
}

/** The entries of a folder not starting with a dot, sorted by name, folders (also through links) marked. */
async function visibleEntries(folder: string): Promise<{ name: string; folder: boolean }[]> {
  const names = (await readdir(folder)).filter((n) => !n.startsWith('.')).sort();
  return Promise.all(names.map(async (name) => ({ name, folder: (await stat(path.join(folder, name))).isDirectory() })));
}

/** The PNG and JPEG files at any depth below `folder`, in sorted order. */
async function imageFiles(folder: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await visibleEntries(folder)) {
    const full = path.join(folder, e.name);
    if (e.folder) out.push(...(await imageFiles(full)));
    else if (IMAGE_FILE.test(e.name)) out.push(full);
  }
  return out;
}

function isGrey({ rgb }: RgbImage): boolean {
  for (let i = 0; i < rgb.length; i += 3) if (rgb[i] !== rgb[i + 1] || rgb[i] !== rgb[i + 2]) return false;
  return true;
}

/** The image as three planes (R, G, B) of height×width bytes, resized when its size differs. */
function rgbPlanes(image: RgbImage, height: number, width: number): Uint8Array {
  const from = image.height * image.width;
  const out = new Uint8Array(3 * height * width);
  const plane = new Uint8Array(from);
  const resized = new Float64Array(height * width);
  for (let c = 0; c < 3; c++) {
    for (let p = 0; p < from; p++) plane[p] = image.rgb[3 * p + c];
    const target = out.subarray(c * height * width, (c + 1) * height * width);
    if (image.height === height && image.width === width) target.set(plane);
    else {
      resizeBilinear(plane, image.height, image.width, resized, height, width);
      for (let p = 0; p < resized.length; p++) target[p] = Math.round(resized[p]);
    }
  }
  return out;
}

/** PIL's convert('L'): ITU-R 601-2 luma in 16-bit fixed point. */
function luma(r: number, g: number, b: number): number {
  return (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16;
}
