import type { IngestProgress } from '@weft/rag';

const width = 30;

/**
 * A text progress bar on stderr for `ingest`'s `onProgress`. On a terminal it redraws one
 * line; elsewhere (a pipe, a CI log) it prints a line when the phase changes.
 */
export function progressBar(stream: NodeJS.WriteStream = process.stderr) {
  let lastPhase = '';
  return (progress: IngestProgress) => {
    const { phase } = progress;
    const [done, total, unit] =
      phase === 'chunking'
        ? [progress.documents, progress.totalDocuments, 'documents chunked']
        : phase === 'embedding'
          ? [progress.embedded, progress.toEmbed, 'texts embedded']
          : phase === 'deleting'
            ? [progress.deleted, progress.deleted, 'records deleted']
            : [progress.chunks, progress.total, 'chunks stored'];
    const fraction = total > 0 ? Math.min(1, done / total) : 1;
    const filled = Math.round(fraction * width);
    const line = `${phase.padEnd(9)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(fraction * 100)).padStart(3)}%  ${done}/${total} ${unit}`;
    if (stream.isTTY) {
      stream.write(`\r${line}`);
      if (phase === 'done') stream.write('\n');
    } else if (phase !== lastPhase) {
      stream.write(`${line}\n`);
    }
    lastPhase = phase;
  };
}
