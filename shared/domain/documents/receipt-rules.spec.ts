import type { IssueReceiptRequest } from '../../contracts/paper-trail';
import { officialDate, officialDateTime } from './official-dates';
import { isLatePickup, pickupProblems, receiptProblems } from './receipt-rules';

const receipt: IssueReceiptRequest = {
  applicant: {
    type: 'organisation',
    name: '星河新能源科技有限公司',
    legalRepresentative: '陈星河',
    address: '杭州市滨江区江南大道1号',
    phone: '0571-88886666',
  },
  receivedOn: '2026-03-02',
  acceptedOn: '2026-03-02',
  promisedCompletionOn: '2026-03-05',
  specialProcedures: [],
  applicantSignatory: '赵敏',
};
const fields = (r: IssueReceiptRequest) => receiptProblems(r).map((p) => p.field);

describe('receiptProblems', () => {
  it('R9: a receipt accepted the day received, with an organisation and its legal representative, stands', () => {
    expect(receiptProblems(receipt)).toEqual([]);
  });

  it('R9: not accepted the day received (later, or not at all) needs the reason', () => {
    expect(fields({ ...receipt, acceptedOn: '2026-03-03' })).toEqual(['notAcceptedReason']);
    expect(fields({ ...receipt, acceptedOn: null })).toEqual(['notAcceptedReason']);
    expect(fields({ ...receipt, acceptedOn: null, notAcceptedReason: '   ' })).toEqual(['notAcceptedReason']);
    expect(fields({ ...receipt, acceptedOn: '2026-03-03', notAcceptedReason: '申请材料需补正' })).toEqual([]);
  });

  it('R9: a person gives an occupation; an organisation its legal representative', () => {
    expect(fields({ ...receipt, applicant: { type: 'person', name: '张三', address: '某地', phone: '13800000000' } })).toEqual([
      'applicant.occupation',
    ]);
    expect(
      fields({ ...receipt, applicant: { type: 'person', name: '张三', occupation: '个体工商户', address: '某地', phone: '13800000000' } }),
    ).toEqual([]);
    expect(fields({ ...receipt, applicant: { ...receipt.applicant, legalRepresentative: '' } })).toEqual(['applicant.legalRepresentative']);
  });

  it('R9: dates run received ≤ accepted ≤ promised completion', () => {
    expect(fields({ ...receipt, acceptedOn: '2026-03-01', notAcceptedReason: 'x' })).toEqual(['acceptedOn']);
    expect(fields({ ...receipt, promisedCompletionOn: '2026-03-01' })).toEqual(['promisedCompletionOn']);
  });

  it('R9: each special procedure (hearing, expert review…) appears once with its time', () => {
    expect(
      fields({
        ...receipt,
        specialProcedures: [
          { procedure: 'hearing', workingDays: 5 },
          { procedure: 'hearing', workingDays: 2 },
        ],
      }),
    ).toEqual(['specialProcedures']);
  });
});

describe('pickupProblems', () => {
  const on = { receivedOn: '2026-03-02', promisedOn: '2026-03-05' };

  it('R9: on or before the promised date, no reason needed', () => {
    expect(pickupProblems({ pickedUpOn: '2026-03-05', pickerName: '赵敏' }, on)).toEqual([]);
    expect(isLatePickup('2026-03-05', '2026-03-05')).toBe(false);
  });

  it('R9: late pickup needs the reason', () => {
    expect(pickupProblems({ pickedUpOn: '2026-03-06', pickerName: '赵敏' }, on).map((p) => p.field)).toEqual(['lateReason']);
    expect(pickupProblems({ pickedUpOn: '2026-03-06', pickerName: '赵敏', lateReason: '申请人出差' }, on)).toEqual([]);
    expect(isLatePickup('2026-03-06', '2026-03-05')).toBe(true);
  });

  it('R9: a pickup before the application was received is refused', () => {
    expect(pickupProblems({ pickedUpOn: '2026-03-01', pickerName: '赵敏' }, on).map((p) => p.field)).toEqual(['pickedUpOn']);
  });
});

describe('official dates', () => {
  it('R17: civil dates print as 2026年3月2日', () => {
    expect(officialDate('2026-03-02')).toBe('2026年3月2日');
  });

  it('R10/R17: an end-of-day due instant prints as 24:00 of its last day, in the center zone', () => {
    expect(officialDateTime('2026-02-24T16:00:00.000Z', 'Asia/Shanghai')).toBe('2026年2月24日 24:00');
    expect(officialDateTime('2026-02-12T02:05:00.000Z', 'Asia/Shanghai')).toBe('2026年2月12日 10:05');
  });
});
