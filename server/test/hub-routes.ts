import type {
  AccountabilityItemsBehind,
  AccountabilityReport,
  AddMaterialRequest,
  AdmitProjectRequest,
  AlertInbox,
  AlertView,
  ApprovalItemView,
  AssignTrackerRequest,
  BoardHead,
  BoardProject,
  BoardRows,
  BoardSnapshot,
  CalendarChangeResult,
  CalendarResponse,
  CardCheckpoint,
  CardEntry,
  CardVerification,
  ChangePasswordRequest,
  CheckpointVerification,
  CirculationStanding,
  ClosePreview,
  CloseMeetingRequest,
  ConfigurationChange,
  ConveneMeetingRequest,
  CorrectNoticeRequest,
  CreateUserRequest,
  DeadlineExplanation,
  DecisionRequest,
  DelayItemRequest,
  Department,
  DepartmentAdminView,
  DeputiesOverview,
  DeputyView,
  DispositionRequest,
  EndSpecialProcedureRequest,
  ExplanationView,
  ExtendItemRequest,
  FileExplanationRequest,
  FollowUpRequest,
  HubSettings,
  ImportCalendarRequest,
  InquiryDetail,
  InquiryHistoryVerification,
  InquiryStatistics,
  InquiryView,
  IssueCirculationRequest,
  IssuedReceipt,
  IssueOneTimeNotificationRequest,
  IssueReceiptRequest,
  LateExcuse,
  LeaderInboxProjects,
  LinkProjectRequest,
  LoginRequest,
  MarkPresentRequest,
  MaterialFilesSettings,
  MaterialFileView,
  MaterialRulingRequest,
  MaterialView,
  MeetingSummary,
  MeetingView,
  MyNotifications,
  NameDeputyRequest,
  NationalCodeRequest,
  NoticeSummary,
  NoticeView,
  OneTimePasswordResult,
  OpinionRequest,
  OutboxMessageView,
  PeopleImportPreview,
  PeopleImportRequest,
  PeopleImportResult,
  ProjectMaterialsView,
  ProjectStatusLookup,
  ProjectView,
  PublicProjectStatus,
  RecordForwardingRequest,
  RecordPickupRequest,
  RecordReceivedRequest,
  RectificationRequest,
  RefuseAdmissionRequest,
  RegisterInquiryRequest,
  RegisterProjectRequest,
  ReminderRequest,
  ResponderCard,
  RuleExplanationRequest,
  SaveDepartmentRequest,
  SessionUser,
  SetCalendarDayRequest,
  SmtpSettings,
  SmtpSettingsView,
  SpecialProcedureView,
  StaffMember,
  StartSpecialProcedureRequest,
  TransferTarget,
  UpdateMyNotificationsRequest,
  UpdateSettingsRequest,
  UpdateUserContactRequest,
  UserView,
  WithdrawProjectRequest,
} from '@hub/shared';

/**
 * Every route of the hub as its reply (and request body) in the shared contracts, keyed as Nest
 * declares it ("METHOD /api/path/:param", as `declaredRoutes` lists them): the test client infers a
 * call's reply from its path, so a test reading a field the contract lacks does not compile.
 */
export interface HubRoutes {
  'GET /api/auth/me': { reply: SessionUser };
  'POST /api/auth/login': { body: LoginRequest; reply: SessionUser };
  'POST /api/auth/logout': { reply: undefined };
  'POST /api/auth/password': { body: ChangePasswordRequest; reply: SessionUser };
  'POST /api/setup': { body: { token: string; newPassword: string }; reply: undefined };

  'GET /api/board': { reply: BoardSnapshot };
  'GET /api/board/head': { reply: BoardHead };
  'GET /api/board/rows': { reply: BoardRows };
  'GET /api/wall/ticker': { reply: CardEntry[] };
  'GET /api/departments': { reply: Department[] };
  'GET /api/calendar': { reply: CalendarResponse };
  'GET /api/calendar/deadline': { reply: DeadlineExplanation };
  'PUT /api/calendar/days/:date': { body: SetCalendarDayRequest; reply: CalendarChangeResult };
  'DELETE /api/calendar/days/:date': { reply: CalendarChangeResult };
  'POST /api/calendar/years/:year/publication': { reply: CalendarChangeResult };
  'POST /api/calendar/imports': { body: ImportCalendarRequest; reply: CalendarChangeResult };
  'POST /api/test/clock': { body: { advanceMs: number }; reply: { now: string } };

  'POST /api/projects': { body: RegisterProjectRequest; reply: ProjectView };
  'GET /api/projects/:id': { reply: ProjectView };
  'POST /api/projects/:id/admission': { body: AdmitProjectRequest; reply: ProjectView };
  'POST /api/projects/:id/admission-refusal': { body: RefuseAdmissionRequest; reply: ProjectView };
  'PUT /api/projects/:id/national-code': { body: NationalCodeRequest; reply: ProjectView };
  'POST /api/projects/:id/withdrawal': { body: WithdrawProjectRequest; reply: ProjectView };
  'GET /api/projects/:id/card': { reply: CardEntry[] };
  'GET /api/projects/:id/card/verification': { reply: CardVerification };
  'GET /api/card/checkpoint': { reply: CardCheckpoint };
  'POST /api/card/checkpoint/verification': { body: CardCheckpoint; reply: CheckpointVerification };

  'POST /api/items/:id/acceptance': { reply: ApprovalItemView };
  'POST /api/items/:id/decision': { body: DecisionRequest; reply: ApprovalItemView };
  'POST /api/items/:id/extension': { body: ExtendItemRequest; reply: ApprovalItemView };
  'POST /api/items/:id/delay': { body: DelayItemRequest; reply: ApprovalItemView };
  'GET /api/items/:id/deadline': { reply: DeadlineExplanation };
  'POST /api/items/:id/explanations': { body: FileExplanationRequest; reply: ExplanationView };
  'POST /api/explanations/:id/ruling': { body: RuleExplanationRequest; reply: ExplanationView };
  'GET /api/projects/:id/explanations': { reply: ExplanationView[] };
  'GET /api/items/:id/special-procedures': { reply: SpecialProcedureView[] };
  'POST /api/items/:id/special-procedures': { body: StartSpecialProcedureRequest; reply: SpecialProcedureView };
  'POST /api/items/:id/special-procedures/:procedureId/end': { body: EndSpecialProcedureRequest; reply: SpecialProcedureView };
  'POST /api/items/:id/permit': { reply: NoticeSummary };

  'GET /api/projects/:id/materials': { reply: ProjectMaterialsView };
  'POST /api/items/:id/materials': { body: AddMaterialRequest; reply: MaterialView };
  'POST /api/materials/:id/received': { body: RecordReceivedRequest; reply: MaterialView };
  'POST /api/materials/:id/ruling': { body: MaterialRulingRequest; reply: MaterialView };
  'POST /api/materials/:id/files': { reply: MaterialFileView };
  'GET /api/material-files/:id': { reply: string };
  'GET /api/settings/files': { reply: MaterialFilesSettings };
  'PUT /api/settings/files': { body: MaterialFilesSettings; reply: MaterialFilesSettings };
  'POST /api/projects/:id/one-time-notification': { body: IssueOneTimeNotificationRequest; reply: NoticeSummary };
  'POST /api/projects/:id/receipts': { body: IssueReceiptRequest; reply: IssuedReceipt };
  'POST /api/receipts/:id/pickup': { body: RecordPickupRequest; reply: NoticeSummary };
  'GET /api/projects/:id/notices': { reply: NoticeSummary[] };
  'GET /api/notices/:id': { reply: NoticeView };
  'GET /api/notices/:id/pdf': { reply: string };
  'POST /api/notices/:id/corrections': { body: CorrectNoticeRequest; reply: NoticeView };

  'POST /api/projects/:id/meetings': { body: ConveneMeetingRequest; reply: MeetingView };
  'GET /api/meetings': { reply: MeetingSummary[] };
  'GET /api/meetings/:id': { reply: MeetingView };
  'POST /api/meetings/:id/opening': { reply: MeetingView };
  'POST /api/meetings/:id/join': { reply: MeetingView };
  'POST /api/meetings/:id/attendance': { body: MarkPresentRequest; reply: MeetingView };
  'POST /api/meetings/:id/opinions': { body: OpinionRequest; reply: MeetingView };
  'POST /api/meetings/:id/close-proposal': { reply: MeetingView };
  'POST /api/meetings/:id/closing-preview': { body: { lateExcuses?: LateExcuse[] }; reply: ClosePreview };
  'POST /api/meetings/:id/closing': { body: CloseMeetingRequest; reply: MeetingView };
  'POST /api/inspections/:id/rectifications': { body: RectificationRequest; reply: MeetingView };
  'POST /api/inspections/:id/rectifications/:rectificationId/done': { reply: MeetingView };

  'GET /api/mega-trackers': { reply: StaffMember[] };
  'POST /api/projects/:id/mega-tracker': { body: AssignTrackerRequest; reply: BoardProject };
  'POST /api/projects/:id/forwarding': { body: RecordForwardingRequest; reply: BoardProject };
  'POST /api/public/project-status': { body: ProjectStatusLookup; reply: PublicProjectStatus };
  'POST /api/projects/:id/access-code': { reply: { projectCode: string; accessCode: string } };

  'GET /api/alerts': { reply: AlertInbox };
  'GET /api/alerts/leader-projects': { reply: LeaderInboxProjects };
  'POST /api/alerts/:id/read': { reply: AlertView };
  'GET /api/accountability': { reply: AccountabilityReport };
  'GET /api/accountability/items': { reply: AccountabilityItemsBehind };
  'GET /api/accountability/csv': { reply: string };
  'GET /api/accountability/xlsx': { reply: string };
  'GET /api/circulation': { reply: CirculationStanding };
  'POST /api/circulation-reports': { body: IssueCirculationRequest; reply: NoticeSummary };

  'POST /api/inquiries': { body: RegisterInquiryRequest; reply: InquiryView };
  'GET /api/inquiries': { reply: InquiryView[] };
  'GET /api/inquiries/responder': { reply: ResponderCard };
  'GET /api/inquiries/transfer-targets': { reply: TransferTarget[] };
  'GET /api/inquiries/statistics': { reply: InquiryStatistics };
  'GET /api/inquiries/statistics/csv': { reply: string };
  'GET /api/inquiries/:id': { reply: InquiryDetail };
  'GET /api/inquiries/:id/history/verification': { reply: InquiryHistoryVerification };
  'POST /api/inquiries/:id/disposition': { body: DispositionRequest; reply: InquiryView };
  'POST /api/inquiries/:id/acknowledgement': { reply: InquiryView };
  'POST /api/inquiries/:id/reminder': { body: ReminderRequest; reply: InquiryView };
  'POST /api/inquiries/:id/follow-up': { body: FollowUpRequest; reply: InquiryView };
  'POST /api/inquiries/:id/project': { body: LinkProjectRequest; reply: InquiryView };

  'GET /api/notifications/mine': { reply: MyNotifications };
  'PUT /api/notifications/mine': { body: UpdateMyNotificationsRequest; reply: MyNotifications };
  'GET /api/admin/messages': { reply: OutboxMessageView[] };
  'GET /api/settings/smtp': { reply: SmtpSettingsView };
  'PUT /api/settings/smtp': { body: SmtpSettings; reply: SmtpSettingsView };
  'GET /api/settings': { reply: HubSettings };
  'PUT /api/settings': { body: UpdateSettingsRequest; reply: HubSettings };
  'GET /api/settings/changes': { reply: ConfigurationChange[] };

  'GET /api/admin/departments': { reply: DepartmentAdminView[] };
  'POST /api/admin/departments': { body: SaveDepartmentRequest; reply: DepartmentAdminView };
  'PATCH /api/admin/departments/:id': { body: SaveDepartmentRequest; reply: DepartmentAdminView };
  'POST /api/admin/departments/:id/deactivation': { reply: DepartmentAdminView };
  'GET /api/admin/users': { reply: UserView[] };
  'POST /api/admin/users': { body: CreateUserRequest; reply: OneTimePasswordResult };
  'POST /api/admin/users/:id/password-reset': { reply: OneTimePasswordResult };
  'POST /api/admin/users/:id/deactivation': { reply: UserView };
  'POST /api/admin/users/:id/reactivation': { reply: UserView };
  'PATCH /api/admin/users/:id/contact': { body: UpdateUserContactRequest; reply: UserView };
  'POST /api/admin/people-import/preview': { body: PeopleImportRequest; reply: PeopleImportPreview };
  'POST /api/admin/people-import': { body: PeopleImportRequest; reply: PeopleImportResult };
  'GET /api/deputies': { reply: DeputiesOverview };
  'POST /api/deputies': { body: NameDeputyRequest; reply: DeputyView };
  'POST /api/deputies/:id/end': { reply: DeputyView };

  'GET /health': { reply: { status: string; database: string } };
  'GET /metrics': { reply: string };
}

export type HubMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A declared path as the type of the paths it serves: each ":param" is any text; a query may follow. */
type Served<P extends string> = P extends `${infer Head}:${string}/${infer Rest}`
  ? `${Head}${string}/${Served<Rest>}`
  : P extends `${infer Head}:${string}`
    ? `${Head}${string}`
    : P;
type RoutesOf<M extends HubMethod> = Extract<keyof HubRoutes, `${M} ${string}`>;
type PathsOf<R> = R extends `${HubMethod} ${infer P}` ? Served<P> | `${Served<P>}?${string}` : never;
/** The paths a test may send M to. */
export type HubPath<M extends HubMethod> = PathsOf<RoutesOf<M>>;

// "/api/inquiries/statistics" also fits "/api/inquiries/:id": the route is the most specific that fits.
type Wider<R, Others> = Others extends unknown ? (PathsOf<R> extends PathsOf<Others> ? never : Others) : never;
type MostSpecific<Rs> = { [R in Rs & string]: [Wider<R, Rs>] extends [never] ? R : never }[Rs & string];
type Fitting<M extends HubMethod, P> = { [R in RoutesOf<M>]: P extends PathsOf<R> ? R : never }[RoutesOf<M>];
type RouteAt<M extends HubMethod, P> = HubRoutes[MostSpecific<Fitting<M, P>>];

/** What the route at P answers to M (when it succeeds). */
export type HubReply<M extends HubMethod, P> = RouteAt<M, P> extends { reply: infer R } ? R : never;
/** The request body the route at P takes: none when it takes none. */
export type HubBody<M extends HubMethod, P> = RouteAt<M, P> extends { body: infer B } ? [body: B] : [];
