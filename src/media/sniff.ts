/**
 * What an upload is, from its first bytes, never from its name or the type the
 * browser claims (pure). Only the raster formats the newsroom takes are
 * recognised; SVG (a document that can carry script) is named so it can be
 * refused with a clear reason.
 */

export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'gif' | 'avif';

export type Sniffed = { kind: 'image'; format: ImageFormat } | { kind: 'svg' } | { kind: 'unknown' };

const ascii = (bytes: Uint8Array, start: number, length: number): string => String.fromCharCode(...bytes.subarray(start, start + length));

/**
 * Signatures: JPEG starts FF D8 FF (JFIF/Exif, ITU T.81 Annex B); PNG with its 8-byte
 * signature (RFC 2083 §3.1); GIF with «GIF87a» or «GIF89a»; WebP is a RIFF container of
 * form «WEBP» (RFC 9649 §2.5); AVIF is an ISO-BMFF file whose `ftyp` box names the
 * brand «avif» or «avis» as major or compatible brand (AV1 Image File Format §9).
 */
export function sniffImage(bytes: Uint8Array): Sniffed {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return { kind: 'image', format: 'jpeg' };
  if (bytes.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => bytes[i] === b)) return { kind: 'image', format: 'png' };
  if (bytes.length >= 6 && (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a')) return { kind: 'image', format: 'gif' };
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return { kind: 'image', format: 'webp' };
  if (bytes.length >= 16 && ascii(bytes, 4, 4) === 'ftyp') {
    const size = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
    const end = Math.min(size, bytes.length, 256);
    const brands = [ascii(bytes, 8, 4)];
    for (let i = 16; i + 4 <= end; i += 4) brands.push(ascii(bytes, i, 4));
    if (brands.includes('avif') || brands.includes('avis')) return { kind: 'image', format: 'avif' };
  }
  if (looksLikeSvg(bytes)) return { kind: 'svg' };
  return { kind: 'unknown' };
}

function looksLikeSvg(bytes: Uint8Array): boolean {
  const head = new TextDecoder('utf-8', { fatal: false })
    .decode(bytes.subarray(0, 1024))
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  return head.startsWith('<svg') || ((head.startsWith('<?xml') || head.startsWith('<!doctype svg') || head.startsWith('<!--')) && head.includes('<svg'));
}

/** The MIME type of each format, and the file extension its renditions get. */
export const FORMAT_INFO: Record<ImageFormat | 'webp' | 'avif', { mime: string; ext: string }> = {
  jpeg: { mime: 'image/jpeg', ext: 'jpg' },
  png: { mime: 'image/png', ext: 'png' },
  webp: { mime: 'image/webp', ext: 'webp' },
  gif: { mime: 'image/gif', ext: 'gif' },
  avif: { mime: 'image/avif', ext: 'avif' },
};
