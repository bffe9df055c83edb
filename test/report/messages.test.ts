/** The CLI's message catalogue: the locale rule, templates, translated scenario problems and warnings. */
import { describe, expect, it } from 'vitest';
import { fillTemplate, langFromEnv, localizeCommanderError, localizeMessage, localizeProblem, t } from '../../src/report/messages.ts';

describe('message catalogue', () => {
  it('takes the language from LC_ALL, then LC_MESSAGES, then LANG (POSIX precedence); zh… is Chinese', () => {
    expect(langFromEnv({ LANG: 'zh_CN.UTF-8' })).toBe('zh');
    expect(langFromEnv({ LANG: 'zh_TW' })).toBe('zh');
    expect(langFromEnv({ LANG: 'zh' })).toBe('zh');
    expect(langFromEnv({ LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(langFromEnv({ LC_ALL: '', LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'C' })).toBe('zh');
    expect(langFromEnv({ LANG: 'zu_ZA' })).toBe('en');
    expect(langFromEnv({})).toBe('en');
  });

  it('fills templates by name and leaves unknown placeholders as written', () => {
    expect(fillTemplate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
    expect(t('zh', 'run.endOf', { year: 2035, capacity: '450万千瓦', operating: '400万千瓦' })).toBe('2035 年末：在建+在运 450万千瓦，在运 400万千瓦');
    expect(t('en', 'error')).toBe('error: ');
  });

  it('shows coded scenario problems from their Chinese template, keeping file:line:col: field:', () => {
    const p = { file: 's.yaml', line: 3, column: 1, field: 'yaers', message: "unknown field 'yaers' (did you mean 'years'?); expected one of name, years", code: 'unknown-field', params: { key: 'yaers', hint: 'years', expected: 'name, years' } };
    expect(localizeProblem(p, 'en')).toBe("s.yaml:3:1: yaers: unknown field 'yaers' (did you mean 'years'?); expected one of name, years");
    expect(localizeProblem(p, 'zh')).toBe("s.yaml:3:1: yaers: 未知字段 'yaers'（是否应为 'years'？）；应为以下之一：name, years");
  });

  it('translates the fixed phrases of a problem without a code (a wrong dimension)', () => {
    const message = "expected hours per year such as '1135 h' (or a specific yield such as '1135 kWh/kWp'), got a power '1000 MW'";
    expect(localizeMessage({ message }, 'zh')).toBe("应为年利用小时数，如 '1135 h'（或单位发电量，如 '1135 kWh/kWp'），实际为 a power '1000 MW'");
  });

  it('translates plausibility warnings by code, with the likely intent', () => {
    const w = { message: 'target 450 MW is below the 2022 baseline of 1125 MW: did you mean 4500 MW?', code: 'target-below-baseline', params: { value: '450 MW', baseYear: 2022, baseline: '1125 MW', intent: '450万千瓦 = 4500 MW' } };
    expect(localizeMessage(w, 'zh')).toBe('目标 450 MW 低于 2022 年基数 1125 MW：是否应为 450万千瓦 = 4500 MW？');
    expect(localizeMessage(w, 'en')).toBe(w.message);
  });

  it("translates commander's usage errors", () => {
    expect(localizeCommanderError("error: unknown option '--fromat'\n(Did you mean --format?)\n", 'zh')).toBe("错误：未知选项 '--fromat'\n（是否应为 --format？）\n");
    expect(localizeCommanderError("error: missing required argument 'file'\n", 'zh')).toBe("错误：缺少必需参数 'file'\n");
  });
});
