import type { DispositionRequest } from '../../contracts/inquiries';
import { DISPOSITION_TARGET, dispositionErrors, followUpErrors, inquirerErrors, PROMISE_MAX_WORKING_DAYS } from './disposition';
import { INQUIRY_TRANSITIONS } from './inquiry-transitions';

const fields = (request: DispositionRequest, prefix?: string) => dispositionErrors(request, prefix).map((p) => p.field);

describe('disposition requests', () => {
  it.each<[string, DispositionRequest]>([
    ['answered at once', { kind: 'answer', answer: '已告知办理流程和所需材料' }],
    ['promised within 3 working days', { kind: 'promise', workingDays: 3 }],
    ['promised with a note', { kind: 'promise', workingDays: 1, note: '核实后电话答复' }],
    ['transferred to a colleague', { kind: 'transfer', toUserId: 'u-2', note: '属规划业务' }],
    ['transferred to a department', { kind: 'transfer', toDepartmentId: 'd-1' }],
    ['referred to another body', { kind: 'refer', referredTo: '市信访局', referredContact: '0571-87000000，市民中心3楼' }],
    ['escalated to a leader', { kind: 'escalate', note: '涉及多个部门的重大投诉' }],
  ])('R23: %s is a complete disposition', (_, request) => {
    expect(dispositionErrors(request)).toEqual([]);
  });

  it.each<[string, DispositionRequest, string[]]>([
    ['an answer without what was answered', { kind: 'answer', answer: '  ' }, ['answer']],
    ['a promise without a time', { kind: 'promise' }, ['workingDays']],
    ['a promise of 0 working days', { kind: 'promise', workingDays: 0 }, ['workingDays']],
    ['a promise of half a day', { kind: 'promise', workingDays: 1.5 }, ['workingDays']],
    ['a promise beyond the bound', { kind: 'promise', workingDays: PROMISE_MAX_WORKING_DAYS + 1 }, ['workingDays']],
    ['a transfer to nobody', { kind: 'transfer' }, ['toUserId']],
    ['a transfer to a colleague and a department at once', { kind: 'transfer', toUserId: 'u', toDepartmentId: 'd' }, ['toUserId']],
    ['a referral without how to reach the body', { kind: 'refer', referredTo: '市信访局' }, ['referredContact']],
    ['an escalation without the reason', { kind: 'escalate' }, ['note']],
    ['an answer carrying a promise', { kind: 'answer', answer: '已答复', workingDays: 3 }, ['workingDays']],
    ['a promise carrying a transfer target', { kind: 'promise', workingDays: 2, toUserId: 'u' }, ['toUserId']],
  ])('R26: %s is refused, naming the field', (_, request, expected) => {
    expect(fields(request)).toEqual(expected);
  });

  it('R26: field names carry the prefix of the enclosing request', () => {
    expect(fields({ kind: 'refer' }, 'disposition.')).toEqual(['disposition.referredTo', 'disposition.referredContact']);
  });

  it('R23: every disposition leads to a state that an open inquiry may become', () => {
    for (const target of Object.values(DISPOSITION_TARGET)) expect(INQUIRY_TRANSITIONS.open).toContain(target);
  });

  it('R24: a dissatisfied follow-up needs the reason; the others do not', () => {
    expect(followUpErrors({ satisfaction: 'dissatisfied' })).toEqual([
      { field: 'comment', code: 'follow_up.comment_required', message: expect.any(String) },
    ]);
    expect(followUpErrors({ satisfaction: 'dissatisfied', comment: '答复未解决问题' })).toEqual([]);
    expect(followUpErrors({ satisfaction: 'satisfied' })).toEqual([]);
    expect(followUpErrors({ satisfaction: 'basically_satisfied', comment: '等待稍久' })).toEqual([]);
  });

  it('R23: an organisation names the person who asked; a person needs no contact person', () => {
    expect(inquirerErrors({ kind: 'organisation', name: '云港物流集团', contactName: null, contact: '0571-1' })).toEqual([
      { field: 'inquirer.contactName', code: 'inquirer.contact_required', message: expect.any(String) },
    ]);
    expect(inquirerErrors({ kind: 'organisation', name: '云港物流集团', contactName: '吴青', contact: '0571-1' })).toEqual([]);
    expect(inquirerErrors({ kind: 'person', name: '张三', contactName: null, contact: '138' })).toEqual([]);
    expect(inquirerErrors({ kind: 'person', name: '张三', contactName: '李四', contact: '138' })).toHaveLength(1);
  });
});
