/**
 * Piscina worker entry (bundled as dist/mc-worker.js): runs one chunk of draws and moves (transfers, not
 * copies) its result buffer back to the main thread.
 */
import { move } from 'piscina';
import { drawerForTask, runChunk, type ChunkTask } from './chunk.ts';

/** Runs the draws of `task`; returns the block's data (layout: core/monte-carlo.ts, DrawBlock). */
export default function runChunkInWorker(task: ChunkTask): Float64Array {
  const block = runChunk(drawerForTask(task), task);
  return move(block.data) as Float64Array;
}
