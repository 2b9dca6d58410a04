// The sectors a pool obligor may be in (行业), with English and Chinese names: the strategic
// emerging industries (战略性新兴产业) and the sectors of the firms in the shipped IP deals. A deal
// stores a sector as "english 中文" (e.g. "biomedicine 生物医药"), as the shipped scenarios do; the
// sector copula groups obligors by that text. A pool tape may name a sector by its key, its English
// or Chinese name, or both.

export interface Sector { key: string; en: string; zh: string }

export const SECTORS: readonly Sector[] = [
  { key: 'smart-iot', en: 'smart IoT', zh: '智能物联' },
  { key: 'new-generation-it', en: 'new-generation IT', zh: '新一代信息技术' },
  { key: 'software', en: 'software', zh: '软件' },
  { key: 'electronics', en: 'electronics', zh: '电子信息' },
  { key: 'semiconductors', en: 'semiconductors', zh: '集成电路' },
  { key: 'artificial-intelligence', en: 'artificial intelligence', zh: '人工智能' },
  { key: 'quantum-technology', en: 'quantum technology', zh: '量子科技' },
  { key: 'photonics', en: 'photonics', zh: '光电' },
  { key: 'financial-technology', en: 'financial technology', zh: '金融科技' },
  { key: 'digital-creative', en: 'digital creative industries', zh: '数字创意' },
  { key: 'high-end-equipment', en: 'high-end equipment', zh: '高端装备' },
  { key: 'robotics', en: 'robotics', zh: '机器人' },
  { key: 'marine-equipment', en: 'marine equipment', zh: '海洋装备' },
  { key: 'aerospace', en: 'aerospace', zh: '航空航天' },
  { key: 'auto-parts', en: 'auto parts', zh: '汽车零部件' },
  { key: 'new-energy-vehicles', en: 'new-energy vehicles', zh: '新能源汽车' },
  { key: 'new-energy', en: 'new energy', zh: '新能源' },
  { key: 'energy-saving', en: 'energy saving and environmental protection', zh: '节能环保' },
  { key: 'new-materials', en: 'new materials', zh: '新材料' },
  { key: 'fine-chemicals', en: 'fine chemicals', zh: '精细化工' },
  { key: 'textile-technology', en: 'textile technology', zh: '纺织科技' },
  { key: 'smart-appliances', en: 'smart appliances', zh: '智能家电' },
  { key: 'biomedicine', en: 'biomedicine', zh: '生物医药' },
  { key: 'medical-devices', en: 'medical devices', zh: '医疗器械' },
  { key: 'modern-agriculture', en: 'modern agriculture and seed industry', zh: '现代农业与种业' },
  { key: 'food-technology', en: 'food technology', zh: '食品科技' },
  { key: 'culture-media', en: 'culture and media', zh: '文化传媒' },
  { key: 'consumer-brands', en: 'consumer brands', zh: '消费品牌' },
  { key: 'other', en: 'other', zh: '其他' },
];

/** How a deal stores a sector: "biomedicine 生物医药". */
export const sectorLabel = (s: Sector): string => `${s.en} ${s.zh}`;

const norm = (x: string) => x.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');

const LOOKUP = new Map<string, Sector>();
for (const s of SECTORS) for (const name of [s.key, s.en, s.zh, sectorLabel(s), `${s.zh} ${s.en}`, `${s.en}（${s.zh}）`, `${s.en} (${s.zh})`]) LOOKUP.set(norm(name), s);

/** The sector named by a key, an English or Chinese name or both; null when there is none. */
export function findSector(text: string): Sector | null {
  return LOOKUP.get(norm(text)) ?? null;
}
