// The signed-in user, shared by every page, and the API client bound to it.
import { reactive } from 'vue';
import { createApi } from './api.js';

export const session = reactive({ user: null, checked: false });

export const api = createApi({
  onUnauthorized() {
    session.user = null;
    api.setCsrf(null);
  },
});

export async function checkSession() {
  try {
    const s = await api.get('/session');
    session.user = s.user;
    api.setCsrf(s.csrf_token);
  } catch (e) {
    session.user = null;
    if (e.status !== 401) throw e;
  } finally {
    session.checked = true;
  }
}

export async function signIn(username, password) {
  const s = await api.post('/session', { username, password });
  session.user = s.user;
  api.setCsrf(s.csrf_token);
  return s.user;
}

export async function signOut() {
  try { await api.del('/session'); } finally {
    session.user = null;
    api.setCsrf(null);
  }
}

/** What each role may open; pages not listed are open to every signed-in role. */
export const PAGE_ROLES = {
  enterprises: ['admin', 'analyst', 'enterprise'],
  enterprise: ['admin', 'analyst', 'enterprise'],
  incentives: ['admin', 'analyst', 'enterprise'],
  digital: ['admin', 'analyst', 'enterprise'],
  allocation: ['admin', 'analyst'],
  bulletin: ['admin', 'analyst', 'agency', 'fund'],
  data: ['admin', 'analyst'],
  admin: ['admin'],
};

export function mayOpen(role, page) {
  const roles = PAGE_ROLES[page];
  return !roles || roles.includes(role);
}
