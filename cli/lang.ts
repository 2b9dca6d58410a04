// The language of the command line's words: --lang zh|en (main takes it from any command's
// arguments), else the shell's LANG (zh_CN.UTF-8 → zh), else English.
import { isLang, negotiateLang, translator, type Lang, type Translate } from '../models/i18n/index.js';
import { UsageError } from './args.js';
import type { Io } from './io.js';

/** Take --lang X / --lang=X out of the arguments: the language, and the arguments without it. */
export function takeLang(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): { lang: Lang; rest: string[] } {
  const rest: string[] = [];
  let lang: Lang | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a !== '--lang' && !a.startsWith('--lang=')) { rest.push(a); continue; }
    const v = a === '--lang' ? argv[++i] : a.slice('--lang='.length);
    if (!isLang(v)) throw new UsageError(translator(negotiateLang(env.LANG))('cli.badLang', { got: JSON.stringify(v ?? '') }));
    lang = v;
  }
  return { lang: lang ?? negotiateLang(env.LANG), rest };
}

/** The language a command prints in (set by main; the shell's LANG when a command is called directly). */
export const ioLang = (io: Io): Lang => io.lang ?? negotiateLang(process.env.LANG);
export const ioT = (io: Io): Translate => translator(ioLang(io));
