// Messages between the deal index's summarizer (summarizer.ts) and its worker thread
// (summary-worker.ts): their own file, so neither imports the other.
import type { DealSummary } from './summary.js';

export interface SummaryJob { seq: number; text: string }
export type SummaryReply = { seq: number; ok: true; summary: DealSummary } | { seq: number; ok: false; error: string };
