// supertest helpers: read a response body as raw bytes (a workbook, a PDF, a CSV with its
// byte-order mark — superagent's text decoding would drop the mark).
import type request from 'supertest';

export function binary(res: request.Response, cb: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}
