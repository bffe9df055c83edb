/**
 * Invariants of the finance core (issue 14): NPV at the IRR is 0; LCOE × discounted energy = discounted costs; LCOE is
 * linear in capex and opex; a higher tariff never lowers NPV or IRR; payback ≤ lifetime when the undiscounted sum is
 * positive; the FCR LCOE equals the discounted LCOE in the simple case; results do not depend on whether money was
 * written in 元, 万元 or 亿元.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateProject, type ProjectFinanceInput } from '../../../src/core/finance/project.ts';
import { npvAt } from '../../../src/core/finance/metrics.ts';
import { parseQuantity } from '../../../src/scenario/quantity.ts';
import { expectClose } from '../../helpers/expect-close.ts';

const lifetimeArb = fc.integer({ min: 5, max: 35 });

/** A project without inflation, with optional tax and debt. */
const projectArb: fc.Arbitrary<ProjectFinanceInput> = lifetimeArb.chain((lifetimeYears) =>
  fc.record({
    firstYearEnergyMWh: fc.double({ min: 100, max: 1e6, noNaN: true }),
    degradationFrac: fc.double({ min: 0, max: 0.01, noNaN: true }),
    degradationMode: fc.constantFrom('compounding' as const, 'linear' as const),
    capexYuan: fc.double({ min: 1e5, max: 1e10, noNaN: true }),
    constructionYears: fc.integer({ min: 1, max: 4 }),
    lifetimeYears: fc.constant(lifetimeYears),
    fixedOpexYuanPerYear: fc.double({ min: 0, max: 1e8, noNaN: true }),
    variableOpexYuanPerMWh: fc.double({ min: 0, max: 20, noNaN: true }),
    opexEscalationFrac: fc.double({ min: 0, max: 0.05, noNaN: true }),
    tariffYuanPerKWh: fc.double({ min: 0.05, max: 1.5, noNaN: true }),
    tariffEscalationFrac: fc.double({ min: -0.02, max: 0.03, noNaN: true }),
    discountRateFrac: fc.double({ min: 0, max: 0.15, noNaN: true }),
    incomeTaxFrac: fc.constantFrom(0, 0.15, 0.25),
    depreciationYears: fc.integer({ min: 1, max: lifetimeYears }),
    taxHolidayYears: fc.integer({ min: 0, max: 6 }),
    debtFrac: fc.constantFrom(0, 0.5, 0.8),
    debtRateFrac: fc.double({ min: 0.02, max: 0.08, noNaN: true }),
    debtTenorYears: fc.integer({ min: 1, max: lifetimeYears }),
  }),
);

const discountedSum = (values: readonly number[], years: readonly number[], r: number) => values.reduce((s, v, i) => s + v * Math.pow(1 + r, -years[i]!), 0);

describe('finance invariants', () => {
  it('NPV at the IRR is 0 (relative to the size of the flows)', () => {
    fc.assert(
      fc.property(projectArb, (p) => {
        const r = evaluateProject(p);
        if (r.irrFrac === null) return;
        const net = r.cashflows.map((c) => c.netYuan);
        const scale = net.reduce((s, c) => s + Math.abs(c), 0);
        expect(Math.abs(npvAt(net, r.irrFrac, p.constructionYears! - 1)) / scale).toBeLessThan(1e-9);
      }),
      { numRuns: 300 },
    );
  });

  it('LCOE × discounted energy = discounted capex + opex', () => {
    fc.assert(
      fc.property(projectArb, (p) => {
        const r = evaluateProject(p);
        const years = r.cashflows.map((c) => c.year);
        const costs = discountedSum(r.cashflows.map((c) => c.capexYuan + c.opexYuan), years, p.discountRateFrac);
        const energyKWh = discountedSum(r.cashflows.map((c) => c.energyMWh * 1000), years, p.discountRateFrac);
        expectClose(r.lcoeYuanPerKWh! * energyKWh, costs, { rel: 1e-11 }, 'discounted costs');
      }),
      { numRuns: 200 },
    );
  });

  it('LCOE is linear in capex and in opex: L(c₁+c₂, o₁+o₂) = L(c₁, o₁) + L(c₂, o₂) and L(λc, λo) = λL(c, o)', () => {
    fc.assert(
      fc.property(projectArb, fc.double({ min: 0, max: 1e10, noNaN: true }), fc.double({ min: 0, max: 1e8, noNaN: true }), fc.double({ min: 0.01, max: 100, noNaN: true }), (p, capex2, opex2, lambda) => {
        const lcoe = (q: ProjectFinanceInput) => evaluateProject(q).lcoeYuanPerKWh!;
        const sum = lcoe({ ...p, capexYuan: p.capexYuan + capex2, fixedOpexYuanPerYear: p.fixedOpexYuanPerYear! + opex2 });
        const parts = lcoe(p) + lcoe({ ...p, capexYuan: capex2, fixedOpexYuanPerYear: opex2, variableOpexYuanPerMWh: 0 });
        expectClose(sum, parts, { rel: 1e-11, abs: 1e-15 }, 'additive');
        const scaled = lcoe({ ...p, capexYuan: lambda * p.capexYuan, fixedOpexYuanPerYear: lambda * p.fixedOpexYuanPerYear!, variableOpexYuanPerMWh: lambda * p.variableOpexYuanPerMWh! });
        expectClose(scaled, lambda * lcoe(p), { rel: 1e-11 }, 'homogeneous');
      }),
      { numRuns: 200 },
    );
  });

  it('raising the tariff never lowers NPV, IRR or equity IRR', () => {
    fc.assert(
      fc.property(projectArb, fc.double({ min: 0, max: 0.5, noNaN: true }), (p, raise) => {
        const low = evaluateProject(p);
        const high = evaluateProject({ ...p, tariffYuanPerKWh: p.tariffYuanPerKWh + raise });
        expect(high.npvYuan).toBeGreaterThanOrEqual(low.npvYuan - 1e-9 * Math.abs(low.npvYuan));
        if (low.irrFrac !== null && high.irrFrac !== null) expect(high.irrFrac).toBeGreaterThanOrEqual(low.irrFrac - 1e-10);
        if (low.equityIrrFrac !== null && high.equityIrrFrac !== null) expect(high.equityIrrFrac).toBeGreaterThanOrEqual(low.equityIrrFrac - 1e-10);
      }),
      { numRuns: 300 },
    );
  });

  it('payback ≤ lifetime whenever the undiscounted net cash (NPV at 0 %) is positive', () => {
    fc.assert(
      fc.property(projectArb, (p) => {
        const r = evaluateProject(p);
        const npv0 = r.cashflows.reduce((s, c) => s + c.netYuan, 0);
        if (npv0 > 0) {
          expect(r.paybackYears).not.toBeNull();
          expect(r.paybackYears!).toBeLessThanOrEqual(p.lifetimeYears);
          expect(r.paybackYears!).toBeGreaterThanOrEqual(0);
        }
        if (r.discountedPaybackYears !== null && r.paybackYears !== null) expect(r.discountedPaybackYears).toBeGreaterThanOrEqual(r.paybackYears - 1e-9);
      }),
      { numRuns: 300 },
    );
  });

  it('the FCR LCOE equals the discounted LCOE for a one-year build without degradation, escalation or replacements', () => {
    fc.assert(
      fc.property(projectArb, (p) => {
        const r = evaluateProject({ ...p, constructionYears: 1, degradationFrac: 0, opexEscalationFrac: 0 });
        expectClose(r.lcoeFcrYuanPerKWh!, r.lcoeYuanPerKWh!, { rel: 1e-11 }, 'FCR vs discounted');
      }),
      { numRuns: 200 },
    );
  });

  it('inflation leaves LCOE and the pre-tax, debt-free NPV and real IRR unchanged (Fisher)', () => {
    fc.assert(
      fc.property(projectArb, fc.double({ min: 0, max: 0.1, noNaN: true }), (p, inflationFrac) => {
        const plain = { ...p, incomeTaxFrac: 0, debtFrac: 0 };
        const real = evaluateProject(plain);
        const nominal = evaluateProject({ ...plain, inflationFrac });
        expectClose(nominal.lcoeYuanPerKWh!, real.lcoeYuanPerKWh!, { rel: 1e-11 }, 'LCOE');
        expectClose(nominal.npvYuan, real.npvYuan, { rel: 1e-9, abs: 1e-6 * p.capexYuan }, 'NPV');
        if (real.irrFrac !== null && nominal.irrFrac !== null) expectClose(nominal.irrFrac, real.irrFrac, { abs: 1e-9 }, 'real IRR');
      }),
      { numRuns: 200 },
    );
  });

  it('money written in 元, 万元 or 亿元 gives the same results', () => {
    fc.assert(
      fc.property(projectArb, fc.double({ min: 1, max: 1e4, noNaN: true }), (p, capexYi) => {
        const digits = Number(capexYi.toPrecision(8));
        const written = [`${digits}亿元`, `${digits * 1e4}万元`, `${digits * 1e8}元`, `${digits * 1e8} CNY`];
        const results = written.map((text) => evaluateProject({ ...p, capexYuan: parseQuantity(text, 'money') }));
        for (const r of results.slice(1)) {
          expectClose(r.npvYuan, results[0]!.npvYuan, { rel: 1e-12, abs: 1e-6 }, 'NPV');
          expectClose(r.lcoeYuanPerKWh!, results[0]!.lcoeYuanPerKWh!, { rel: 1e-12 }, 'LCOE');
          if (r.irrFrac !== null) expectClose(r.irrFrac, results[0]!.irrFrac!, { abs: 1e-12 }, 'IRR');
        }
      }),
      { numRuns: 100 },
    );
  });
});
