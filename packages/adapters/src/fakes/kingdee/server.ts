// Starts the Kingdee K/3 Cloud fake on 127.0.0.1 under `/k3cloud/` on the shared fake-server
// scaffolding. Kingdee has no 429: the injected rate limit answers HTTP 200 with MsgCode 14.
import type { Book } from '@kamkit/core';
import { startFakeServer, type FakeHttpServer, type FakeStats, type FaultKnobs } from '../shared/server.js';
import type { ConformanceFake } from '../../conformance/suite.js';
import { seedKingdeeFromBook, type KingdeeIdMap } from './seed.js';
import { MSG_CODE, failStatus } from '../../kingdee/wire.js';
import { KingdeeDataCentre, type KdApp, type KdUser } from './state.js';
import { createKingdeeHandler, KingdeeFakeState } from './handler.js';

export interface KingdeeFakeOptions {
  users?: KdUser[];
  apps?: KdApp[];
  now?: () => number;
  faults?: FaultKnobs;
  /** Loads this book (first pipeline → sale phases; records → forms). */
  book?: Book;
}

export interface KingdeeFake extends ConformanceFake {
  /** Base URL including the virtual directory, e.g. `http://127.0.0.1:PORT/k3cloud/`. */
  url: string;
  dc: KingdeeDataCentre;
  state: KingdeeFakeState;
  server: FakeHttpServer;
  user: KdUser;
  app: KdApp;
  /** Book ids → internal ids when started with a book. */
  ids?: KingdeeIdMap;
  close(): Promise<void>;
}

export const DEFAULT_KINGDEE_USER: KdUser = { acctId: '6523a1b2c3d4e5', userName: 'kamkit', password: 'Fake#Pass2026', userId: 178301 };
/** `<clientId>_<32-char secret part>` as 第三方系统登录授权 issues them (made up for the fake). */
export const DEFAULT_KINGDEE_APP: KdApp = { appId: '298765_Wc4pT6kJ0nJcWfSo2+1h4Ixu3K1/YBvV', appSecret: 'f3b9a1c07e2d4c58a6b1d0e9c8f7a6b5' };

export async function startKingdeeFake(opts: KingdeeFakeOptions = {}): Promise<KingdeeFake> {
  const users = opts.users ?? [DEFAULT_KINGDEE_USER];
  const apps = opts.apps ?? [DEFAULT_KINGDEE_APP];
  const dc = new KingdeeDataCentre(users, apps, opts.now);
  const state = new KingdeeFakeState(dc);
  const envelope = (code: number, message: string) => ({ Result: { ResponseStatus: failStatus(code, message) } });
  const server = await startFakeServer(createKingdeeHandler(state), {
    faults: opts.faults,
    exempt: (r) => r.path.includes('.AuthService.'),
    faultBodies: {
      serverError: (status) => ({ status, text: `response_error:服务器内部错误 (${status})`, headers: { 'content-type': 'text/plain; charset=utf-8' } }),
      rateLimited: () => ({ status: 200, body: envelope(MSG_CODE.callLimit, '调用限制：超出接口调用频率限制，请稍后再试') }),
    },
  });
  state.isCorrupt = (formId, id) => server.isCorrupt(formId, id);
  const ids = opts.book ? seedKingdeeFromBook(dc, opts.book) : undefined;
  return {
    url: `${server.url}/k3cloud/`, dc, state, server, user: users[0], app: apps[0], ids,
    close: () => server.close(),
    get stats(): FakeStats { return server.stats; },
    setFaults: (k) => server.setFaults(k),
    rejectNextWrite() {
      state.rejectNext = { msgCode: MSG_CODE.validation, message: '字段FName的值不符合规则', field: 'FName' };
      return String(MSG_CODE.validation);
    },
    dropNextWriteResponse() {
      server.queueDropAfterHandling((r) => r.path.endsWith('.Save.common.kdsvc'));
    },
    corrupt(kind, count) {
      const found = [...dc.table(kind === 'accounts' ? 'BD_Customer' : 'CRM_OPP_Opportunity').keys()].slice(0, count).map(String);
      for (const id of found) state.corruptIds.add(id);
      return found;
    },
    writesApplied: () => state.writesApplied,
  };
}
