import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadScenario, runScenario, type ScenarioReport } from './runner.ts';

/**
 * `npm run scenario -- <file-or-folder>... [--json]`
 * One line per step, then `N passed, N failed`; exit 0 only when every expectation held.
 */
function collect(path: string): string[] {
  const st = statSync(path);
  if (st.isDirectory()) {
    return readdirSync(path)
      .sort()
      .flatMap((f) => (f.endsWith('.json') || statSync(join(path, f)).isDirectory() ? collect(join(path, f)) : []));
  }
  return [path];
}

async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const paths = argv.filter((a) => a !== '--json');
  if (paths.length === 0) {
    process.stderr.write('usage: npm run scenario -- <file-or-folder>... [--json]\n');
    return 2;
  }
  const files = paths.flatMap((p) => collect(p));
  const reports: ScenarioReport[] = [];
  let passed = 0;
  let failed = 0;
  for (const file of files) {
    let report: ScenarioReport;
    try {
      report = await runScenario(loadScenario(file));
    } catch (err) {
      failed++;
      const reason = err instanceof Error ? err.message : String(err);
      if (!json) process.stdout.write(`✗ ${relative(process.cwd(), file)}: ${reason}\n`);
      reports.push({ name: file, file, passed: false, steps: [], failedStep: { index: 0, step: null, reason }, view: null, receipts: [], journal: { events: 0, byType: {}, chainValid: false } });
      continue;
    }
    reports.push(report);
    if (report.passed) passed++;
    else failed++;
    if (!json) {
      process.stdout.write(`${report.passed ? '✓' : '✗'} ${report.name} (${relative(process.cwd(), file)})\n`);
      for (const s of report.steps) process.stdout.write(`    ${s.ok ? 'ok  ' : 'FAIL'} step ${s.index} ${s.kind}${s.reason ? `: ${s.reason}` : ''}\n`);
    }
  }
  if (json) process.stdout.write(`${JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2)}\n`);
  else process.stdout.write(`${passed} passed, ${failed} failed\n`);
  return failed === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(2);
  },
);
