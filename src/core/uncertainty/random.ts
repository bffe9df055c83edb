/**
 * Counter-based random numbers: uniform draw number `index` of stream `stream` under `seed` is a pure
 * function of those three integers, so a Monte Carlo run gives the same numbers to draw i of parameter j
 * whatever the thread count, the chunking or the order in which draws are computed.
 *
 * Generator: Threefry-2x32 with 20 rounds (Salmon, Moraes, Dror & Shaw 2011, "Parallel random numbers:
 * as easy as 1, 2, 3", SC'11, doi:10.1145/2063384.2063405; the default of the Random123 library and the
 * generator behind JAX's PRNG). It is a keyed bijection of a 64-bit counter built from 32-bit add, rotate
 * and xor only, so it needs neither BigInt nor 64-bit multiplies; 20 rounds is the authors' default, a
 * safety margin over the fewest rounds they found to pass TestU01's BigCrush.
 *
 * Addressing: key = (seed mod 2^32, ⌊seed / 2^32⌋), counter = (index, stream). Because the cipher is a
 * bijection for a fixed key, distinct (index, stream) pairs under one seed never share an output block.
 */

/** Largest value of a 32-bit counter word: indices and streams lie in [0, MAX_COUNTER]. */
export const MAX_COUNTER = 0xffffffff;
/** Number of random bits in each uniform: 52, so that (k + ½)·2^-52 is exact in a double. */
export const UNIFORM_BITS = 52;

const TWO_POW_32 = 4294967296;
const TWO_POW_MINUS_52 = 2 ** -52;
/** Key-schedule parity constant of Threefish (Ferguson et al. 2010, The Skein Hash Function Family v1.3). */
const KEY_SCHEDULE_PARITY = 0x1bd11bda;
/** Threefry-2x32 rotation distances for rounds 0–7 (Salmon et al. 2011); they repeat every 8 rounds. */
const R0 = 13;
const R1 = 15;
const R2 = 26;
const R3 = 6;
const R4 = 17;
const R5 = 29;
const R6 = 16;
const R7 = 24;
/** Bits dropped from the first output word so that two words give 20 + 32 = 52 bits. */
const HIGH_WORD_SHIFT = 64 - UNIFORM_BITS;

/** A sequential source of uniforms in (0, 1); stochastic code takes one of these as a parameter. */
export interface UniformSource {
  /** The next uniform in (0, 1). */
  next(): number;
}

/** A sequential view of one stream: draws `startIndex`, `startIndex + 1`, … of `uniformAt(seed, stream, ·)`. */
export interface UniformStream extends UniformSource {
  /** The index whose uniform the next call to `next()` returns. */
  readonly index: number;
}

// Output of the last block, so that the block function returns two words without allocating.
let out0 = 0;
let out1 = 0;

/**
 * One Threefry-2x32-20 block; leaves its two 32-bit output words in out0/out1 (as signed int32).
 * key words k0, k1 and the schedule word k2 = parity ⊕ k0 ⊕ k1 are passed precomputed.
 */
function threefryBlock(k0: number, k1: number, k2: number, c0: number, c1: number): void {
  let x0 = (c0 + k0) | 0;
  let x1 = (c1 + k1) | 0;
  // Four rounds, then a key injection (with the injection count added), as in Threefish and Salmon et al. (2011).
  x0 = (x0 + x1) | 0; x1 = ((x1 << R0) | (x1 >>> (32 - R0))) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << R1) | (x1 >>> (32 - R1))) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << R2) | (x1 >>> (32 - R2))) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << R3) | (x1 >>> (32 - R3))) ^ x0;
  x0 = (x0 + k1) | 0; x1 = (x1 + k2 + 1) | 0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << R4) | (x1 >>> (32 - R4))) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << R5) | (x1 >>> (32 - R5))) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << R6) | (x1 >>> (32 - R6))) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << R7) | (x1 >>> (32 - R7))) ^ x0;
  x0 = (x0 + k2) | 0; x1 = (x1 + k0 + 2) | 0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << R0) | (x1 >>> (32 - R0))) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << R1) | (x1 >>> (32 - R1))) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << R2) | (x1 >>> (32 - R2))) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << R3) | (x1 >>> (32 - R3))) ^ x0;
  x0 = (x0 + k0) | 0; x1 = (x1 + k1 + 3) | 0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << R4) | (x1 >>> (32 - R4))) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << R5) | (x1 >>> (32 - R5))) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << R6) | (x1 >>> (32 - R6))) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << R7) | (x1 >>> (32 - R7))) ^ x0;
  x0 = (x0 + k1) | 0; x1 = (x1 + k2 + 4) | 0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << R0) | (x1 >>> (32 - R0))) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << R1) | (x1 >>> (32 - R1))) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << R2) | (x1 >>> (32 - R2))) ^ x0;
  x0 = (x0 + x1) | 0; x1 = ((x1 << R3) | (x1 >>> (32 - R3))) ^ x0;
  out0 = (x0 + k2) | 0;
  out1 = (x1 + k0 + 5) | 0;
}

/** x rotated left by r bits (0 < r < 32), as a signed int32. */
function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

/**
 * Two Threefry-2x32-20 blocks at once, counters (c0, c1) and (c0 + 1, c1) under one key, their uniforms written to
 * out[i] and out[i + 1]: the same rounds as threefryBlock, interleaved, so that the two blocks' independent chains of
 * add, rotate and xor overlap in the processor (one block is a single serial chain).
 */
function threefryPairInto(k0: number, k1: number, k2: number, c0: number, c1: number, out: Float64Array, i: number): void {
  let a0 = (c0 + k0) | 0;
  let a1 = (c1 + k1) | 0;
  let b0 = (c0 + 1 + k0) | 0;
  let b1 = a1;
  a0 = (a0 + a1) | 0; a1 = rotl(a1, R0) ^ a0; b0 = (b0 + b1) | 0; b1 = rotl(b1, R0) ^ b0;
  a0 = (a0 + a1) | 0; a1 = rotl(a1, R1) ^ a0; b0 = (b0 + b1) | 0; b1 = rotl(b1, R1) ^ b0;
  a0 = (a0 + a1) | 0; a1 = rotl(a1, R2) ^ a0; b0 = (b0 + b1) | 0; b1 = rotl(b1, R2) ^ b0;
  a0 = (a0 + a1) | 0; a1 = rotl(a1, R3) ^ a0; b0 = (b0 + b1) | 0; b1 = rotl(b1, R3) ^ b0;
  a0 = (a0 + k1) | 0; a1 = (a1 + k2 + 1) | 0; b0 = (b0 + k1) | 0; b1 = (b1 + k2 + 1) | 0;
  a0 = (a0 + a1) | 0; a1 = rotl(a1, R4) ^ a0; b0 = (b0 + b1) | 0; b1 = rotl(b1, R4) ^ b0;
  a0 = (a0 + a1) | 0; a1 = rotl(a1, R5) ^ a0; b0 = (b0 + b1) | 0; b1 = rotl(b1, R5) ^ b0;
  a0 = (a0 + a1) | 0; a1 = rotl(a1, R6) ^ a0; b0 = (b0 + b1) | 0; b1 = rotl(b1, R6) ^ b0;
  a0 = (a0 + a1) | 0; a1 = rotl(a1, R7) ^ a0; b0 = (b0 + b1) | 0; b1 = rotl(b1, R7) ^ b0;
  a0 = (a0 + k2) | 0; a1 = (a1 + k0 + 2) | 0; b0 = (b0 + k2) | 0; b1 = (b1 + k0 + 2) | 0;
  a0 = (a0 + a1) | 0; a1 = rotl(a1, R0) ^ a0; b0 = (b0 + b1) | 0; b1 = rotl(b1, R0) ^ b0;
  a0 = (a0 + a1) | 0; a1 = rotl(a1, R1) ^ a0; b0 = (b0 + b1) | 0; b1 = rotl(b1, R1) ^ b0;
  a0 = (a0 + a1) | 0; a1 = rotl(a1, R2) ^ a0; b0 = (b0 + b1) | 0; b1 = rotl(b1, R2) ^ b0;
  a0 = (a0 + a1) | 0; a1 = rotl(a1, R3) ^ a0; b0 = (b0 + b1) | 0; b1 = rotl(b1, R3) ^ b0;
  a0 = (a0 + k0) | 0; a1 = (a1 + k1 + 3) | 0; b0 = (b0 + k0) | 0; b1 = (b1 + k1 + 3) | 0;
  a0 = (a0 + a1) | 0; a1 = rotl(a1, R4) ^ a0; b0 = (b0 + b1) | 0; b1 = rotl(b1, R4) ^ b0;
  a0 = (a0 + a1) | 0; a1 = rotl(a1, R5) ^ a0; b0 = (b0 + b1) | 0; b1 = rotl(b1, R5) ^ b0;
  a0 = (a0 + a1) | 0; a1 = rotl(a1, R6) ^ a0; b0 = (b0 + b1) | 0; b1 = rotl(b1, R6) ^ b0;
  a0 = (a0 + a1) | 0; a1 = rotl(a1, R7) ^ a0; b0 = (b0 + b1) | 0; b1 = rotl(b1, R7) ^ b0;
  a0 = (a0 + k1) | 0; a1 = (a1 + k2 + 4) | 0; b0 = (b0 + k1) | 0; b1 = (b1 + k2 + 4) | 0;
  a0 = (a0 + a1) | 0; a1 = rotl(a1, R0) ^ a0; b0 = (b0 + b1) | 0; b1 = rotl(b1, R0) ^ b0;
  a0 = (a0 + a1) | 0; a1 = rotl(a1, R1) ^ a0; b0 = (b0 + b1) | 0; b1 = rotl(b1, R1) ^ b0;
  a0 = (a0 + a1) | 0; a1 = rotl(a1, R2) ^ a0; b0 = (b0 + b1) | 0; b1 = rotl(b1, R2) ^ b0;
  a0 = (a0 + a1) | 0; a1 = rotl(a1, R3) ^ a0; b0 = (b0 + b1) | 0; b1 = rotl(b1, R3) ^ b0;
  out[i] = uniformFromWords((a0 + k2) | 0, (a1 + k0 + 5) | 0);
  out[i + 1] = uniformFromWords((b0 + k2) | 0, (b1 + k0 + 5) | 0);
}

/** Uniform in (0, 1) from a block's two output words: (k + ½)·2^-52 with k the top 52 of its 64 bits. */
function uniformFromWords(w0: number, w1: number): number {
  return ((w0 >>> HIGH_WORD_SHIFT) * TWO_POW_32 + (w1 >>> 0) + 0.5) * TWO_POW_MINUS_52;
}

/** Uniform in (0, 1) from the last block: (k + ½)·2^-52 with k the top 52 of its 64 bits, so 1 − u is exact too. */
function uniformFromBlock(): number {
  return ((out0 >>> HIGH_WORD_SHIFT) * TWO_POW_32 + (out1 >>> 0) + 0.5) * TWO_POW_MINUS_52;
}

function checkSeed(seed: number, caller: string): void {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(`${caller}: seed must be an integer in [0, 2^53), got ${seed}`);
  }
}

function checkCounter(value: number, name: string, caller: string): void {
  if (!(value >= 0 && value <= MAX_COUNTER && Math.floor(value) === value)) {
    throw new RangeError(`${caller}: ${name} must be an integer in [0, 2^32 − 1], got ${value}`);
  }
}

function seedLow(seed: number): number {
  return seed % TWO_POW_32 | 0;
}

function seedHigh(seed: number): number {
  return Math.floor(seed / TWO_POW_32) | 0;
}

/**
 * Threefry-2x32-20 block cipher on a 64-bit counter (two 32-bit words) under a 64-bit key; returns the two
 * output words as unsigned 32-bit integers. Salmon et al. (2011) doi:10.1145/2063384.2063405.
 * @example threefry2x32(0, 0, 0, 0) // → [0x6b200159, 0x99ba4efe] (Random123 known-answer vector)
 */
export function threefry2x32(counter0: number, counter1: number, key0: number, key1: number): [number, number] {
  for (const [name, value] of [['counter0', counter0], ['counter1', counter1], ['key0', key0], ['key1', key1]] as const) {
    checkCounter(value, name, 'threefry2x32');
  }
  const k0 = key0 | 0;
  const k1 = key1 | 0;
  threefryBlock(k0, k1, KEY_SCHEDULE_PARITY ^ k0 ^ k1, counter0 | 0, counter1 | 0);
  return [out0 >>> 0, out1 >>> 0];
}

/**
 * Uniform in (0, 1) for draw `index` of stream `stream` under `seed` (dimensionless): Threefry-2x32-20 of
 * counter (index, stream) keyed by the seed, 52 bits mapped to (k + ½)·2^-52 ∈ [2^-53, 1 − 2^-53].
 * Salmon et al. (2011) doi:10.1145/2063384.2063405.
 * @example uniformAt(42, 3, 1000) // same value on every thread and every run
 */
export function uniformAt(seed: number, stream: number, index: number): number {
  checkSeed(seed, 'uniformAt');
  checkCounter(stream, 'stream', 'uniformAt');
  checkCounter(index, 'index', 'uniformAt');
  const k0 = seedLow(seed);
  const k1 = seedHigh(seed);
  threefryBlock(k0, k1, KEY_SCHEDULE_PARITY ^ k0 ^ k1, index, stream);
  return uniformFromBlock();
}

/**
 * Sequential stream: `next()` returns uniformAt(seed, stream, startIndex), then startIndex + 1, … (0–1,
 * dimensionless); the key schedule is computed once. Throws when the stream passes index 2^32 − 1.
 * Salmon et al. (2011) doi:10.1145/2063384.2063405.
 * @example const s = createStream(42, 0, 0); s.next() === uniformAt(42, 0, 0) // true
 */
export function createStream(seed: number, stream: number, startIndex = 0): UniformStream {
  checkSeed(seed, 'createStream');
  checkCounter(stream, 'stream', 'createStream');
  checkCounter(startIndex, 'startIndex', 'createStream');
  const k0 = seedLow(seed);
  const k1 = seedHigh(seed);
  const k2 = KEY_SCHEDULE_PARITY ^ k0 ^ k1;
  const streamWord = stream | 0;
  let index = startIndex;
  return {
    get index() {
      return index;
    },
    next(): number {
      if (index > MAX_COUNTER) {
        throw new RangeError(`createStream: stream ${stream} of seed ${seed} is exhausted after 2^32 draws`);
      }
      threefryBlock(k0, k1, k2, index | 0, streamWord);
      index += 1;
      return uniformFromBlock();
    },
  };
}

/**
 * Fills `out` with uniformAt(seed, stream, startIndex + i) for i = 0 … out.length − 1 (0–1, dimensionless),
 * without allocating. Salmon et al. (2011) doi:10.1145/2063384.2063405.
 * @example fillUniforms(42, 0, 5000, new Float64Array(1000)) // draws 5000–5999 of stream 0
 */
export function fillUniforms(seed: number, stream: number, startIndex: number, out: Float64Array): Float64Array {
  checkSeed(seed, 'fillUniforms');
  checkCounter(stream, 'stream', 'fillUniforms');
  checkCounter(startIndex, 'startIndex', 'fillUniforms');
  if (out.length > 0) checkCounter(startIndex + out.length - 1, 'startIndex + out.length − 1', 'fillUniforms');
  const k0 = seedLow(seed);
  const k1 = seedHigh(seed);
  const k2 = KEY_SCHEDULE_PARITY ^ k0 ^ k1;
  const streamWord = stream | 0;
  const n = out.length;
  let i = 0;
  for (; i + 1 < n; i += 2) threefryPairInto(k0, k1, k2, (startIndex + i) | 0, streamWord, out, i);
  if (i < n) {
    threefryBlock(k0, k1, k2, (startIndex + i) | 0, streamWord);
    out[i] = uniformFromBlock();
  }
  return out;
}
