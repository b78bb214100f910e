/**
 * `npm run bench:security` — the weight-security population benchmark. Runs every policy on
 * the same seeds in one invocation and writes bench/results/security-<date>.json and .md.
 *
 *   npm run bench:security                 # full counts (params.ts)
 *   npm run bench:security -- --quick      # tiny counts (…-quick.json/.md)
 *   npm run bench:security -- --out DIR
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CatalogueItem, type CatalogueItemInput } from '../../contracts/index.ts';
import type { LaneConfigInput } from '../../lane/config.ts';
import { machineInfo, type MachineInfo } from '../harness.ts';
import { runPolicy, type PolicyResult } from './drive.ts';
import { paramTable, PARAMS as P } from './params.ts';
import { ACT_TYPES, WEIGHT_BLIND_ACTS } from './population.ts';

export interface Policy {
  name: string;
  config: LaneConfigInput;
}

/** Fixed tolerance around the catalogue weight, nothing learned (§6 row 35), as a sweep. */
export function baselinePolicies(): Policy[] {
  return P.baselineSweep.value.map((b) => ({
    name: `fixed ±max(${b.minToleranceGrams} g, ${b.tolerancePercentBp / 100} %)`,
    config: { bagging: { minToleranceGrams: b.minToleranceGrams, tolerancePercentBp: b.tolerancePercentBp, learnMinSamples: 1_000_000_000 } },
  }));
}

/** The lane's shipped defaults (learned weights, lane/config.ts). */
export function adaptivePolicy(): Policy {
  return { name: 'adaptive (shipped defaults)', config: { bagging: { learnMinSamples: P.learnMinSamples.value } } };
}

export interface SecurityReport {
  date: string;
  machine: MachineInfo;
  quick: boolean;
  transactionsPerSeed: number;
  lanes: number;
  seeds: number[];
  results: PolicyResult[];
  /** Mean over seeds per policy. */
  summary: (Omit<PolicyResult, 'seed' | 'acts'> & { acts: Record<string, number | null> })[];
  bestBaseline: string;
  parameters: ReturnType<typeof paramTable>;
}

export function loadCatalogue(): CatalogueItem[] {
  const file = join(dirname(new URL(import.meta.url).pathname), '../../fixtures/catalogue.json');
  const json = JSON.parse(readFileSync(file, 'utf8')) as { items: CatalogueItemInput[] };
  return json.items.map((i) => CatalogueItem.parse(i));
}

const mean = (xs: number[]) => Math.round((xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length)) * 100) / 100;

export async function runSecurity(opts: { quick: boolean; policies?: Policy[] }): Promise<SecurityReport> {
  const items = loadCatalogue();
  const transactions = opts.quick ? P.transactionsQuick.value : P.transactionsFull.value;
  const seeds: number[] = opts.quick ? P.seeds.value.slice(0, 1) : [...P.seeds.value];
  const lanes = opts.quick ? 2 : P.lanes.value;
  const policies = opts.policies ?? [...baselinePolicies(), adaptivePolicy()];
  const results: PolicyResult[] = [];
  for (const policy of policies) {
    for (const seed of seeds) {
      results.push(await runPolicy({ policy: policy.name, config: policy.config, seed, transactions, lanes, items }));
    }
  }
  const summary = policies.map((p) => {
    const rs = results.filter((r) => r.policy === p.name);
    const acts: Record<string, number | null> = {};
    for (const t of ACT_TYPES) {
      const n = rs.reduce((s, r) => s + r.acts[t].n, 0);
      const c = rs.reduce((s, r) => s + r.acts[t].caught, 0);
      acts[t] = n ? Math.round((10_000 * c) / n) / 100 : null;
    }
    const det = rs.filter((r) => r.weightDetectableCatchPct !== null).map((r) => r.weightDetectableCatchPct!);
    return {
      policy: p.name,
      transactions: rs.reduce((s, r) => s + r.transactions, 0),
      honest: rs.reduce((s, r) => s + r.honest, 0),
      falseInterventionsPer100Honest: mean(rs.map((r) => r.falseInterventionsPer100Honest)),
      alertsPer100Honest: mean(rs.map((r) => r.alertsPer100Honest)),
      honestStoppedPct: mean(rs.map((r) => r.honestStoppedPct)),
      attendantMinutesPer100: mean(rs.map((r) => r.attendantMinutesPer100)),
      uncheckedUnitsPct: mean(rs.map((r) => r.uncheckedUnitsPct)),
      acts,
      weightDetectableCatchPct: det.length ? mean(det) : null,
      incomplete: rs.reduce((s, r) => s + r.incomplete, 0),
      honestCallsByKindPer100: Object.fromEntries(
        [...new Set(rs.flatMap((r) => Object.keys(r.honestCallsByKindPer100)))].sort().map((k) => [k, mean(rs.map((r) => r.honestCallsByKindPer100[k] ?? 0))]),
      ),
    };
  });
  // Best baseline: fewest false interventions among those catching ≥ 95 % of what weight can
  // detect; if none does, the highest catch rate.
  const base = summary.filter((s) => s.policy.startsWith('fixed'));
  const good = base.filter((s) => (s.weightDetectableCatchPct ?? 0) >= 95);
  const best = (good.length ? good.sort((a, b) => a.falseInterventionsPer100Honest - b.falseInterventionsPer100Honest) : base.sort((a, b) => (b.weightDetectableCatchPct ?? 0) - (a.weightDetectableCatchPct ?? 0)))[0];
  return {
    date: new Date().toISOString().slice(0, 10),
    machine: machineInfo(),
    quick: opts.quick,
    transactionsPerSeed: transactions,
    lanes,
    seeds,
    results,
    summary,
    bestBaseline: best?.policy ?? '',
    parameters: paramTable(),
  };
}

const ACT_LABEL: Record<string, string> = {
  nonScanBagged: 'non-scan, bagged',
  nonScanCarried: 'non-scan, kept in trolley',
  swap: 'swap to cheaper',
  skipBagging: 'skip-bagging abuse',
  removeThenAdd: 'remove, then add',
  underCount: 'under-count',
};

export function toMarkdown(rep: SecurityReport): string {
  const f = (x: number | null) => (x === null ? '—' : String(x));
  const lines: string[] = [];
  lines.push(`# Weight security — population benchmark (${rep.date}${rep.quick ? ', quick mode: figures mean nothing' : ''})`, '');
  lines.push(`${rep.transactionsPerSeed} transactions per seed × seeds ${rep.seeds.join(', ')}, on ${rep.lanes} lanes of one store sharing learned weights; ${rep.machine.cpu}, Node ${rep.machine.node}.`, '');
  lines.push('Mean over seeds. "False" = an attendant had to resolve a bagging intervention in an honest transaction; "alerts" also counts those the shopper or the scale cleared.', '');
  lines.push(
    `| policy | false interventions /100 honest | alerts /100 honest | honest stopped % | attendant min /100 tx | unchecked units % | ${ACT_TYPES.map((t) => `catch: ${ACT_LABEL[t]}${WEIGHT_BLIND_ACTS.has(t) ? ' (weight-blind)' : ''} %`).join(' | ')} | catch of weight-detectable acts % |`,
  );
  lines.push(`| --- | ${['', '', '', '', '', ...ACT_TYPES, ''].map(() => '---').join(' | ')} |`);
  for (const s of rep.summary) {
    lines.push(
      `| ${s.policy}${s.policy === rep.bestBaseline ? ' (best baseline)' : ''} | ${s.falseInterventionsPer100Honest} | ${s.alertsPer100Honest} | ${s.honestStoppedPct} | ${s.attendantMinutesPer100} | ${s.uncheckedUnitsPct} | ${ACT_TYPES.map((t) => f(s.acts[t] ?? null)).join(' | ')} | ${f(s.weightDetectableCatchPct)} |`,
    );
  }
  lines.push('', '## Per seed', '', '| policy | seed | honest tx | false /100 honest | honest stopped % | attendant min /100 | detectable catch % | acts (n) |', '| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rep.results) {
    lines.push(`| ${r.policy} | ${r.seed} | ${r.honest} | ${r.falseInterventionsPer100Honest} | ${r.honestStoppedPct} | ${r.attendantMinutesPer100} | ${f(r.weightDetectableCatchPct)} | ${ACT_TYPES.map((t) => r.acts[t].n).join('/')} |`);
  }
  lines.push('', '## Parameters (bench/security/params.ts)', '', '| parameter | value | basis |', '| --- | --- | --- |');
  for (const p of rep.parameters) lines.push(`| ${p.name} | \`${JSON.stringify(p.value)}\` | ${p.basis} |`);
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, out: { type: 'string' } } });
  const quick = values.quick ?? false;
  const t0 = Date.now();
  const rep = await runSecurity({ quick });
  const outDir = resolve(values.out ?? join(dirname(new URL(import.meta.url).pathname), '../results'));
  mkdirSync(outDir, { recursive: true });
  const base = join(outDir, `security-${rep.date}${quick ? '-quick' : ''}`);
  writeFileSync(`${base}.json`, `${JSON.stringify(rep, null, 2)}\n`);
  writeFileSync(`${base}.md`, toMarkdown(rep));
  process.stdout.write(`${toMarkdown({ ...rep, parameters: [] })}\n${((Date.now() - t0) / 1000).toFixed(1)} s; wrote ${base}.json and .md\n`);
  process.exit(0);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) await main();
