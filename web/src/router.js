// Pages, each loaded when first opened. Hash URLs, so that the server only
// has to serve index.html at /.
import { createRouter, createWebHashHistory } from 'vue-router';
import { session, checkSession, mayOpen } from './lib/session.js';

const routes = [
  { path: '/', name: 'overview', component: () => import('./views/OverviewPage.vue') },
  { path: '/screen', name: 'screen', component: () => import('./views/ScreenPage.vue'), meta: { screen: true } },
  { path: '/explorer', name: 'explorer', component: () => import('./views/ExplorerPage.vue') },
  { path: '/regions/:province?', name: 'regions', component: () => import('./views/RegionsPage.vue') },
  { path: '/enterprises', name: 'enterprises', component: () => import('./views/EnterprisesPage.vue') },
  { path: '/enterprises/:uscc', name: 'enterprise', component: () => import('./views/EnterprisePage.vue') },
  { path: '/opportunities', name: 'opportunities', component: () => import('./views/OpportunitiesPage.vue') },
  { path: '/opportunities/network', name: 'network', component: () => import('./views/NetworkPage.vue') },
  { path: '/profile/:code', name: 'profile', component: () => import('./views/RegionProfilePage.vue') },
  { path: '/group/:kind/:code', name: 'group', component: () => import('./views/GroupPage.vue') },
  { path: '/clusters', name: 'clusters', component: () => import('./views/ClustersPage.vue') },
  { path: '/clusters/:code', name: 'cluster', component: () => import('./views/ClusterPage.vue') },
  { path: '/projects', name: 'projects', component: () => import('./views/ProjectsPage.vue') },
  { path: '/projects/:code', name: 'project', component: () => import('./views/ProjectPage.vue') },
  { path: '/funds', name: 'funds', component: () => import('./views/FundsPage.vue') },
  { path: '/funds/:code', name: 'fund', component: () => import('./views/FundPage.vue') },
  { path: '/incentives/:code?', name: 'incentives', component: () => import('./views/IncentivesPage.vue') },
  { path: '/digital/benchmark', name: 'digitalBench', component: () => import('./views/DigitalBenchPage.vue') },
  { path: '/digital', name: 'digital', component: () => import('./views/DigitalPage.vue') },
  { path: '/scenarios', name: 'scenarios', component: () => import('./views/ScenariosPage.vue') },
  { path: '/scenarios/:code', name: 'scenario', component: () => import('./views/ScenarioPage.vue') },
  { path: '/bulletin', name: 'bulletin', component: () => import('./views/BulletinPage.vue') },
  { path: '/allocation', name: 'allocation', component: () => import('./views/AllocationPage.vue') },
  { path: '/data', name: 'data', component: () => import('./views/DataPage.vue') },
  { path: '/admin', name: 'admin', component: () => import('./views/AdminPage.vue') },
  { path: '/signin', name: 'signin', component: () => import('./views/SignInPage.vue'), meta: { public: true } },
  { path: '/:rest(.*)*', name: 'notfound', component: () => import('./views/NotFoundPage.vue') },
];

export const router = createRouter({ history: createWebHashHistory(), routes, scrollBehavior: () => ({ top: 0 }) });

router.beforeEach(async (to) => {
  if (!session.checked) {
    try { await checkSession(); } catch { /* the sign-in page shows the error */ }
  }
  if (to.meta.public) return session.user && to.name === 'signin' ? { name: 'overview' } : true;
  if (!session.user) return { name: 'signin', query: to.fullPath !== '/' ? { next: to.fullPath } : {} };
  if (!mayOpen(session.user.role, to.name)) return { name: 'overview' };
  return true;
});

// A signed-out session (a 401 from any call) sends the reader to sign in.
export function watchSignOut(watch) {
  watch(() => session.user, (u, was) => {
    if (!u && was && router.currentRoute.value.name !== 'signin') router.push({ name: 'signin' });
  });
}
