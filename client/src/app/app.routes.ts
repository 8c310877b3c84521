import type { Routes } from '@angular/router';
import { authGuard, guestGuard, homeGuard, permissionGuard, signedInGuard } from './core/session/auth.guard';

export const routes: Routes = [
  {
    // Each desk its home: a liaison's to-do, everyone else the board (the guard always redirects).
    path: '',
    pathMatch: 'full',
    canActivate: [homeGuard],
    loadComponent: () => import('./not-found/not-found.page').then((m) => m.NotFoundPage),
  },
  {
    path: 'login',
    canActivate: [guestGuard],
    loadComponent: () => import('./auth/login.page').then((m) => m.LoginPage),
  },
  {
    // R1: a new or reset password is replaced first (every other call answers 403 until then).
    path: 'password',
    canActivate: [signedInGuard],
    loadComponent: () => import('./auth/change-password.page').then((m) => m.ChangePasswordPage),
  },
  {
    // R1: the first admin's one-time setup link.
    path: 'setup',
    loadComponent: () => import('./auth/setup.page').then((m) => m.SetupPage),
  },
  {
    // R1: the applicant's page: no login, the receipt's codes open one project.
    path: 'status',
    loadComponent: () => import('./status/status.page').then((m) => m.StatusPage),
  },
  {
    // R17: a document alone on its page, so what prints is the document.
    path: 'documents/:id',
    canActivate: [authGuard],
    loadComponent: () => import('./notices/document.page').then((m) => m.DocumentPage),
  },
  {
    // The center's big screen: full-screen, outside the shell.
    path: 'wall',
    canActivate: [authGuard, permissionGuard('board.read')],
    loadComponent: () => import('./wall/wall.page').then((m) => m.WallPage),
  },
  {
    path: '',
    canActivate: [authGuard],
    loadComponent: () => import('./shell/shell.component').then((m) => m.ShellComponent),
    children: [
      {
        path: 'board',
        loadComponent: () => import('./board/board.page').then((m) => m.BoardPage),
      },
      {
        // R10/R14/R15: the liaison's to-do desk, its department's items needing action.
        path: 'desk',
        canActivate: [permissionGuard('item.decide')],
        loadComponent: () => import('./desk/desk.page').then((m) => m.DeskPage),
      },
      {
        // R6/R16/R17/R24: what waits for a leader.
        path: 'inbox',
        canActivate: [permissionGuard('explanation.rule')],
        loadComponent: () => import('./desk/inbox.page').then((m) => m.InboxPage),
      },
      {
        // R1: only the window registers projects.
        path: 'projects/new',
        canActivate: [permissionGuard('project.register')],
        loadComponent: () => import('./projects/register-project.page').then((m) => m.RegisterProjectPage),
      },
      {
        path: 'meetings',
        loadComponent: () => import('./meetings/meetings-desk.page').then((m) => m.MeetingsDeskPage),
      },
      {
        path: 'meetings/:id',
        loadComponent: () => import('./meetings/meeting-room.page').then((m) => m.MeetingRoomPage),
      },
      {
        path: 'projects/:id',
        loadComponent: () => import('./projects/project-detail.page').then((m) => m.ProjectDetailPage),
      },
      {
        // R23/R24 first-inquiry register (desk, registration, statistics, detail).
        path: 'inquiries',
        loadChildren: () => import('./inquiries/inquiries.routes').then((m) => m.INQUIRY_ROUTES),
      },
      {
        // R14a: the inbox of early warnings.
        path: 'alerts',
        canActivate: [permissionGuard('alerts.read')],
        loadComponent: () => import('./alerts/alerts.page').then((m) => m.AlertsPage),
      },
      {
        // R21/R22: the leaders' record and circulation (ECharts loads with this route only).
        path: 'accountability',
        canActivate: [permissionGuard('accountability.read')],
        loadComponent: () => import('./accountability/accountability.page').then((m) => m.AccountabilityPage),
      },
      {
        // Issue 14: the items behind one figure of the record.
        path: 'accountability/items',
        canActivate: [permissionGuard('accountability.read')],
        loadComponent: () => import('./accountability/accountability-items.page').then((m) => m.AccountabilityItemsPage),
      },
      {
        // R1: a liaison names its deputy (the admin for any liaison).
        path: 'deputies',
        canActivate: [permissionGuard('deputy.name')],
        loadComponent: () => import('./deputies/deputies.page').then((m) => m.DeputiesPage),
      },
      {
        // R27: each person's own notification choices.
        path: 'notifications',
        loadComponent: () => import('./notifications/my-notifications.page').then((m) => m.MyNotificationsPage),
      },
      {
        // R11 and settings: the admin's.
        path: 'admin',
        loadChildren: () => import('./admin/admin.routes').then((m) => m.ADMIN_ROUTES),
      },
    ],
  },
  {
    path: '**',
    loadComponent: () => import('./not-found/not-found.page').then((m) => m.NotFoundPage),
  },
];
