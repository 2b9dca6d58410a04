// The Chromium the browser tests drive: the same finder the server prints reports with
// (server/browser/chromium.ts: CHROMIUM_PATH, a system Chromium, or the one inside the npm package
// @sparticuz/chromium).
export { findChromium, launchChromium, type FoundChromium } from '../../server/browser/chromium.js';
