// HTML to PDF in the headless Chromium: one browser for the server, started on the first report
// and closed with the app; one page per report, printed one at a time (a report takes about a
// second; a few more may wait, beyond that the caller is told to try again).
import type { Browser } from 'playwright-core';
import { ChromiumMissing, launchChromium } from './chromium.js';

export class PdfBusy extends Error {}
export { ChromiumMissing };

export interface PdfOptions {
  /** Text in the page footer beside the page number (e.g. the deal and the date). */
  footer: string;
}

export class PdfPrinter {
  private browser: Promise<Browser> | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  constructor(private readonly maxWaiting = 4) {}

  private open(): Promise<Browser> {
    if (!this.browser) {
      const b = launchChromium();
      this.browser = b;
      // A browser that fails to start, or that stops, is started again next time.
      b.then((br) => br.on('disconnected', () => { if (this.browser === b) this.browser = null; }), () => { if (this.browser === b) this.browser = null; });
    }
    return this.browser;
  }

  /** Print a complete HTML document (styles inline, no external resources) to A4 PDF bytes. */
  print(html: string, opts: PdfOptions): Promise<Buffer> {
    if (this.waiting >= this.maxWaiting) return Promise.reject(new PdfBusy(`report: ${this.waiting} reports are already being printed; try again in a moment`));
    this.waiting++;
    const job = this.chain.then(async () => {
      const browser = await this.open();
      const page = await browser.newPage();
      try {
        // No network: everything the report needs is in the HTML.
        await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
        await page.setContent(html, { waitUntil: 'load' });
        const footer = opts.footer.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
        return await page.pdf({
          format: 'A4', printBackground: true, margin: { top: '16mm', bottom: '18mm', left: '14mm', right: '14mm' },
          displayHeaderFooter: true, headerTemplate: '<span></span>',
          footerTemplate: `<div style="font-size:8px;width:100%;padding:0 14mm;color:#555;display:flex;justify-content:space-between"><span>${footer}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`,
        });
      } finally {
        await page.close().catch(() => undefined);
      }
    });
    this.chain = job.catch(() => undefined).finally(() => { this.waiting--; });
    return job;
  }

  async close(): Promise<void> {
    const b = this.browser;
    this.browser = null;
    if (b) await (await b.catch(() => null))?.close().catch(() => undefined);
  }
}
