import type { Competitor } from '../competitors';
import { openConnections, stable } from '../server';
import { closePage, type Figures, openCompetitor, type ScenarioContext } from './context';

export const FANOUT_COMPONENTS = 50;

/** 50 components subscribed to the same URL: how many connections the server sees. */
export async function fanout(context: ScenarioContext, competitor: Competitor): Promise<Figures> {
  const bench = await openCompetitor(context, competitor, 'fanout', {
    n: String(FANOUT_COMPONENTS),
  });
  try {
    await bench.page.evaluate(() => window.bench.opened(1));
    // Chromium opens one WebSocket to a host at a time (RFC 6455 §4.1), so 50 sockets take a
    // while on a loaded machine: wait for the count to stop moving for 1.5 s.
    const sockets = await stable(
      () => bench.page.evaluate(() => window.bench.sockets().opened),
      15,
    );
    const connections = await stable(() => openConnections(context.server));
    return { serverConnections: connections, socketsOpened: sockets };
  } finally {
    await closePage(context, bench);
  }
}
