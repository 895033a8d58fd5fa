/**
 * Times a search one query at a time: `warmup` untimed queries, then `runs` passes over every
 * query. Returns milliseconds per query for each pass and the last pass's results (to check
 * against another contender's). Shared by the vector-search and HNSW workers.
 */
export async function timeQueries<Query, Result>(
  search: (query: Query) => Result | Promise<Result>,
  queries: readonly Query[],
  options: { warmup: number; runs: number },
): Promise<{ runs: number[]; results: Result[] }> {
  for (let i = 0; i < options.warmup; i++) await search(queries[i % queries.length] as Query);
  const runs: number[] = [];
  let results: Result[] = [];
  for (let run = 0; run < options.runs; run++) {
    const current: Result[] = [];
    const start = performance.now();
    for (const query of queries) current.push(await search(query));
    runs.push((performance.now() - start) / queries.length);
    results = current;
  }
  return { runs, results };
}
