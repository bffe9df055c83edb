/**
 * The one message catalogue of the command line, in English and Chinese: table headers, titles, summary lines,
 * the "error:"/"warning:" prefixes, translated scenario problems and commander's usage errors. Metric names are
 * not here: they come from the metric registry (src/core/metrics/registry.ts, `header` in English, `label.zh`).
 * Templates name their parameters in braces: t('zh', 'run.endOf', { year: 2035 }).
 */
import { DIMENSIONS } from '../scenario/dimensions.ts';
import { formatProblem, type ScenarioProblem } from '../scenario/errors.ts';
import type { Label, Metric } from '../core/metrics/metrics.ts';
import type { Dimension } from '../core/metrics/registry.ts';

export type Lang = 'en' | 'zh';
export const LANGS: readonly Lang[] = ['en', 'zh'];

/**
 * The language of the environment's locale: the first set of LC_ALL, LC_MESSAGES and LANG (POSIX, "Locale",
 * the precedence of the LC_MESSAGES category); zh… → Chinese, anything else → English.
 * @example langFromEnv({ LANG: 'zh_CN.UTF-8' }) // 'zh'
 */
export function langFromEnv(env: Readonly<Record<string, string | undefined>>): Lang {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '');
  return locale !== undefined && /^zh(?:[_.@-]|$)/i.test(locale) ? 'zh' : 'en';
}

/** Every fixed text of the CLI's output. */
const MESSAGES = {
  // prefixes
  error: { en: 'error: ', zh: '错误：' },
  warning: { en: 'warning: ', zh: '警告：' },
  // shared words
  year: { en: 'year', zh: '年份' },
  none: { en: 'none', zh: '无' },
  scenarioLine: { en: 'pvplan {version} · scenario {hash}…', zh: 'pvplan {version} · 情景 {hash}…' },
  region: { en: 'region: {region}', zh: '地区：{region}' },
  aYear: { en: '{x} a year', zh: '每年 {x}' },
  // run
  'run.growth': { en: 'growth: {text}', zh: '增长：{text}' },
  'growth.cagr': { en: 'cagr: {rate} a year from {from} to {until}, then {after} a year', zh: '复合增长：{from}–{until} 年每年 {rate}，此后每年 {after}' },
  'growth.linear': { en: 'linear: {additions} a year from {from} to {until}, then {after} a year', zh: '线性增长：{from}–{until} 年每年新增 {additions}，此后每年 {after}' },
  'growth.logistic': { en: 'logistic: saturation {saturation}, steepness {steepness}/yr, midpoint {midpoint}', zh: 'logistic 增长：饱和容量 {saturation}，陡度 {steepness}/年，中点 {midpoint} 年' },
  'growth.trendExp': { en: 'trend (exponential fit to history): {rate} a year, R² = {r2}', zh: '趋势（历史数据指数拟合）：每年 {rate}，R² = {r2}' },
  'growth.trendLog': { en: 'trend (logistic fit to history): saturation {saturation}, steepness {steepness}/yr, R² = {r2}', zh: '趋势（历史数据 logistic 拟合）：饱和容量 {saturation}，陡度 {steepness}/年，R² = {r2}' },
  'growth.formula': { en: 'formula: {expression}', zh: '公式：{expression}' },
  'run.yield': { en: 'yield: {hours} full-load hours of a new plant in {year} ({model})', zh: '发电：{year} 年新建电站利用小时数 {hours}（{model}）' },
  'run.uncertain': { en: 'uncertain: {fields} — this run uses their medians; `pvplan mc` gives the ranges', zh: '不确定输入：{fields}——本次计算取中位数；`pvplan mc` 给出范围' },
  'target.none': { en: 'target: none', zh: '目标：无' },
  'target.prefix': { en: 'target: {parts}', zh: '目标：{parts}' },
  'target.goal': { en: '{capacity} built + under construction in {year}', zh: '{year} 年在建+在运 {capacity}' },
  'target.met': { en: '{goal}: met in {metYear}', zh: '{goal}：{metYear} 年达成' },
  'target.missed': { en: '{goal}: missed by {shortfall} ({capacity} in {year}); {when}', zh: '{goal}：差 {shortfall}（{year} 年为 {capacity}）；{when}' },
  'target.neverMet': { en: 'not met by the end year', zh: '至末年未达成' },
  'target.firstMet': { en: 'first met in {year}', zh: '{year} 年首次达成' },
  'target.energy': { en: 'energy {energy} in {year}: {outcome}', zh: '{year} 年发电量 {energy}：{outcome}' },
  'target.coal': { en: 'coal saved {mass} in {year}: {outcome}', zh: '{year} 年节约标准煤 {mass}：{outcome}' },
  met: { en: 'met', zh: '达成' },
  'missedWith': { en: 'missed ({value})', zh: '未达成（{value}）' },
  'run.endOf': { en: 'end of {year}: {capacity} built + under construction, {operating} operating', zh: '{year} 年末：在建+在运 {capacity}，在运 {operating}' },
  'run.totals': { en: 'totals {from}–{to}: energy {energy}, coal saved {coal}, CO2 avoided {co2}', zh: '{from}–{to} 年合计：发电量 {energy}，节约标准煤 {coal}，减排二氧化碳 {co2}' },
  'run.conventionsTitle': { en: 'Coal saved under each convention (same energy, {year} as the reference year):', zh: '各口径下的节约标准煤（发电量相同，以 {year} 年为参考年）：' },
  'run.convention': { en: 'convention', zh: '口径' },
  'run.factor': { en: 'factor {year}', zh: '{year} 年系数' },
  'run.coalSaved': { en: 'coal saved {year}', zh: '{year} 年节约标准煤' },
  'run.cumCoal': { en: 'cum. coal {from}–{to}', zh: '{from}–{to} 年累计节煤' },
  source: { en: 'source', zh: '来源' },
  // compare
  'compare.byYear': { en: '{metric} by year:', zh: '逐年{metric}：' },
  'compare.input': { en: 'input', zh: '输入' },
  'compare.differ': { en: 'Inputs that differ:', zh: '不同的输入：' },
  'compare.differNone': { en: 'Inputs that differ: none (the scenarios resolve to the same inputs)', zh: '不同的输入：无（各情景的输入相同）' },
  'compare.summary': { en: 'Summary:', zh: '汇总：' },
  'compare.scenario': { en: 'scenario', zh: '情景' },
  'compare.targetMet': { en: 'target met', zh: '目标达成年' },
  'compare.noTarget': { en: 'no target', zh: '无目标' },
  'compare.notMet': { en: 'not met', zh: '未达成' },
  'compare.inTargetYear': { en: '{metric} in target year', zh: '目标年{metric}' },
  'compare.cumulativeToEnd': { en: 'cumulative {metric} to end year', zh: '至末年累计{metric}' },
  'compare.inEndYear': { en: '{metric} in end year', zh: '末年{metric}' },
  'compare.endYear': { en: 'end year', zh: '末年' },
  // solve
  'solve.what': { en: 'what', zh: '项目' },
  'solve.answer': { en: 'answer', zh: '结果' },
  'solve.capacityTarget': { en: 'capacity target', zh: '装机目标' },
  'solve.capacityTargetValue': { en: '{capacity} built + under construction in {year}', zh: '{year} 年在建+在运 {capacity}' },
  'solve.from': { en: 'from', zh: '起点' },
  'solve.fromValue': { en: '{capacity} in {year} (×{multiple} in {years} year(s))', zh: '{year} 年 {capacity}（{years} 年内 ×{multiple}）' },
  'solve.cagr': { en: 'required growth rate (CAGR)', zh: '所需年均增长率（CAGR）' },
  'solve.cagrValue': { en: '{rate} a year', zh: '每年 {rate}' },
  'solve.linear': { en: 'required equal yearly additions', zh: '所需每年等量新增' },
  'solve.linearValue': { en: '{capacity} a year (net)', zh: '每年 {capacity}（净增）' },
  'solve.reachable': { en: 'most reachable by {year} under the cap', zh: '新增上限下 {year} 年最多可达' },
  'solve.energyTarget': { en: 'energy target', zh: '发电量目标' },
  'solve.coalTarget': { en: 'coal target', zh: '节煤目标' },
  'solve.coalTargetValue': { en: '{mass} of coal saved in {year} (= {energy})', zh: '{year} 年节约标准煤 {mass}（= {energy}）' },
  'solve.energyTargetValue': { en: '{energy} in {year}', zh: '{year} 年 {energy}' },
  'solve.planned': { en: 'planned energy in {year}', zh: '{year} 年规划发电量' },
  'solve.requiredCapacity': { en: 'required capacity (whole path scaled)', zh: '所需装机（整条路径等比放大）' },
  'solve.requiredCapacityValue': { en: '{capacity} built + under construction, {operating} operating (×{multiplier})', zh: '在建+在运 {capacity}，在运 {operating}（×{multiplier}）' },
  'solve.requiredHours': { en: 'or required full-load hours', zh: '或所需利用小时数' },
  'solve.requiredHoursValue': { en: '{hours} h in {year} at the planned capacity', zh: '按规划装机，{year} 年 {hours} 小时' },
  // validate
  'validate.ok': { en: 'ok      {file}  ({name}; {hash}…)', zh: '通过    {file}  （{name}；{hash}…）' },
  'validate.warnings': { en: '{count} warning(s)', zh: '{count} 条警告' },
  'validate.invalid': { en: 'invalid {file}', zh: '无效    {file}' },
  'validate.summary': { en: '{bad} of {total} scenario file(s) invalid', zh: '{total} 个情景文件中有 {bad} 个无效' },
  // init
  'init.wrote': { en: 'wrote {file}\nnext: pvplan run {file}', zh: '已写入 {file}\n下一步：pvplan run {file}' },
  'init.badId': { en: "cannot use '{id}' as a scenario id: {reason}", zh: "不能用 '{id}' 作情景 id：{reason}" },
  'init.noFolder': { en: 'cannot write {file}: the folder {folder} does not exist', zh: '无法写入 {file}：文件夹 {folder} 不存在' },
  'init.exists': { en: '{file} already exists; choose another name or pass --force to overwrite it', zh: '{file} 已存在；请换一个名称，或加 --force 覆盖' },
  // mc and sensitivity
  'mc.inputs': { en: 'uncertain inputs (P10 / P50 / P90; `pvplan run` uses the P50):', zh: '不确定输入（P10 / P50 / P90；`pvplan run` 取 P50）：' },
  'mc.inputsNone': { en: 'uncertain inputs: none (every draw is the deterministic run)', zh: '不确定输入：无（每次抽样都等于确定性计算）' },
  'mc.weather': { en: '  weather: full-load hours × (1 + {sd} % · z), z standard normal, independent each year', zh: '  天气：利用小时数 × (1 + {sd} % · z)，z 为标准正态，各年独立' },
  'mc.correlation': { en: '  rank correlation {a} ~ {b}: {rank}', zh: '  秩相关 {a} ~ {b}：{rank}' },
  'mc.draws': { en: '{n} draws', zh: '{n} 次抽样' },
  'mc.seed': { en: 'seed {seed}', zh: '种子 {seed}' },
  'mc.percentileNote': { en: 'pX is the X-th percentile across draws: a yield report\'s "P90" (exceeded in 90 % of cases) is p10 here.', zh: 'pX 为各次抽样的第 X 百分位数：发电量评估报告中的 "P90"（90 % 情况下超过）即此处的 p10。' },
  'mc.mean': { en: 'mean', zh: '均值' },
  'mc.sd': { en: 'sd', zh: '标准差' },
  'mc.metric': { en: 'metric', zh: '指标' },
  'mc.unit': { en: 'unit', zh: '单位' },
  'mc.targetNone': { en: 'target: none (the scenario sets no capacity target)', zh: '目标：无（情景未设装机目标）' },
  'mc.target': { en: 'target: {capacity} built + under construction in {year}: met in {p} of draws', zh: '目标：{year} 年在建+在运 {capacity}：{p} 的抽样达成' },
  'mc.energyTarget': { en: 'energy target {energy} in {year}: met in {p} of draws', zh: '发电量目标：{year} 年 {energy}：{p} 的抽样达成' },
  'mc.coalTarget': { en: 'coal target {mass} in {year}: met in {p} of draws', zh: '节煤目标：{year} 年 {mass}：{p} 的抽样达成' },
  'mc.firstMet': { en: 'year the target is first met:', zh: '首次达成目标的年份：' },
  never: { en: 'never', zh: '未达成' },
  'mc.portfolioFirstMet': { en: 'year first met:', zh: '首次达成年份：' },
  'mc.operatingMean': { en: 'operating mean', zh: '在运均值' },
  'mc.portfolioTitle': { en: 'Portfolio (unnamed plan + named projects, completion and delay drawn), generation capacity:', zh: '项目组合（未具名规划 + 具名项目，抽样完成与延迟），发电装机：' },
  'mc.portfolioTarget': { en: 'portfolio target {name}: {capacity} {technologies}, {what}, in {year}: met in {p} of draws; capacity in {year} P10/P50/P90 {range}', zh: '项目组合目标 {name}：{year} 年{technologies}{what} {capacity}：{p} 的抽样达成；{year} 年装机 P10/P50/P90 {range}' },
  'sens.runs': { en: 'N = {n} base samples, {runs} model runs', zh: 'N = {n} 个基础样本，{runs} 次模型计算' },
  'sens.input': { en: 'input', zh: '输入' },
  'sens.atP10': { en: 'at P10', zh: 'P10 时' },
  'sens.atP90': { en: 'at P90', zh: 'P90 时' },
  'sens.swing': { en: 'swing', zh: '摆幅' },
  'sens.chartTornado': { en: 'chart (| = all inputs at P50)', zh: '图（| = 全部输入取 P50）' },
  'sens.chartIndices': { en: 'chart (█ S1, ░ ST − S1)', zh: '图（█ S1，░ ST − S1）' },
  'sens.central': { en: 'central', zh: '中心值' },
  'sens.rankCorrelation': { en: 'rank correlation', zh: '秩相关' },
  'sens.to': { en: '{label} to {year}', zh: '至 {year} 年{label}' },
  'sens.in': { en: '{label} in {year}', zh: '{year} 年{label}' },
  'sens.tornadoTitle': { en: '{title}: tornado — each input at its P10 and P90, the others at their P50 (= pvplan run: {central}):', zh: '{title}：龙卷风图——每个输入分别取 P10 和 P90，其余取 P50（= pvplan run：{central}）：' },
  'sens.indicesTitle': { en: '{title}: variance-based ranking — mean {mean}, sd {sd} over the Sobol samples (inputs independent):', zh: '{title}：方差分解排序——Sobol 样本均值 {mean}，标准差 {sd}（输入相互独立）：' },
  'sens.notes': { en: "S1: first-order Sobol index, the share of the variance an input explains alone (Saltelli et al. 2010, Comput. Phys. Commun. 181:259–270);\nST: total effect, interactions included (Jansen 1999, Comput. Phys. Commun. 117:35–43); ST − S1 is the interactions' share; ± se is the estimator's standard error.\nSobol indices assume independent inputs, so they are computed with the rank correlations switched off;\nρs² is the squared Spearman rank correlation over Monte Carlo draws that keep them. The tornado ignores correlations; its weather bar\nputs every year at its P10 or P90 together, an upper bound for cumulative outputs (years vary independently).", zh: 'S1：一阶 Sobol 指数，即某一输入单独解释的方差份额（Saltelli 等 2010，Comput. Phys. Commun. 181:259–270）；\nST：总效应指数，含交互作用（Jansen 1999，Comput. Phys. Commun. 117:35–43）；ST − S1 为交互作用份额；± se 为估计量的标准误差。\nSobol 指数假定输入相互独立，因此计算时关闭了秩相关；\nρs² 为保留相关性的蒙特卡洛抽样上的 Spearman 秩相关系数的平方。龙卷风图忽略相关性；其天气条\n令每一年同时取 P10 或 P90，对累计量是上界（实际各年独立变化）。' },
  'sens.notesCorrelated': { en: "S1: first-order Sobol index, the share of the variance an input explains alone (Saltelli et al. 2010, Comput. Phys. Commun. 181:259–270);\nST: total effect, interactions included (Jansen 1999, Comput. Phys. Commun. 117:35–43); ST − S1 is the interactions' share; ± se is the estimator's standard error.\nSobol indices assume independent inputs, so they are computed with the rank correlations switched off (this scenario has some);\nρs² is the squared Spearman rank correlation over Monte Carlo draws that keep them. The tornado ignores correlations; its weather bar\nputs every year at its P10 or P90 together, an upper bound for cumulative outputs (years vary independently).", zh: 'S1：一阶 Sobol 指数，即某一输入单独解释的方差份额（Saltelli 等 2010，Comput. Phys. Commun. 181:259–270）；\nST：总效应指数，含交互作用（Jansen 1999，Comput. Phys. Commun. 117:35–43）；ST − S1 为交互作用份额；± se 为估计量的标准误差。\nSobol 指数假定输入相互独立，因此计算时关闭了秩相关（本情景有秩相关）；\nρs² 为保留相关性的蒙特卡洛抽样上的 Spearman 秩相关系数的平方。龙卷风图忽略相关性；其天气条\n令每一年同时取 P10 或 P90，对累计量是上界（实际各年独立变化）。' },
  // pipeline
  'pipeline.projects': { en: 'Projects:', zh: '项目：' },
  'pipeline.byYear': { en: 'Capacity by year (generation; unnamed = the aggregate plan, included in planned and risk-weighted):', zh: '逐年装机（发电；未具名 = 总体规划部分，已计入规划与风险加权）：' },
  'pipeline.note': { en: 'scenario {hash}… · expected commissioning = planned year + mean delay (display only)', zh: '情景 {hash}… · 预期投产 = 计划年份 + 平均延迟（仅供显示）' },
  'pipeline.id': { en: 'id', zh: '编号' },
  'pipeline.stage': { en: 'stage', zh: '阶段' },
  'pipeline.technology': { en: 'technology', zh: '技术' },
  'pipeline.capacity': { en: 'capacity', zh: '装机' },
  'pipeline.storage': { en: 'storage', zh: '储能' },
  'pipeline.construction': { en: 'construction', zh: '开工' },
  'pipeline.commissioning': { en: 'commissioning', zh: '投产' },
  'pipeline.expected': { en: 'expected', zh: '预期' },
  'pipeline.probability': { en: 'probability', zh: '概率' },
  'pipeline.investment': { en: 'investment', zh: '投资' },
  'pipeline.planned': { en: 'planned', zh: '规划' },
  'pipeline.riskWeighted': { en: 'risk-weighted', zh: '风险加权' },
  'pipeline.unnamed': { en: 'unnamed', zh: '未具名' },
  'pipeline.operatingPlanned': { en: 'operating planned', zh: '在运（规划）' },
  'pipeline.operatingRiskWeighted': { en: 'operating risk-weighted', zh: '在运（风险加权）' },
  'pipeline.storagePlanned': { en: 'storage planned', zh: '储能（规划）' },
  'pipeline.step': { en: 'step', zh: '步骤' },
  'step.today': { en: 'today: baseline + operating projects', zh: '现状：基数 + 在运项目' },
  'step.under-construction': { en: '+ under construction', zh: '+ 在建' },
  'step.approved': { en: '+ approved', zh: '+ 已核准' },
  'step.signed': { en: '+ signed', zh: '+ 已签约' },
  'step.prospect': { en: '+ prospects', zh: '+ 储备' },
  'stage.prospect': { en: 'prospect', zh: '储备' },
  'stage.signed': { en: 'signed', zh: '已签约' },
  'stage.approved': { en: 'approved', zh: '已核准' },
  'stage.under-construction': { en: 'under construction', zh: '在建' },
  'stage.operating': { en: 'operating', zh: '在运' },
  'stage.cancelled': { en: 'cancelled', zh: '已取消' },
  'pipeline.namedTotal': { en: 'named total', zh: '具名项目合计' },
  'pipeline.target': { en: 'target', zh: '目标' },
  'pipeline.gap': { en: 'gap (unnamed growth needed)', zh: '缺口（需未具名增长补足）' },
  'pipeline.unnamedGrowth': { en: 'unnamed growth in the plan, {from}–{to}', zh: '规划中的未具名增长，{from}–{to} 年' },
  'pipeline.stillMissing': { en: 'still missing after it', zh: '其后仍缺' },
  'pipeline.targetTitle': { en: '{name}: {technologies}, {what}, in {year}', zh: '{name}：{technologies}，{what}，{year} 年' },
  'pipeline.operatingWhat': { en: 'operating', zh: '在运' },
  'pipeline.builtWhat': { en: 'built + under construction', zh: '在建+在运' },
  'pipeline.reached': { en: '{label}: the named projects reach the target', zh: '{label}：具名项目即可达成目标' },
  'pipeline.gapMeaning': { en: '{label}: {gap} must come from unnamed growth: {perYear} a year for {years} years{rate}', zh: '{label}：{gap} 需来自未具名增长：{years} 年内每年 {perYear}{rate}' },
  'pipeline.gapRate': { en: ', {rate} a year on the unnamed baseline', zh: '，即未具名基数每年增长 {rate}' },
  'pipeline.mc': { en: 'Monte Carlo ({draws} draws, seed {seed}, unnamed growth included): target met in {year} in {p} of draws; first met: {dist}', zh: '蒙特卡洛（{draws} 次抽样，种子 {seed}，含未具名增长）：{year} 年达成目标的抽样占 {p}；首次达成：{dist}' },
  'pipeline.notByEnd': { en: 'not by the end year', zh: '至末年未达成' },
  'pipeline.investmentLine': { en: 'investment: {total} named (risk-weighted {expected}){signed}', zh: '投资：具名项目 {total}（风险加权 {expected}）{signed}' },
  'pipeline.signedShare': { en: ', {share} of the {signed} signed', zh: '，占已签约 {signed} 的 {share}' },
  'pipeline.byYearLine': { en: 'by year: {list}', zh: '逐年：{list}' },
  // Energy targets of a portfolio (issue 12): pipeline, run, compare and mc.
  'energyTarget.what': { en: 'energy a year of operating plants', zh: '在运电站年发电量' },
  'energyTarget.unnamedGrowth': { en: 'unnamed energy growth in the plan, {from}–{to}', zh: '规划中的未具名发电量增长，{from}–{to} 年' },
  'energyTarget.gapMeaning': {
    en: '{label}: {gap} a year must come from unnamed growth: {capacity} more operating the whole target year at {hours} h, {perYear} a year for {years} years{rate}',
    zh: '{label}：每年 {gap} 需来自未具名增长：按 {hours} 小时计，目标年需全年在运再增 {capacity}，{years} 年内每年 {perYear}{rate}',
  },
  'energyTarget.runTitle': { en: 'Portfolio targets in their year (energy targets count operating plants only):', zh: '项目组合目标（目标年；发电量目标只计在运电站）：' },
  'energyTarget.name': { en: 'target', zh: '目标' },
  'energyTarget.goal': { en: 'goal', zh: '目标值' },
  'energyTarget.met': { en: 'met', zh: '达成' },
  'energyTarget.yes': { en: 'yes', zh: '是' },
  'energyTarget.no': { en: 'no', zh: '否' },
  'mc.portfolioEnergyTarget': {
    en: 'portfolio target {name}: {energy} a year from {technologies}, {what}, in {year}: met in {p} of draws; energy in {year} P10/P50/P90 {range}',
    zh: '项目组合目标 {name}：{year} 年{technologies}{what} {energy}：{p} 的抽样达成；{year} 年发电量 P10/P50/P90 {range}',
  },
  // yield, wind, system, finance
  month: { en: 'month', zh: '月份' },
  wholeYear: { en: 'year', zh: '全年' },
  byMonth: { en: 'By month:', zh: '逐月：' },
  'yield.losses': { en: 'Losses by step (in chain order; share of the energy entering the step):', zh: '各环节损失（按计算链顺序；占进入该环节能量的比例）：' },
  'yield.step': { en: 'step', zh: '环节' },
  'yield.share': { en: 'share', zh: '比例' },
  'yield.yield': { en: 'yield', zh: '发电量' },
  'yield.weather': { en: 'weather: {label} ({format}, {rows} rows of {step} h)', zh: '气象：{label}（{format}，{rows} 行，步长 {step} 小时）' },
  'yield.site': { en: 'site: {text}', zh: '场址：{text}' },
  'yield.array': { en: 'array: {text}', zh: '方阵：{text}' },
  'yield.annual': { en: 'annual specific yield: {value} {unit} (= full-load hours)', zh: '年单位发电量：{value} {unit}（= 利用小时数）' },
  'yield.cf': { en: 'capacity factor: {value} (AC energy / (DC nameplate × {hours} h))', zh: '容量系数：{value}（交流发电量 / (直流额定容量 × {hours} 小时)）' },
  'yield.pr': { en: 'performance ratio: {value} (yield / POA insolation at 1 kW/m²)', zh: '系统效率 PR：{value}（发电量 / 1 kW/m² 下的倾斜面辐照量）' },
  'yield.insolation': { en: 'insolation: GHI {ghi} {unit}; POA {poa} = beam {beam} + sky diffuse {sky} + ground {ground}; after IAM {effective}', zh: '辐照量：水平面总辐照 {ghi} {unit}；倾斜面 {poa} = 直射 {beam} + 天空散射 {sky} + 地面反射 {ground}；入射角修正后 {effective}' },
  'yield.lossIam': { en: 'IAM (beam)', zh: '入射角修正（直射）' },
  'yield.lossTemperature': { en: 'temperature', zh: '温度' },
  'yield.lossSystem': { en: 'system (DC)', zh: '系统损失（直流）' },
  'yield.lossClipping': { en: 'inverter clipping', zh: '逆变器限幅' },
  'yield.lossInverter': { en: 'inverter efficiency', zh: '逆变器效率' },
  'yield.title': { en: 'PV yield — {what}', zh: '光伏发电量——{what}' },
  'wind.title': { en: 'Wind energy — {label} at {hub} m, {weather}', zh: '风电发电量——{label}，轮毂高度 {hub} m，{weather}' },
  'wind.energy': { en: 'energy', zh: '发电量' },
  'wind.weather': { en: 'weather: {label} ({format}, {rows} rows of {step} h)', zh: '气象：{label}（{format}，{rows} 行，步长 {step} 小时）' },
  'wind.turbine': { en: 'turbine: {text}', zh: '风机：{text}' },
  'wind.chain': { en: 'chain: {text}', zh: '计算链：{text}' },
  'wind.annual': { en: 'annual energy: {value} {unit} (= full-load hours; before losses and availability {gross})', zh: '年发电量：{value} {unit}（= 利用小时数；扣除损失与可利用率前 {gross}）' },
  'wind.cf': { en: 'capacity factor: {value} % (energy / ({rated} kW × {hours} h))', zh: '容量系数：{value} %（发电量 / ({rated} kW × {hours} 小时)）' },
  'wind.mean': { en: 'mean wind speed at hub height: {speed} m/s; mean air density {density} kg/m³', zh: '轮毂高度平均风速：{speed} m/s；平均空气密度 {density} kg/m³' },
  'system.generation': { en: 'generation', zh: '发电量' },
  'system.delivered': { en: 'delivered', zh: '上网电量' },
  'system.curtailed': { en: 'curtailed', zh: '弃电量' },
  'system.curtailment': { en: 'curtailment', zh: '弃电率' },
  'system.title': { en: 'System dispatch ({strategy}) — {label}', zh: '系统调度（{strategy}）——{label}' },
  'system.greedy': { en: 'greedy', zh: '贪心规则' },
  'system.optimal': { en: 'optimal', zh: '完全预知优化' },
  'system.storageText': { en: '{power} / {energy}, round trip {roundTrip}, SOC {socMin}–{socMax} (start {socInitial}), self-discharge {selfDischarge} %/h', zh: '{power} / {energy}，往返效率 {roundTrip}，荷电状态 {socMin}–{socMax}（初始 {socInitial}），自放电 {selfDischarge} %/小时' },
  'system.steps': { en: '{steps} steps of {step} h; export limit {limit}; storage {storage}', zh: '{steps} 个时段，步长 {step} 小时；送出上限 {limit}；储能 {storage}' },
  'system.energyLine': { en: 'generation {generation}; delivered {delivered}; curtailed {curtailed} ({share}; without storage {without}, {withoutShare})', zh: '发电量 {generation}；上网电量 {delivered}；弃电量 {curtailed}（{share}；无储能时 {without}，{withoutShare}）' },
  'system.storageLine': { en: 'storage: charged {charged}, discharged {discharged}, losses {losses}, {cycles} equivalent full cycles, final SOC {finalSoc}', zh: '储能：充电 {charged}，放电 {discharged}，损耗 {losses}，等效满充放 {cycles} 次，末荷电状态 {finalSoc}' },
  'system.revenue': { en: 'revenue {wan} 万元 ({yuan} yuan)', zh: '收入 {wan} 万元（{yuan} 元）' },
  'system.aboveLimit': { en: 'output above the limit during {steps} steps', zh: '出力超过送出上限的时段：{steps} 个' },
  'finance.title': { en: 'Finance:', zh: '财务指标：' },
  'finance.cashflows': { en: 'Cash flows by year (year 0 = last construction year):', zh: '逐年现金流（第 0 年 = 建设期最后一年）：' },
  'finance.metric': { en: 'metric', zh: '指标' },
  'finance.value': { en: 'value', zh: '数值' },
  'finance.unit': { en: 'unit', zh: '单位' },
  'finance.energy': { en: 'energy', zh: '发电量' },
  'finance.capex': { en: 'capex', zh: '投资' },
  'finance.opex': { en: 'opex', zh: '运维' },
  'finance.revenue': { en: 'revenue', zh: '收入' },
  'finance.tax': { en: 'tax', zh: '税' },
  'finance.debtService': { en: 'debt service', zh: '还本付息' },
  'finance.net': { en: 'net', zh: '净现金流' },
  'finance.equityNet': { en: 'equity net', zh: '资本金净现金流' },
  'finance.cumNet': { en: 'cum. net', zh: '累计净现金流' },
  'finance.namedProjects': { en: 'named projects', zh: '具名项目' },
  'finance.aggregateUnnamed': { en: 'aggregate path (unnamed)', zh: '总体路径（未具名）' },
  'finance.aggregatePath': { en: 'aggregate path', zh: '总体路径' },
  'finance.wholePlan': { en: 'whole plan', zh: '全规划' },
  'finance.total': { en: 'total', zh: '合计' },
  'finance.coalSaved': { en: 'coal saved', zh: '节约标准煤' },
  'finance.yearZero': { en: 'year 0', zh: '第 0 年' },
  'finance.scope': { en: 'scope', zh: '范围' },
  'finance.projectsTitle': { en: 'Named projects:', zh: '具名项目：' },
  'finance.summaryTitle': { en: 'By technology, named portfolio, aggregate path and whole plan:', zh: '按技术、具名项目组合、总体路径与全规划：' },
  'finance.cashTitle': { en: 'Whole plan, cash flows by year (real money of {year}):', zh: '全规划逐年现金流（{year} 年不变价）：' },
  'finance.capexTitle': { en: 'Construction capex by year (real):', zh: '逐年建设投资（不变价）：' },
  'finance.conventionsLine': { en: 'real discount rate {rate} %, every NPV discounted to the end of {year}, money real of {year}; LCOE and abatement exclude tax and financing', zh: '实际折现率 {rate} %，净现值均折现至 {year} 年末，{year} 年不变价；平准化度电成本与减排成本不含税费与融资' },
  'finance.investmentLine': { en: 'investment: named projects {named}{signed}; aggregate path {aggregate}; whole plan {total}', zh: '投资：具名项目 {named}{signed}；总体路径 {aggregate}；全规划 {total}' },
  'finance.signedShare': { en: ' = {share} % of the {signed} signed', zh: '，占已签约 {signed} 的 {share} %' },
  'finance.noCoal': { en: 'whole plan: no coal saved', zh: '全规划：未节约标准煤' },
  'finance.perCoal': { en: 'whole plan: {value} {unit} of investment per tonne of coal saved over its life', zh: '全规划：全寿命期每节约 1 吨标准煤投资 {value} {unit}' },
  'finance.irrNote': { en: 'IRR {who}: {note}', zh: '内部收益率 {who}：{note}' },
  'finance.conventions': { en: 'Conventions and sources: docs/finance.md', zh: '口径与来源：docs/finance.md' },
  'factors.sources': { en: 'Sources, dates and what each value means: {doc}', zh: '来源、日期与各值含义：{doc}' },
  label: { en: 'label', zh: '名称' },
  kind: { en: 'kind', zh: '类别' },
  values: { en: 'values', zh: '取值' },
} as const satisfies Readonly<Record<string, Label>>;

export type MessageKey = keyof typeof MESSAGES;

/** Fills `{name}` placeholders of a template from `params` (a missing one stays as written). */
export function fillTemplate(template: string, params: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

/**
 * A message in a language, its parameters filled in.
 * @example t('zh', 'run.endOf', { year: 2035, capacity: '450万千瓦', operating: '400万千瓦' })
 */
export function t(lang: Lang, key: MessageKey, params?: Readonly<Record<string, string | number>>): string {
  return fillTemplate(MESSAGES[key][lang], params);
}

/** A metric's column header: the registry's short English header, or its Chinese label. */
export function metricHeader(metric: Metric, lang: Lang): string {
  return lang === 'zh' ? metric.label.zh : metric.header;
}

/** A metric's name in prose, from the registry. */
export function metricLabel(metric: Metric, lang: Lang): string {
  return metric.label[lang];
}

/** What a quantity field expects, in Chinese, by dimension (the English text is DIMENSIONS[d].expected). */
const EXPECTED_ZH: Readonly<Record<Dimension, string>> = {
  power: "功率，如 '450万千瓦' 或 '4.5 GW'",
  energy: "电量，如 '1.135亿 kWh' 或 '113.5 GWh'",
  duration: "年利用小时数，如 '1135 h'（或单位发电量，如 '1135 kWh/kWp'）",
  mass: "质量，如 '4.58万吨' 或 '45800 t'",
  intensity: "单位电量的质量，如 '403.5 g/kWh' 或 '0.5703 t/MWh'",
  money: "金额，如 '1.5亿元'、'33000万元' 或 '3.3e8 CNY'",
  moneyPerPower: "单位功率造价，如 '3.3元/W' 或 '45元/kW'",
  moneyPerEnergy: "单位电量价格，如 '0.3949元/kWh' 或 '394.9 CNY/MWh'",
  moneyPerMass: "单位质量价格，如 '60元/t'",
  fraction: "百分数，如 '2 %'",
};

/**
 * Templates of scenario problems and warnings by code, in Chinese (the English text is built where the problem is
 * found). A problem with a `code` listed here is shown from its template; plausibility warnings
 * (src/scenario/plausibility.ts) add their codes here.
 */
export const PROBLEM_TEMPLATES_ZH: Readonly<Record<string, string>> = {
  'unknown-field': "未知字段 '{key}'{hint}；应为以下之一：{expected}",
  'missing-field': "缺少必填字段 '{key}'",
  'wrong-quantity': '应为{expected}，实际为 {got}',
  malformed: '{what} 格式错误：{detail}',
  'cannot-read': '无法读取情景文件：{reason}',
  'expected-one-of': '应为以下之一：{expected}，实际为 {got}{hint}',
  // Plausibility warnings (i10-warn's src/scenario/plausibility-messages.ts, WARNING_TEXT_EN): the same codes and parameters.
  'target-below-baseline': '目标 {value} 低于 {baseYear} 年基数 {baseline}',
  'growth-rate-high': '{what}为每年 {value}，超过 {max}（每年翻番）',
  'coal-intensity-outside': '节煤系数 {value} 超出合理范围 {range}',
  'co2-factor-outside': '二氧化碳排放因子 {value} 超出合理范围 {range}',
  'degradation-high': '年衰减率 {value} 高于每年 {max}',
  'first-year-degradation-high': '首年衰减 {value} 高于 {max}',
  'curtailment-high': '弃电率 {value} 高于 {max}，即国内省份报告过的最高值',
  'pv-hours-outside-practice': '每年 {value} 的利用小时数对{placeZh}光伏不合理：{placeZh}电站为 {range}',
  'pv-hours-above-ceiling': '每年 {value} 的利用小时数超过纬度 {latitude} 处光伏所能发出的电量（即使晴空、跟踪支架，至多 {max}）',
  'wind-hours-outside-practice': '每年 {value} 的利用小时数对风电不合理：风电场为 {range}',
  'solved-hours-implausible': '求解出的每年 {value} 利用小时数对{placeZh}光伏不合理（{placeZh}电站为 {range}）：达成目标需要更多装机，或请检查目标',
  'solved-capacity-implausible': '求解出的 {year} 年 {value} 意味着自 {baseYear} 年基数起每年增长 {rate}，超过每年 {max}：请检查目标',
  'energy-target-implausible': '发电量目标 {energy} 要求 {year} 年计入的在运装机 {capacity} 每年利用 {value}（合理范围 {range}）',
};

/** Codes of PROBLEM_TEMPLATES_ZH whose English text ends with ": did you mean {intent}?" when a likely intent is known. */
const INTENT_SUFFIX_ZH = '：是否应为 {intent}？';

/** Fixed English phrases of scenario messages without a code, and their Chinese: translated in place, longest first. */
const PHRASES_ZH: ReadonlyArray<readonly [RegExp, string]> = [
  [/ \(did you mean '([^']*)'\?\)/g, "（是否应为 '$1'？）"],
  [/^expected one of (.*), got (.*)$/, '应为以下之一：$1，实际为 $2'],
  [/^expected at least (\S+), got (.*)$/, '应至少为 $1，实际为 $2'],
  [/^expected at most (\S+), got (.*)$/, '应至多为 $1，实际为 $2'],
  [/^expected a whole number, got (.*)$/, '应为整数，实际为 $1'],
  [/^expected a year such as 2025 as the key, got (.*)$/, '键应为年份（如 2025），实际为 $1'],
  [/^expected a mapping, got (.*)$/, '应为映射（键: 值），实际为 $1'],
  [/^expected a list, got (.*)$/, '应为列表，实际为 $1'],
  [/^expected text, got (.*)$/, '应为文本，实际为 $1'],
  [/^cannot read the parent scenario '([^']*)' \(([^)]*)\): (.*)$/, "无法读取父情景 '$1'（$2）：$3"],
  [/^cycle of extends: (.*)$/, 'extends 形成循环：$1'],
  [/no such file/g, '文件不存在'],
  [/\bgot null\b/g, '实际为 null'],
];

/** Chinese for the "expected …" part of a quantity message, when it is one of the dimensions' texts. */
function expectedZh(english: string): string | undefined {
  for (const [d, info] of Object.entries(DIMENSIONS)) if (info.expected === english) return EXPECTED_ZH[d as Dimension];
  return undefined;
}

/** Translates a problem's English message by its fixed phrases (for messages without a code). */
function translatePhrases(message: string): string {
  for (const [d, info] of Object.entries(DIMENSIONS)) {
    const prefix = `expected ${info.expected}, got `;
    if (message.startsWith(prefix)) return `应为${EXPECTED_ZH[d as Dimension]}，实际为 ${message.slice(prefix.length)}`;
  }
  let out = message;
  for (const [re, zh] of PHRASES_ZH) out = out.replace(re, zh);
  return out;
}

/** A problem or warning message in a language: its code's template when it has one, else its phrases translated. */
export function localizeMessage(p: { readonly message: string; readonly code?: string; readonly params?: Readonly<Record<string, string | number>> }, lang: Lang): string {
  if (lang === 'en') return p.message;
  const template = p.code === undefined ? undefined : PROBLEM_TEMPLATES_ZH[p.code];
  if (template !== undefined) {
    const params = { ...p.params };
    if (typeof params.expected === 'string') params.expected = expectedZh(params.expected) ?? params.expected;
    if (typeof params.hint === 'string' && params.hint !== '') params.hint = `（是否应为 '${params.hint}'？）`;
    if (typeof params.reason === 'string') params.reason = translatePhrases(params.reason);
    params.placeZh = params.place === undefined ? '' : `${params.place}的`;
    return fillTemplate(params.intent === undefined ? template : `${template}${INTENT_SUFFIX_ZH}`, params);
  }
  return translatePhrases(p.message);
}

/** `file:line:col: field: message` with the message in `lang` (the position and field stay as they are). */
export function localizeProblem(p: ScenarioProblem, lang: Lang): string {
  return formatProblem({ ...p, message: localizeMessage(p, lang) });
}

/** Commander's usage errors (its help text stays English), in Chinese: pattern → replacement. */
const COMMANDER_ZH: ReadonlyArray<readonly [RegExp, string]> = [
  [/^error: unknown option '([^']*)'/m, "错误：未知选项 '$1'"],
  [/^error: unknown command '([^']*)'/m, "错误：未知命令 '$1'"],
  [/^error: missing required argument '([^']*)'/m, "错误：缺少必需参数 '$1'"],
  [/^error: too many arguments(?: for '([^']*)')?\. Expected (\d+) arguments? but got (\d+)\./m, '错误：参数过多：应为 $2 个，实际为 $3 个。'],
  [/^error: option '([^']*)' argument missing/m, "错误：选项 '$1' 缺少取值"],
  [/^error: option '([^']*)' argument '([^']*)' is invalid\. Allowed choices are (.*)\./m, "错误：选项 '$1' 的取值 '$2' 无效。可选：$3。"],
  [/^error: option '([^']*)' argument '([^']*)' is invalid\. (.*)$/m, "错误：选项 '$1' 的取值 '$2' 无效。$3"],
  [/^error: command-argument value '([^']*)' is invalid for argument '([^']*)'\. (.*)$/m, "错误：参数 '$2' 的取值 '$1' 无效。$3"],
  [/\(run with --help for usage\)/, '（加 --help 查看用法）'],
  [/expected a whole number from (\S+) to (\S+)\./, '应为 $1 至 $2 的整数。'],
  [/\(Did you mean (.*)\?\)/, '（是否应为 $1？）'],
];

/** A commander error text in a language (English unchanged). */
export function localizeCommanderError(text: string, lang: Lang): string {
  if (lang === 'en') return text;
  let out = text;
  for (const [re, zh] of COMMANDER_ZH) out = out.replace(re, zh);
  return out;
}

/**
 * The fixed phrases of flag-validation errors (CliError, e.g. numberFlag in src/cli/options.ts), in Chinese:
 * pattern → replacement, applied in order; the flag names, values and the quantity's description stay as written.
 */
const CLI_ERROR_ZH: ReadonlyArray<readonly [RegExp, string]> = [
  [/: expected a whole number from (\S+) to (\S+), got '([^']*)'$/, "：应为 $1 至 $2 的整数，实际为 '$3'"],
  [/: expected (.+?) above (\S+) and at most (\S+(?: %)?), got '([^']*)'$/, "：应为$1，大于 $2 且不超过 $3，实际为 '$4'"],
  [/: expected (.+?) from (\S+(?: %)?) to (\S+(?: %)?), got '([^']*)'$/, "：应为$1，范围 $2 至 $3，实际为 '$4'"],
  [/: expected (.+?) as a percentage such as '([^']*)', got '([^']*)'$/, "：应为$1，以百分数表示（如 '$2'），实际为 '$3'"],
  [/: expected (.+?), a whole number ≥ (\S+), got '([^']*)'$/, "：应为$1，且为 ≥ $2 的整数，实际为 '$3'"],
  [/: expected (.+?) ≥ 0, got '([^']*)'$/, "：应为 ≥ 0 的$1，实际为 '$2'"],
  [/: expected one of (.*), got (.*)$/, '：应为以下之一：$1，实际为 $2'],
  [/: expected (.+?), got '?([^']*)'?$/, "：应为$1，实际为 '$2'"],
  [/^(\S+): required \((?:e\.g\. )?(.*)\)(.*)$/s, '$1：必填（$2）$3'],
  [/: applies to (.*)$/, '：仅适用于 $1'],
  [/ apply to (.*)$/, '：仅适用于 $1'],
  [/: cannot read '([^']*)': (.*)$/, "：无法读取 '$1'：$2"],
  [/: cannot write '([^']*)': (.*)$/, "：无法写入 '$1'：$2"],
  [/^cannot read the weather file '([^']*)' \(([^)]*)\): (.*)$/, "无法读取气象文件 '$1'（$2）：$3"],
];

/** Chinese for the common descriptions of a flag's quantity (the `what` of numberFlag and its kin). */
const FLAG_WHAT_ZH: ReadonlyArray<readonly [RegExp, string]> = [
  [/\ba tilt in degrees(?: \(trackers: the axis tilt\))?/, '倾角（度）'],
  [/\ban azimuth in degrees clockwise from north(?: \(trackers: the axis azimuth\))?/, '方位角（度，自正北顺时针）'],
  [/\ba ground coverage ratio\b/, '地面覆盖率'],
  [/\btotal system losses in percent(?: \(PVWatts: [\d.]+\))?/, '系统总损失（%）'],
  [/\ba DC\/AC ratio(?: \(PVWatts: [\d.]+\))?/, '直流/交流容配比'],
  [/\ba nominal inverter efficiency as a fraction(?: \(PVWatts: [\d.]+\))?/, '逆变器额定效率（小数）'],
  [/\ba ground albedo\b/, '地面反照率'],
  [/\ba latitude in degrees\b/, '纬度（度）'],
  [/\ba longitude in degrees \(east positive\)/, '经度（度，东经为正）'],
  [/\ban altitude in metres\b|\ba site altitude in m\b/, '海拔（米）'],
  [/\ba UTC offset in hours\b/, 'UTC 时差（小时）'],
  [/\ba rotation limit in degrees\b/, '旋转角限位（度）'],
  [/\ba temperature coefficient per °C(?: \(PVWatts: [-\d.]+\))?/, '功率温度系数（每 °C）'],
  [/\ba hub height in m\b/, '轮毂高度（米）'],
  [/\ba height of the wind data in m\b/, '测风高度（米）'],
  [/\ba Hellmann exponent\b/, 'Hellmann 风切变指数'],
  [/\ba roughness length in m\b/, '粗糙度长度（米）'],
  [/\bwake and other losses in percent\b/, '尾流及其他损失（%）'],
  [/\ban availability in percent\b/, '可利用率（%）'],
  [/\ba real discount rate\b/, '实际折现率'],
  [/\ba power above 0\b/, '大于 0 的功率'],
  [/\ba capital cost\b/, '投资'],
  [/\ba yearly O&M cost\b/, '年运维成本'],
  [/\ba delivered energy\b/, '上网电量'],
  [/\ba price\b/, '价格'],
  [/\ba cost\b/, '成本'],
  [/\ba factor\b/, '系数'],
  [/\ba percentage\b/, '百分数'],
];

/** A flag-validation error's message (CliError) in a language: its fixed phrases translated (English unchanged). */
export function localizeCliError(message: string, lang: Lang): string {
  if (lang === 'en') return message;
  let out = message
    .replace(/; or --presets to list published prices and costs$/, '；或用 --presets 列出公开的价格与成本')
    .replace(/\bno such file(?: or directory)?/g, '文件不存在')
    .replace(/\bm above ground, e\.g\. /, '离地米数，如 ');
  for (const [re, zh] of FLAG_WHAT_ZH) out = out.replace(re, zh);
  for (const [re, zh] of CLI_ERROR_ZH) {
    const next = out.replace(re, zh);
    if (next !== out) {
      out = next;
      if (!re.global) break;
    }
  }
  return out;
}
