import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ImageRejected, MEDIA_LIMITS, processImage, widthsFor } from './process.js';
import { sniffImage } from './sniff.js';

const solid = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 40 } } });

describe('telling an image’s type from its content', () => {
  it('recognises JPEG, PNG, GIF, WebP and AVIF by their first bytes', async () => {
    const base = solid(16, 16);
    expect(sniffImage(await base.clone().jpeg().toBuffer())).toEqual({ kind: 'image', format: 'jpeg' });
    expect(sniffImage(await base.clone().png().toBuffer())).toEqual({ kind: 'image', format: 'png' });
    expect(sniffImage(await base.clone().gif().toBuffer())).toEqual({ kind: 'image', format: 'gif' });
    expect(sniffImage(await base.clone().webp().toBuffer())).toEqual({ kind: 'image', format: 'webp' });
    expect(sniffImage(await base.clone().avif().toBuffer())).toEqual({ kind: 'image', format: 'avif' });
  });

  it('names SVG (to refuse it) and knows nothing of anything else, whatever the file is called', () => {
    expect(sniffImage(Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toEqual({ kind: 'svg' });
    expect(sniffImage(Buffer.from('  <svg onload="x()"></svg>'))).toEqual({ kind: 'svg' });
    expect(sniffImage(Buffer.from('<html><body>not an image</body></html>'))).toEqual({ kind: 'unknown' });
    expect(sniffImage(Buffer.from('GIF8'))).toEqual({ kind: 'unknown' });
    expect(sniffImage(new Uint8Array(0))).toEqual({ kind: 'unknown' });
  });
});

describe('making renditions of an upload', () => {
  it('makes each width in the uploaded format, WebP and AVIF, never wider than the original', async () => {
    const out = await processImage(await solid(1200, 600).png().toBuffer(), 'png');
    expect(out.widths).toEqual([480, 960, 1200]);
    expect(out).toMatchObject({ width: 1200, height: 600 });
    expect(out.renditions.map((r) => `${r.format}@${r.width}x${r.height}`).sort()).toEqual(
      ['avif@1200x600', 'avif@480x240', 'avif@960x480', 'png@1200x600', 'png@480x240', 'png@960x480', 'webp@1200x600', 'webp@480x240', 'webp@960x480'].sort(),
    );
    for (const r of out.renditions) expect(sniffImage(r.data)).toEqual({ kind: 'image', format: r.format });
    expect(widthsFor(300)).toEqual([300]);
    expect(widthsFor(4000)).toEqual([480, 960, 1600]);
  });

  it('drops EXIF with its GPS position, turning the picture upright first', async () => {
    const withGps = await solid(640, 320)
      .jpeg()
      .withExif({
        IFD0: { Make: 'Dabir test camera' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '35/1 41/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '51/1 25/1 0/1' },
      })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const before = await sharp(withGps).metadata();
    expect(before.orientation).toBe(6);
    expect(before.exif).toBeDefined();
    expect(before.exif!.toString('latin1')).toContain('Dabir test camera');
    const out = await processImage(withGps, 'jpeg');
    // Orientation 6 is a quarter turn: the upright picture is tall.
    expect(out).toMatchObject({ width: 320, height: 640 });
    for (const r of out.renditions) {
      const meta = await sharp(r.data).metadata();
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.iptc).toBeUndefined();
      expect(r.data.toString('latin1')).not.toContain('Dabir test camera');
    }
  });

  it('refuses a decompression bomb: a small file that claims too many pixels', async () => {
    // A real PNG whose header (IHDR, with its CRC made right) claims 50 000 × 50 000 pixels.
    const png = Buffer.from(await solid(1, 1).png().toBuffer());
    png.writeUInt32BE(50_000, 16);
    png.writeUInt32BE(50_000, 20);
    png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
    expect(png.length).toBeLessThan(200);
    expect((await sharp(png, { limitInputPixels: false }).metadata()).width).toBe(50_000);
    await expect(processImage(png, 'png')).rejects.toMatchObject({ code: 'too_many_pixels' });
    // And one made for real, well compressed but past the limit.
    const big = await sharp({ create: { width: 7000, height: 7000, channels: 3, background: { r: 0, g: 0, b: 0 } } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    expect(7000 * 7000).toBeGreaterThan(MEDIA_LIMITS.maxPixels);
    await expect(processImage(big, 'png')).rejects.toMatchObject({ code: 'too_many_pixels' });
  });

  it('refuses bytes that are not the image they claim to be, and a file over the size limit', async () => {
    const png = await solid(10, 10).png().toBuffer();
    await expect(processImage(png, 'jpeg')).rejects.toBeInstanceOf(ImageRejected);
    const broken = Buffer.concat([png.subarray(0, 40), Buffer.alloc(100)]);
    await expect(processImage(broken, 'png')).rejects.toMatchObject({ code: 'unreadable' });
    await expect(processImage(Buffer.alloc(MEDIA_LIMITS.maxBytes + 1), 'png')).rejects.toMatchObject({ code: 'too_large' });
  });
});
