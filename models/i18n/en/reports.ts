// English messages of the reports area: the run page's custom stresses and sensitivity grid,
// kept runs, the pool tape (template, import, per-cell problems), downloads and the deal report.
export const reports = {
  // Run page: custom stress (as `ipabs simulate --stress pd=2x,recovery=0.5x,rho=+0.1`)
  'runx.stress.custom': 'custom…',
  'runx.stress.customLabel': 'Custom stress',
  'runx.stress.customHint': 'As the command line takes it: pd=2x,recovery=0.5x,rho=+0.1 (default-probability multiplier, recovery multiplier, correlation shift).',
  'runx.kept': 'Finished runs are kept {days} days (at most the {n} most recent) and survive a restart of the server.',
  // Run page: sensitivity grid (as `ipabs sensitivity`)
  'sens.title': 'Sensitivity grid',
  'sens.lead': 'Expected loss of one tranche across default-probability multipliers and asset correlations, as ipabs sensitivity computes it. Every cell runs on the same seed, so differences between cells come from the assumptions, not from sampling noise.',
  'sens.pd': 'PD multipliers',
  'sens.rho': 'Asset correlations ρ',
  'sens.tranche': 'Tranche',
  'sens.paths': 'Paths per cell',
  'sens.seed': 'Seed',
  'sens.start': 'Start grid',
  'sens.cancel': 'Cancel',
  'sens.caption': 'Expected loss of tranche {tranche} (± 95%), {paths} paths per cell, seed {seed}',
  'sens.poolCaption': 'Pool expected loss (± 95%)',
  'sens.rowHead': 'PD ×{pd}',
  'sens.colHead': 'ρ = {rho}',
  'sens.corner': 'PD multiplier \\ correlation',
  'sens.base': 'the deal’s own ρ is {rho}',
  'sens.download': 'Grid JSON',
  'sens.lost': 'lost the connection to the grid',
} as const;
