// 国债收益率曲线 The government (CGB) yield curve points the market pricing reads, as dated snapshots:
// a coupon priced on a date uses the snapshot nearest to it in time, interpolated linearly in
// tenor at the tranche's WAL and held flat beyond the first and last tenor (market-price.ts).
//
// DATA STATUS — each snapshot says where its numbers were read. They are published market yields
// (facts) as quoted by the page named; where a page only gives the one-year point, the snapshot has
// that point alone and the curve is flat in tenor on that date (stated in `note`). Add a snapshot
// (and its source) to price deals of another date more closely; a deal dated long after the last
// snapshot is priced off it and the answer says how many days away it is (staleDays).
import type { IsoDate } from '../calendar/iso-date.js';

export interface CurvePoint {
  /** Tenor in years. */
  years: number;
  /** Yield to maturity, a decimal (0.017825 = 1.7825%). */
  rate: number;
}

export interface CurveSnapshot {
  date: IsoDate;
  points: readonly CurvePoint[];
  kind: 'fact';
  source: string;
  note?: string;
}

export interface Curve {
  id: string;
  name: string;
  nameZh: string;
  snapshots: readonly CurveSnapshot[];
}

/** ChinaBond government bond yield curve (中债国债收益率曲线), yield to maturity. */
export const CGB_CURVE: Curve = {
  id: 'CGB',
  name: 'ChinaBond government bond yield curve',
  nameZh: '中债国债收益率曲线',
  snapshots: [
    {
      date: '2019-04-02', kind: 'fact', points: [{ years: 1, rate: 0.0239 }],
      source: 'worldgovernmentbonds.com, China 1-year government bond, page of 16 Sep 2019: 6-month low 2.390% on 2 Apr 2019',
      note: 'one-year point only: flat in tenor',
    },
    {
      date: '2019-09-09', kind: 'fact', points: [{ years: 1, rate: 0.02624 }],
      source: 'worldgovernmentbonds.com, China 1-year government bond, page of 16 Sep 2019: 1-week high 2.624% on 9 Sep 2019',
      note: 'one-year point only: flat in tenor',
    },
    {
      date: '2021-07-26', kind: 'fact', points: [{ years: 1, rate: 0.01905 }],
      source: 'worldgovernmentbonds.com, China 1-year government bond, yearly range: 2021 low 1.905% on 26 Jul 2021',
      note: 'one-year point only: flat in tenor',
    },
    {
      date: '2022-04-22', kind: 'fact', points: [{ years: 1, rate: 0.0194 }],
      source: 'worldgovernmentbonds.com, China 1-year government bond, historical data (1-month low 1.940% on 22 Apr 2022)',
      note: 'one-year point only: flat in tenor',
    },
    {
      date: '2023-02-09', kind: 'fact', points: [{ years: 1, rate: 0.02145 }],
      source: 'worldgovernmentbonds.com, China 1-year government bond, 2.145% on 9 Feb 2023',
      note: 'one-year point only: flat in tenor',
    },
    {
      date: '2023-03-02', kind: 'fact', points: [{ years: 1, rate: 0.02289 }],
      source: 'worldgovernmentbonds.com, China 1-year government bond: 2023 high 2.289% on 2 Mar 2023',
      note: 'one-year point only: flat in tenor',
    },
    {
      date: '2023-06-09', kind: 'fact', points: [{ years: 1, rate: 0.01842 }],
      source: 'worldgovernmentbonds.com, China 1-year government bond, 1.842% on 9 Jun 2023',
      note: 'one-year point only: flat in tenor',
    },
    {
      date: '2024-03-18', kind: 'fact',
      points: [
        { years: 0.25, rate: 0.016724 }, { years: 0.5, rate: 0.016813 }, { years: 1, rate: 0.017825 }, { years: 3, rate: 0.020812 },
        { years: 5, rate: 0.022168 }, { years: 7, rate: 0.023294 }, { years: 10, rate: 0.022926 }, { years: 30, rate: 0.024857 },
      ],
      source: 'ChinaBond (China Central Depository & Clearing), yield.chinabond.com.cn, ChinaBond Government Bond Yield Curve on 2024-03-18',
    },
    {
      date: '2024-12-20', kind: 'fact', points: [{ years: 1, rate: 0.01 }],
      source: 'press report of 20 Dec 2024 (after the LPR was left unchanged that day): the 1-year Treasury (CN240021) yield dropped below 1% for the first time since May 2009; 1.00% taken',
      note: 'one-year point only, read as 1.00% from "below 1%": flat in tenor',
    },
    {
      date: '2025-09-05', kind: 'fact',
      points: [
        { years: 1, rate: 0.014 }, { years: 2, rate: 0.0141 }, { years: 3, rate: 0.0143 }, { years: 5, rate: 0.0161 },
        { years: 7, rate: 0.0173 }, { years: 10, rate: 0.0177 }, { years: 20, rate: 0.0214 }, { years: 30, rate: 0.0208 },
      ],
      source: 'tradingeconomics.com, China government bond yields on 5 Sep 2025 (52W 1.40, 2Y 1.41, 3Y 1.43, 5Y 1.61, 7Y 1.73, 10Y 1.77, 20Y 2.14, 30Y 2.08)',
    },
  ],
};

export const CURVES: Readonly<Record<string, Curve>> = { CGB: CGB_CURVE };
