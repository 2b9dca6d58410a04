import { expect } from 'chai';
import { calendarDate, calendarYear, checkCalendarId } from '../../../models/calendar/year-view.js';

describe('a calendar year as a person checks it', () => {
  it('CN-IB 2024 has 251 business days: 262 weekdays − 19 weekday holidays + 8 make-up weekends', () => {
    const y = calendarYear(2024, 'CN-IB');
    expect(y.businessDays).to.equal(251);
    const closedWeekdays = y.exceptions.filter((d) => !d.open);
    const workedWeekends = y.exceptions.filter((d) => d.open);
    expect(closedWeekdays).to.have.length(19);
    expect(workedWeekends.map((d) => d.date)).to.deep.equal(['2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12']);
    expect(y.notice?.docNo).to.equal('国办发明电〔2023〕7号');
    expect(y.notice?.provisional).to.equal(false);
  });

  it('the exchanges trade 244, 243, 243, 242, 242, 242 days in 2019–2024 (SSE trading-day counts)', () => {
    expect([2019, 2020, 2021, 2022, 2023, 2024].map((y) => calendarYear(y, 'CN-EX').businessDays)).to.deep.equal([244, 243, 243, 242, 242, 242]);
  });

  it('lists the 2024 Spring Festival Eve as an exchange-only closure and make-up weekends as closed on the exchanges', () => {
    const ex = calendarYear(2024, 'CN-EX').exceptions;
    expect(ex.find((d) => d.date === '2024-02-09')).to.include({ open: false, kind: 'exchange-closure', weekday: 'Fri' });
    expect(ex.find((d) => d.date === '2024-02-04')).to.include({ open: false, kind: 'makeup-workday', weekday: 'Sun' });
    expect(calendarYear(2024, 'CN-IB').exceptions.some((d) => d.date === '2024-02-09')).to.equal(false);
  });

  it('says the 2027 data is provisional until the notice is found', () => {
    expect(calendarYear(2027, 'CN-IB').notice?.provisional).to.equal(true);
  });

  it('refuses a year outside the data and an unknown calendar, naming what is allowed', () => {
    expect(() => calendarYear(2030, 'CN-IB')).to.throw('year: the CN-IB data covers 2019 to 2027, got 2030');
    expect(() => checkCalendarId('SSE')).to.throw('calendar: must be one of CN-IB, CN-EX, HK, CN-IB+HK, NONE, got "SSE"');
  });

  it('rolls National Day 2024 under every convention', () => {
    const d = calendarDate('2024-10-01', 'CN-IB');
    expect(d).to.include({ open: false, kind: 'holiday', weekday: 'Tue' });
    expect(d.rolled).to.deep.equal({
      following: '2024-10-08', 'modified-following': '2024-10-08', preceding: '2024-09-30', 'modified-preceding': '2024-10-08', unadjusted: '2024-10-01',
    });
  });

  it('treats the make-up Sunday 2024-09-29 as open on the interbank market and closed on the exchanges', () => {
    expect(calendarDate('2024-09-29', 'CN-IB').open).to.equal(true);
    const ex = calendarDate('2024-09-29', 'CN-EX');
    expect(ex.open).to.equal(false);
    expect(ex.rolled.following).to.equal('2024-09-30');
  });
});
