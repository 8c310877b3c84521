import type { Routes } from '@angular/router';
import { permissionGuard } from '../core/session/auth.guard';

/** R23/R24, under /inquiries. Fixed paths before :id. */
export const INQUIRY_ROUTES: Routes = [
  {
    path: '',
    pathMatch: 'full',
    canActivate: [permissionGuard('inquiry.read')],
    loadComponent: () => import('./inquiries-desk.page').then((m) => m.InquiriesDeskPage),
  },
  {
    path: 'new',
    canActivate: [permissionGuard('inquiry.register')],
    loadComponent: () => import('./register-inquiry.page').then((m) => m.RegisterInquiryPage),
  },
  {
    path: 'statistics',
    canActivate: [permissionGuard('inquiry.statistics')],
    loadComponent: () => import('./inquiry-statistics.page').then((m) => m.InquiryStatisticsPage),
  },
  {
    path: ':id',
    canActivate: [permissionGuard('inquiry.read')],
    loadComponent: () => import('./inquiry-detail.page').then((m) => m.InquiryDetailPage),
  },
];
