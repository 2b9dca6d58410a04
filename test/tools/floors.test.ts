// The floors of the house (tools/floors.ts): an import never climbs to a higher floor and never
// closes a circle. The first part checks the checker on small made-up houses (so a broken checker
// cannot pass the house); the second holds the real house to it.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeOnly, importSpecifiers, placeOf, readHouse, reExports, ROOT, unlisted, violations, type Floor, type Import } from '../../tools/floors.js';

const floors: Floor[] = [
  { folders: ['models/calendar', 'models/money'], why: 'ground' },
  { folders: ['models/deal'], why: 'data' },
  { folders: ['models/engine', 'models/waterfall'], why: 'engine' },
  { folders: ['server'], why: 'web' },
];
const imp = (from: string, to: string, names = '{ x }'): Import => ({ from, to, names });

describe('the floor checker', () => {
  it('places a file in the longest folder of the list that holds it, and nowhere when none does', () => {
    expect(placeOf('models/deal/schema.ts', floors)).to.equal('models/deal');
    expect(placeOf('models/dealer/x.ts', floors)).to.equal(null);
    expect(placeOf('server/routes/deals.ts', floors)).to.equal('server');
  });

  it('names an import that climbs a floor, with both files, the names taken and both floors', () => {
    const files = ['models/deal/schema.ts', 'models/engine/program.ts', 'models/calendar/iso-date.ts'];
    const v = violations(files, [imp('models/deal/schema.ts', 'models/engine/program.ts', 'type { DealProgram }'), imp('models/engine/program.ts', 'models/calendar/iso-date.ts')], floors);
    expect(v.map((x) => x.key)).to.deep.equal(['climb models/deal/schema.ts -> models/engine/program.ts']);
    expect(v[0]!.message).to.equal('models/deal/schema.ts imports models/engine/program.ts (type { DealProgram }): it climbs from models/deal (floor 2) to models/engine (floor 3)');
  });

  it('lets a folder use a peer of its own floor one way, and names a circle of peers', () => {
    const files = ['models/engine/exact.ts', 'models/waterfall/run.ts', 'models/calendar/a.ts', 'models/money/b.ts'];
    expect(violations(files, [imp('models/engine/exact.ts', 'models/waterfall/run.ts'), imp('models/calendar/a.ts', 'models/money/b.ts')], floors)).to.deep.equal([]);
    const v = violations(files, [imp('models/engine/exact.ts', 'models/waterfall/run.ts'), imp('models/waterfall/run.ts', 'models/engine/program.ts')], floors);
    expect(v.map((x) => x.key)).to.deep.equal(['circle models/engine, models/waterfall']);
    expect(v[0]!.message).to.contain('models/waterfall/run.ts -> models/engine/program.ts');
  });

  it('names a circle of files inside one folder, however long, and leaves a chain alone', () => {
    const files = ['server/a.ts', 'server/b.ts', 'server/c.ts', 'server/d.ts'];
    const chain = [imp('server/a.ts', 'server/b.ts'), imp('server/b.ts', 'server/c.ts'), imp('server/c.ts', 'server/d.ts')];
    expect(violations(files, chain, floors)).to.deep.equal([]);
    const v = violations(files, [...chain, imp('server/d.ts', 'server/b.ts', 'type { AppContext }')], floors);
    expect(v.map((x) => x.key)).to.deep.equal(['circle server/b.ts, server/c.ts, server/d.ts']);
    expect(v[0]!.message).to.contain('server/d.ts -> server/b.ts (type { AppContext })');
  });

  it('names a file on no floor, so a new folder has to be placed with a reason', () => {
    const v = violations(['models/newthing/x.ts'], [], floors);
    expect(v.map((x) => x.key)).to.deep.equal(['unplaced models/newthing/x.ts']);
    expect(v[0]!.message).to.contain('FLOORS in tools/floors.ts');
  });

  it('reads static, type-only, re-exported, side-effect and dynamic imports and worker URLs, not ones in comments or templates', () => {
    const text = [
      "import { a, b } from './a.js';",
      "import type {\n  T,\n} from '../deal/schema.js';",
      "export { c } from './c.js';",
      "export * from './d.js';",
      "import './e.js';",
      "import { z } from 'zod';",
      "// import { no } from './comment.js';",
      "/* import { no } from './block.js'; */",
      "const code = `\nimport { no } from './template.js';\n`;",
      "const re = /from '.\\/regex.js'/;",
      "const m = await import('./f.js');",
      "const w = new URL('./worker.js', import.meta.url);",
    ].join('\n');
    expect(importSpecifiers(text).map((x) => x.spec)).to.deep.equal(['./a.js', '../deal/schema.js', './c.js', './d.js', './e.js', './f.js', './worker.js']);
    expect(importSpecifiers(text)[1]!.names).to.equal('type { T, }');
    expect(codeOnly('a // b\nc').split('\n')).to.deep.equal(['a     ', 'c']);
  });
});

describe('what a folder of models/ exposes (its index.ts)', () => {
  it('reads the names an index re-exports, types and renames included', () => {
    const m = reExports("export { a, b as c, type T } from './x.js';\nexport type { U } from './y.js';\nexport * from './z.js';\n// export { no } from './w.js';");
    expect([...m.keys()]).to.deep.equal(['./x.js', './y.js', './z.js']);
    expect([...m.get('./x.js')!]).to.deep.equal(['a', 'c', 'T']);
    expect([...m.get('./z.js')!]).to.deep.equal(['*']);
  });

  it('names a folder without an index and a name another folder takes that its index does not list', () => {
    const files = ['models/deal/index.ts', 'models/deal/schema.ts', 'models/engine/exact.ts', 'models/money/num.ts'];
    const text: Record<string, string> = { 'models/deal/index.ts': "export { type Deal } from './schema.js';" };
    const imports = [imp('models/engine/exact.ts', 'models/deal/schema.ts', 'type { Deal, Tranche }')];
    expect(unlisted(files, imports, (f) => text[f] ?? '')).to.deep.equal([
      'models/engine has no index.ts saying what it exposes',
      'models/money has no index.ts saying what it exposes',
      'models/engine/exact.ts takes Tranche from models/deal/schema.ts, which models/deal/index.ts does not list',
    ]);
  });
});

describe('the house (npm run floors prints the same)', () => {
  const { files, imports } = readHouse();
  const found = violations(files, imports);

  it('reads the whole house', () => {
    expect(files.length).to.be.greaterThan(200);
    expect(imports.some((i) => i.from === 'models/engine/exact.ts' && i.to.startsWith('models/'))).to.equal(true);
  });

  it('says in each folder of models/ what it exposes, and lists every name other folders take', () => {
    expect(unlisted(files, imports, (f) => readFileSync(join(ROOT, f), 'utf8')), 'list the name in the folder\'s index.ts').to.deep.equal([]);
  });

  it('has no import that climbs a floor, no circle and no file on no floor', () => {
    expect(found.map((v) => v.message), 'import down only; move what both need to the lower floor (see FLOORS in tools/floors.ts)').to.deep.equal([]);
  });
});
