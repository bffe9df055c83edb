/**
 * The scenario palette (web/charts.js PALETTE): twelve colours that stay apart in normal vision and in simulated
 * protanopia, deuteranopia and tritanopia, against each other and against the what-if's near-black and the
 * target's red. Simulation: Machado, Oliveira & Fernandes (2009), "A physiologically-based model for simulation
 * of color vision deficiency", IEEE TVCG 15(6), severity 1.0 matrices, applied to linear sRGB; difference:
 * CIE76 ΔE*ab in CIELAB (D65). Written here independently of the page.
 */
import { describe, expect, it } from 'vitest';

const { PALETTE, WHAT_IF_COLOR, TARGET_COLOR } = (await import('../../web/charts.js' as string)) as { PALETTE: string[]; WHAT_IF_COLOR: string; TARGET_COLOR: string };

const MACHADO: Record<string, number[][]> = {
  normal: [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ],
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};

/** sRGB channel (0–255) → linear (IEC 61966-2-1). */
const linear = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);

/** Linear sRGB → CIELAB (D65 white, sRGB primaries). */
function lab([r, g, b]: number[]): number[] {
  const x = (0.4124 * r! + 0.3576 * g! + 0.1805 * b!) / 0.95047;
  const y = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  const z = (0.0193 * r! + 0.1192 * g! + 0.9505 * b!) / 1.08883;
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

function seen(hex: string, m: number[][]): number[] {
  const rgb = [1, 3, 5].map((i) => linear(parseInt(hex.slice(i, i + 2), 16)));
  return lab(m.map((row) => Math.min(1, Math.max(0, row[0]! * rgb[0]! + row[1]! * rgb[1]! + row[2]! * rgb[2]!))));
}

describe('the scenario palette', () => {
  it('has twelve distinct colours (the page compares up to twelve scenarios)', () => {
    expect(PALETTE).toHaveLength(12);
    expect(new Set(PALETTE.map((c) => c.toLowerCase())).size).toBe(12);
  });

  it('keeps every pair ΔE*ab ≥ 12 apart in normal vision and with each colour-vision deficiency', () => {
    const all = [...PALETTE, WHAT_IF_COLOR, TARGET_COLOR];
    for (const [vision, m] of Object.entries(MACHADO)) {
      for (let i = 0; i < all.length; i++) {
        for (let j = i + 1; j < all.length; j++) {
          const [a, b] = [seen(all[i]!, m), seen(all[j]!, m)];
          const de = Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!);
          expect(de, `${vision}: ${all[i]} vs ${all[j]}`).toBeGreaterThanOrEqual(12);
        }
      }
    }
  });

  it('has no colour paler than L* 78, so lines stay visible on white', () => {
    for (const c of PALETTE) expect(seen(c, MACHADO.normal!)[0], c).toBeLessThanOrEqual(78);
  });
});
