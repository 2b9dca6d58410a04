// ipabs user add|remove|passwd|role|list: the accounts of a shared (team-mode) server, kept in
// <data dir>/auth/accounts.json (models/store/accounts.ts). Passwords are typed at a prompt with
// echo off, or piped on standard input (one line; `add` and `passwd` ask twice on a terminal).
import { AccountError, AccountStore, isRole, ROLES } from '../../models/store/accounts.js';
import { defaultDataDir } from '../../models/store/data-dir.js';
import type { Translate } from '../../models/i18n/index.js';
import { ioT } from '../lang.js';
import { flagString, parseArgs, UsageError } from '../args.js';
import { processIo, type Io } from '../io.js';

async function newPassword(io: Io, t: Translate, name: string, stdinIsTty: boolean): Promise<string> {
  const read = io.readSecret ?? processIo.readSecret;
  if (!read) throw new UsageError(t('auth.cli.noPassword'));
  const first = await read(t('auth.cli.prompt', { name }));
  if (first === '') throw new UsageError(t('auth.cli.noPassword'));
  if (stdinIsTty && (await read(t('auth.cli.again'))) !== first) throw new UsageError(t('auth.cli.mismatch'));
  return first;
}

export async function userCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, { role: 'value', 'data-dir': 'value', json: 'bool' });
  const t = ioT(io);
  const [verb, name, extra] = args.positional;
  const dataDir = flagString(args, 'data-dir');
  const store = new AccountStore(dataDir ? dataDir : defaultDataDir());
  const tty = io === processIo && Boolean(process.stdin.isTTY);
  const roleFlag = flagString(args, 'role');
  if (roleFlag !== undefined && !isRole(roleFlag)) throw new UsageError(`--role: must be one of ${ROLES.join(', ')}, got ${JSON.stringify(roleFlag)}`);
  const needName = () => {
    if (!name) throw new UsageError(t('auth.cli.usage'));
    return name;
  };
  try {
    switch (verb) {
      case 'add': {
        const n = needName();
        if (!roleFlag) throw new UsageError(`--role: is required (${ROLES.join(', ')})`);
        const a = await store.add(n, await newPassword(io, t, n, tty), roleFlag);
        io.out(t('auth.cli.added', { name: a.name, role: a.role, file: store.file }));
        return 0;
      }
      case 'remove': {
        const n = needName();
        await store.remove(n);
        io.out(t('auth.cli.removed', { name: n, file: store.file }));
        return 0;
      }
      case 'passwd': {
        const n = needName();
        if (!(await store.get(n))) throw new AccountError('not-found', `name: no account "${n}"`);
        await store.setPassword(n, await newPassword(io, t, n, tty));
        io.out(t('auth.cli.passwd', { name: n }));
        return 0;
      }
      case 'role': {
        const n = needName();
        const role = extra ?? roleFlag;
        if (!isRole(role)) throw new UsageError(`role: must be one of ${ROLES.join(', ')}, got ${JSON.stringify(role ?? '')}`);
        const a = await store.setRole(n, role);
        io.out(t('auth.cli.role', { name: a.name, role: a.role }));
        return 0;
      }
      case 'list': {
        const all = await store.all();
        if (args.flags.has('json')) io.out(JSON.stringify(all.map((a) => ({ name: a.name, role: a.role, createdAt: a.createdAt, updatedAt: a.updatedAt })), null, 2));
        else if (all.length === 0) io.out(t('auth.cli.none', { file: store.file }));
        else for (const a of all) io.out(`${a.name}\t${a.role}\t${a.createdAt}`);
        return 0;
      }
      default:
        throw new UsageError(t('auth.cli.usage'));
    }
  } catch (err) {
    if (err instanceof AccountError) {
      io.err(`ipabs user: ${err.message}`);
      return 1;
    }
    throw err;
  }
}
