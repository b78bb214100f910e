import type { Database } from 'better-sqlite3';
import type { Clock } from '../../core/clock.ts';

export interface LearnedWeight {
  itemId: string;
  count: number;
  meanGrams: number;
  /** Sample variance (grams²); 0 while count < 2. */
  varianceGrams2: number;
  stdDevGrams: number;
  minGrams: number;
  maxGrams: number;
  updatedAt: number;
}

interface Row {
  item_id: string;
  count: number;
  mean_grams: number;
  m2: number;
  min_grams: number;
  max_grams: number;
  updated_at: number;
}

function toLearned(r: Row): LearnedWeight {
  const variance = r.count > 1 ? r.m2 / (r.count - 1) : 0;
  return {
    itemId: r.item_id,
    count: r.count,
    meanGrams: r.mean_grams,
    varianceGrams2: variance,
    stdDevGrams: Math.sqrt(variance),
    minGrams: r.min_grams,
    maxGrams: r.max_grams,
    updatedAt: r.updated_at,
  };
}

/**
 * Running weight statistics per item (Welford's online algorithm), for bagging security to
 * learn what an item really weighs. Observations are integer grams.
 */
export class ItemWeights {
  private readonly getStmt;
  private readonly putStmt;
  private readonly observeTx;

  constructor(
    db: Database,
    private readonly clock: Clock,
  ) {
    this.getStmt = db.prepare<[string], Row>('SELECT * FROM item_weights WHERE item_id = ?');
    this.putStmt = db.prepare<[string, number, number, number, number, number, number]>(
      `INSERT INTO item_weights (item_id, count, mean_grams, m2, min_grams, max_grams, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (item_id) DO UPDATE SET count = excluded.count, mean_grams = excluded.mean_grams, m2 = excluded.m2,
         min_grams = excluded.min_grams, max_grams = excluded.max_grams, updated_at = excluded.updated_at`,
    );
    this.observeTx = db.transaction((itemId: string, grams: number): LearnedWeight => {
      const prev = this.getStmt.get(itemId);
      const count = (prev?.count ?? 0) + 1;
      const mean0 = prev?.mean_grams ?? 0;
      const delta = grams - mean0;
      const mean = mean0 + delta / count;
      const m2 = (prev?.m2 ?? 0) + delta * (grams - mean);
      const row: Row = {
        item_id: itemId,
        count,
        mean_grams: mean,
        m2: Math.max(0, m2),
        min_grams: Math.min(prev?.min_grams ?? grams, grams),
        max_grams: Math.max(prev?.max_grams ?? grams, grams),
        updated_at: this.clock.now(),
      };
      this.putStmt.run(row.item_id, row.count, row.mean_grams, row.m2, row.min_grams, row.max_grams, row.updated_at);
      return toLearned(row);
    });
  }

  /** Record one observed weight. Throws TypeError for a non-integer or negative weight. */
  observe(itemId: string, grams: number): LearnedWeight {
    if (!Number.isInteger(grams) || grams < 0) throw new TypeError(`weight must be non-negative integer grams, got ${grams}`);
    return this.observeTx.immediate(itemId, grams);
  }

  get(itemId: string): LearnedWeight | null {
    const row = this.getStmt.get(itemId);
    return row ? toLearned(row) : null;
  }
}
