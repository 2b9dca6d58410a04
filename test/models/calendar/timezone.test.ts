import { expect } from 'chai';
import { addBusinessDays, adjustDate, isBusinessDay } from '../../../models/calendar/business-days.js';
import { yearFraction } from '../../../models/calendar/day-count.js';
import { dayOfWeek, toDayNumber } from '../../../models/calendar/iso-date.js';
import { generateSchedule } from '../../../models/calendar/schedule.js';

/** A batch of results that would shift by a day if any code used local time. */
function sample(): unknown[] {
  return [
    dayOfWeek('2024-02-09'),
    toDayNumber('2024-10-01'),
    isBusinessDay('2024-02-04', 'CN-IB'),
    adjustDate('2024-10-01', 'following', 'CN-IB'),
    addBusinessDays('2023-01-20', 1, 'CN-IB'),
    yearFraction('2023-07-01', '2024-07-01', 'ACT/ACT-ISDA'),
    generateSchedule({
      start: '2024-02-29',
      end: '2024-06-30',
      frequency: 'monthly',
      roll: 'modified-following',
      calendar: 'CN-EX',
      endOfMonth: true,
    }),
  ];
}

describe('calendar: independence from the machine time zone', () => {
  const saved = process.env.TZ;
  after(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });

  it('gives identical results in UTC, Shanghai, Honolulu and Kiritimati', () => {
    process.env.TZ = 'UTC';
    const reference = sample();
    expect(reference[0]).to.equal(5); // Friday
    expect(reference[3]).to.equal('2024-10-08');
    for (const tz of ['Asia/Shanghai', 'Pacific/Honolulu', 'Pacific/Kiritimati', 'America/Sao_Paulo']) {
      process.env.TZ = tz;
      expect(sample(), tz).to.deep.equal(reference);
    }
  });
});
