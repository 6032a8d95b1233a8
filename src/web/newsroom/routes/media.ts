/** The media library: the list (optionally only images without alt text), uploads, and alt text. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../../errors/index.js';
import { findMedia, listMedia, MEDIA_LIMITS, setMediaAlt, uploadImage } from '../../../media/index.js';
import { csrfMatches } from '../../../newsroom/index.js';
import { CSRF_MESSAGE, field, positiveInt, viewerCan, wantsJson, type Newsroom } from '../context.js';
import { mediaMain } from '../views/media.js';

/** The upload form's fields and its one file, read from the multipart body. */
async function readUpload(request: FastifyRequest): Promise<{ fields: Record<string, string>; file: { bytes: Buffer; name: string } | undefined }> {
  const fields: Record<string, string> = {};
  let file: { bytes: Buffer; name: string } | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        file ??= { bytes, name: part.filename };
      } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE')
      throw new AppError('payload_too_large', { message: `حجم تصویر بیش از ${MEDIA_LIMITS.maxBytes / 1024 / 1024} مگابایت است.` });
    if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') throw new AppError('unsupported_media_type');
    throw error;
  }
  return { fields, file };
}

export function mediaRoutes(app: FastifyInstance, { deps, page, staffPage }: Newsroom): void {
  const db = deps.db;

  app.get('/media', { config: { access: 'staff' }, schema: { hide: true } }, async (request, reply) => {
    viewerCan(request, 'media.upload');
    const base = staffPage('media', request);
    const missingAlt = (request.query as { missingAlt?: string }).missingAlt === '1';
    return page(reply, { ...base, title: 'رسانه‌ها', main: mediaMain(base.viewer, { items: await listMedia(db, { limit: 120, missingAlt }), missingAlt }) });
  });

  app.post('/media', { config: { access: 'staff', csrf: 'in-handler' }, schema: { hide: true } }, async (request, reply) => {
    const viewer = viewerCan(request, 'media.upload');
    const { fields, file } = await readUpload(request);
    // The token travels in the form itself (or a header), checked before the file is looked at.
    if (!csrfMatches(viewer.csrfToken, fields._csrf ?? String(request.headers['x-csrf-token'] ?? '')))
      throw new AppError('forbidden', { message: CSRF_MESSAGE, detail: 'csrf' });
    if (!file) throw new AppError('validation_failed', { message: 'پرونده‌ای انتخاب نشده است.' });
    const item = await uploadImage({ db, dir: deps.mediaDir, now: deps.now }, { bytes: file.bytes, name: file.name, alt: fields.alt ?? '' }, viewer.user);
    if (wantsJson(request))
      return reply.code(201).send({ id: item.id, url: item.url, srcset: item.srcset, width: item.width, height: item.height, alt: item.alt });
    return reply.redirect(`/newsroom/media?ok=uploaded#media-${item.id}`, 303);
  });

  app.post<{ Params: { id: string } }>('/media/:id/alt', { config: { access: 'staff' }, schema: { hide: true } }, async (request, reply) => {
    const viewer = viewerCan(request, 'media.upload');
    const id = positiveInt(request.params.id) ?? 0;
    await setMediaAlt(db, id, field(request.body, 'alt'), viewer.user);
    if (wantsJson(request)) return { ok: true, item: await findMedia(db, id) };
    return reply.redirect(`/newsroom/media?ok=alt#media-${id}`, 303);
  });
}
