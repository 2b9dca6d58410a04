import { expect } from 'chai';
import fc from 'fast-check';
import { jsonErrorOffset, lineAndColumn } from '../../../models/deal/json-position.js';

describe('locating a JSON syntax error', () => {
  const cases: Array<[string, number]> = [
    ['{"a":1,}', 7], // trailing comma: the closing brace is where a name was due
    ['{"a":1', 6], // cut short: the end of the text
    ['{"a":tru}', 8], // misspelt literal: the first wrong letter
    ['{"a":"x"  "b":2}', 10], // missing comma
    ['[01]', 2], // leading zero
    ['{"a":"\\q"}', 7], // bad escape
    ['{"a":1} x', 8], // text after the value
    ['', 0],
  ];
  for (const [text, offset] of cases) {
    it(`finds offset ${offset} in ${JSON.stringify(text)}`, () => {
      expect(jsonErrorOffset(text)).to.equal(offset);
    });
  }

  it('says -1 for any text JSON.parse accepts', () => {
    fc.assert(fc.property(fc.jsonValue(), fc.constantFrom(0, 2), (v, indent) => {
      expect(jsonErrorOffset(JSON.stringify(v, null, indent))).to.equal(-1);
    }), { seed: 11, numRuns: 300 });
  });

  it('agrees with JSON.parse about which texts are valid, and with its position where it gives one', () => {
    fc.assert(fc.property(fc.json(), fc.nat(), fc.constantFrom('', ',', '}', ']', '"', 'x', ':', '0'), (json, at, junk) => {
      const i = at % (json.length + 1);
      const text = json.slice(0, i) + junk + json.slice(i);
      let parsed = true;
      let nodeAt: number | undefined;
      try { JSON.parse(text); } catch (e) {
        parsed = false;
        const m = /position (\d+)/.exec((e as Error).message);
        if (m) nodeAt = Number(m[1]);
      }
      const mine = jsonErrorOffset(text);
      expect(mine === -1).to.equal(parsed);
      if (nodeAt !== undefined) expect(mine).to.equal(nodeAt);
    }), { seed: 12, numRuns: 500 });
  });

  it('turns an offset into a 1-based line and column', () => {
    expect(lineAndColumn('ab\ncd\nef', 7)).to.deep.equal({ line: 3, column: 2 });
    expect(lineAndColumn('abc', 0)).to.deep.equal({ line: 1, column: 1 });
  });
});
