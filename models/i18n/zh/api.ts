// 中文：接口文档页（/api）自身的文字；文档正文在 docs/api.zh-CN.md。
import type { api as en } from '../en/api.js';
import type { Translation } from '../types.js';

export const api: Translation<typeof en> = {
  'api.untranslated': '本节尚未译入 docs/api.zh-CN.md，以上为 docs/api.md 的英文原文。',
};
