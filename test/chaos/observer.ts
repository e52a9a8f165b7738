import type { Channel, TidingsError } from '@tidings/core';
import type { ChaosSubject } from './subjects';

/** One consumer of a chaos run: what it received, its reconnects, resets and recovery times. */
export class ChaosObserver {
  readonly received: number[] = [];
  readonly errors: TidingsError[] = [];
  readonly recoveries: number[] = [];
  reconnects = 0;
  readonly channel: Channel<unknown, unknown>;
  private opens = 0;
  private cutAt: number | undefined;
  private wasOpen = false;

  constructor(
    subject: ChaosSubject,
    url: string,
    hub: Parameters<ChaosSubject['open']>[1],
    runId: string,
  ) {
    this.channel = subject.open(
      url,
      hub,
      {
        onReceive: (n) => this.received.push(n),
        onError: (error) => this.errors.push(error),
      },
      runId,
    );
    this.channel.subscribe(() => this.onState());
    this.channel.connect();
  }

  get status() {
    return this.channel.getState().status;
  }

  get resets(): number {
    return this.errors.filter((error) => error.kind === 'reset').length;
  }

  /** The highest sequence number received so far, or -1. */
  get highest(): number {
    return this.received.reduce((max, n) => Math.max(max, n), -1);
  }

  /** Call right before the connection is cut, to time the recovery. */
  markCut(): void {
    if (this.status === 'open' && this.cutAt === undefined) this.cutAt = performance.now();
  }

  close(): void {
    this.channel.close();
  }

  private onState(): void {
    const open = this.status === 'open';
    if (open && !this.wasOpen) {
      this.opens++;
      if (this.opens > 1) this.reconnects++;
      if (this.cutAt !== undefined) {
        this.recoveries.push(performance.now() - this.cutAt);
        this.cutAt = undefined;
      }
    }
    this.wasOpen = open;
  }
}
