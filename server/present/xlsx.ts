// A small Office Open XML (ECMA-376) spreadsheet writer on Node's own zlib, in place of exceljs,
// whose install pulled in unmaintained packages (unzipper 0.10, fstream, rimraf 2, glob 7,
// inflight). It writes what the schedule download needs and nothing more: several sheets of text,
// numbers and dates (real date serials with a yyyy-mm-dd format), bold rows, column widths and
// number formats, frozen header rows/columns. Every text cell goes through neutralizeCell, so no
// cell can start a formula; strings are inline (no shared-string table); the zip is deflated with
// fixed timestamps, so the same input gives the same bytes.
import { crc32, deflateRawSync } from 'node:zlib';
import { neutralizeCell } from '../../models/format.js';

/** A cell: text, a finite number, a calendar date ('YYYY-MM-DD'), or empty. */
export type XlsxCell = string | number | { date: string } | null;

export interface XlsxColumn {
  /** Width in characters. */
  width?: number;
  /** How numbers in this column read: money '#,##0.00' (dates always read yyyy-mm-dd). */
  format?: 'money';
}

export interface XlsxSheet {
  name: string;
  rows: XlsxCell[][];
  columns?: XlsxColumn[];
  /** Rows (0-based) in bold. */
  boldRows?: number[];
  /** Rows above and columns left of the scrolling area, kept in view. */
  freeze?: { rows: number; cols: number };
}

// Cell styles (cellXfs in styles.xml): plain, bold, money, money bold, date, date bold.
const STYLE = { plain: 0, bold: 1, money: 2, moneyBold: 3, date: 4, dateBold: 5 } as const;
const DATE_FORMAT_ID = 164;

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Text for XML: markup escaped; characters XML cannot hold written as SpreadsheetML's _xHHHH_. */
export function xmlText(s: string): string {
  return s
    // A literal "_x0041_" in the text would be decoded by a reader: escape its underscore first.
    .replace(/_x([0-9A-Fa-f]{4})_/g, '_x005F_x$1_')
    .replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'))
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`)
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** Column letters of a 0-based index: 0 → A, 25 → Z, 26 → AA. */
export function columnName(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Excel's serial day number of a calendar date (days since 1899-12-30; right for dates from 1900-03-01). */
export function dateSerial(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`xlsx: a date cell must be YYYY-MM-DD, got ${JSON.stringify(iso.slice(0, 20))}`);
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (!Number.isFinite(t) || new Date(t).toISOString().slice(0, 10) !== iso) throw new Error(`xlsx: no such date ${iso}`);
  return (t - Date.UTC(1899, 11, 30)) / 86_400_000;
}

function cellXml(ref: string, v: XlsxCell, bold: boolean, money: boolean): string {
  if (v === null || v === '') return '';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`xlsx: cell ${ref} is not a finite number (${v})`);
    const s = money ? (bold ? STYLE.moneyBold : STYLE.money) : bold ? STYLE.bold : STYLE.plain;
    return `<c r="${ref}"${s ? ` s="${s}"` : ''}><v>${String(v)}</v></c>`;
  }
  if (typeof v === 'object') return `<c r="${ref}" s="${bold ? STYLE.dateBold : STYLE.date}"><v>${dateSerial(v.date)}</v></c>`;
  return `<c r="${ref}"${bold ? ` s="${STYLE.bold}"` : ''} t="inlineStr"><is><t xml:space="preserve">${xmlText(neutralizeCell(v))}</t></is></c>`;
}

function sheetXml(sheet: XlsxSheet): string {
  const bold = new Set(sheet.boldRows ?? []);
  const cols = sheet.columns ?? [];
  const f = sheet.freeze;
  let view = '<sheetView workbookViewId="0"/>';
  if (f && (f.rows > 0 || f.cols > 0)) {
    const pane = f.rows > 0 && f.cols > 0 ? 'bottomRight' : f.rows > 0 ? 'bottomLeft' : 'topRight';
    view = `<sheetView workbookViewId="0"><pane${f.cols > 0 ? ` xSplit="${f.cols}"` : ''}${f.rows > 0 ? ` ySplit="${f.rows}"` : ''} topLeftCell="${columnName(f.cols)}${f.rows + 1}" activePane="${pane}" state="frozen"/><selection pane="${pane}"/></sheetView>`;
  }
  // A money column's style also applies to cells a reader types in later.
  const colXml = cols.map((c, i) => (c.width || c.format ? `<col min="${i + 1}" max="${i + 1}" width="${c.width ?? 9.14}"${c.width ? ' customWidth="1"' : ''}${c.format === 'money' ? ` style="${STYLE.money}"` : ''}/>` : '')).join('');
  const rows = sheet.rows.map((row, r) => {
    const cells = row.map((v, c) => cellXml(`${columnName(c)}${r + 1}`, v, bold.has(r), cols[c]?.format === 'money')).join('');
    return `<row r="${r + 1}">${cells}</row>`;
  }).join('');
  return `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheetViews>${view}</sheetViews><sheetFormatPr defaultRowHeight="15"/>${colXml ? `<cols>${colXml}</cols>` : ''}<sheetData>${rows}</sheetData></worksheet>`;
}

const STYLES_XML = `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}">`
  + `<numFmts count="1"><numFmt numFmtId="${DATE_FORMAT_ID}" formatCode="yyyy-mm-dd"/></numFmts>`
  + '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
  + '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
  + '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
  + '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
  + '<cellXfs count="6">'
  + '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
  + '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
  // numFmtId 4 is the built-in "#,##0.00".
  + '<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
  + '<xf numFmtId="4" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>'
  + `<xf numFmtId="${DATE_FORMAT_ID}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`
  + `<xf numFmtId="${DATE_FORMAT_ID}" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>`
  + '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

/** The workbook as .xlsx bytes. */
export function writeXlsx(sheets: XlsxSheet[], creator = 'ipabs'): Buffer {
  if (sheets.length === 0) throw new Error('xlsx: a workbook needs at least one sheet');
  const names = new Set<string>();
  for (const s of sheets) {
    if (!/^[^[\]:*?/\\]{1,31}$/.test(s.name) || names.has(s.name.toLowerCase())) throw new Error(`xlsx: sheet name ${JSON.stringify(s.name)} must be 1-31 characters without []:*?/\\ and unique`);
    names.add(s.name.toLowerCase());
  }
  const sheetParts = sheets.map((_, i) => `xl/worksheets/sheet${i + 1}.xml`);
  const ct = 'application/vnd.openxmlformats-officedocument';
  const files: Array<[string, string]> = [
    ['[Content_Types].xml', `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`
      + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
      + `<Override PartName="/xl/workbook.xml" ContentType="${ct}.spreadsheetml.sheet.main+xml"/>`
      + sheetParts.map((p) => `<Override PartName="/${p}" ContentType="${ct}.spreadsheetml.worksheet+xml"/>`).join('')
      + `<Override PartName="/xl/styles.xml" ContentType="${ct}.spreadsheetml.styles+xml"/>`
      + '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
      + `<Override PartName="/docProps/app.xml" ContentType="${ct}.extended-properties+xml"/></Types>`],
    ['_rels/.rels', `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">`
      + `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>`
      + `<Relationship Id="rId2" Type="${PKG_REL_NS}/metadata/core-properties" Target="docProps/core.xml"/>`
      + `<Relationship Id="rId3" Type="${REL_NS}/extended-properties" Target="docProps/app.xml"/></Relationships>`],
    ['docProps/core.xml', `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`
      + `<dc:creator>${xmlText(creator)}</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">1970-01-01T00:00:00Z</dcterms:created></cp:coreProperties>`],
    ['docProps/app.xml', `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>${xmlText(creator)}</Application></Properties>`],
    ['xl/workbook.xml', `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><bookViews><workbookView/></bookViews><sheets>`
      + sheets.map((s, i) => `<sheet name="${xmlText(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') + '</sheets></workbook>'],
    ['xl/_rels/workbook.xml.rels', `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">`
      + sheetParts.map((p, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="${p.slice(3)}"/>`).join('')
      + `<Relationship Id="rId${sheets.length + 1}" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`],
    ['xl/styles.xml', STYLES_XML],
    ...sheets.map((s, i): [string, string] => [sheetParts[i] as string, sheetXml(s)]),
  ];
  return zip(files.map(([name, text]) => ({ name, data: Buffer.from(text, 'utf8') })));
}

/** A zip archive (PKZIP 2.0: deflate, CRC-32, no extras), entries dated 1980-01-01 00:00. */
export function zip(entries: Array<{ name: string; data: Buffer }>): Buffer {
  const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const packed = deflateRawSync(e.data, { level: 6 });
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0
    local.writeUInt16LE(0x0800, 6); // names are UTF-8
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by: 2.0
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}
