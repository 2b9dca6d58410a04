// One line of usage per command, apart from the commands themselves, so that `ipabs --help` and
// the start of every command load only this and the one command run (cli/main.ts).

export const allocationHelp = 'ipabs allocation FILE [--paths N] [--seed S] [--stress S] [--tail 0.99] [--json]   who bears the pool\'s loss, on average and in the worst 1% of paths';
export const calendarHelp = 'ipabs calendar YEAR|DATE... [--calendar CN-IB|CN-EX|HK|CN-IB+HK|NONE] [--json]   holidays and make-up working days of a year (with the State Council notice), or how a date is treated and rolled';
export const compareHelp = 'ipabs compare FILE... [--json] [--paths N] [--seed S] [--lang zh|en]   all-in cost of funding side by side: tranches, how the assets are priced, the firms and the issuer before/after subsidy and what separates them, bank-loan baseline, saving, rail effects';
export const importPoolHelp = 'ipabs import-pool TAPE.xlsx|TAPE.csv --into DEAL.json [--out NEW.json] [--check] [--lang zh|en]   a pool tape into a deal (nothing written unless all of it is valid)';
export const poolTemplateHelp = 'ipabs pool-template --out FILE.xlsx|FILE.csv [--from DEAL.json] [--lang zh|en]   the pool tape to fill in (or a deal\'s pool to edit)';
export const scheduleHelp = 'ipabs schedule FILE [--json | --csv [OUT]] [--lang zh|en]   base-case payment schedule (no defaults), whether it reconciles and whether it is self-funding';
export const schemaHelp = 'ipabs schema                  print the deal format as JSON Schema';
export const sensitivityHelp = 'ipabs sensitivity FILE [--pd 0.5,1,2,3] [--rho 0,0.1,0.2,0.3] [--tranche ID] [--paths N] [--seed S] [--json]   expected-loss grid';
export const simulateHelp = 'ipabs simulate FILE [--paths N] [--seed S] [--threads T] [--stress S] [--is auto|SHIFT] [--json]   Monte Carlo default scenarios';
export const sizeHelp = 'ipabs size FILE --enhancement ID [--lever capacity|subordination|reserve] (--target-rating R | --target-pl P) [--paths N] [--seed S] [--stress S] [--threads T] [--tolerance YUAN] [--max YUAN] [--discount-rate R] [--json]   smallest enhancement that meets a target (exit 2 if unreachable)';
export const validateHelp = 'ipabs validate FILE... [--json] [--lang zh|en]   check deal files; exit 1 and list every problem if any is invalid; warnings (e.g. a base case that relies on enhancement) keep exit 0';
export const rateHelp = 'ipabs rate FILE [--paths N] [--seed S] [--threads T] [--tdr monte-carlo|lognormal|stress-multiplier] [--allocation pro-rata|largest-first] [--lang zh|en] [--json]   domestic rating (TDR/BDR): break-even default rates under the stress catalogue, target default rates, grade, cushion (--paths 0: no simulation, stress multipliers only)';
export const breakevenHelp = 'ipabs breakeven FILE --tranche ID --vary default-rate|recovery|coupon [--scenario NAME] [--default-rate X] [--recovery R] [--allocation pro-rata|largest-first] [--with-support] [--lang zh|en] [--json]   the break-even value of one stressed quantity for a tranche';
export const programmeHelp = 'ipabs programme FILE [--paths N] [--seed S] [--lang zh|en] [--json]   a shelf programme (储架发行): its issues, the shelf left, shared guarantors\' combined exposure and simulated draws';
export const userHelp = 'ipabs user add|remove|passwd|role|list NAME [--role viewer|editor|admin] [--data-dir DIR]   accounts of a shared (team-mode) server';
