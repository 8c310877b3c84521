import { CreateHubSchema1764150000000 } from './1764150000000-create-hub-schema';
import { LoginThrottle1764400000000 } from './1764400000000-login-throttle';
import { AddFirstInquiryRegister1764500000000 } from './1764500000000-add-first-inquiry-register';
import { AddPaperTrail1764700000000 } from './1764700000000-add-paper-trail';
import { MeetingsExplanationsDeadlineChanges1764800000000 } from './1764800000000-meetings-explanations-deadline-changes';
import { AddLeadersView1764900000000 } from './1764900000000-add-leaders-view';
import { SessionIdsAndLoginDelays1765120000000 } from './1765120000000-session-ids-and-login-delays';
import { CiteNoticesAndAnchorCardHeads1765130000000 } from './1765130000000-cite-notices-and-anchor-card-heads';
import { PeopleAndDeputies1765160000000 } from './1765160000000-people-and-deputies';
import { BoundedDeadlinesAndExplanationKinds1765150000000 } from './1765150000000-bounded-deadlines-and-explanation-kinds';
import { MeetingNoticeAttendanceCorrections1765140000000 } from './1765140000000-meeting-notice-attendance-corrections';
import { AlertsHandledAndDeemedConsent1765260000000 } from './1765260000000-alerts-handled-and-deemed-consent';
import { IndexSessionsAndThrottleForPurge1765100000000 } from './1765100000000-index-sessions-and-throttle-for-purge';

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
  AlertsHandledAndDeemedConsent1765260000000,
];
