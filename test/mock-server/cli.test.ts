import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, startCli } from './cliProcess';

describe('tidings-mock CLI', () => {
  it('logs one line when listening and exits 0 on SIGTERM', async () => {
    const { child, output, exited, line, url } = await startCli();
    expect(line).toMatch(/^tidings-mock listening on http:\/\/127\.0\.0\.1:\d+ /);
    expect((await fetch(`${url}/api/notifications`)).status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toEqual([0, null]);
    expect(output.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 with a clear message on bad arguments', async () => {
    const { output, exited } = run(['--port', 'eighty']);
    expect((await exited)[0]).toBe(2);
    expect(output.stderr).toContain('--port must be an integer');
    const unknown = run(['--colour']);
    expect((await unknown.exited)[0]).toBe(2);
    expect(unknown.output.stderr).toContain('colour');
  });

  it('prints help', async () => {
    const { output, exited } = run(['--help']);
    expect((await exited)[0]).toBe(0);
    expect(output.stdout).toContain('--demo-interval');
    for (const flag of ['--allow-origin', '--max-message', '--max-buffer', '--max-mqtt-sessions']) {
      expect(output.stdout).toContain(flag);
    }
  });

  it('refuses bad safety flags with exit 2 and the flag named', async () => {
    const cases: Array<[string[], string]> = [
      [['--max-message', '0'], '--max-message'],
      [['--max-buffer', 'lots'], '--max-buffer'],
      [['--max-mqtt-sessions', '-1'], '--max-mqtt-sessions'],
      [['--allow-origin', 'localhost:3000/app'], '--allow-origin'],
    ];
    // In parallel: each run starts a Node process, which is slow on a loaded machine.
    const runs = cases.map(([args]) => run(args));
    const exits = await Promise.all(runs.map((child) => child.exited));
    cases.forEach(([args, flag], index) => {
      expect(exits[index]?.[0], args.join(' ')).toBe(2);
      expect(runs[index]?.output.stderr).toContain(flag);
    });
  });

  it('exits non-zero naming the folder when --static does not exist', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'tidings-cli-'));
    try {
      const missing = join(parent, 'storybook-static');
      const { output, exited } = run(['--port', '0', '--static', missing]);
      expect((await exited)[0]).toBe(1);
      expect(output.stderr).toContain(`static folder "${missing}" does not exist`);
      expect(output.stdout).toBe('');
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });

  it('applies --allow-origin and --max-message', async () => {
    const { url } = await startCli([
      '--allow-origin',
      'http://localhost:3000',
      '--max-message',
      '100',
    ]);
    const publish = (origin: string, body: string) =>
      fetch(`${url}/control/publish`, {
        method: 'POST',
        headers: { Origin: origin, 'Content-Type': 'application/json' },
        body,
      });
    expect((await publish('http://localhost:3000', '{"type":"n"}')).status).toBe(201);
    expect((await publish('http://localhost:3001', '{"type":"n"}')).status).toBe(403);
    const big = JSON.stringify({ type: 'n', data: 'x'.repeat(100) });
    expect((await publish('http://localhost:3000', big)).status).toBe(413);
  });
});
