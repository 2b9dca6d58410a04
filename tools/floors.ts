// The floors of the house (楼层): which folder may import which. ONE list, read by the floor test
// (test/tools/floors.test.ts, run by `npm test`) and by `npm run floors`, which prints every import
// that climbs a floor, goes sideways between two folders of one floor, or closes a circle.
//
// A file imports from its own folder or from a folder on a lower floor, never from a higher one.
// Folders on one floor may use each other one way; no circles, of files or of folders, `import type`
// included: in a circle no part can be read, tested or moved without the others.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** A floor: its folders (paths from the project root) and why they stand there. */
export interface Floor {
  readonly folders: readonly string[];
  readonly why: string;
}

/** The house from the ground up. A file belongs to the longest folder (or file) of this list that
 *  holds it; a source file under none of them is reported, so a new folder must be placed here. */
export const FLOORS: readonly Floor[] = [
  {
    folders: ['models/calendar', 'models/money', 'models/credit', 'models/ratings', 'models/i18n', 'models/sheets', 'models/format.ts'],
    why: 'the ground: dates and calendars, exact money, probability, rating scales, the zh/en catalogue, reading spreadsheets (sheets) and numbers for people (format.ts) need nothing of a deal',
  },
  {
    folders: ['models/deal'],
    why: 'a deal is data: the words its format is written in (field types, messages, JSON positions) and the schemas of its own sections (status events, funding, rail, servicer)',
  },
  {
    folders: ['models/enhancements', 'models/market', 'models/stress'],
    why: 'what a deal can carry and the market it prices against: enhancement kinds, market inputs, stress scenarios (压力情景, data in the deal\'s rating section)',
  },
  {
    folders: ['models/pool', 'models/pool/tape', 'models/crossborder'],
    why: 'the assets and the offshore leg: cash flows that feed the waterfall; the obligors that hold the assets, and the pool tape (pool/tape/, with its own index), which reads and writes them in the asset kinds\' columns',
  },
  {
    folders: ['models/deal-format'],
    why: 'the whole deal format, assembled from every kind\'s schema (one file per kind, so it stands above the kinds), its validation and loading, and a read pool tape put into a deal (pool-import.ts: it builds and checks whole deals)',
  },
  { folders: ['models/engine'], why: 'one compiled program of the deal and its waterfall (engine/waterfall.ts), run exactly or on plain numbers' },
  {
    folders: ['models/montecarlo', 'models/rail', 'models/breakeven'],
    why: 'runs of the engine: many paths (Monte Carlo), the payment rail the engine feeds, the break-even (TDR/BDR) rating under stress scenarios',
  },
  {
    folders: ['models/cost', 'models/sizing', 'models/programme'],
    why: 'questions asked of whole runs: what the money costs, how large an enhancement must be, what a shelf programme (储架发行) of several issues risks together',
  },
  { folders: ['models/design'], why: 'the structure optimizer (设计): searches a deal\'s design by asking the floors below for its cost, size and rating' },
  { folders: ['models/store'], why: 'the shelf: saved deals, the deal index and accounts; only the adapters keep things, and keeping may use any of the library' },
  { folders: ['cli'], why: 'the terminal adapts the library' },
  { folders: ['server'], why: 'the web adapts the library; what it shares with the terminal belongs in models/' },
  { folders: ['bench', 'bin'], why: 'benchmarks measure everything, the adapters included; bin/ starts the built CLI' },
];

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Folders whose source files are placed on floors. */
export const SOURCE_FOLDERS = ['models', 'cli', 'server', 'bench', 'bin'] as const;

export interface Import {
  readonly from: string; // file that imports, from the project root, with '/'
  readonly to: string;
  readonly names: string; // what it takes, as written (for messages)
}

/** Every floor's index, by folder. */
function floorIndex(floors: readonly Floor[]): Map<string, number> {
  const m = new Map<string, number>();
  floors.forEach((f, i) => f.folders.forEach((d) => m.set(d, i)));
  return m;
}

/** The folder of the list that holds a file (the longest that does), or null. */
export function placeOf(file: string, floors: readonly Floor[] = FLOORS): string | null {
  let best: string | null = null;
  for (const f of floors) for (const d of f.folders) {
    if ((file === d || file.startsWith(`${d}/`)) && (best === null || d.length > best.length)) best = d;
  }
  return best;
}

// ---------- reading imports ----------

/** The text with comments and template literals blanked (same length, lines kept), so that an
 *  import-shaped line in a comment or a generated-code template is not read as an import. */
export function codeOnly(text: string): string {
  const out = text.split('');
  const blank = (a: number, b: number) => { for (let k = a; k < b; k++) if (out[k] !== '\n') out[k] = ' '; };
  let i = 0;
  let lastSignificant = '';
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    const d = text[i + 1];
    if (c === '/' && d === '/') { const e = text.indexOf('\n', i); const end = e < 0 ? n : e; blank(i, end); i = end; continue; }
    if (c === '/' && d === '*') { const e = text.indexOf('*/', i + 2); const end = e < 0 ? n : e + 2; blank(i, end); i = end; continue; }
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < n && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      i = j + 1; lastSignificant = 'a'; continue;
    }
    if (c === '`') {
      // a template literal, with ${ } holes that may hold more templates
      let j = i + 1; let depth = 0;
      while (j < n) {
        const t = text[j]!;
        if (t === '\\') { j += 2; continue; }
        if (depth === 0 && t === '`') break;
        if (t === '$' && text[j + 1] === '{') { depth++; j += 2; continue; }
        if (depth > 0 && t === '}') depth--;
        j++;
      }
      blank(i, j + 1); i = j + 1; lastSignificant = 'a'; continue;
    }
    if (c === '/' && (lastSignificant === '' || '(,=:[!&|?{};+-*%<>~^'.includes(lastSignificant))) {
      // a regular-expression literal
      let j = i + 1; let inClass = false;
      while (j < n && text[j] !== '\n') {
        const t = text[j]!;
        if (t === '\\') { j += 2; continue; }
        if (t === '[') inClass = true; else if (t === ']') inClass = false; else if (t === '/' && !inClass) break;
        j++;
      }
      blank(i, j + 1); i = j + 1; lastSignificant = 'a'; continue;
    }
    if (!/\s/.test(c)) {
      lastSignificant = /[A-Za-z0-9_$)\]]/.test(c) ? 'a' : c;
      if (/[A-Za-z_$]/.test(c)) {
        let j = i; while (j < n && /[A-Za-z0-9_$]/.test(text[j]!)) j++;
        const word = text.slice(i, j);
        lastSignificant = ['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'void', 'yield', 'await'].includes(word) ? '(' : 'a';
        i = j; continue;
      }
    }
    i++;
  }
  return out.join('');
}

const STATIC = /(?:^|[;\n])\s*(?:import|export)\s+(type\s+)?([^;'"]*?)\s*from\s*(['"])([^'"\n]+)\3/g;
const BARE = /(?:^|[;\n])\s*import\s*(['"])([^'"\n]+)\1/g;
const DYNAMIC = /\bimport\s*\(\s*(['"])([^'"\n]+)\1\s*\)/g;
const WORKER_URL = /new\s+URL\s*\(\s*(['"])([^'"\n]+)\1\s*,\s*import\.meta\.url/g;

/** Relative module names a file imports, with what it takes (`import type` and dynamic imports too). */
export function importSpecifiers(text: string): { spec: string; names: string }[] {
  const code = codeOnly(text);
  const found: { spec: string; names: string }[] = [];
  for (const m of code.matchAll(STATIC)) found.push({ spec: m[4]!, names: `${m[1] ? 'type ' : ''}${m[2]!.replace(/\s+/g, ' ').trim()}` });
  for (const m of code.matchAll(BARE)) found.push({ spec: m[2]!, names: '(side effects)' });
  for (const m of code.matchAll(DYNAMIC)) found.push({ spec: m[2]!, names: 'import()' });
  for (const m of code.matchAll(WORKER_URL)) found.push({ spec: m[2]!, names: 'new URL() (worker)' });
  return found.filter((f) => f.spec.startsWith('.'));
}

const SOURCE = /\.(ts|js|mjs|cjs)$/;

function isFile(p: string): boolean {
  try { return statSync(p).isFile(); } catch { return false; }
}

/** The file a relative module name means: './x.js' is x.ts in source, a folder its index. */
export function resolveSpecifier(root: string, fromFile: string, spec: string): string | null {
  const base = posix.normalize(posix.join(posix.dirname(fromFile), spec));
  const stem = base.replace(/\.(js|mjs|cjs|ts)$/, '');
  const tries = [base, `${stem}.ts`, `${stem}.js`, `${stem}.mjs`, `${base}/index.ts`];
  for (const t of tries) if (isFile(join(root, t))) return t;
  return null;
}

function walk(root: string, dir: string): string[] {
  let entries;
  try { entries = readdirSync(join(root, dir), { withFileTypes: true }); } catch { return []; }
  return entries.flatMap((e) => {
    const p = `${dir}/${e.name}`;
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : walk(root, p);
    return SOURCE.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** Every source file of the house and the files it imports. */
export function readHouse(root: string = ROOT): { files: string[]; imports: Import[] } {
  const files = SOURCE_FOLDERS.flatMap((d) => walk(root, d)).sort();
  const imports: Import[] = [];
  for (const from of files) {
    for (const { spec, names } of importSpecifiers(readFileSync(join(root, from), 'utf8'))) {
      const to = resolveSpecifier(root, from, spec);
      if (to !== null && to !== from) imports.push({ from, to, names });
    }
  }
  return { files, imports };
}

// ---------- judging ----------

/** Strongly connected parts of two nodes or more (circles), each sorted, in a stable order. */
export function circlesOf(nodes: readonly string[], edges: ReadonlyArray<readonly [string, string]>): string[][] {
  const next = new Map<string, string[]>(nodes.map((f) => [f, []]));
  for (const [a, b] of edges) next.get(a)?.push(b);
  let counter = 0;
  const index = new Map<string, number>(); const low = new Map<string, number>();
  const stack: string[] = []; const onStack = new Set<string>(); const out: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter); low.set(v, counter); counter++; stack.push(v); onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) { visit(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); }
      else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const part: string[] = [];
      let w: string;
      do { w = stack.pop()!; onStack.delete(w); part.push(w); } while (w !== v);
      if (part.length > 1) out.push(part.sort());
    }
  };
  for (const f of nodes) if (!index.has(f)) visit(f);
  return out.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/** A violation, with a key naming it ('climb a -> b', 'circle a, b, …', 'unplaced f') and the message. */
export interface Violation {
  readonly kind: 'climb' | 'circle' | 'unplaced';
  readonly key: string;
  readonly message: string;
}

/** Everything out of place: imports that climb a floor, circles of files or of folders, files on no floor. */
export function violations(files: readonly string[], imports: readonly Import[], floors: readonly Floor[] = FLOORS): Violation[] {
  const level = floorIndex(floors);
  const out: Violation[] = [];
  for (const f of files) {
    if (placeOf(f, floors) === null) {
      out.push({ kind: 'unplaced', key: `unplaced ${f}`, message: `${f} is on no floor: place it (or its folder) in FLOORS in tools/floors.ts, with the reason it stands there` });
    }
  }
  const folderEdges = new Map<string, Import>();
  for (const i of imports) {
    const a = placeOf(i.from, floors); const b = placeOf(i.to, floors);
    if (a === null || b === null || a === b) continue;
    const la = level.get(a)!; const lb = level.get(b)!;
    if (lb > la) {
      out.push({ kind: 'climb', key: `climb ${i.from} -> ${i.to}`, message: `${i.from} imports ${i.to} (${i.names}): it climbs from ${a} (floor ${la + 1}) to ${b} (floor ${lb + 1})` });
    }
    if (!folderEdges.has(`${a} ${b}`)) folderEdges.set(`${a} ${b}`, i);
  }
  const tie = (i: Import) => `${i.from} -> ${i.to} (${i.names})`;
  for (const c of circlesOf(files, imports.map((i) => [i.from, i.to] as const))) {
    const inside = new Set(c);
    const ties = imports.filter((i) => inside.has(i.from) && inside.has(i.to)).map(tie);
    out.push({ kind: 'circle', key: `circle ${c.join(', ')}`, message: `circle of ${c.length} files: ${c.join(', ')}; ties: ${ties.join('; ')}` });
  }
  // Folders of one floor that import each other (a circle across floors always holds a climb, named above).
  const folders = floors.flatMap((f) => f.folders);
  const sideways = [...folderEdges.keys()].map((k) => k.split(' ') as [string, string]).filter(([a, b]) => level.get(a) === level.get(b));
  for (const c of circlesOf(folders, sideways)) {
    const ties = sideways.filter(([a, b]) => c.includes(a) && c.includes(b)).map(([a, b]) => tie(folderEdges.get(`${a} ${b}`)!));
    out.push({ kind: 'circle', key: `circle ${c.join(', ')}`, message: `circle of folders on floor ${level.get(c[0]!)! + 1}: ${c.join(', ')}; ties (one import each way): ${ties.join('; ')}` });
  }
  return out;
}

// ---------- what each folder of models/ exposes ----------

/** Names a file lists as re-exported from each sibling file ('*' for `export *`). */
export function reExports(indexText: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const code = codeOnly(indexText);
  for (const m of code.matchAll(/export\s+(type\s+)?(\*|\{([^}]*)\})\s*from\s*(['"])([^'"]+)\4/g)) {
    const file = m[5]!;
    if (!out.has(file)) out.set(file, new Set());
    const names = m[2] === '*' ? ['*'] : m[3]!.split(',').map((x) => x.trim().replace(/^type\s+/, '').split(/\s+as\s+/).pop()!.trim()).filter(Boolean);
    for (const n of names) out.get(file)!.add(n);
  }
  return out;
}

/** The names an import takes ('*' for a namespace, dynamic or side-effect import). */
export function namesTaken(names: string): string[] {
  const inner = /\{([^}]*)\}/.exec(names)?.[1];
  if (inner === undefined) return ['*'];
  return inner.split(',').map((x) => x.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0]!.trim()).filter(Boolean);
}

/**
 * What a folder of models/ exposes is its index.ts: every name another folder takes from one of
 * its files must be listed there (re-exported from that file). Answers each folder with no
 * index.ts and each name taken but not listed.
 */
export function unlisted(files: readonly string[], imports: readonly Import[], read: (file: string) => string, floors: readonly Floor[] = FLOORS): string[] {
  // A folder of models/ as the floors place it (pool/tape/ stands apart from pool/).
  const folderOf = (f: string) => {
    const d = placeOf(f, floors) ?? (f.startsWith('models/') && f.split('/').length > 2 ? f.split('/').slice(0, 2).join('/') : null);
    return d !== null && d.startsWith('models/') && !d.endsWith('.ts') ? d : null;
  };
  const folders = [...new Set(files.map(folderOf).filter((x): x is string => x !== null))].sort();
  const out: string[] = [];
  const listed = new Map<string, Map<string, Set<string>>>();
  for (const d of folders) {
    if (!files.includes(`${d}/index.ts`)) { out.push(`${d} has no index.ts saying what it exposes`); continue; }
    const m = new Map<string, Set<string>>();
    for (const [spec, names] of reExports(read(`${d}/index.ts`))) m.set(posix.normalize(posix.join(d, spec)).replace(/\.js$/, '.ts'), names);
    listed.set(d, m);
  }
  for (const i of imports) {
    const d = folderOf(i.to);
    if (d === null || folderOf(i.from) === d || i.to === `${d}/index.ts`) continue;
    const names = listed.get(d)?.get(i.to);
    if (!listed.has(d)) continue;
    for (const n of namesTaken(i.names)) {
      if (!(names?.has('*') || names?.has(n))) out.push(`${i.from} takes ${n} from ${i.to}, which ${d}/index.ts does not list`);
    }
  }
  return out;
}

/** `npm run floors`: every violation, grouped by kind. */
function main(): void {
  const { files, imports } = readHouse();
  const v = violations(files, imports);
  for (const kind of ['unplaced', 'climb', 'circle'] as const) {
    const these = v.filter((x) => x.kind === kind);
    if (these.length === 0) continue;
    console.log(`${kind} (${these.length}):`);
    for (const x of these) console.log(`  ${x.message}`);
  }
  console.log(`${files.length} files, ${imports.length} imports, ${v.length} violation(s)`);
  process.exitCode = v.length > 0 ? 1 : 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
