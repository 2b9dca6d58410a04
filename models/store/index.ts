// What models/store exposes: saved deals (versioned, atomic), the deal index, team accounts and
// passwords.
// The names other folders use, by file (imported from those files; test/tools/floors.test.ts keeps the list whole).
export { AccountError, AccountStore, ROLES, info, isRole, roleAtLeast, type Role } from './accounts.js';
export { defaultDataDir } from './data-dir.js';
export { DealIndex, type IndexEntry, type ListQuery, type Summarizer } from './deal-index.js';
export { DealStore, DealStoreError, dealIdRule, isDealId, writeFileAtomic, type StoredDeal, type VersionInfo } from './deal-store.js';
export { PASSWORD_MAX, hashPassword, verifyPassword } from './password.js';
