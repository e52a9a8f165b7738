import { describe, expect, it } from 'vitest';
import { freePorts } from '../brokers/ports';
import { run } from '../mock-server/cliProcess';

describe('tidings-mock --redis', () => {
  it('refuses a value that is not a redis:// URL with exit 2', async () => {
    const { output, exited } = run(['--redis', 'localhost:6379']);
    expect((await exited)[0]).toBe(2);
    expect(output.stderr).toContain('--redis must be a redis:// URL');
  });

  it('exits 1 with a message when no Redis answers there', async () => {
    const [port] = await freePorts(1);
    const { output, exited } = run(['--port', '0', '--redis', `redis://127.0.0.1:${port}`]);
    expect((await exited)[0]).toBe(1);
    expect(output.stderr).toContain('tidings-mock:');
    expect(output.stderr).toContain('ECONNREFUSED');
  });

  it('lists the flag in its help', async () => {
    const { output, exited } = run(['--help']);
    expect((await exited)[0]).toBe(0);
    expect(output.stdout).toContain('--redis <url>');
  });
});
