import { InsightBlockerPairs1795780000000 } from './1795780000000-InsightBlockerPairs';
import { CaseListOrderIndexes1795773275022 } from './1795773275022-CaseListOrderIndexes';
import { CaseKnelpuntCodes1795767005504 } from './1795767005504-CaseKnelpuntCodes';
import { InsightFactsIndexes1795765868064 } from './1795765868064-InsightFactsIndexes';
import { InsightRollupLockOrder1795764864492 } from './1795764864492-InsightRollupLockOrder';
import { InsightRollup1795764452668 } from './1795764452668-InsightRollup';
import { ActionLinkUsedAt1795762428208 } from './1795762428208-ActionLinkUsedAt';
import { AccessControl1795758126084 } from './1795758126084-AccessControl';
import { Insight1795754582772 } from './1795754582772-Insight';
import { Deadlines1795753259476 } from './1795753259476-Deadlines';
import { CaseLifecycle1795752597477 } from './1795752597477-CaseLifecycle';
import { Initial1795751806007 } from './1795751806007-Initial';
// Generated migrations, in order. `npm run migration:generate -- <Name>` appends to this list.
export const MIGRATIONS: (new () => object)[] = [
  Initial1795751806007,
  CaseLifecycle1795752597477,
  Deadlines1795753259476,
  Insight1795754582772,
  AccessControl1795758126084,
  ActionLinkUsedAt1795762428208,
  InsightRollup1795764452668,
  InsightRollupLockOrder1795764864492,
  InsightFactsIndexes1795765868064,
  CaseKnelpuntCodes1795767005504,
  CaseListOrderIndexes1795773275022,
  InsightBlockerPairs1795780000000,
];
