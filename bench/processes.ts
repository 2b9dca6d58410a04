// Whole-process timings for `npm run bench` (issue 15): how long a user waits for the command line
// and the web app, and the Monte Carlo engine against a C program of the same model
// (bench/c/synthetic.c). Every figure is a median over several runs of a fresh process. The
// machine may be shared, so the C program and ipabs run interleaved (C, ipabs, C, ipabs …) and the
// ratio is taken within each round; CPU time (user + system of the process and its threads) is
// shown beside wall time because it is far less disturbed by other work on the machine.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { textTable } from '../models/format.js';

export interface Timing { wall: number; cpu: number }

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/**
 * Run a command as a fresh process and time it: wall time from here, CPU time from the shell's
 * `times` (user + system of its finished children, i.e. the command with all its threads).
 */
export function timeProcess(cmd: string, args: string[], cwd: string): Timing & { stdout: string } {
  const out = join(mkdtempSync(join(tmpdir(), 'ipabs-bench-')), 'out');
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/bin/sh', ['-c', '"$@" > "$OUT"; s=$?; times; exit $s', 'sh', cmd, ...args], { cwd, encoding: 'utf8', env: { ...process.env, OUT: out } });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status}): ${r.stderr}`);
  // `times` prints the shell's own user/system times, then its children's: "0m1.234s 0m0.056s".
  const child = r.stdout.trim().split('\n').pop() ?? '';
  const secs = [...child.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  const stdout = spawnSync('cat', [out], { encoding: 'utf8' }).stdout;
  rmSync(join(out, '..'), { recursive: true, force: true });
  return { wall, cpu: (secs[0] ?? NaN) + (secs[1] ?? NaN), stdout };
}

const fmt = (t: Timing) => `${t.wall.toFixed(3)} s (CPU ${t.cpu.toFixed(3)} s)`;

/**
 * `ipabs simulate` as its own process, with that process's peak resident memory (worker threads
 * included: they share it), so that the figure is the run's, not what the bench held before it.
 */
export function simulateMemory(root: string, dealFile: string, paths: number, threads: number): Timing & { peakMb: number } {
  // A file, not `node -e`: worker threads inherit the process's exec arguments, and --input-type would stop them.
  const dir = mkdtempSync(join(tmpdir(), 'ipabs-bench-mem-'));
  const wrapper = join(dir, 'peak.mjs');
  writeFileSync(wrapper, [
    "process.on('exit', () => process.stderr.write(`peak-rss-kb ${process.resourceUsage().maxRSS}\\n`));",
    `await import(${JSON.stringify(pathToFileURL(join(root, 'bin', 'ipabs.js')).href)});`,
  ].join('\n'));
  try {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [wrapper, 'simulate', dealFile, '--paths', String(paths), '--threads', String(threads), '--json'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const wall = Number(process.hrtime.bigint() - t0) / 1e9;
    const kb = /peak-rss-kb (\d+)/.exec(r.stderr);
    if (r.status !== 0 || !kb) throw new Error(`ipabs simulate ${dealFile} failed (exit ${r.status}): ${r.stderr}`);
    return { wall, cpu: NaN, peakMb: Number(kb[1]) / 1024 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `ipabs --help` and `ipabs schedule … --json` as a user runs them. */
export function cliStartup(root: string, repeats: number): string[][] {
  const ipabs = join(root, 'bin', 'ipabs.js');
  const cases: Array<[string, string[], number]> = [
    ['ipabs --help', ['--help'], 0.4],
    ['ipabs schedule scenarios/yuhang-abn-2023.json --json', ['schedule', join(root, 'scenarios', 'yuhang-abn-2023.json'), '--json'], 0.6],
  ];
  const times = cases.map(() => [] as Timing[]);
  for (let k = 0; k < repeats; k++) cases.forEach(([, args], i) => times[i]!.push(timeProcess(process.execPath, [ipabs, ...args], root)));
  return cases.map(([label, , target], i) => {
    const t = { wall: median(times[i]!.map((x) => x.wall)), cpu: median(times[i]!.map((x) => x.cpu)) };
    return [label, fmt(t), `${Math.max(...times[i]!.map((x) => x.wall)).toFixed(3)} s`, `< ${target} s`, t.wall < target ? 'met' : 'MISSED'];
  });
}

/** Seconds from POST /api/runs to the first progress event of a 100,000-path Yuhang run, on a server started from the build. */
export async function firstProgress(root: string, repeats: number): Promise<{ fresh: number[]; later: number[] }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ipabs-bench-data-'));
  const server = spawn(process.execPath, [join(root, 'dist', 'server', 'main.js')], { env: { ...process.env, PORT: '0', IPABS_DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const base = await new Promise<string>((resolve, reject) => {
      let out = '';
      server.stdout.on('data', (d: Buffer) => { out += String(d); const m = /localhost:(\d+)/.exec(out); if (m) resolve(`http://127.0.0.1:${m[1]}`); });
      server.on('exit', (code) => reject(new Error(`server exited with code ${code}`)));
    });
    // A user opens the page before submitting: wait until the server says its spare worker is warm.
    const warm = async () => {
      for (let k = 0; k < 400; k++) {
        const h = (await (await fetch(`${base}/api/health`)).json()) as { runs: { warmWorker: boolean } };
        if (h.runs.warmWorker) return;
        await new Promise((r) => setTimeout(r, 25));
      }
    };
    const once = async (seed: number): Promise<number> => {
      await warm();
      const t0 = performance.now();
      const post = await fetch(`${base}/api/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ dealId: 'yuhang-abn-2023', paths: 100_000, seed }) });
      const { events } = (await post.json()) as { events: string };
      const res = await fetch(`${base}${events}`);
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let buf = '';
      let first = NaN;
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += decoder.decode(value);
        if (Number.isNaN(first) && /event: progress/.test(buf)) first = (performance.now() - t0) / 1000;
        if (/event: (done|failed|cancelled)/.test(buf)) break;
      }
      await reader.cancel();
      if (Number.isNaN(first)) throw new Error(`no progress event: ${buf.slice(0, 300)}`);
      return first;
    };
    const fresh = [await once(1)];
    const later: number[] = [];
    for (let k = 1; k < repeats; k++) later.push(await once(1 + k));
    return { fresh, later };
  } finally {
    // Let it finish writing its run records before the folder goes.
    if (server.exitCode === null) await new Promise((resolve) => { server.once('exit', resolve); server.kill(); });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

interface SimResult { pool: { expectedLossRate: number; expectedLossRateStdErr: number; defaultRateMean: number; defaultRateMeanStdErr: number }; tranches: Array<{ expectedLossRate: number; expectedLossRateStdErr: number }> }

/**
 * The synthetic pool at `paths` paths: the C program (both of its default-sampling methods) and
 * `ipabs simulate` on 1 and 2 threads, interleaved round by round. Returns the report lines.
 */
export function compareWithC(root: string, paths: number, repeats: number): string {
  const lines: string[] = [];
  const src = join(root, 'bench', 'c', 'synthetic.c');
  const outDir = join(root, '.bench-out');
  const exe = join(outDir, 'synthetic');
  const gcc = spawnSync('gcc', ['--version'], { encoding: 'utf8' });
  let haveC = gcc.status === 0;
  if (!haveC) lines.push('gcc not found: the comparison with the C program (bench/c/synthetic.c) is skipped; install gcc to run it.');
  else {
    mkdirSync(outDir, { recursive: true });
    const cc = spawnSync('gcc', ['-O2', '-o', exe, src, '-lm'], { encoding: 'utf8' });
    if (cc.status !== 0) { lines.push(`gcc could not build bench/c/synthetic.c, comparison skipped:\n${cc.stderr}`); haveC = false; }
  }
  const deal = join(root, 'bench', 'synthetic-1000.json');
  const ipabs = (threads: number, n = paths) => timeProcess(process.execPath, [join(root, 'bin', 'ipabs.js'), 'simulate', deal, '--paths', String(n), '--seed', '2026', '--threads', String(threads), '--json'], root);
  const c = (method: string) => timeProcess(exe, ['--paths', String(paths), '--seed', '2026', '--method', method], root);
  const rows = { latent: [] as Timing[], conditional: [] as Timing[], jump: [] as Timing[], one: [] as Timing[], two: [] as Timing[], start: [] as Timing[] };
  const ratios = {
    latentWall: [] as number[], latentCpu: [] as number[], condWall: [] as number[], condCpu: [] as number[],
    jumpWall: [] as number[], jumpCpu: [] as number[], threads: [] as number[],
  };
  let js: SimResult | null = null;
  let cOut: SimResult | null = null;
  for (let k = 0; k < repeats; k++) {
    const one = ipabs(1);
    js = JSON.parse(one.stdout) as SimResult;
    rows.one.push(one);
    if (haveC) {
      const lat = c('latent');
      const cond = c('conditional');
      const jump = c('jump');
      cOut = JSON.parse(jump.stdout) as SimResult;
      rows.jump.push(jump);
      ratios.jumpWall.push(one.wall / jump.wall);
      ratios.jumpCpu.push(one.cpu / jump.cpu);
      rows.latent.push(lat);
      rows.conditional.push(cond);
      ratios.latentWall.push(one.wall / lat.wall);
      ratios.latentCpu.push(one.cpu / lat.cpu);
      ratios.condWall.push(one.wall / cond.wall);
      ratios.condCpu.push(one.cpu / cond.cpu);
    }
    const two = ipabs(2);
    rows.two.push(two);
    ratios.threads.push(one.wall / two.wall);
    // The serial part of a run: starting Node, loading the code, reading, checking and compiling the deal.
    rows.start.push(ipabs(1, 1));
  }
  const med = (ts: Timing[]) => ({ wall: median(ts.map((t) => t.wall)), cpu: median(ts.map((t) => t.cpu)) });
  const table: string[][] = [['ipabs simulate, 1 thread', fmt(med(rows.one)), '']];
  // Amdahl: with the start-up S serial, 2 threads can at best run the rest in half the time.
  const t1 = med(rows.one).wall;
  const start = med(rows.start).wall;
  const bound = t1 / (start + (t1 - start) / 2);
  table.push(['ipabs simulate, 2 threads', fmt(med(rows.two)), `speed-up ${median(ratios.threads).toFixed(2)}× (target ≥ 1.8×; at most ${bound.toFixed(2)}× with the start-up serial)`]);
  table.push(['ipabs simulate --paths 1 (start-up: Node, code, deal checked and compiled)', fmt(med(rows.start)), '']);
  // The same at ten times the paths, once: start-up weighs a tenth as much.
  const big = paths * 10;
  const bigOne = ipabs(1, big);
  const bigTwo = ipabs(2, big);
  table.push([`ipabs simulate, ${big.toLocaleString('en-US')} paths, 1 / 2 threads`, `${fmt(bigOne)} / ${fmt(bigTwo)}`, `speed-up ${(bigOne.wall / bigTwo.wall).toFixed(2)}×`]);
  if (haveC) {
    table.push(['C, latent (inverse normal per name)', fmt(med(rows.latent)), `ipabs / C: wall ${median(ratios.latentWall).toFixed(2)}×, CPU ${median(ratios.latentCpu).toFixed(2)}×`]);
    table.push(['C, conditional (a uniform per name, months for defaults)', fmt(med(rows.conditional)), `ipabs / C: wall ${median(ratios.condWall).toFixed(2)}×, CPU ${median(ratios.condCpu).toFixed(2)}×`]);
    table.push(['C, jump (ipabs\'s method: geometric gaps between defaults)', fmt(med(rows.jump)), `ipabs / C: wall ${median(ratios.jumpWall).toFixed(2)}×, CPU ${median(ratios.jumpCpu).toFixed(2)}×`]);
  }
  lines.push(`Synthetic pool (bench/synthetic-1000.json), ${paths.toLocaleString('en-US')} paths, seed 2026: whole processes, median of ${repeats} interleaved rounds (ratios taken within each round; target ipabs ≤ 1.5× C)\n`);
  lines.push(textTable(['program', 'wall (CPU)', 'ratio'], table));
  if (js && cOut) {
    // Same model, different random numbers: the estimates must agree within their errors.
    const z = (a: number, sa: number, b: number, sb: number) => Math.abs(a - b) / Math.sqrt(sa * sa + sb * sb);
    const checks: Array<[string, number, number, number]> = [
      ['pool expected loss', js.pool.expectedLossRate, cOut.pool.expectedLossRate, z(js.pool.expectedLossRate, js.pool.expectedLossRateStdErr, cOut.pool.expectedLossRate, cOut.pool.expectedLossRateStdErr)],
      ['mean default rate', js.pool.defaultRateMean, cOut.pool.defaultRateMean, z(js.pool.defaultRateMean, js.pool.defaultRateMeanStdErr, cOut.pool.defaultRateMean, cOut.pool.defaultRateMeanStdErr)],
      ...js.tranches.map((t, i): [string, number, number, number] => {
        const o = cOut!.tranches[i]!;
        return [`tranche ${i + 1} expected loss`, t.expectedLossRate, o.expectedLossRate, z(t.expectedLossRate, t.expectedLossRateStdErr, o.expectedLossRate, o.expectedLossRateStdErr)];
      }),
    ];
    lines.push(`\nSame model? ipabs against the C program (different random numbers, so agreement within a few standard errors):\n`);
    lines.push(textTable(['figure', 'ipabs', 'C', 'difference / s.e.'], checks.map(([l, a, b, zz]) => [l, `${(a * 100).toFixed(4)}%`, `${(b * 100).toFixed(4)}%`, `${zz.toFixed(2)}${zz > 4 ? '  DIFFERENT' : ''}`])));
  }
  if (existsSync(exe)) lines.push(`\nC program: ${exe} (gcc -O2 from bench/c/synthetic.c; xoshiro256**).`);
  return lines.join('\n');
}
