// English: the API reference page's own text (/api; the reference itself is docs/api.md).
export const api = {
  'api.untranslated': 'This section is not yet in docs/api.zh-CN.md: it is shown as docs/api.md has it.',
} as const;
