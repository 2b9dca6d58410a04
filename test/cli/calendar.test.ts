import { expect } from 'chai';
import { ipabs } from '../support/cli.js';

describe('ipabs calendar', () => {
  it('prints a year\'s holidays and make-up days with the notice, and the same as JSON', async () => {
    const text = await ipabs('calendar', '2023');
    expect(text.code).to.equal(0);
    expect(text.out).to.match(/^CN-IB 2023: \d+ business days\nSource: 国务院办公厅关于2023年部分节假日安排的通知/);
    expect(text.out).to.match(/2023-01-28 +Sat +open +makeup-workday/);
    const json = JSON.parse((await ipabs('calendar', '2023', '--json')).out) as { businessDays: number; exceptions: Array<{ date: string }> };
    expect(text.out).to.include(`CN-IB 2023: ${json.businessDays} business days`);
    expect(json.exceptions.map((d) => d.date)).to.include.members(['2023-01-23', '2023-01-27', '2023-01-29']);
  });

  it('describes dates and how they roll', async () => {
    const r = await ipabs('calendar', '2024-02-10', '--calendar', 'CN-EX');
    expect(r.out).to.equal('2024-02-10 (Sat) on CN-EX: closed — holiday, 春节 Spring Festival\n  rolled: following 2024-02-19, modified-following 2024-02-19, preceding 2024-02-08, modified-preceding 2024-02-08, unadjusted 2024-02-10');
  });

  it('refuses what is neither a year nor a date, an impossible date and a year outside the data, exit 1', async () => {
    expect(await ipabs('calendar', 'next-week')).to.include({ code: 1, err: 'ipabs calendar: "next-week" is neither a year (YYYY) nor a date (YYYY-MM-DD)' });
    expect((await ipabs('calendar', '2023-02-29')).err).to.equal('ipabs calendar: date: must be a real date as YYYY-MM-DD, got "2023-02-29"');
    expect((await ipabs('calendar', '2018')).err).to.equal('ipabs calendar: year: the CN-IB data covers 2019 to 2027, got 2018');
  });
});
