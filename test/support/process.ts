/**
 * Dabir as a real process (`node --import tsx src/main.ts`), for tests that
 * need separate instances, a kill, or a restart. Listens on a free port on
 * 127.0.0.1; resolves once /healthz answers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Instance {
  url: string;
  child: ChildProcess;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function startInstance(
  env: Record<string, string | undefined>,
  options: {
    timeoutMs?: number;
    /** Node's arguments for the server; `['--import', 'tsx', 'src/main.ts']` unless given (a benchmark runs `['dist/main.js']`). */
    entry?: string[];
  } = {},
): Promise<Instance> {
  const port = await freePort();
  const child = spawn(process.execPath, options.entry ?? ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DABIR_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`instance exited (${child.exitCode}): ${out.slice(-500)}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`instance did not answer /healthz in time: ${out.slice(-500)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    child,
    output: () => out,
    stop(signal = 'SIGTERM') {
      return new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      });
    },
  };
}

export interface CliRun {
  /** The exit status; null when the command was ended by a signal (as on the timeout). */
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the command line (`node --import tsx src/cli/main.ts …args`) as an operator would,
 * from the repository's root, without blocking the test's own event loop (a server or a
 * writer can keep going meanwhile). `env` is laid over this process's environment with
 * DATABASE_URL taken out, so a command uses SQLite in DABIR_DATA unless `env` names a
 * database; a key set to undefined is removed. Killed with SIGKILL after `timeoutMs`.
 */
export function runCli(args: string[], env: Record<string, string | undefined> = {}, options: { timeoutMs?: number } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: undefined, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 90_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr });
    });
  });
}
