import { CreateHubSchema1764150000000 } from './1764150000000-create-hub-schema';
import { LoginThrottle1764400000000 } from './1764400000000-login-throttle';
import { AddFirstInquiryRegister1764500000000 } from './1764500000000-add-first-inquiry-register';
import { AddPaperTrail1764700000000 } from './1764700000000-add-paper-trail';
import { MeetingsExplanationsDeadlineChanges1764800000000 } from './1764800000000-meetings-explanations-deadline-changes';
import { AddLeadersView1764900000000 } from './1764900000000-add-leaders-view';
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
];
