import { passwordProblems } from './password-policy.js';

const rules = { minLength: 12, minCharacterClasses: 3 };

describe('the password policy', () => {
  it('accepts a long password with three character classes that does not contain the username', () => {
    expect(passwordProblems('Correct-horse-7', 'wang.fang', rules)).toEqual([]);
  });

  it('refuses a password shorter than the minimum length', () => {
    expect(passwordProblems('Sh0rt!pass', 'wang.fang', rules)).toEqual(['密码至少 12 个字符']);
  });

  it('refuses a password with fewer than three of lower, upper, digit and symbol', () => {
    expect(passwordProblems('onlylowercaseletters1', 'wang.fang', rules)).toEqual([
      '密码需包含小写字母、大写字母、数字、符号中的至少 3 类',
    ]);
  });

  it('refuses a password that contains the username, whatever the case', () => {
    expect(passwordProblems('My-WANG.FANG-2026', 'wang.fang', rules)).toEqual([
      '密码不能包含用户名',
    ]);
  });

  it('counts characters, not UTF-16 units', () => {
    // Nine characters, fifteen UTF-16 units.
    expect(passwordProblems('😀😀😀😀😀😀Ab1', 'wang', rules)).toEqual(['密码至少 12 个字符']);
  });
});
