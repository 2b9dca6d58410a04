// CSV in and out. Out: UTF-8 with a byte-order mark, so Excel on Chinese Windows opens it as UTF-8
// (without the mark it reads the file as GBK and the Chinese turns to mojibake). In: the text of an
// upload whatever Excel saved it as — UTF-8 (with or without the mark), UTF-16 "Unicode text"
// (tab-separated) or GB18030/GBK, the encoding of "CSV (逗号分隔)" saved by Excel on Chinese Windows.

export const UTF8_BOM = '\uFEFF';

/** The CSV text as a download: the byte-order mark, then the text. */
export function withBom(csv: string): string {
  return csv.startsWith(UTF8_BOM) ? csv : `${UTF8_BOM}${csv}`;
}

export interface DecodedText { text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' }

export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

/**
 * RFC 4180 fields: quoted fields may hold commas, quotes ("") and line breaks; rows end at CRLF
 * or LF. The delimiter is a comma, or a tab when the first line has tabs and no commas (Excel's
 * "Unicode text"). Returns the rows and, for each, its 1-based line number in the file.
 */
export function parseCsv(text: string): { rows: string[][]; lines: number[] } {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delim = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  const rows: string[][] = [];
  const lines: number[] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let i = 0;
  const endField = () => { row.push(field); field = ''; };
  const endRow = () => { endField(); rows.push(row); lines.push(rowLine); row = []; };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
        quoted = false; i++; continue;
      }
      if (c === '\n') line++;
      field += c; i++; continue;
    }
    if (c === '"' && field === '') { quoted = true; i++; continue; }
    if (c === delim) { endField(); i++; continue; }
    if (c === '\r' && text[i + 1] === '\n') { endRow(); i += 2; line++; rowLine = line; continue; }
    if (c === '\n' || c === '\r') { endRow(); i++; line++; rowLine = line; continue; }
    field += c; i++;
  }
  if (field !== '' || row.length > 0) endRow();
  return { rows, lines };
}
