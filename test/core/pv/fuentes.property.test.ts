// Invariants of the Fuentes step solver: Newton's method lands where Fuentes' own iteration does.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUENTES_PVWATTS_DEFAULTS, fuentesFixedPoint, fuentesModel, fuentesNewton, fuentesStep } from '../../../src/core/pv/fuentes.ts';

const num = (min: number, max: number) => fc.double({ min, max, noNaN: true });
const models = [45, 49, 60].map((noctInstalledC) => fuentesModel({ ...FUENTES_PVWATTS_DEFAULTS, noctInstalledC }));
const KELVIN = 273.15;

describe('Fuentes step solver', () => {
  it("agrees with Fuentes' fixed-point iteration within 2e-6 K for any sun, air, wind, memory, step and start", () => {
    fc.assert(
      fc.property(
        num(1, 1400),
        num(-30, 50),
        num(0, 20),
        num(-20, 40),
        num(0, 1100),
        fc.constantFrom(1, 0.5, 0.25, 1 / 60),
        fc.constantFrom(0, 1, 2),
        // The previous step's heat-loss coefficient, Newton's starting guess only (NaN: none).
        fc.oneof(fc.constant(Number.NaN), num(5, 120)),
        (poa, airC, wind, previousRiseK, previousSun, stepHours, m, heatLossWm2K) => {
          const model = models[m]!;
          const start = () => ({ moduleTempK: airC + KELVIN + previousRiseK, absorbedWm2: previousSun, heatLossWm2K });
          const reference = fuentesFixedPoint(model, start(), poa * model.absorptance, airC, wind, stepHours) - KELVIN;
          const state = start();
          expect(Math.abs(fuentesStep(model, state, poa, airC, wind, stepHours) - reference)).toBeLessThan(2e-6);
          expect(state.absorbedWm2).toBe(poa * model.absorptance);
          const newton = fuentesNewton(model, start(), poa * model.absorptance, airC, wind, stepHours);
          if (!Number.isNaN(newton)) expect(Math.abs(newton - KELVIN - reference)).toBeLessThan(2e-6);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
