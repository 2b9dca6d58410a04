// The text of a PDF, page by page, as a reader would copy it: Mozilla's PDF.js (pdfjs-dist, the
// maintained reference PDF reader), in its Node build. Items on one line are joined; lines by "\n".
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

interface TextItem { str: string; transform: number[]; hasEOL?: boolean }

export async function pdfText(bytes: Uint8Array): Promise<{ pages: number; text: string }> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const out: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    let line = '';
    let y: number | null = null;
    for (const it of content.items as TextItem[]) {
      if (!('str' in it)) continue;
      const ty = it.transform[5] ?? 0;
      if (y !== null && Math.abs(ty - y) > 2) { out.push(line); line = ''; }
      line += it.str;
      y = ty;
      if (it.hasEOL) { out.push(line); line = ''; y = null; }
    }
    if (line) out.push(line);
  }
  const pages = doc.numPages;
  await doc.destroy();
  // CJK fonts map some glyphs to the Kangxi radical code points (⽀ U+2F40 for 支); NFKC folds
  // them back to the ideographs a reader copies.
  return { pages, text: out.join('\n').normalize('NFKC') };
}
