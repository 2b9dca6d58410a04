// A finished job as an Excel workbook: a Run sheet saying what was run, then one sheet per result
// table (models/sheets writes real numbers and dates, neutralizes text with safeCell).
import type { RunInfo, StoredJob } from '../runs/manager.js';
import type { SimulationResult } from '../../models/montecarlo/results.js';
import type { SensitivityGrid } from '../../models/montecarlo/sensitivity.js';
import { translator, type Lang } from '../../models/i18n/index.js';
import { writeXlsx, type SheetSpec, type WriteValue } from '../../models/sheets/workbook.js';
import { flattenRows } from './flatten.js';
import { sensitivityTables, simulationTables, tablesToSheets } from './result-tables.js';

export async function resultWorkbook(info: RunInfo, job: StoredJob | null, result: unknown, lang: Lang): Promise<Buffer> {
  const t = translator(lang);
  const runRows: WriteValue[][] = [
    [t('res.run.deal'), `${info.dealName} (${info.dealId})`],
    [t('res.run.paths'), info.paths],
    [t('res.run.seed'), info.seed],
    [t('res.run.stress'), info.stress ?? 'base'],
    [t('res.run.finished'), info.finishedAt ? new Date(info.finishedAt) : null],
  ];
  let tables: SheetSpec[];
  if (info.task === 'simulate') {
    const r = result as SimulationResult;
    runRows.push([t('res.run.ratingBasis'), r.impliedRatingBasis]);
    tables = tablesToSheets(simulationTables(r, t));
  } else if (info.task === 'sensitivity') {
    const tranche = job && job.task === 'sensitivity' ? job.tranche : (result as SensitivityGrid).cells[0]?.tranches[0]?.id ?? '';
    tables = tablesToSheets(sensitivityTables(result as SensitivityGrid, t, tranche));
  } else {
    // A sizing search: its fields as they come (the size page shows them in words).
    tables = [{ name: t('res.run.value'), columns: [{ header: t('res.run.item'), type: 'text', width: 50 }, { header: t('res.run.value'), type: 'general', width: 24 }], rows: flattenRows(result) }];
  }
  const runSheet: SheetSpec = {
    name: t('res.run.title'),
    columns: [{ header: t('res.run.item'), type: 'text', width: 24 }, { header: t('res.run.value'), type: 'general', width: 60 }],
    rows: runRows,
  };
  return writeXlsx([runSheet, ...tables]);
}
