/**
 * The site's logo: a page of news on the accent colour, as SVG (favicon) and as
 * PNG (the publisher logo of structured data and feeds, where SVG is not taken).
 * Both come from the one list of shapes below; the PNG is drawn once at start,
 * with 4×4 supersampling for smooth corners, so no binary file is kept in the
 * repository.
 */
import { deflateSync, crc32 } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { SITE_LOGO } from './seo.js';

type Rgb = readonly [number, number, number];
interface Shape {
  x: number;
  y: number;
  w: number;
  h: number;
  r: number;
  fill: Rgb;
}

const ACCENT: Rgb = [0x9b, 0x1c, 0x2c];
const WHITE: Rgb = [0xff, 0xff, 0xff];
const SIZE = 192;

/** The logo in a 192-unit square, drawn in order. Lines sit at the right: Persian reads from there. */
const SHAPES: readonly Shape[] = [
  { x: 0, y: 0, w: 192, h: 192, r: 36, fill: ACCENT },
  { x: 40, y: 36, w: 112, h: 120, r: 10, fill: WHITE },
  { x: 58, y: 54, w: 76, h: 22, r: 4, fill: ACCENT },
  { x: 58, y: 90, w: 76, h: 9, r: 4, fill: ACCENT },
  { x: 58, y: 107, w: 76, h: 9, r: 4, fill: ACCENT },
  { x: 82, y: 124, w: 52, h: 9, r: 4, fill: ACCENT },
];

const hex = (c: Rgb) => `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;

/** The logo as SVG markup. */
export function logoSvg(): string {
  const rects = SHAPES.map((s) => `<rect x="${s.x}" y="${s.y}" width="${s.w}" height="${s.h}" rx="${s.r}" fill="${hex(s.fill)}"/>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${SIZE} ${SIZE}" width="${SIZE}" height="${SIZE}"><title>دبیر</title>${rects}</svg>\n`;
}

function inside(s: Shape, px: number, py: number): boolean {
  if (px < s.x || py < s.y || px > s.x + s.w || py > s.y + s.h) return false;
  const cx = Math.min(Math.max(px, s.x + s.r), s.x + s.w - s.r);
  const cy = Math.min(Math.max(py, s.y + s.r), s.y + s.h - s.r);
  return (px - cx) ** 2 + (py - cy) ** 2 <= s.r ** 2;
}

/** The logo as a PNG (RGBA, 8 bits a channel; PNG spec, ISO/IEC 15948). */
export function logoPng(size = SITE_LOGO.width): Buffer {
  const scale = SIZE / size;
  const N = 4;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    const row = y * (size * 4 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < N; sy++) {
        for (let sx = 0; sx < N; sx++) {
          const px = (x + (sx + 0.5) / N) * scale;
          const py = (y + (sy + 0.5) / N) * scale;
          let fill: Rgb | undefined;
          for (const s of SHAPES) if (inside(s, px, py)) fill = s.fill;
          if (fill) {
            r += fill[0];
            g += fill[1];
            b += fill[2];
            a += 255;
          }
        }
      }
      const at = row + 1 + x * 4;
      const n = N * N;
      const covered = a / 255;
      raw[at] = covered ? Math.round(r / covered) : 0;
      raw[at + 1] = covered ? Math.round(g / covered) : 0;
      raw[at + 2] = covered ? Math.round(b / covered) : 0;
      raw[at + 3] = Math.round(a / n);
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Serves `/static/logo.svg` (also the favicon) and `/static/logo.png`, and `/favicon.ico` as a redirect to the SVG. */
export function logoPlugin(app: FastifyInstance): void {
  const files = [
    { path: '/static/logo.svg', type: 'image/svg+xml', body: Buffer.from(logoSvg()) },
    { path: SITE_LOGO.src, type: 'image/png', body: logoPng() },
  ];
  for (const file of files) {
    const etag = `"logo-${crc32(file.body).toString(36)}"`;
    app.get(file.path, { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
      reply.type(file.type).header('etag', etag).header('cache-control', 'public, max-age=604800');
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply.send(file.body);
    });
  }
  app.get('/favicon.ico', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) =>
    reply.header('cache-control', 'public, max-age=604800').redirect('/static/logo.svg', 301),
  );
}
