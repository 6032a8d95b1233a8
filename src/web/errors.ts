/**
 * Turning any thrown error into an answer: a JSON error for the API, a Persian
 * page for readers. The answer never carries a stack trace or internal detail;
 * the log gets the detail.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ERRORS, isAppError, type ErrorCode } from '../errors/index.js';
import { isStorageUnavailable } from '../storage/index.js';

/** Maps anything thrown to a catalogued error. */
export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  const e = error as Partial<FastifyError> & { code?: string; errno?: number };
  if (e.validation) {
    const fields: Record<string, string> = {};
    for (const v of e.validation) {
      const path =
        (v.instancePath || '').replace(/^\//, '').replace(/\//g, '.') || String((v.params as { missingProperty?: string })?.missingProperty ?? 'body');
      fields[path] = v.message ?? 'invalid';
    }
    return new AppError('validation_failed', { fields, detail: e.message });
  }
  const byFastifyCode: Record<string, ErrorCode> = {
    FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
    FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_json',
    FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
    FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  };
  if (e.code && byFastifyCode[e.code]) return new AppError(byFastifyCode[e.code]!, { detail: e.message });
  if (error instanceof SyntaxError && e.statusCode === 400) return new AppError('malformed_json', { detail: e.message });
  if (isStorageUnavailable(error)) return new AppError('storage_unavailable', { detail: e.message });
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    const code = (Object.keys(ERRORS) as ErrorCode[]).find((k) => ERRORS[k].status === e.statusCode) ?? 'bad_request';
    return new AppError(code, { detail: e.message });
  }
  return new AppError('internal', { detail: e.message });
}

/** Logs what the operator needs and returns the catalogued error. */
export function logged(error: unknown, request: FastifyRequest): AppError {
  const appError = toAppError(error);
  if (appError.status >= 500) request.log.error({ err: error, code: appError.code }, 'request failed');
  else request.log.info({ code: appError.code, detail: appError.message }, 'request refused');
  return appError;
}

export function sendJsonError(reply: FastifyReply, error: AppError): FastifyReply {
  if (error.retryAfter !== undefined) reply.header('retry-after', String(error.retryAfter));
  return reply
    .code(error.status)
    .type('application/json; charset=utf-8')
    .send({ error: { code: error.code, message: error.publicMessage, ...(error.fields && { fields: error.fields }) } });
}
