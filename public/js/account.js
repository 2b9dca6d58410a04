// The account bar in the header (team mode): sign out, then back to the login page.
import { api } from './api.js';

document.getElementById('sign-out')?.addEventListener('click', async () => {
  try { await api('/api/logout', { method: 'POST' }); } finally { location.href = '/login'; }
});
