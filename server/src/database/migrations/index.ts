import { CreateHubSchema1764150000000 } from './1764150000000-create-hub-schema';
import { LoginThrottle1764400000000 } from './1764400000000-login-throttle';
import { AddFirstInquiryRegister1764500000000 } from './1764500000000-add-first-inquiry-register';
import { AddPaperTrail1764700000000 } from './1764700000000-add-paper-trail';
import { MeetingsExplanationsDeadlineChanges1764800000000 } from './1764800000000-meetings-explanations-deadline-changes';
import { AddLeadersView1764900000000 } from './1764900000000-add-leaders-view';
import { IndexSessionsAndThrottleForPurge1765100000000 } from './1765100000000-index-sessions-and-throttle-for-purge';
import { SessionIdsAndLoginDelays1765120000000 } from './1765120000000-session-ids-and-login-delays';
import { CiteNoticesAndAnchorCardHeads1765130000000 } from './1765130000000-cite-notices-and-anchor-card-heads';
import { MeetingNoticeAttendanceCorrections1765140000000 } from './1765140000000-meeting-notice-attendance-corrections';
import { BoundedDeadlinesAndExplanationKinds1765150000000 } from './1765150000000-bounded-deadlines-and-explanation-kinds';
import { PeopleAndDeputies1765160000000 } from './1765160000000-people-and-deputies';
import { ProjectLife1765200000000 } from './1765200000000-project-life';
import { AdmissionOverrideAndRefusal1765210000000 } from './1765210000000-admission-override-and-refusal';
import { ForwardingDeadlineRule1765210000001 } from './1765210000001-forwarding-deadline-rule';
import { PermitsCorrectedAndReissued1765210000002 } from './1765210000002-permits-corrected-and-reissued';
import { SpecialProcedurePeriods1765220000000 } from './1765220000000-special-procedure-periods';
import { MeetingInvitationAlerts1765230000000 } from './1765230000000-meeting-invitation-alerts';
import { NotificationOutbox1765231000000 } from './1765231000000-notification-outbox';
import { MaterialFiles1765240000000 } from './1765240000000-material-files';
import { ReactivationAndDeputyEnd1765240000001 } from './1765240000001-reactivation-and-deputy-end';
import { IndexTheBoardQuery1765250000000 } from './1765250000000-index-the-board-query';
import { AlertsHandledAndDeemedConsent1765260000000 } from './1765260000000-alerts-handled-and-deemed-consent';
import { UserContactOnRecord1765310000000 } from './1765310000000-user-contact-on-record';
import { HubNowStable1765450000000 } from './1765450000000-hub-now-stable';

/** Every migration, oldest first; run on start. */
export const HUB_MIGRATIONS = [
  CreateHubSchema1764150000000,
  LoginThrottle1764400000000,
  AddFirstInquiryRegister1764500000000,
  AddPaperTrail1764700000000,
  MeetingsExplanationsDeadlineChanges1764800000000,
  AddLeadersView1764900000000,
  IndexSessionsAndThrottleForPurge1765100000000,
  SessionIdsAndLoginDelays1765120000000,
  CiteNoticesAndAnchorCardHeads1765130000000,
  MeetingNoticeAttendanceCorrections1765140000000,
  BoundedDeadlinesAndExplanationKinds1765150000000,
  PeopleAndDeputies1765160000000,
  ProjectLife1765200000000,
  AdmissionOverrideAndRefusal1765210000000,
  ForwardingDeadlineRule1765210000001,
  PermitsCorrectedAndReissued1765210000002,
  SpecialProcedurePeriods1765220000000,
  MeetingInvitationAlerts1765230000000,
  NotificationOutbox1765231000000,
  MaterialFiles1765240000000,
  ReactivationAndDeputyEnd1765240000001,
  IndexTheBoardQuery1765250000000,
  AlertsHandledAndDeemedConsent1765260000000,
  UserContactOnRecord1765310000000,
  HubNowStable1765450000000,
];
