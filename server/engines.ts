// Engines other engineers are writing (Monte Carlo, sizing, cost comparison). The server looks for
// each module on disk when asked, so a page says plainly "not available yet" until it exists and
// picks it up as soon as it appears — it never shows made-up results in its place.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { codeModule } from './config.js';
import { HttpError } from './http-errors.js';

export interface OptionalEngine {
  key: 'montecarlo' | 'sizing' | 'cost' | 'design';
  title: string;
  /** Path from the project root. */
  file: string;
  issue: string;
}

export const OPTIONAL_ENGINES: Record<OptionalEngine['key'], OptionalEngine> = {
  montecarlo: { key: 'montecarlo', title: 'Monte Carlo engine', file: 'models/montecarlo/simulate.ts', issue: 'the Monte Carlo engine' },
  sizing: { key: 'sizing', title: 'Enhancement sizing solver', file: 'models/sizing/solve.ts', issue: 'issue 3' },
  cost: { key: 'cost', title: 'Cost comparison', file: 'models/cost/compare.ts', issue: 'issue 6' },
  design: { key: 'design', title: 'Design optimizer', file: 'models/design/optimize.ts', issue: 'issue 12' },
};

const RETRY_MS = 5_000;

export class Engines {
  private readonly loaded = new Map<OptionalEngine['key'], Record<string, unknown>>();
  private readonly failures = new Map<OptionalEngine['key'], { at: number; message: string; attempt: number }>();

  constructor(private readonly files: Partial<Record<OptionalEngine['key'], string>> = {}) {}

  path(key: OptionalEngine['key']): string {
    return this.files[key] ?? codeModule(OPTIONAL_ENGINES[key].file);
  }

  available(key: OptionalEngine['key']): boolean {
    return existsSync(this.path(key));
  }

  status(): Record<OptionalEngine['key'], boolean> {
    return { montecarlo: this.available('montecarlo'), sizing: this.available('sizing'), cost: this.available('cost'), design: this.available('design') };
  }

  unavailableMessage(key: OptionalEngine['key']): string {
    const e = OPTIONAL_ENGINES[key];
    return `${e.title} is not available yet (${e.file}, ${e.issue}, is still being written); no results are shown until it exists`;
  }

  /** 503 unless the engine's module exists. */
  require(key: OptionalEngine['key']): void {
    if (!this.available(key)) throw new HttpError(503, `engine: ${this.unavailableMessage(key)}`);
  }

  /**
   * Import an engine module (503 if it is missing or fails to load). A module that failed is
   * retried at most every few seconds, under a fresh URL so that a fixed file is picked up.
   */
  async load(key: OptionalEngine['key']): Promise<Record<string, unknown>> {
    this.require(key);
    const hit = this.loaded.get(key);
    if (hit) return hit;
    const failed = this.failures.get(key);
    if (failed && Date.now() - failed.at < RETRY_MS) throw new HttpError(503, failed.message);
    const attempt = (failed?.attempt ?? 0) + 1;
    const url = pathToFileURL(this.path(key)).href + (attempt > 1 ? `?attempt=${attempt}` : '');
    try {
      const mod = (await import(url)) as Record<string, unknown>;
      this.loaded.set(key, mod);
      this.failures.delete(key);
      return mod;
    } catch (err) {
      const message = `engine: ${OPTIONAL_ENGINES[key].title} (${OPTIONAL_ENGINES[key].file}) exists but does not load yet: ${(err as Error).message.split('\n')[0]}`;
      this.failures.set(key, { at: Date.now(), message, attempt });
      throw new HttpError(503, message);
    }
  }

  /** Resolve when the engine loads in this process; 503 with the reason otherwise. */
  async ready(key: OptionalEngine['key']): Promise<void> {
    await this.load(key);
  }

  /** For pages: null when ready, else the reason it is not. */
  async problem(key: OptionalEngine['key']): Promise<string | null> {
    try {
      await this.load(key);
      return null;
    } catch (err) {
      return err instanceof HttpError ? err.message.replace(/^engine: /, '') : String(err);
    }
  }
}
