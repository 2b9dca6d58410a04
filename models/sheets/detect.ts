// What kind of file an upload is, from its first bytes (never from its name): an Excel workbook
// (.xlsx, a zip package), an old Excel 97-2003 workbook, another known format, or text (CSV).
// A workbook's zip directory is read before anything unpacks it, so a small file that would
// expand to gigabytes (a "zip bomb") is refused without being unpacked.

export type OtherFormat = 'empty' | 'damaged-zip' | 'word' | 'powerpoint' | 'opendocument' | 'zip' | 'binary' | 'pdf' | 'png' | 'jpeg' | 'gif' | 'gzip' | '7z' | 'rar' | 'program';

export type FileKind =
  | { kind: 'xlsx' }
  | { kind: 'csv' }
  | { kind: 'xls' }
  /** `what` names the format found (a catalogue key `tape.what.<what>` says it in words). */
  | { kind: 'other'; what: OtherFormat };

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);

/** Known non-spreadsheet formats, named so the message can say what the file looks like. */
const SIGNATURES: Array<[OtherFormat, number[]]> = [
  ['pdf', [0x25, 0x50, 0x44, 0x46]],
  ['png', [0x89, 0x50, 0x4e, 0x47]],
  ['jpeg', [0xff, 0xd8, 0xff]],
  ['gif', [0x47, 0x49, 0x46, 0x38]],
  ['gzip', [0x1f, 0x8b]],
  ['7z', [0x37, 0x7a, 0xbc, 0xaf]],
  ['rar', [0x52, 0x61, 0x72, 0x21]],
  ['program', [0x7f, 0x45, 0x4c, 0x46]],
  ['program', [0x4d, 0x5a]],
];

export function detectFileKind(bytes: Uint8Array): FileKind {
  if (bytes.length === 0) return { kind: 'other', what: 'empty' };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    const names = zipEntryNames(bytes);
    if (names === null) return { kind: 'other', what: 'damaged-zip' };
    if (names.includes('xl/workbook.xml')) return { kind: 'xlsx' };
    if (names.includes('word/document.xml')) return { kind: 'other', what: 'word' };
    if (names.includes('ppt/presentation.xml')) return { kind: 'other', what: 'powerpoint' };
    if (names.includes('content.xml') && names.includes('mimetype')) return { kind: 'other', what: 'opendocument' };
    return { kind: 'other', what: 'zip' };
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return { kind: 'xls' };
  for (const [what, sig] of SIGNATURES) if (startsWith(bytes, sig)) return { kind: 'other', what };
  // Text: no NUL bytes in the first 64 KB (UTF-16 text has them, but carries a byte-order mark).
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return { kind: 'csv' };
  const head = bytes.subarray(0, 65_536);
  if (head.includes(0)) return { kind: 'other', what: 'binary' };
  return { kind: 'csv' };
}

export interface ZipEntry { name: string; compressed: number; uncompressed: number }

function zipEntryNames(bytes: Uint8Array): string[] | null {
  const entries = zipDirectory(bytes);
  return entries ? entries.map((e) => e.name) : null;
}

/**
 * The zip central directory (names and sizes) read from the end-of-central-directory record,
 * or null when the archive is damaged. Zip64 archives are reported with their 32-bit sizes
 * (0xFFFFFFFF), which the size check then refuses: a pool tape is never that large.
 */
export function zipDirectory(bytes: Uint8Array): ZipEntry[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The EOCD record is at least 22 bytes and ends with a comment of up to 65,535 bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  const dirOffset = view.getUint32(eocd + 16, true);
  const out: ZipEntry[] = [];
  let p = dirOffset;
  const decoder = new TextDecoder('utf-8', { fatal: false });
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) return null;
    const compressed = view.getUint32(p + 20, true);
    const uncompressed = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    if (p + 46 + nameLen > bytes.length) return null;
    out.push({ name: decoder.decode(bytes.subarray(p + 46, p + 46 + nameLen)), compressed, uncompressed });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** Total size of a zip's entries once unpacked (bytes), or null when the archive is damaged. */
export function zipUnpackedSize(bytes: Uint8Array): { bytes: number; entries: number } | null {
  const dir = zipDirectory(bytes);
  if (!dir) return null;
  return { bytes: dir.reduce((s, e) => s + e.uncompressed, 0), entries: dir.length };
}
