import type { Routes } from '@angular/router';
import { permissionGuard } from '../core/session/auth.guard';

/** R1: the admin keeps departments, people, the calendar (R11) and the settings. */
export const ADMIN_ROUTES: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'calendar' },
  {
    path: 'calendar',
    canActivate: [permissionGuard('calendar.edit')],
    loadComponent: () => import('./calendar-admin.page').then((m) => m.CalendarAdminPage),
  },
  {
    path: 'departments',
    canActivate: [permissionGuard('people.manage')],
    loadComponent: () => import('./departments.page').then((m) => m.DepartmentsPage),
  },
  {
    path: 'people',
    canActivate: [permissionGuard('people.manage')],
    loadComponent: () => import('./people.page').then((m) => m.PeoplePage),
  },
  {
    path: 'settings',
    canActivate: [permissionGuard('settings.edit')],
    loadComponent: () => import('./settings.page').then((m) => m.SettingsPage),
  },
  {
    // R27: the messages sent, being retried or given up.
    path: 'messages',
    canActivate: [permissionGuard('settings.edit')],
    loadComponent: () => import('../notifications/messages.page').then((m) => m.MessagesPage),
  },
];
