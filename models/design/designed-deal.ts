// The best design as a deal file of its own: a new id and name, the priced coupons, and the
// provenance the optimizer wrote (fields it changed lost their shipped provenance).
import type { Deal } from '../deal-format/schema.js';

export function designedDealFile(best: Deal, base: Deal): Deal {
  const id = `${base.meta.id}-optimized`.slice(0, 64);
  return {
    ...best,
    meta: {
      ...best.meta, id, name: `${base.meta.name} — optimized design`.slice(0, 200),
      ...(base.meta.nameZh ? { nameZh: `${base.meta.nameZh}（优化结构）`.slice(0, 200) } : {}),
    },
  };
}
