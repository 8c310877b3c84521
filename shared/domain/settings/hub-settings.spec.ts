import { DEFAULT_HUB_SETTINGS, settingsProblems } from './hub-settings';

describe('hub settings (R10, R14a, R22)', () => {
  it('R10 R14a R22: the defaults are valid: 3 working days, 24:00, Asia/Shanghai, warn at 1, circulate at 3', () => {
    expect(DEFAULT_HUB_SETTINGS).toEqual({
      timeZone: 'Asia/Shanghai',
      endOfDay: '24:00',
      workingDaysAllowed: 3,
      warningWorkingDays: 1,
      circulationThreshold: 3,
    });
    expect(settingsProblems(DEFAULT_HUB_SETTINGS)).toEqual([]);
  });

  it.each`
    change                           | field
    ${{ timeZone: 'Mars/Olympus' }}  | ${'timeZone'}
    ${{ timeZone: '' }}              | ${'timeZone'}
    ${{ endOfDay: '25:00' }}         | ${'endOfDay'}
    ${{ endOfDay: '17:3' }}          | ${'endOfDay'}
    ${{ workingDaysAllowed: 0 }}     | ${'workingDaysAllowed'}
    ${{ workingDaysAllowed: 2.5 }}   | ${'workingDaysAllowed'}
    ${{ warningWorkingDays: -1 }}    | ${'warningWorkingDays'}
    ${{ circulationThreshold: 100 }} | ${'circulationThreshold'}
  `('R10 R14a R22: $change is refused, naming $field', ({ change, field }) => {
    expect(settingsProblems({ ...DEFAULT_HUB_SETTINGS, ...change }).map((p) => p.field)).toEqual([field]);
  });

  it('R10: another zone and end of day may be set', () => {
    expect(settingsProblems({ ...DEFAULT_HUB_SETTINGS, timeZone: 'Asia/Urumqi', endOfDay: '17:30' })).toEqual([]);
  });
});
