/**
 * Issue 10 §3: Chinese output end to end (`--lang zh`, or the locale) and one scenario id rule for `init`, `run`
 * and `serve` (a Chinese id is written, run, listed, saved as a what-if and loaded again).
 */
import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { quietApp } from '../server/helpers.ts';
import { pvplan, ROOT, tmpDir } from './run-cli.ts';

const WENDENG = join(ROOT, 'scenarios', 'wendeng-2025.yaml');

describe('--lang zh', () => {
  it('run: Chinese headers from the registry, Chinese summary lines with Chinese units', async () => {
    const r = await pvplan(['run', WENDENG, '--lang', 'zh', '--units', 'cn']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('年份  在建+在运装机容量 (万千瓦)  在运装机容量 (万千瓦)');
    expect(r.stdout).toContain('目标：2025 年在建+在运 450万千瓦：2025 年达成');
    expect(r.stdout).toMatch(/2022–2035 年合计：发电量 [\d.]+亿千瓦时，节约标准煤 [\d.]+万吨/);
    expect(r.stdout).not.toMatch(/\b(target|totals|growth|end of)\b/);
  });

  it('takes the language from the locale (LC_ALL, LC_MESSAGES, LANG) when --lang is absent; --lang wins', async () => {
    const zh = await pvplan(['solve', WENDENG], { env: { LC_ALL: '', LC_MESSAGES: '', LANG: 'zh_CN.UTF-8' } });
    expect(zh.stdout).toContain('所需年均增长率（CAGR）');
    const en = await pvplan(['solve', WENDENG, '--lang', 'en'], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(en.stdout).toContain('required growth rate (CAGR)');
    const c = await pvplan(['solve', WENDENG], { env: { LC_ALL: 'C', LANG: 'zh_CN.UTF-8' } });
    expect(c.stdout).toContain('required growth rate (CAGR)');
  });

  it('markdown and CSV paste into a Chinese report: Chinese headers, CSV with a BOM for Excel', async () => {
    const md = await pvplan(['compare', WENDENG, join(ROOT, 'scenarios', 'wendeng-2025-linear.yaml'), '--lang', 'zh', '--format', 'markdown', '--metric', 'energy']);
    expect(md.status).toBe(0);
    expect(md.stdout).toContain('### 逐年发电量：');
    expect(md.stdout).toContain('| 情景 | 目标达成年 |');
    const csv = await pvplan(['run', WENDENG, '--lang', 'zh', '--format', 'csv']);
    expect(csv.stdout.startsWith('\uFEFF年份,在建+在运装机容量 (MW),')).toBe(true);
    const en = await pvplan(['run', WENDENG, '--lang', 'en', '--format', 'csv']);
    expect(en.stdout.startsWith('year,capacity (MW),')).toBe(true);
  });

  it('errors: the prefix and the common scenario problems in Chinese, the file:line:col: field: prefix kept', async () => {
    const dir = tmpDir();
    const write = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    const base = 'name: x\nyears: {start: 2022, end: 2030}\ncapacity:\n  baseline: {capacity: 100 MW, year: 2022}\n  growth: {model: cagr, rate: 10 %}\nyield: {model: full-load-hours, value: 1000 h}\nsavings: {coal: 300 g/kWh, co2: 0.5 t/MWh}\n';
    const unknown = await pvplan(['run', write('unknown.yaml', base.replace('years:', 'yaers: {start: 2022, end: 2030}\nyears:')), '--lang', 'zh']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^错误：.*unknown\.yaml:2:1: yaers: 未知字段 'yaers'（是否应为 'years'？）；应为以下之一：/m);
    const missing = await pvplan(['run', write('missing.yaml', base.replace('name: x\n', '')), '--lang', 'zh']);
    expect(missing.stderr).toContain("缺少必填字段 'name'");
    const dimension = await pvplan(['run', write('dim.yaml', base.replace('value: 1000 h', 'value: 1000 MW')), '--lang', 'zh']);
    expect(dimension.stderr).toMatch(/dim\.yaml:6:\d+: yield\.value: 应为年利用小时数/);
    const yaml = await pvplan(['run', write('bad.yaml', 'name: [x\n'), '--lang', 'zh']);
    expect(yaml.stderr).toMatch(/^错误：.*bad\.yaml:\d+:\d+: YAML 格式错误：/);
    const validate = await pvplan(['validate', join(dir, 'missing.yaml'), '--lang', 'zh']);
    expect(validate.stdout).toContain('无效');
    expect(validate.stderr).toContain('1 个情景文件中有 1 个无效');
  });

  it('usage errors from commander in Chinese (help stays English)', async () => {
    const r = await pvplan(['run', WENDENG, '--format', 'xml', '--lang', 'zh']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("错误：选项 '-f, --format <format>' 的取值 'xml' 无效。可选：table, csv, json, markdown。");
    expect(r.stderr).toContain('（加 --help 查看用法）');
    const missing = await pvplan(['run', '--lang', 'zh']);
    expect(missing.stderr).toContain("错误：缺少必需参数 'file'");
  });
});

describe('--lang zh: flag-validation errors (CliError)', () => {
  it('the fixed phrases of numberFlag and the required/range messages are Chinese; flag names and values kept', async () => {
    const epw = join(ROOT, 'scenarios', 'weather', 'CHN_Beijing.Beijing.545110_CSWD.epw');
    const tilt = await pvplan(['yield', '--weather', epw, '--tilt', '95', '--lang', 'zh']);
    expect(tilt.status).toBe(2);
    expect(tilt.stderr).toContain("错误：--tilt：应为倾角（度），范围 0 至 90，实际为 '95'");
    const gcr = await pvplan(['yield', '--weather', epw, '--tilt', '20', '--gcr', '0', '--lang', 'zh']);
    expect(gcr.stderr).toContain("--gcr：应为地面覆盖率，大于 0 且不超过 1，实际为 '0'");
    const hub = await pvplan(['wind', '--weather', 'x.csv', '--lang', 'zh']);
    expect(hub.stderr).toContain('--hub-height：必填（');
    const port = await pvplan(['serve', '--port', '99999', '--lang', 'zh']);
    expect(port.stderr).toContain("--port：应为 0 至 65535 的整数，实际为 '99999'");
    for (const r of [tilt, gcr, hub, port]) expect(r.stderr).not.toMatch(/\b(expected|required|got|from|above)\b/);
    const en = await pvplan(['yield', '--weather', epw, '--tilt', '95', '--lang', 'en']);
    expect(en.stderr).toMatch(/--tilt: expected a tilt in degrees.* from 0 to 90, got '95'/);
  });
});

describe('--lang zh: descriptive lines of the yield, wind, system, finance and pipeline commands', () => {
  it('system (scenario file): title, storage and energy summary in Chinese', async () => {
    const r = await pvplan(['system', join(ROOT, 'scenarios', 'wendeng-multi-energy-storage-10pct.yaml'), '--lang', 'zh']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('系统调度（贪心规则）');
    expect(r.stdout).toMatch(/8760 个时段，步长 1 小时；送出上限 550 MW；储能 100 MW/);
    expect(r.stdout).toMatch(/^发电量 .*；上网电量 .*；弃电量 /m);
    expect(r.stdout).toMatch(/^储能：充电 .*等效满充放 [\d.]+ 次/m);
    // The first line carries the scenario's own (bilingual) name; the rest is pvplan's text.
    expect(r.stdout.split('\n').slice(1).join('\n')).not.toMatch(/\b(System dispatch|steps of|export limit|generation|delivered|curtailed|storage|charged|above the limit|By month)\b/);
  });

  it('yield: title, site, array, insolation and loss steps in Chinese; JSON keeps its English title', async () => {
    const file = join(ROOT, 'scenarios', 'wendeng-2025-physical.yaml');
    const r = await pvplan(['yield', file, '--lang', 'zh']);
    expect(r.status).toBe(0);
    for (const zh of ['光伏发电量——', '场址：北纬 ', '方阵：固定式，倾角 33°', '辐照量：水平面总辐照 ', '入射角修正（直射）', '逆变器限幅']) expect(r.stdout).toContain(zh);
    expect(r.stdout).not.toMatch(/\b(PV yield|insolation|tilt|azimuth|system losses|inverter|temperature)\b/);
    const json = await pvplan(['yield', file, '--lang', 'zh', '--format', 'json']);
    expect(json.stdout).toContain('PV yield — ');
  });

  it('wind: title, turbine and chain in Chinese', async () => {
    const epw = join(ROOT, 'scenarios', 'weather', 'CHN_Beijing.Beijing.545110_CSWD.epw');
    const r = await pvplan(['wind', '--weather', epw, '--turbine', 'V112/3075', '--hub-height', '94', '--lang', 'zh']);
    expect(r.status).toBe(0);
    for (const zh of ['风电发电量——V112/3075，轮毂高度 94 m', '风轮直径 112 m，陆上', '计算链：轮毂高度 94 m，测风高度 10 m（对数律']) expect(r.stdout).toContain(zh);
    expect(r.stdout).not.toMatch(/\b(Wind energy|rotor|onshore|hub|wind data|log law|losses|availability)\b/);
  });

  it('finance quick form: metric names from the registry (LCOE → 平准化度电成本, NPV, IRR, payback)', async () => {
    const r = await pvplan(['finance', '--capex', '3.5元/W', '--capacity', '100MW', '--energy', '1200h', '--tariff', '0.39元/kWh', '--discount-rate', '6%', '--lifetime', '25', '--opex', '0.05元/W', '--lang', 'zh']);
    expect(r.status).toBe(0);
    for (const zh of ['平准化度电成本 ', '净现值（折现率 6.00 %）', '内部收益率（实际）', '投资回收期 ', '动态投资回收期', '资本金净现值']) expect(r.stdout).toContain(zh);
    expect(r.stdout).not.toMatch(/\b(LCOE|NPV|IRR|payback|equity|capex|years)\b/);
  });

  it('pipeline: stages and technologies in Chinese in the project table and the target titles', async () => {
    const r = await pvplan(['pipeline', join(ROOT, 'scenarios', 'wendeng-portfolio.yaml'), '--lang', 'zh']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/datang-100mw +已核准 +集中式光伏/);
    expect(r.stdout).toMatch(/multi-energy-wind +储备 +陆上风电/);
    expect(r.stdout).toContain('集中式光伏 + 分布式光伏 + 海上光伏，在建+在运，2025 年');
    // The first line is the scenario's own bilingual name; target names are the file's own text too.
    const body = r.stdout.split('\n').slice(1).filter((l) => !l.includes('(PV built + under construction'));
    expect(body.join('\n')).not.toMatch(/\b(approved|signed|prospect|pv-utility|wind-onshore|Projects|planned|risk-weighted)\b/);
  });

  it('mc on a portfolio: its table and target lines in Chinese', async () => {
    const r = await pvplan(['mc', join(ROOT, 'scenarios', 'wendeng-portfolio.yaml'), '--draws', '200', '--lang', 'zh']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('项目组合（未具名规划 + 具名项目，抽样完成与延迟），发电装机：');
    expect(r.stdout).toMatch(/项目组合目标 .*：2025 年集中式光伏 \+ 分布式光伏 \+ 海上光伏在建\+在运 4500 MW：[\d.]+ % 的抽样达成/);
    expect(r.stdout).toContain('首次达成年份：');
    expect(r.stdout).not.toMatch(/\b(Portfolio|portfolio target|year first met|operating mean|of draws)\b/);
  });

  it("finance FILE: the registry's Chinese labels for LCOE, NPV, IRR, payback; Chinese titles and summary lines", async () => {
    const r = await pvplan(['finance', join(ROOT, 'scenarios', 'wendeng-portfolio-finance.yaml'), '--lang', 'zh', '--units', 'cn']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/datang-100mw +集中式光伏 +2023/);
    for (const zh of ['平准化度电成本 (元/千瓦时)', '净现值 (亿元)', '内部收益率（实际） (%)', '投资回收期 (年)', '具名项目：', '逐年建设投资（不变价）：', '实际折现率 6.00 %', '投资：具名项目 ', '口径与来源：docs/finance.md']) expect(r.stdout).toContain(zh);
    expect(r.stdout.split('\n').slice(1).join('\n')).not.toMatch(/\b(LCOE|NPV|IRR|payback|Named projects|whole plan|investment|real discount rate|Conventions)\b/);
    const en = await pvplan(['finance', join(ROOT, 'scenarios', 'wendeng-portfolio-finance.yaml'), '--lang', 'en']);
    expect(en.stdout).toContain('LCOE (CNY/kWh)');
    expect(en.stdout).toContain('real discount rate 6.00 %');
  });
});

describe('--lang zh: sensitivity', () => {
  it('the explanation notes under the tables are Chinese', async () => {
    const r = await pvplan(['sensitivity', join(ROOT, 'scenarios', 'wendeng-2025-uncertain.yaml'), '-n', '64', '--lang', 'zh']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('S1：一阶 Sobol 指数');
    expect(r.stdout).toContain('ST：总效应指数');
    expect(r.stdout).toContain('（本情景有秩相关）');
    expect(r.stdout).not.toMatch(/first-order Sobol index|total effect|assume independent inputs|tornado ignores/);
    const en = await pvplan(['sensitivity', join(ROOT, 'scenarios', 'wendeng-2025-uncertain.yaml'), '-n', '64', '--lang', 'en']);
    expect(en.stdout).toContain('S1: first-order Sobol index');
  });
});

describe('one scenario id rule: init → run → serve → save → load', () => {
  it('a Chinese id works everywhere; an unsafe one is refused by init as by the server', async () => {
    const dir = tmpDir();
    copyFileSync(join(ROOT, 'scenarios', 'scenario.schema.json'), join(dir, 'scenario.schema.json'));
    const init = await pvplan(['init', '荣成2030'], { cwd: dir });
    expect(init.status).toBe(0);
    expect(existsSync(join(dir, '荣成2030.yaml'))).toBe(true);
    expect((await pvplan(['run', '荣成2030.yaml'], { cwd: dir })).status).toBe(0);
    const app = await quietApp(dir);
    try {
      const list = (await app.inject('/api/scenarios')).json<{ scenarios: Array<{ id: string; valid: boolean }> }>();
      expect(list.scenarios).toContainEqual(expect.objectContaining({ id: '荣成2030', valid: true }));
      const body = { extends: '荣成2030.yaml', name: '荣成 无目标', capacity: { target: null, growth: { model: 'cagr', rate: '20 %' } } };
      const saved = await app.inject({ method: 'POST', url: '/api/scenarios', payload: { id: '荣成2030-无目标', scenario: body } });
      expect(saved.statusCode).toBe(201);
      const loaded = await app.inject(`/api/scenarios/${encodeURIComponent('荣成2030-无目标')}/result`);
      expect(loaded.statusCode).toBe(200);
      expect(loaded.json<{ target: unknown; scenario: { id: string } }>()).toMatchObject({ target: null, scenario: { id: '荣成2030-无目标' } });
      const refused = await app.inject({ method: 'POST', url: '/api/scenarios', payload: { id: 'Con', scenario: body } });
      expect(refused.statusCode).toBe(400);
    } finally {
      await app.close();
    }
    expect((await pvplan(['run', '荣成2030-无目标.yaml', '--lang', 'zh'], { cwd: dir })).stdout).toContain('目标：无');
    for (const bad of ['Upper', 'con', 'a..b']) {
      const r = await pvplan(['init', bad], { cwd: dir });
      expect(r.status, bad).toBe(2);
      expect(r.stderr, bad).toMatch(/cannot use '.*' as a scenario id/);
    }
  });
});
