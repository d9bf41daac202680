// The shared adapter conformance suite, run against the Kingdee adapter over real HTTP — once
// with session login (ValidateUser + kdservice-sessionid) and once with signed headers.
import { describe, expect, it } from 'vitest';
import { runConformance } from '../src/conformance/index.js';
import { createKingdeeSource, type KingdeeAuthOptions } from '../src/kingdee/adapter.js';
import { startKingdeeFake, type KingdeeFake } from '../src/fakes/kingdee/server.js';
import { seedKingdeeFromBook } from '../src/fakes/kingdee/seed.js';

function run(label: string, auth: (fake: KingdeeFake) => KingdeeAuthOptions): void {
  runConformance(label, async (book) => {
    const fake = await startKingdeeFake();
    seedKingdeeFromBook(fake.dc, book);
    const source = createKingdeeSource({
      serverUrl: fake.url, acctId: fake.user.acctId, userName: fake.user.userName, auth: auth(fake), http: { sleep: async () => {} },
    });
    return {
      source,
      close: () => fake.close(),
      fake: {
        url: fake.url,
        get stats() { return fake.server.stats; },
        setFaults: (k) => fake.server.setFaults(k),
        rejectNextWrite() {
          fake.state.rejectNext = { msgCode: 11, message: '字段FName的值不符合规则', field: 'FName' };
          return '11';
        },
        dropNextWriteResponse() {
          fake.server.queueDropAfterHandling((r) => r.path.endsWith('.Save.common.kdsvc'));
        },
        corrupt(kind, count) {
          const form = kind === 'accounts' ? 'BD_Customer' : 'CRM_OPP_Opportunity';
          const ids = [...fake.dc.table(form).keys()].slice(0, count).map(String);
          for (const id of ids) fake.state.corruptIds.add(id);
          return ids;
        },
        writesApplied: () => fake.state.writesApplied,
      },
    };
  }, { describe, it, expect: expect as never });
}

run('kingdee (session login)', (fake) => ({ mode: 'password', password: fake.user.password }));
run('kingdee (signed headers)', (fake) => ({ mode: 'signed', appId: fake.app.appId, appSecret: fake.app.appSecret }));
