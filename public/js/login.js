// The login page: POST /api/login with the name and password, then go where the user was headed.
import { api, showError } from './api.js';
import { t } from './i18n.js';

const form = document.getElementById('login-form');
const submit = document.getElementById('login-submit');
const errBox = document.getElementById('login-error');

form.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  errBox.classList.add('hidden');
  const f = new FormData(form);
  submit.disabled = true;
  submit.textContent = t('auth.login.busy');
  try {
    await api('/api/login', { method: 'POST', json: { name: String(f.get('name') ?? '').trim(), password: String(f.get('password') ?? '') } });
    location.href = form.dataset.next || '/';
  } catch (e) {
    const detail = e.message.replace(/^login: /, '');
    showError(errBox, e.status === 401 ? t('auth.login.wrong') : e.status === 429 ? t('auth.login.tooMany', { detail }) : t('auth.login.failed', { detail }));
    submit.disabled = false;
    submit.textContent = t('auth.login.submit');
    document.getElementById('login-password').select();
  }
});
