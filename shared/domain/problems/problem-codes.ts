/**
 * The hub's problems by stable machine code, with their words in both languages (issue 14). A rule
 * that refuses names its code here; the server sends the code in problem+json (beside its English
 * `detail`), the browser's own checks use the same code, and the client shows these words — so a
 * Chinese screen never shows the server's English, and browser and server say the same thing.
 * Words carry placeholders only for data the user needs to act on (the missing materials' names),
 * filled from the field error's `params`; other specifics (numbers, states) stay in the English detail.
 */
export const PROBLEM_WORDS = {
  // One per status: the fallback when a problem names nothing more precise.
  'request.invalid': { zh: '提交的内容有误，请检查后重试', en: 'Something in the request is not valid; check it and try again' },
  'request.unauthenticated': { zh: '请先登录', en: 'Please sign in' },
  'request.forbidden': { zh: '无权执行此操作', en: 'You are not allowed to do this' },
  'request.not_found': { zh: '找不到所请求的内容，可能已被删除', en: 'Not found; it may have been removed' },
  'request.conflict': { zh: '当前状态不允许此操作，请刷新后重试', en: 'The current state does not allow this; reload and try again' },
  'request.too_large': { zh: '提交的内容或文件过大', en: 'The request or file is too large' },
  'request.too_many': { zh: '尝试次数过多，请稍后再试', en: 'Too many attempts; please wait and try again' },
  'request.unavailable': { zh: '服务暂时不可用，请刷新后重试', en: 'The service is briefly unavailable; reload and try again' },
  'request.failed': { zh: '服务器未能处理此请求，请稍后重试', en: 'The server could not handle this; please try again later' },

  // A field's shape (the edge's validation, and the browser's).
  'field.invalid': { zh: '此项填写有误', en: 'This value is not valid' },
  'field.required': { zh: '必填', en: 'Required' },
  'field.too_long': { zh: '内容过长', en: 'Too long' },
  'field.unknown': { zh: '不接受此项', en: 'This field is not accepted' },
  'field.not_allowed': { zh: '不是可选的值', en: 'Not one of the allowed values' },
  'field.unreadable': { zh: '含有无法保存的字符（如空字符）', en: 'Contains characters that cannot be stored (such as NUL)' },
  'field.too_deep': { zh: '提交的数据层级过深', en: 'The data is nested too deeply' },
  'number.out_of_range': { zh: '须为允许范围内的整数', en: 'Must be a whole number in the allowed range' },
  'date.invalid': { zh: '日期无效，或不在工作日历覆盖的年份内', en: 'Not a date (YYYY-MM-DD) in the years the working calendar covers' },
  'date.in_future': { zh: '日期不能晚于今天', en: 'The date cannot be after today' },
  'date.order': { zh: '结束日期不能早于开始日期', en: 'The end date cannot come before the start date' },
  'instant.invalid': { zh: '时间无效，或不在工作日历覆盖的年份内', en: 'Not a time in the years the working calendar covers' },
  'reference.unknown': { zh: '所选对象不存在或已停用', en: 'The chosen entry does not exist or is switched off' },
  'phone.invalid': {
    zh: '联系电话格式不正确：5–30 位数字，可含 + - ( ) 和空格',
    en: 'Not a phone number: 5–30 digits, + - ( ) and spaces allowed',
  },
  'email.invalid': { zh: '电子邮箱格式不正确，如 name@example.com', en: 'Not an e-mail address, e.g. name@example.com' },
  'mobile.invalid': { zh: '手机号码格式不正确：11 位数字，以 1 开头', en: 'Not a mobile number: 11 digits starting with 1' },
  'amount.invalid': {
    zh: '金额格式不正确：只填数字，如 4.2 或 3800；换算成元后最多两位小数',
    en: 'Not a valid amount: digits only, e.g. 4.2 or 3800; at most two decimals once in whole currency units',
  },
  'amount.not_positive': { zh: '金额必须大于零', en: 'The amount must be greater than zero' },
  'amount.out_of_range': { zh: '金额过大（须小于 10^18）', en: 'The amount is too large (must be below 10^18)' },
  'file.too_large': { zh: '文件超过允许的大小', en: 'The file is larger than allowed' },
  'file.type_not_allowed': { zh: '不接受此类文件', en: 'This kind of file is not accepted' },

  // R1: people, departments, passwords.
  'account.inactive': { zh: '该账号已停用，请联系管理员', en: 'This account is switched off; ask the administrator' },
  'password.too_short': { zh: '密码至少 10 个字符', en: 'The password needs at least 10 characters' },
  'password.is_username': { zh: '密码不能与用户名相同', en: 'The password must not be the username' },
  'password.wrong': { zh: '当前密码不正确', en: 'The current password is wrong' },
  'username.invalid': {
    zh: '用户名须为 2–40 位小写字母、数字或 . _ -，以字母或数字开头',
    en: 'The username is 2–40 lower-case letters, digits, . _ or -, starting with a letter or digit',
  },
  'username.taken': { zh: '该用户名已被使用', en: 'This username is taken' },
  'department_code.invalid': {
    zh: '部门代码须为 1–16 位大写字母、数字、- 或 _',
    en: 'The department code is 1–16 capital letters, digits, - or _',
  },
  'department_code.taken': { zh: '该部门代码已被使用', en: 'This department code is taken' },
  'department.inactive': { zh: '该部门已停用', en: 'The department is switched off' },
  'role.invalid': { zh: '角色无效', en: 'Not a role of the hub' },
  'role.liaison_needs_department': { zh: '部门联络员须属于一个部门', en: 'A liaison needs exactly one department' },
  'role.has_no_department': { zh: '该角色不属于任何部门', en: 'This role has no department' },
  'setup_link.invalid': { zh: '设置链接已使用、已过期或无效', en: 'This setup link is used, expired or unknown' },
  'import.column_missing': { zh: '文件缺少必需的列', en: 'The file lacks a required column' },
  'import.kind_invalid': { zh: '类型须为 department 或 user', en: 'The kind must be department or user' },
  'import.username_repeated': { zh: '该用户名在文件中重复', en: 'This username appears twice in the file' },
  'deputy.principal_not_liaison': { zh: '只有在岗的部门联络员才设代理人', en: 'Only an active liaison has a deputy' },
  'deputy.not_own': { zh: '联络员只能为自己指定代理人', en: 'A liaison names its own deputy' },
  'deputy.self': { zh: '不能指定自己为代理人', en: 'A liaison cannot be its own deputy' },
  'deputy.inactive': { zh: '该代理人账号已停用', en: 'The deputy is switched off' },
  'deputy.other_department': {
    zh: '代理人须为本部门联络员（或由管理员指定的窗口同事）',
    en: "The deputy must be a liaison of the principal's department (or a window colleague the admin names)",
  },
  'deputy.period_order': { zh: '代理结束时间须晚于开始时间', en: 'The period must end after it starts' },
  'deputy.period_overlaps': { zh: '与该联络员的其他代理期间重叠', en: 'The period overlaps another deputy period of this liaison' },

  // R3/R4/R4a: a project's intake and life.
  'national_code.invalid': {
    zh: '项目代码格式不正确：24 位，如 2024-330106-48-01-012345',
    en: 'The national project code has 24 characters: YYYY-RRRRRR-II-TT-NNNNNN (digits and dashes)',
  },
  'national_code.taken': { zh: '另一个项目已使用该项目代码', en: 'Another project already has this national project code' },
  'admission.nothing_to_override': { zh: '前置条件均已满足，无需特批', en: 'Every precondition is met: there is nothing to override' },
  'admission.override_required': {
    zh: '前置条件未满足：须由中心领导特批并说明理由',
    en: "Preconditions are not met: only a leader's override with a reason admits the project",
  },
  'admission.reason_required': { zh: '不予纳入须说明理由', en: 'A refusal of admission states its reason' },
  'admission.refused': { zh: '该项目已被决定不予纳入', en: 'Admission of this project was refused' },
  'admission.already_admitted': { zh: '该项目已纳入绿色通道', en: 'The project is already in the green channel' },
  'admission.lead_also_participating': {
    zh: '牵头部门不能同时是参与部门',
    en: 'The lead department cannot also be a participating department',
  },
  'reason.too_long': { zh: '理由过长', en: 'The reason is too long' },
  'project.state_forbids': { zh: '项目当前的状态不允许此操作', en: "The project's state does not allow this" },

  // R7/R8: materials.
  'material.duplicate': { zh: '该材料已在清单中', en: 'This material is already on the checklist' },
  'material.reason_required': { zh: '不在一次性告知书中的材料须说明理由', en: 'Not on the one-time notification: say why it is needed' },
  'material.too_many_copies': { zh: '收取份数超过要求的份数', en: 'More copies than required' },
  'materials.incomplete': { zh: '材料尚未收齐：{missing}', en: 'The materials are not complete: {missing}' },
  'materials.checklist_missing': { zh: '请先登记材料清单', en: 'Record the materials checklist first' },
  'permit.already_issued': { zh: '该事项的许可已签发', en: 'The permit for this item is already issued' },

  // R10–R17: items, deadlines, explanations, special procedures, corrections.
  'item.not_pending': { zh: '该事项不在待受理状态', en: 'The item is not awaiting acceptance' },
  'item.not_in_review': { zh: '该事项不在审查中', en: 'The item is not under review' },
  'item.decided': { zh: '该事项已作出决定', en: 'The item is already decided' },
  'item.not_running': { zh: '该事项没有正在计算的时限', en: 'The item has no running deadline' },
  'item.deemed_consent': { zh: '时限已过：该部门已视为同意', en: 'The deadline has passed: the department is deemed to consent' },
  'decision.basis_required': { zh: '不予许可须写明法律依据', en: 'A rejection must state its legal basis' },
  'due.not_future': { zh: '新的时限须晚于现在', en: 'The new due time must lie in the future' },
  'due.not_later': { zh: '新的时限须晚于当前时限', en: 'The new due time must be later than the current one' },
  'due.required': { zh: '请设定新的时限', en: 'Set the new due time' },
  'due.not_taken': { zh: '此操作不设定新的时限', en: 'This step takes no new due time' },
  'due.beyond_calendar': { zh: '新的时限超出工作日历覆盖的年份', en: 'The new due time lies beyond the years the working calendar knows' },
  'due.extension_exhausted': {
    zh: '同一事项的延期合计已超过允许的工作日数',
    en: 'All extensions of one item together exceed the working days allowed',
  },
  'outage.not_for_cause': { zh: '只有网络故障才填写故障期间', en: 'Only a network outage states an outage period' },
  'outage.start_required': { zh: '请填写故障开始时间', en: 'State when the outage began' },
  'outage.end_required': { zh: '请填写故障结束时间', en: 'State when the outage ended' },
  'outage.order': { zh: '故障结束时间须晚于开始时间', en: 'The outage ends after it began' },
  'outage.not_begun': { zh: '故障尚未开始', en: 'The outage has not begun yet' },
  'outage.too_late': { zh: '已超过可登记网络故障延期的期限', en: 'Too late to record a delay for this outage' },
  'explanation.pending': { zh: '已有说明在等待裁定', en: 'An explanation already awaits a ruling' },
  'explanation.too_late': { zh: '时限已过，不能再提交说明', en: 'The deadline has passed: explain before it' },
  'explanation.meeting_over': { zh: '会议已结束，须在会议结束前提交说明', en: 'The meeting is over: explain before it closes' },
  'explanation.ruled': { zh: '该说明已经裁定', en: 'The explanation has already been ruled on' },
  'procedure.already_open': {
    zh: '该事项已有进行中的特别程序，请先登记其结束',
    en: 'A special procedure is already open: record its end first',
  },
  'procedure.in_future': { zh: '请在发生后再登记，不能预先登记', en: 'Record it when it has happened, not in advance' },
  'procedure.before_acceptance': { zh: '特别程序须在受理之后开始', en: 'A special procedure begins after acceptance' },
  'procedure.after_due': { zh: '特别程序须在时限届满前开始', en: 'A special procedure begins before the due time' },
  'procedure.overlaps': { zh: '须在上一个特别程序结束之后开始', en: 'It must begin after the previous special procedure ended' },
  'procedure.ended': { zh: '该特别程序已经结束', en: 'This special procedure has already ended' },
  'procedure.order': { zh: '结束时间须晚于开始时间', en: 'It must end after it began' },
  'correction.reason_required': { zh: '更正须说明理由', en: 'A correction states its reason' },
  'correction.already_corrected': { zh: '该文书已经更正过', en: 'This document was already corrected' },
  'correction.consent_gone': { zh: '该视为同意已不存在', en: 'This deemed consent no longer stands' },
  'correction.permit_rests_on_it': {
    zh: '已签发的许可决定以此为依据，请先更正许可决定',
    en: 'A permit decision rests on it: correct that first',
  },

  // R15/R15a/R18–R20: meetings and site inspections.
  'meeting.place_required': { zh: '请填写会议地点，或选择线上会议', en: 'Give a place, or hold the meeting online' },
  'meeting.no_invitees': { zh: '请至少邀请一个部门', en: 'Invite at least one department' },
  'meeting.invitee_not_in_project': { zh: '受邀部门在本项目中没有事项', en: 'An invited department has no item in this project' },
  'meeting.not_invited': { zh: '该部门未受邀参加此会议', en: 'That department is not invited' },
  'meeting.order': { zh: '会议结束时间须晚于开始时间', en: 'The end must come after the start' },
  'meeting.already_over': { zh: '该会议时间已经过去', en: 'The meeting would already be over' },
  'meeting.too_early': { zh: '会议室最早在会议开始前一小时开放', en: 'The room opens at most an hour before the meeting' },
  'meeting.already_open': { zh: '会议已经开始', en: 'The meeting is already open' },
  'meeting.not_opened': { zh: '会议尚未开始', en: 'The meeting has not been opened yet' },
  'meeting.ended': { zh: '会议已结束或已取消', en: 'The meeting is over or cancelled' },
  'meeting.grace_not_over': { zh: '会议开始并经过宽限时间后才能结束会议', en: 'The meeting may close only after its start plus the grace' },
  'meeting.late_excuse_invalid': {
    zh: '只有迟到的部门可被谅解迟到，且仅一次',
    en: 'Only a department that arrived late can be excused for it, once',
  },
  'meeting.late_excuse_reason': { zh: '谅解迟到须说明理由', en: 'Excusing a late arrival states the reason' },
  'opinion.conditions_required': { zh: '附条件同意须写明条件', en: 'Agreeing with conditions must state the conditions' },
  'opinion.basis_required': { zh: '不同意须写明法律依据', en: 'Disagreeing must state its legal basis' },
  'rectification.inspection_only': {
    zh: '现场整改要求只属于现场踏勘',
    en: 'On-the-spot rectification requests belong to site inspections only',
  },

  // R9: receipts and pickups.
  'receipt.occupation_required': { zh: '个人申请须填写职业', en: 'A person applying must give an occupation' },
  'receipt.legal_representative_required': {
    zh: '单位申请须填写法定代表人',
    en: 'An organisation applying must name its legal representative',
  },
  'receipt.not_accepted_reason': { zh: '未当场受理的，须说明理由', en: 'Not accepted on the day received: give the reason' },
  'receipt.accepted_before_received': { zh: '受理日期不能早于收件日期', en: 'Acceptance cannot come before receipt' },
  'receipt.promised_before_accepted': {
    zh: '承诺办结日期不能早于受理日期',
    en: 'The promised completion date cannot come before acceptance',
  },
  'receipt.procedure_repeated': { zh: '每个特别程序只填一次', en: 'Each procedure once' },
  'pickup.before_received': { zh: '领取日期不能早于收件日期', en: 'The pickup cannot come before the application was received' },
  'pickup.late_reason': { zh: '超过承诺日期领取的，须说明原因', en: 'Picked up after the promised date: give the reason' },
  'pickup.already_registered': { zh: '该领取已经登记', en: 'The pickup is already registered' },

  // R23/R24: inquiries.
  'inquiry.closed': { zh: '该咨询已办结', en: 'The inquiry is closed' },
  'inquiry.state_forbids': { zh: '该咨询当前的状态不允许此操作', en: "The inquiry's state does not allow this" },
  'inquiry.already_followed_up': { zh: '该咨询已回访', en: 'The inquiry was already followed up' },
  'inquiry.already_linked': { zh: '该咨询已登记为项目', en: 'The inquiry already became a project' },
  'inquiry.already_promised': { zh: '该咨询已承诺答复时间', en: 'A reply is already promised' },
  'inquiry.transfer_to_self': { zh: '不能转交给自己', en: 'An inquiry is transferred to someone else' },
  'disposition.field_required': { zh: '该处理方式须填写此项', en: 'This way of handling needs this field' },
  'disposition.one_target': { zh: '请指定一位同事或一个部门（只选其一）', en: 'Name exactly one colleague or one department' },
  'disposition.field_not_allowed': { zh: '该处理方式不填写此项', en: 'This way of handling does not take this field' },
  'disposition.working_days': { zh: '答复期限须为 1–20 个工作日', en: 'The reply is due within 1 to 20 working days' },
  'follow_up.comment_required': { zh: '不满意时须记录原因', en: 'A dissatisfied inquirer’s reason is recorded' },
  'inquirer.contact_required': { zh: '单位咨询须填写联系人', en: 'An organisation names its contact person' },
  'inquirer.contact_for_organisation': {
    zh: '个人咨询不填写联系人，姓名即本人',
    en: 'A person is named in the name field; a contact is for organisations',
  },

  // R11/R25/R27: calendar and settings.
  'calendar.name_invalid': { zh: '名称须为 1–40 个字符', en: 'The name is 1 to 40 characters' },
  'calendar.already_working': {
    zh: '该日已是工作日：调休上班日只替换休息日',
    en: 'That day is already a working day: a make-up working day replaces a day off',
  },
  'calendar.import_unreadable': { zh: '无法读取导入的日历文件', en: 'The calendar file cannot be read' },
  'time_zone.invalid': { zh: '不是有效的时区（如 Asia/Shanghai）', en: 'Not a time zone (IANA, e.g. Asia/Shanghai)' },
  'time_of_day.invalid': { zh: '时间须为 HH:MM 或 24:00', en: 'The time is HH:MM or 24:00' },
  'channel.needs_email': { zh: '请先填写电子邮箱，才能通过邮件接收', en: 'Give an e-mail address to receive this by e-mail' },
  'channel.needs_mobile': { zh: '请先填写手机号码，才能通过短信接收', en: 'Give a mobile number to receive this by SMS' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type ProblemCode = keyof typeof PROBLEM_WORDS;
export const PROBLEM_CODES = Object.keys(PROBLEM_WORDS) as ProblemCode[];

export function isProblemCode(code: unknown): code is ProblemCode {
  return typeof code === 'string' && Object.hasOwn(PROBLEM_WORDS, code);
}

/** A field at fault, with its code (the words to show) and an English message (the detail to log). */
export interface FieldProblem {
  field: string;
  code: ProblemCode;
  message: string;
  /** Data the code's words name (their {placeholders}), e.g. { missing: '宗地图（主件，缺 1 份）' }. */
  params?: Record<string, string>;
}

/** The generic problem of an HTTP status: the client's fallback and the server's default. */
export function statusProblemCode(status: number): ProblemCode {
  switch (status) {
    case 400:
    case 422:
      return 'request.invalid';
    case 401:
      return 'request.unauthenticated';
    case 403:
      return 'request.forbidden';
    case 404:
      return 'request.not_found';
    case 409:
      return 'request.conflict';
    case 413:
      return 'request.too_large';
    case 429:
      return 'request.too_many';
    case 503:
      return 'request.unavailable';
    default:
      return status >= 400 && status < 500 ? 'request.invalid' : 'request.failed';
  }
}

/** The words of every code in one language, keyed `problem.<code>` as the client's dictionaries hold them. */
export function problemDictionary(lang: 'zh' | 'en'): { [C in ProblemCode as `problem.${C}`]: string } {
  return Object.fromEntries(PROBLEM_CODES.map((code) => [`problem.${code}`, PROBLEM_WORDS[code][lang]])) as {
    [C in ProblemCode as `problem.${C}`]: string;
  };
}
