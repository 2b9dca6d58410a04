/**
 * Calendar library: Chinese (interbank and exchange) and Hong Kong business
 * days, date rolling, day counts and payment schedules. See docs/calendar.md.
 */
export * from './iso-date.js';
export * from './holidays-cn.js';
export * from './holidays-hk.js';
export * from './business-days.js';
export * from './day-count.js';
export * from './schedule.js';
export * from './accrual.js';
export * from './year-view.js';
export * from './day-name.js';
