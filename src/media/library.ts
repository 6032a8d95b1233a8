/**
 * The media library: uploads, their rows, and what a story's body needs from
 * them. Files live under DABIR_DATA/media as `{base}-{width}.{ext}`, written
 * under a temporary name and renamed, so a reader never sees half a file.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { can, type User } from '../auth/index.js';
import { AppError } from '../errors/index.js';
import { escapeHtml, imgAttribute, imgTags, replaceImgTags } from '../html/index.js';
import type { Db } from '../storage/index.js';
import { ImageRejected, MEDIA_LIMITS, processImage, renditionName } from './process.js';
import { sniffImage, type ImageFormat } from './sniff.js';

export interface MediaDeps {
  db: Db;
  /** The folder the files go to (DABIR_DATA/media). */
  dir: string;
  now: () => Date;
}

/** An image of the library as the newsroom shows it. */
export interface MediaItem {
  id: number;
  file: string;
  format: ImageFormat;
  width: number;
  height: number;
  widths: number[];
  alt: string;
  originalName: string;
  createdAt: Date;
  /** The largest rendition in the uploaded format. */
  url: string;
  /** The WebP renditions as a `srcset`. */
  srcset: string;
}

/** The sizes a story's body image takes: the column's width, at most 48rem. */
export const BODY_SIZES = '(max-width: 48rem) 100vw, 48rem';

export const ALT_MAX = 300;

type Row = { id: number; file: string; format: string; width: number; height: number; widths: string; alt: string; original_name: string; created_at: number };

export function mediaUrl(file: string, width: number, format: ImageFormat): string {
  return `/media/${renditionName(file, width, format)}`;
}

function toItem(r: Row): MediaItem {
  const format = r.format as ImageFormat;
  const widths = JSON.parse(r.widths) as number[];
  const largest = widths[widths.length - 1] ?? r.width;
  return {
    id: r.id,
    file: r.file,
    format,
    width: r.width,
    height: r.height,
    widths,
    alt: r.alt,
    originalName: r.original_name,
    createdAt: new Date(Number(r.created_at)),
    url: mediaUrl(r.file, largest, format),
    srcset: widths.map((w) => `${mediaUrl(r.file, w, 'webp')} ${w}w`).join(', '),
  };
}

const COLUMNS = ['id', 'file', 'format', 'width', 'height', 'widths', 'alt', 'original_name', 'created_at'] as const;

/** Checks, converts and stores an upload; the type comes from the bytes, never the name. */
export async function uploadImage(deps: MediaDeps, input: { bytes: Buffer; name: string; alt: string }, actor: User): Promise<MediaItem> {
  if (!can(actor.role, 'media.upload')) throw new AppError('forbidden');
  if (input.bytes.length === 0)
    throw new AppError('validation_failed', { fields: { file: 'پرونده‌ای انتخاب نشده است.' }, message: 'پرونده‌ای انتخاب نشده است.' });
  if (input.bytes.length > MEDIA_LIMITS.maxBytes)
    throw new AppError('payload_too_large', { message: `حجم تصویر بیش از ${MEDIA_LIMITS.maxBytes / 1024 / 1024} مگابایت است.` });
  const sniffed = sniffImage(input.bytes);
  if (sniffed.kind === 'svg') throw new AppError('unsupported_media_type', { message: 'تصویر SVG پذیرفته نمی‌شود؛ JPEG، PNG، WebP، GIF یا AVIF بفرستید.' });
  if (sniffed.kind !== 'image') throw new AppError('unsupported_media_type', { message: 'این پرونده تصویر نیست؛ JPEG، PNG، WebP، GIF یا AVIF بفرستید.' });
  let processed;
  try {
    processed = await processImage(input.bytes, sniffed.format);
  } catch (error) {
    if (error instanceof ImageRejected) {
      throw error.code === 'too_large'
        ? new AppError('payload_too_large', { message: error.publicMessage })
        : new AppError('validation_failed', { message: error.publicMessage, fields: { file: error.publicMessage }, detail: error.code });
    }
    throw error;
  }
  const base = randomBytes(10).toString('hex');
  await mkdir(deps.dir, { recursive: true });
  const written: string[] = [];
  try {
    for (const r of processed.renditions) {
      const target = join(deps.dir, renditionName(base, r.width, r.format));
      const temp = `${target}.${randomBytes(4).toString('hex')}.tmp`;
      await writeFile(temp, r.data);
      await rename(temp, target);
      written.push(target);
    }
    const alt = input.alt.trim().slice(0, ALT_MAX);
    const { id } = await deps.db
      .insertInto('media')
      .values({
        file: base,
        format: sniffed.format,
        width: processed.width,
        height: processed.height,
        widths: JSON.stringify(processed.widths),
        bytes: input.bytes.length,
        alt,
        original_name: input.name.slice(0, 200),
        uploaded_by: actor.id,
        created_at: deps.now().getTime(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return (await findMedia(deps.db, id))!;
  } catch (error) {
    await Promise.all(written.map((f) => unlink(f).catch(() => undefined)));
    throw error;
  }
}

export async function findMedia(db: Db, id: number): Promise<MediaItem | undefined> {
  const row = await db.selectFrom('media').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? toItem(row) : undefined;
}

/** Newest first; `missingAlt` keeps only images without a text alternative. */
export async function listMedia(db: Db, q: { limit: number; offset?: number; missingAlt?: boolean }): Promise<MediaItem[]> {
  let query = db.selectFrom('media').select(COLUMNS);
  if (q.missingAlt) query = query.where('alt', '=', '');
  const rows = await query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(q.limit)
    .offset(q.offset ?? 0)
    .execute();
  return rows.map(toItem);
}

/**
 * Who may change an image's metadata (its text alternative, and whatever is added later):
 * editors and administrators any image, a reporter only the images they uploaded.
 */
export function canEditMedia(actor: User, uploadedBy: number | null): boolean {
  if (!can(actor.role, 'media.upload')) return false;
  return can(actor.role, 'article.edit.any') || (uploadedBy !== null && uploadedBy === actor.id);
}

export async function setMediaAlt(db: Db, id: number, alt: string, actor: User): Promise<void> {
  if (!can(actor.role, 'media.upload')) throw new AppError('forbidden');
  const row = await db.selectFrom('media').select('uploaded_by').where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found');
  if (!canEditMedia(actor, row.uploaded_by))
    throw new AppError('forbidden', { message: 'فقط تصویرهایی را که خودتان بارگذاری کرده‌اید می‌توانید ویرایش کنید.' });
  // The uploader is part of the condition, so a change of hands in between is not overwritten.
  let update = db
    .updateTable('media')
    .set({ alt: alt.trim().slice(0, ALT_MAX) })
    .where('id', '=', id);
  update = row.uploaded_by === null ? update.where('uploaded_by', 'is', null) : update.where('uploaded_by', '=', row.uploaded_by);
  const result = await update.executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new AppError('not_found');
}

const MEDIA_SRC = /^\/media\/([a-f0-9]{8,40})-\d{1,5}\.(?:jpg|png|webp|gif|avif)$/;

/** The library's base names of the images a body shows. */
export function mediaFilesIn(body: string): string[] {
  const files = new Set<string>();
  for (const tag of imgTags(body)) {
    const m = MEDIA_SRC.exec(imgAttribute(tag, 'src') ?? '');
    if (m) files.add(m[1]!);
  }
  return [...files];
}

/**
 * Rewrites every library image of a body the way pages show it: the largest rendition as
 * `src`, the WebP widths as `srcset` with `sizes`, its size, and its text alternative
 * (the one typed in the body, else the library's). Other images are left to the sanitizer.
 */
export async function prepareBodyImages(db: Db, body: string): Promise<string> {
  const files = mediaFilesIn(body);
  if (files.length === 0) return body;
  const rows = await db.selectFrom('media').select(COLUMNS).where('file', 'in', files).execute();
  const byFile = new Map(rows.map((r) => [r.file, toItem(r)]));
  return replaceImgTags(body, (tag) => {
    const m = MEDIA_SRC.exec(imgAttribute(tag, 'src') ?? '');
    const item = m ? byFile.get(m[1]!) : undefined;
    if (!item) return tag;
    const alt = (imgAttribute(tag, 'alt') ?? '').trim() || item.alt;
    return `<img src="${escapeHtml(item.url)}" srcset="${escapeHtml(item.srcset)}" sizes="${BODY_SIZES}" width="${item.width}" height="${item.height}" alt="${escapeHtml(alt)}" loading="lazy">`;
  });
}

/** The library images of a body that have no text alternative (publishing waits for them). */
export function imagesWithoutAlt(body: string): string[] {
  const missing: string[] = [];
  for (const tag of imgTags(body)) {
    const src = imgAttribute(tag, 'src') ?? '';
    if (MEDIA_SRC.test(src) && !(imgAttribute(tag, 'alt') ?? '').trim()) missing.push(src);
  }
  return missing;
}
