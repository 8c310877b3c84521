// The capability import graph of server/src (issue 15): a capability is the first folder under
// src/; an edge A → B means a file of A imports a file of B (type-only imports count: they tie the
// code together just the same). A two-way pair is A → B and B → A.
//   node server/scripts/module-graph.mjs          the graph, one line per capability, and the pairs
//   node server/scripts/module-graph.mjs --json   the same as JSON (server/test/module-graph.spec.ts)
// Specs and the composition root (main.ts, app.module.ts, which import everything) are left out.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const src = resolve(dirname(fileURLToPath(import.meta.url)), '../src');

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

function capabilityOf(file) {
  const parts = relative(src, file).split(sep);
  return parts.length > 1 ? parts[0] : null;
}

export function moduleGraph() {
  const edges = new Map();
  for (const file of sourceFiles(src)) {
    const from = capabilityOf(file);
    if (!from) continue;
    if (from === 'database' && file.includes(`${sep}migrations${sep}`)) continue;
    const text = readFileSync(file, 'utf8');
    for (const [, spec] of text.matchAll(/(?:from\s+|import\s*\(\s*)'(\.[^']+)'/g)) {
      const to = capabilityOf(resolve(dirname(file), spec));
      if (!to || to === from) continue;
      if (!edges.has(from)) edges.set(from, new Map());
      const targets = edges.get(from);
      targets.set(to, (targets.get(to) ?? 0) + 1);
    }
  }
  const graph = Object.fromEntries(
    [...edges.keys()].sort().map((from) => [from, Object.fromEntries([...edges.get(from)].sort(([a], [b]) => a.localeCompare(b)))]),
  );
  const pairs = [];
  for (const [a, targets] of Object.entries(graph))
    for (const b of Object.keys(targets)) if (a < b && graph[b]?.[a]) pairs.push(`${a} ⇄ ${b}`);
  const capabilities = new Set(Object.keys(graph).concat(...Object.values(graph).map(Object.keys)));
  return {
    capabilities: capabilities.size,
    edges: Object.values(graph).reduce((n, t) => n + Object.keys(t).length, 0),
    graph,
    pairs,
    cycles: cyclesOf(graph),
  };
}

/** The strongly connected components of more than one capability (Tarjan): capabilities that reach each other, however far round. */
function cyclesOf(graph) {
  const index = new Map();
  const low = new Map();
  const stack = [];
  const cycles = [];
  const visit = (node) => {
    index.set(node, index.size);
    low.set(node, index.get(node));
    stack.push(node);
    for (const next of Object.keys(graph[node] ?? {})) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node), low.get(next)));
      } else if (stack.includes(next)) low.set(node, Math.min(low.get(node), index.get(next)));
    }
    if (low.get(node) !== index.get(node)) return;
    const component = stack.splice(stack.indexOf(node));
    if (component.length > 1) cycles.push(component.sort());
  };
  for (const node of Object.keys(graph)) if (!index.has(node)) visit(node);
  return cycles;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = moduleGraph();
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(result, null, 2));
  } else {
    for (const [from, targets] of Object.entries(result.graph))
      console.log(
        `${from.padEnd(20)} → ${Object.entries(targets)
          .map(([to, n]) => `${to}(${n})`)
          .join(' ')}`,
      );
    console.log(`\n${result.capabilities} capabilities, ${result.edges} edges, ${result.pairs.length} two-way pairs:`);
    for (const pair of result.pairs) console.log(`  ${pair}`);
    console.log(
      `capabilities that reach each other (cycles of any length): ${result.cycles.map((c) => `{${c.join(', ')}}`).join(' ') || 'none'}`,
    );
  }
}
