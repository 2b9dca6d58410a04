import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { dealDiagramSvg, escapeXml, wrapText } from '../../server/present/diagram.js';
import { validateDeal } from '../../models/deal-format/validate.js';
import type { Deal } from '../../models/deal-format/schema.js';
import { projectRoot } from '../../server/config.js';

function yuhang(): Deal {
  const r = validateDeal(JSON.parse(readFileSync(resolve(projectRoot, 'scenarios/yuhang-abn-2023.json'), 'utf8')));
  if (!r.ok) throw new Error('the Yuhang scenario should be valid');
  return r.deal;
}

const leg = {
  id: 'plus-one', name: 'HK private placement', currency: 'CNH',
  firm: { name: 'Hetao Robotics', sector: 'robotics' },
  facility: { totalCny: 2_000_000 },
  draws: [{ date: '2023-06-01', amountCny: 1_000_000 }, { date: '2023-09-01', amountCny: 1_000_000 }],
  coupon: { rate: 0.035 },
  chain: { hkGuarantor: { name: 'ICBC (Asia)' }, onshoreBank: { name: 'ICBC Shenzhen' } },
};

describe('deal diagram (server/present/diagram)', () => {
  it('draws the parties of the Yuhang ABN from its data', () => {
    const svg = dealDiagramSvg(yuhang());
    expect(svg.match(/<g class="party/g)).to.have.length(7); // firms, trust, investors, 3 providers, fees
    expect(svg).to.contain('Firms 企业 × 14');
    expect(svg).to.contain('IP appraised 1.74亿');
    expect(svg).not.to.contain('e-CNY rail');
    expect(svg).not.to.contain('offshore leg');
  });

  it('adds the e-CNY rail band when the deal settles in e-CNY', () => {
    const d = { ...yuhang(), rail: { kind: 'e-cny', wallet: 'real-name', programmable: true } } as unknown as Deal;
    const svg = dealDiagramSvg(d);
    expect(svg).to.contain('e-CNY rail 数字人民币: subscription, disbursement and payments in real-name wallets 实名钱包, programmable 可编程支付');
    // three connectors (firms, trust side, investors) and the legend's sample line
    expect(svg.match(/class="flow rail"/g)).to.have.length(4);
  });

  it('draws the N+1 offshore chain: firm, onshore bank, HK guarantor, HK investors, foreign debt', () => {
    const d = { ...yuhang(), offshoreLegs: [leg] } as unknown as Deal;
    const svg = dealDiagramSvg(d);
    for (const s of ['+1 firm 企业 (onshore)', 'Hetao Robotics', 'draws 200万 in 2 batches', 'ICBC Shenzhen', 'ICBC (Asia)', 'private placement, CNH', 'coupon 3.50%', 'counter-guarantee', '跨境反担保', '在岸收益权转让', 'foreign debt 外债 within the quota: facility 200万']) {
      expect(svg, s).to.contain(s);
    }
  });

  it('escapes names so a deal cannot inject markup into the SVG', () => {
    const d = yuhang();
    const evil = { ...d, meta: { ...d.meta, name: '<script>x</script>' }, pool: { ...d.pool, obligors: d.pool.obligors.map((o) => ({ ...o, name: '"><img src=x onerror=alert(1)>' })) } } as Deal;
    const svg = dealDiagramSvg(evil);
    expect(svg).to.not.contain('<script>');
    expect(svg).to.not.contain('<img');
    expect(escapeXml(`<a href="x">'&'</a>`)).to.equal('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('wraps long names on spaces into at most the given lines', () => {
    expect(wrapText('Yuhang state-owned sci-tech investment group (assumed)', 34, 2)).to.deep.equal(['Yuhang state-owned sci-tech', 'investment group (assumed)']);
    expect(wrapText('aa bb cc dd ee', 5, 2)).to.deep.equal(['aa bb', 'cc d…']);
  });
});
