/**
 * `registre report …` through the built CLI (dist/cli.cjs, with pdfmake kept external, so
 * this also shows the bundle finds pdfmake's fonts at run time).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RopaFindingDto } from '../../shared/dto/report-docs';
import { tempDir } from '../helpers';
import { cliVault } from '../cli/run-cli';

describe('registre report', () => {
  it('ropa-check lists the findings and exits 1; --json gives them as the API does', () => {
    const { run, json } = cliVault();
    const r = run('report', 'ropa-check');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('privacy_shield_safeguard');
    expect(r.stdout).toContain('Mailchimp');
    const r2 = run('report', 'ropa-check', '--json');
    const findings = JSON.parse(r2.stdout) as RopaFindingDto[];
    expect(findings.map((f) => f.code)).toContain('no_dpo');
    expect(json<unknown>('settings', 'controller')).toBeTruthy();
  });

  it('ropa writes PDF, HTML and JSON; compliance writes a French PDF for the period', () => {
    const { run } = cliVault();
    const dir = tempDir();
    for (const format of ['pdf', 'html', 'json']) {
      const out = join(dir, `ropa.${format}`);
      const r = run('report', 'ropa', '--format', format, '--out', out);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Wrote ${out}`);
      expect(existsSync(out)).toBe(true);
    }
    expect(execFileSync('pdftotext', [join(dir, 'ropa.pdf'), '-'], { encoding: 'utf8' })).toContain('Record of processing activities');
    const out = join(dir, 'rapport.pdf');
    const r = run('report', 'compliance', '--from', '2026-01-01', '--to', '2026-12-31', '--format', 'pdf', '--language', 'fr', '--out', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const text = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' });
    expect(text).toContain('Rapport de conformité');
    expect(text).toContain('Du 1 janvier 2026 au 31 décembre 2026');
    expect(readFileSync(join(dir, 'ropa.html'), 'utf8')).toContain('<!doctype html>');
  });

  it('refuses a missing period or a wrong format (exit 2) and writes nothing', () => {
    const { run } = cliVault();
    const out = join(tempDir(), 'r.pdf');
    expect(run('report', 'compliance', '--from', '2026-01-01', '--format', 'pdf', '--out', out).code).toBe(2);
    expect(run('report', 'compliance', '--from', '2026-02-01', '--to', '2026-01-01', '--format', 'pdf', '--out', out).code).toBe(2);
    expect(run('report', 'ropa', '--format', 'docx', '--out', out).code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });
});
