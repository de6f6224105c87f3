import { roleConflict } from './separation-of-duties.js';

describe('separation of duties (三员分立)', () => {
  it('allows one administrator role alone and any mix of business roles', () => {
    expect(roleConflict(['security-admin'])).toBeNull();
    expect(roleConflict(['clerk', 'handler', 'supervisor'])).toBeNull();
  });

  it('refuses two administrator roles on one account', () => {
    expect(roleConflict(['system-admin', 'audit-admin'])).toMatch(/不能由同一账号兼任/);
  });

  it('refuses an administrator role combined with a business role', () => {
    expect(roleConflict(['security-admin', 'leader'])).toMatch(/不能与业务角色兼任/);
  });

  it('keeps an invited observer an observer only', () => {
    expect(roleConflict(['observer'])).toBeNull();
    expect(roleConflict(['observer', 'clerk'])).toMatch(/特邀监督员/);
    expect(roleConflict(['observer', 'system-admin'])).not.toBeNull();
  });
});
