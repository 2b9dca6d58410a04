// Errors that become HTTP answers. Every message reads `field: what is wrong (what is allowed)`.
import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import type { Problem } from '../models/deal-format/validate.js';
import { errorLineIn, problemMessageIn } from '../models/i18n/index.js';
import { langOf } from './language.js';
import { capMessage } from '../models/format.js';

export class HttpError extends Error {
  /** Headers the answer carries (e.g. Retry-After on a 429 or 503). */
  headers: Record<string, string> = {};
  constructor(readonly status: number, message: string, readonly problems?: Problem[]) {
    super(message);
  }
}

/** A refusal to come back later (429, 503) with Retry-After in seconds. */
export function retryLater(status: 429 | 503, message: string, seconds: number): HttpError {
  const e = new HttpError(status, message);
  e.headers['Retry-After'] = String(seconds);
  return e;
}

export const badRequest = (message: string) => new HttpError(400, message);
export const notFound = (message: string) => new HttpError(404, message);

/** Wrap an async handler so a rejected promise reaches the error handler instead of crashing. */
export function handle(fn: (req: Request, res: Response, next: NextFunction) => Promise<unknown> | unknown) {
  return (req: Request, res: Response, next: NextFunction): void => {
    Promise.resolve()
      .then(() => fn(req, res, next))
      .catch(next);
  };
}

const tooLarge = (bodyLimit: number) => `body: the request body is larger than the limit (at most ${Math.round(bodyLimit / 1024)} KB)`;

/** True (and the connection marked to close after the answer) if the request declares a body over `limit`. */
export function declaresMoreThan(req: Request, res: Response, limit: number): boolean {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (!(declared > limit)) return false;
  res.setHeader('Connection', 'close');
  return true;
}

/**
 * A request that declares a body larger than the limit (Content-Length) is answered 413 at once,
 * before any of it is read, and its connection is closed: the body parsers would otherwise drain
 * the whole declared body (5 GB) before answering. A route with its own, larger limit (a pool tape
 * upload) is passed by `except` and makes the same check with declaresMoreThan.
 */
export function refuseDeclaredOversize(bodyLimit: number, except: (req: Request) => boolean = () => false): RequestHandler {
  return (req, res, next) => {
    if (!except(req) && declaresMoreThan(req, res, bodyLimit)) next(new HttpError(413, tooLarge(bodyLimit)));
    else next();
  };
}

interface BodyParserError { type?: string; status?: number; limit?: number; expose?: boolean }

function describe(err: unknown, bodyLimit: number): { status: number; message: string; problems?: Problem[] } {
  if (err instanceof HttpError) return { status: err.status, message: err.message, ...(err.problems ? { problems: err.problems } : {}) };
  const e = (err ?? {}) as BodyParserError;
  switch (e.type) {
    case 'entity.too.large':
      return { status: 413, message: tooLarge(bodyLimit) };
    case 'entity.parse.failed':
      return { status: 400, message: `body: malformed JSON (${(err as Error).message.replace(/\s+/g, ' ').slice(0, 200)})` };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { status: 415, message: 'body: unsupported encoding (send UTF-8 JSON)' };
    case 'request.aborted':
      return { status: 400, message: 'body: the request was aborted before the body arrived' };
    default:
      break;
  }
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    return { status: e.status, message: `request: ${(err as Error).message ?? 'bad request'}` };
  }
  return { status: 500, message: 'internal error: the server could not complete this request (it has been logged)' };
}

/** The last middleware: JSON for /api, an HTML error page elsewhere. Never rethrows. */
export function errorHandler(bodyLimit: number, log: (msg: string) => void): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const { status, message: full, problems } = describe(err, bodyLimit);
    const message = capMessage(full);
    if (status >= 500) log(`${req.method} ${req.originalUrl}: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    if (res.headersSent) {
      res.end();
      return;
    }
    if (err instanceof HttpError) res.set(err.headers);
    // In the request's language: the message and each problem (English as written when no rule knows it).
    const lang = langOf(res);
    const shown = errorLineIn(lang, message);
    const localized = problems?.map((p) => (lang === 'en' ? p : { ...p, text: problemMessageIn(lang, p.message).text }));
    if (req.path.startsWith('/api/') || !req.accepts('html')) {
      res.status(status).json(localized ? { error: shown, problems: localized } : { error: shown });
      return;
    }
    const title = typeof res.locals.t === 'function' ? (res.locals.t as (k: 'common.error', p: { status: number }) => string)('common.error', { status }) : `Error ${status}`;
    res.status(status).render('error', { title, status, message: shown, problems: (localized ?? []).map((p) => ({ path: p.path, message: 'text' in p ? p.text : p.message })) });
  };
}
