/**
 * Drives lock-owner-child.ts from the parent: bundles it once, starts it on a vault, sends
 * it commands and reads its answers, and suspends, resumes or kills it with real signals.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { LockTiming } from '../../db/vault/instance-lock';
import { resolveRoot } from './vaults';

export interface OwnerAnswer {
  event: string;
  ok?: boolean;
  code?: string;
  reason?: string;
  state?: string;
  lockLost?: boolean;
  pid?: number;
}

/** Bundles the child into `workDir`; returns the script to run with node. */
export async function bundleLockOwner(workDir: string): Promise<string> {
  const outfile = join(workDir, 'lock-owner-child.cjs');
  await build({
    entryPoints: [resolveRoot('tests/proof/lock-owner-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    external: ['better-sqlite3-multiple-ciphers'],
    logLevel: 'silent',
  });
  return outfile;
}

export class LockOwnerProcess {
  private buffered = '';
  private readonly answers: OwnerAnswer[] = [];
  private waiting: ((a: OwnerAnswer) => void) | null = null;
  private stderr = '';
  readonly exited: Promise<NodeJS.Signals | number | null>;

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.on('data', (chunk: Buffer) => {
      this.buffered += chunk.toString('utf8');
      let nl: number;
      while ((nl = this.buffered.indexOf('\n')) >= 0) {
        const answer = JSON.parse(this.buffered.slice(0, nl)) as OwnerAnswer;
        this.buffered = this.buffered.slice(nl + 1);
        const waiting = this.waiting;
        this.waiting = null;
        if (waiting) waiting(answer);
        else this.answers.push(answer);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    this.exited = new Promise((done) => child.on('exit', (code, signal) => done(signal ?? code)));
  }

  /** Starts a child on `dir` and waits for its unlock's answer (`ok` false if refused). */
  static async start(script: string, dir: string, passphrase: string, timing: LockTiming): Promise<{ owner: LockOwnerProcess; ready: OwnerAnswer }> {
    const child = spawn(process.execPath, [script, dir, String(timing.refreshMs), String(timing.staleMs)], {
      env: { ...process.env, NODE_PATH: resolveRoot('node_modules'), REGISTRE_PASSPHRASE: passphrase },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const owner = new LockOwnerProcess(child);
    return { owner, ready: await owner.next() };
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get errors(): string {
    return this.stderr;
  }

  private next(): Promise<OwnerAnswer> {
    const queued = this.answers.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((done, fail) => {
      this.waiting = done;
      void this.exited.then((how) => fail(new Error(`the lock owner exited (${String(how)}) before answering: ${this.stderr}`)));
    });
  }

  async ask(command: 'write' | 'status'): Promise<OwnerAnswer> {
    this.child.stdin.write(`${command}\n`);
    return this.next();
  }

  suspend(): void {
    this.child.kill('SIGSTOP');
  }

  resume(): void {
    this.child.kill('SIGCONT');
  }

  /** SIGKILL, and waits until the process is gone (reaped, not a zombie). */
  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** Locks the vault and exits. */
  async quit(): Promise<void> {
    this.child.stdin.end('quit\n');
    await this.exited;
  }
}
