import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import type { Role } from '@minsheng/contracts';
import { session } from './auth/session.js';
import HomePage from './portal/HomePage.vue';
import PortalLayout from './portal/PortalLayout.vue';

declare module 'vue-router' {
  interface RouteMeta {
    /** Staff pages: signed in, and (when given) holding one of these roles. */
    staff?: boolean;
    roles?: Role[];
  }
}

export const ADMIN_ROLES: Role[] = ['security-admin', 'system-admin'];

export const routes: RouteRecordRaw[] = [
  {
    path: '/',
    component: PortalLayout,
    children: [
      { path: '', name: 'home', component: HomePage },
      { path: 'submit', name: 'submit', component: () => import('./portal/SubmitPage.vue') },
      { path: 'track', name: 'track', component: () => import('./portal/TrackPage.vue') },
      { path: 'booking', name: 'booking', component: () => import('./portal/BookingPage.vue') },
      {
        path: 'mailboxes',
        name: 'mailboxes',
        component: () => import('./portal/MailboxesPage.vue'),
      },
      { path: 'rules', name: 'rules', component: () => import('./portal/RulesPage.vue') },
    ],
  },
  {
    path: '/console/login',
    name: 'login',
    component: () => import('./console/LoginPage.vue'),
  },
  {
    path: '/console',
    component: () => import('./console/ConsoleLayout.vue'),
    meta: { staff: true },
    children: [
      { path: '', redirect: { name: 'worklist' } },
      {
        path: 'cases',
        name: 'worklist',
        component: () => import('./console/WorklistPage.vue'),
        meta: { staff: true, roles: ['clerk', 'handler', 'supervisor', 'leader'] },
      },
      {
        path: 'cases/:petitionNumber',
        name: 'case',
        component: () => import('./console/CasePage.vue'),
        meta: { staff: true, roles: ['clerk', 'handler', 'supervisor', 'leader'] },
      },
      {
        path: 'messages',
        name: 'messages',
        component: () => import('./console/MessageDeskPage.vue'),
        meta: { staff: true, roles: ['clerk', 'handler', 'supervisor', 'leader'] },
      },
      {
        path: 'reception',
        name: 'reception',
        component: () => import('./console/ReceptionPage.vue'),
        meta: { staff: true, roles: ['clerk', 'supervisor', 'leader'] },
      },
      {
        path: 'dashboard',
        name: 'dashboard',
        component: () => import('./console/DashboardPage.vue'),
        meta: { staff: true, roles: ['analyst', 'leader', 'supervisor'] },
      },
      {
        path: 'admin',
        name: 'admin',
        component: () => import('./console/AdminPage.vue'),
        meta: { staff: true, roles: ADMIN_ROLES },
      },
    ],
  },
  { path: '/:pathMatch(.*)*', redirect: '/' },
];

/** The first console page the signed-in roles may open. */
export function landingPage(): { name: string } {
  if (session.hasRole('clerk', 'handler', 'supervisor', 'leader')) return { name: 'worklist' };
  if (session.hasRole('analyst')) return { name: 'dashboard' };
  if (session.hasRole(...ADMIN_ROLES)) return { name: 'admin' };
  return { name: 'home' };
}

export function createAppRouter() {
  const router = createRouter({
    history: createWebHistory(),
    routes,
    scrollBehavior: () => ({ top: 0 }),
  });
  router.beforeEach((to) => {
    if (!to.meta.staff) return true;
    if (!session.signedIn) return { name: 'login', query: { next: to.fullPath } };
    const roles = to.meta.roles;
    if (roles && !session.hasRole(...roles)) {
      const landing = landingPage();
      return landing.name === to.name ? { name: 'home' } : landing;
    }
    return true;
  });
  return router;
}
