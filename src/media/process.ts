/**
 * Turning an uploaded image into the files pages serve (sharp / libvips):
 * turned upright by its EXIF orientation, then every metadata block dropped
 * (EXIF with GPS, XMP, IPTC, comments: sharp writes none unless asked), and
 * re-encoded from the decoded pixels, so nothing of the upload's bytes is
 * passed through. Each width is made in the uploaded format, WebP and AVIF.
 * The pixel count is read from the header and checked before anything is
 * decoded, and libvips is told the same limit, so a small file that claims a
 * huge picture (a decompression bomb) is refused cheaply.
 */
import type { Metadata, Sharp, SharpOptions } from 'sharp';
import { FORMAT_INFO, type ImageFormat } from './sniff.js';

type SharpModule = (typeof import('sharp'))['default'];
let loaded: Promise<SharpModule> | undefined;

/**
 * sharp, loaded on the first upload: libvips adds some 30 MB to a process's
 * memory, and a server that only serves pages never needs it. Its operation
 * cache is off: each upload is decoded once, so the cache would only hold memory.
 */
function loadSharp(): Promise<SharpModule> {
  loaded ??= import('sharp').then((module) => {
    const sharp = module.default;
    sharp.cache(false);
    return sharp;
  });
  return loaded;
}

export const MEDIA_LIMITS = {
  /** Largest upload accepted, in bytes. */
  maxBytes: 15 * 1024 * 1024,
  /** Largest picture accepted, in pixels (width × height of the first frame). */
  maxPixels: 40_000_000,
  /** The widths made, when the picture is at least that wide. */
  widths: [480, 960, 1600] as readonly number[],
} as const;

/** Why an image was refused: a stable code and a Persian message for the newsroom. */
export class ImageRejected extends Error {
  override name = 'ImageRejected';
  constructor(
    readonly code: 'too_large' | 'too_many_pixels' | 'unreadable' | 'mismatch',
    readonly publicMessage: string,
  ) {
    super(code);
  }
}

/** One file to write: `{base}-{width}.{ext}`. */
export interface Rendition {
  width: number;
  height: number;
  format: ImageFormat;
  data: Buffer;
}

export interface Processed {
  /** Size of the largest rendition (upright). */
  width: number;
  height: number;
  widths: number[];
  renditions: Rendition[];
}

/** What sharp calls each format in `metadata().format`. */
const SHARP_NAMES: Record<ImageFormat, string[]> = { jpeg: ['jpeg'], png: ['png'], webp: ['webp'], gif: ['gif'], avif: ['heif', 'avif'] };

/** The widths to make for a picture this wide: the standard ones it reaches, and its own when narrower than the largest. */
export function widthsFor(width: number): number[] {
  const standard = MEDIA_LIMITS.widths.filter((w) => w <= width);
  const largest = MEDIA_LIMITS.widths[MEDIA_LIMITS.widths.length - 1]!;
  if (width < largest && !standard.includes(width)) standard.push(width);
  return standard;
}

function encode(pipeline: Sharp, format: ImageFormat): Sharp {
  switch (format) {
    case 'jpeg':
      return pipeline.jpeg({ quality: 82, mozjpeg: true });
    case 'png':
      return pipeline.png({ compressionLevel: 9 });
    case 'gif':
      return pipeline.gif();
    case 'webp':
      return pipeline.webp({ quality: 80 });
    case 'avif':
      return pipeline.avif({ quality: 50, effort: 2 });
  }
}

/** Checks an upload of the given (sniffed) format and makes its renditions. */
export async function processImage(bytes: Buffer, format: ImageFormat): Promise<Processed> {
  if (bytes.length > MEDIA_LIMITS.maxBytes) throw new ImageRejected('too_large', `حجم تصویر بیش از ${MEDIA_LIMITS.maxBytes / 1024 / 1024} مگابایت است.`);
  const options: SharpOptions = { limitInputPixels: MEDIA_LIMITS.maxPixels, failOn: 'error', animated: false };
  const tooBig = new ImageRejected('too_many_pixels', `ابعاد تصویر بیش از اندازه است (حداکثر ${Math.round(MEDIA_LIMITS.maxPixels / 1_000_000)} مگاپیکسل).`);
  const sharp = await loadSharp();
  let meta: Metadata;
  try {
    meta = await sharp(bytes, options).metadata();
  } catch (error) {
    // libvips checks the header's size against limitInputPixels before anything else.
    if (/pixel limit/i.test((error as Error).message)) throw tooBig;
    throw new ImageRejected('unreadable', 'این پرونده تصویر سالمی نیست.');
  }
  if (!meta.format || !SHARP_NAMES[format].includes(meta.format)) throw new ImageRejected('mismatch', 'محتوای پرونده با قالب تصویرش نمی‌خواند.');
  const width = meta.width ?? 0;
  const height = meta.pageHeight ?? meta.height ?? 0;
  if (width < 1 || height < 1) throw new ImageRejected('unreadable', 'این پرونده تصویر سالمی نیست.');
  if (width * height > MEDIA_LIMITS.maxPixels) throw tooBig;
  // EXIF orientations 5–8 turn the picture a quarter: its upright width is its stored height.
  const upright = (meta.orientation ?? 1) >= 5 ? { width: height, height: width } : { width, height };
  const widths = widthsFor(upright.width);
  const formats = [...new Set<ImageFormat>([format, 'webp', 'avif'])];
  const renditions: Rendition[] = [];
  try {
    for (const w of widths) {
      for (const f of formats) {
        const { data, info } = await encode(sharp(bytes, options).rotate().resize({ width: w, withoutEnlargement: true }), f).toBuffer({
          resolveWithObject: true,
        });
        renditions.push({ width: info.width, height: info.height, format: f, data });
      }
    }
  } catch {
    throw new ImageRejected('unreadable', 'این پرونده تصویر سالمی نیست.');
  }
  const largest = renditions.filter((r) => r.format === format).sort((a, b) => b.width - a.width)[0]!;
  return { width: largest.width, height: largest.height, widths, renditions };
}

/** The file name of one rendition. */
export function renditionName(base: string, width: number, format: ImageFormat): string {
  return `${base}-${width}.${FORMAT_INFO[format].ext}`;
}
