// Any JSON result as long-format CSV rows (path, value): every number and string leaf, in order,
// so a run's result downloads completely whatever sections the engine reports.
export function flattenRows(value: unknown, prefix = ''): Array<[string, string | number]> {
  const out: Array<[string, string | number]> = [];
  const walk = (v: unknown, path: string) => {
    if (v === null || v === undefined) { out.push([path, '']); return; }
    if (typeof v === 'number' || typeof v === 'string') { out.push([path, v]); return; }
    if (typeof v === 'boolean') { out.push([path, v ? 'true' : 'false']); return; }
    if (Array.isArray(v)) { v.forEach((x, i) => walk(x, `${path}[${i}]`)); return; }
    if (ArrayBuffer.isView(v)) { Array.from(v as unknown as ArrayLike<number>).forEach((x, i) => out.push([`${path}[${i}]`, x])); return; }
    if (typeof v === 'object') {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) walk(x, path ? `${path}.${k}` : k);
    }
  };
  walk(value, prefix);
  return out;
}
