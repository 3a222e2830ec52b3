// N real dossiers for the page benchmark, seeded set-based in a few statements.
// "Real": each is a clone of a template dossier that the engine itself walked
// (page-templates.ts) stopped at one of its steps — the snapshot, state, status
// and version the engine stored there, the events it wrote up to there, re-timed
// and re-chained (seq, payload hash, hash of the previous event, exactly as
// event-store.ts computes them, in SQL), the step visits, and for a third of them
// the attached scan. Spread: the four communes of the demo province in turn; one
// in ten still open, stopped at reception, review, signature or result-ready and
// accepted up to nine days ago, so some are overdue and some at risk; the rest
// returned, received over the year before.
import pg from 'pg';
import { templateProcedure, walkTemplates, type TemplateWalk } from './page-templates.ts';
import { analyzeSeeded, beginBulkSeed, demoCommunes } from './seed-scale.ts';

/** Time between two steps of a seeded dossier. */
const gapHours = 2;

// RFC 8785 canonical JSON, as canonical-json.ts produces it, for what the seeded
// events hold: payloads are objects of scalars and empty objects (keys sorted by
// code unit; all are ASCII, so "C" order), and the hashed body of an event is
// spelled out key by key in event-store.ts's order. Plain concatenation, no
// recursion: each event costs one small subquery.
const canonicalFunctions = `
  CREATE FUNCTION pg_temp.canon_flat(j jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT '{' || coalesce((SELECT string_agg(to_json(k)::text || ':' || v::text, ',' ORDER BY k COLLATE "C") FROM jsonb_each(j) AS e(k, v)), '') || '}'
  $$;
  CREATE FUNCTION pg_temp.iso(t timestamptz) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
  $$;
  CREATE FUNCTION pg_temp.sha(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT encode(sha256(convert_to(t, 'UTF8')), 'hex')
  $$;`;

/** The canonical text of a JSON string or null column. */
const js = (column: string) => `coalesce(to_json(${column})::text, 'null')`;
const eventBody = `'{"actorId":' || ${js('x.actor_id::text')} || ',"actorRole":' || ${js('x.actor_role')} || ',"at":' || ${js('pg_temp.iso(x.at)')}
  || ',"comment":' || ${js('x.comment')} || ',"dossierId":' || ${js('x.dossier_id::text')} || ',"fromState":' || ${js('x.from_state')}
  || ',"payloadHash":' || ${js('x.payload_hash')} || ',"prevHash":' || ${js('x.prev_hash')} || ',"seq":' || x.seq || ',"statusCode":' || x.status_code
  || ',"toState":' || ${js('x.to_state')} || ',"type":' || ${js('x.type')} || ',"unitId":' || ${js('x.unit_id')} || '}'`;

interface TemplateRows {
  stages: Array<Record<string, unknown>>;
  events: Array<Record<string, unknown>>;
  steps: Array<Record<string, unknown>>;
}

/**
 * The templates as rows with times replaced by step numbers (step m: the m-th
 * call of the walk; a seeded dossier takes step m at received_at + m × gap) and
 * due dates by their offset from the step that set them.
 */
function templateRows(walks: TemplateWalk[]): TemplateRows {
  const out: TemplateRows = { stages: [], events: [], steps: [] };
  for (const [walk, w] of walks.entries()) {
    const stepOfSeq = (seq: number) => w.stages.findIndex((s) => s.eventCount >= seq);
    const stepAt = w.stages.map((s) => w.events.find((e) => e.seq === s.eventCount)!.at as Date);
    const stepOfTime = (t: Date) => stepAt.findIndex((a) => a.getTime() === t.getTime());
    const firstWith = (column: string) => w.stages.findIndex((s) => s.row[column] !== null);
    const offset = (column: string, stage: number) => {
      const v = w.stages[stage]!.row[column] as Date | null;
      const from = firstWith(column);
      return v === null ? null : { step: from, seconds: (v.getTime() - stepAt[from]!.getTime()) / 1000 };
    };
    for (const [stage, s] of w.stages.entries()) {
      const due = offset('due_at', stage);
      const stepDue = offset('step_due_at', stage);
      out.stages.push({
        walk, stage, event_count: s.eventCount, state: s.row.state, status_code: s.row.status_code, snapshot: s.row.snapshot, outcome: s.row.outcome,
        closed: s.row.closed_at !== null, version: s.row.version, data: s.row.data,
        due_step: due?.step ?? null, due_seconds: due?.seconds ?? null, step_due_step: stepDue?.step ?? null, step_due_seconds: stepDue?.seconds ?? null,
      });
    }
    for (const e of w.events)
      out.events.push({ walk, seq: e.seq, step: stepOfSeq(e.seq as number), type: e.type, actor_role: e.actor_role, from_state: e.from_state, to_state: e.to_state, status_code: e.status_code, comment: e.comment, payload: e.payload });
    for (const s of w.steps) {
      const enter = stepOfTime(s.entered_at as Date);
      out.steps.push({ walk, state: s.state, enter_step: enter, leave_step: s.left_at ? stepOfTime(s.left_at as Date) : null, due_seconds: s.due_at ? ((s.due_at as Date).getTime() - stepAt[enter]!.getTime()) / 1000 : null });
    }
  }
  return out;
}

export interface SeedFigures {
  seconds: number;
  dossiers: number;
  open: number;
  events: number;
  steps: number;
  attachments: number;
}

/** Migrates `databaseUrl`, seeds the demo province and `count` dossiers of marriage registration over its communes. */
export async function seedPageDossiers(databaseUrl: string, count: number): Promise<SeedFigures> {
  const t0 = performance.now();
  const walks = await walkTemplates(databaseUrl);
  const attached = walks.find((w) => w.withAttachment)!.attachments[0]!;
  const tpl = templateRows(walks);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const q = (sql: string, values: unknown[] = []) => client.query(sql, values);
  try {
    await beginBulkSeed((sql) => q(sql));
    await q(canonicalFunctions);
    await q(`CREATE TEMP TABLE tpl_stages AS SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(walk int, stage int, event_count int, state text, status_code smallint, snapshot jsonb, outcome text, closed boolean, version int, data jsonb, due_step int, due_seconds float8, step_due_step int, step_due_seconds float8)`, [JSON.stringify(tpl.stages)]);
    await q(`CREATE TEMP TABLE tpl_events AS SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(walk int, seq int, step int, type text, actor_role text, from_state text, to_state text, status_code smallint, comment text, payload jsonb)`, [JSON.stringify(tpl.events)]);
    await q(`CREATE TEMP TABLE tpl_steps AS SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(walk int, state text, enter_step int, leave_step int, due_seconds float8)`, [JSON.stringify(tpl.steps)]);

    // One row per seeded dossier: where it is, which walk, how far along, when received.
    // Open (i % 10 = 0): stopped before the last step; its last step taken 0–9 days ago.
    // Closed: returned, received over the year before that.
    await q(
      `CREATE TEMP TABLE seed AS
       SELECT s.i, gen_random_uuid() AS id, gen_random_uuid() AS attachment_id, s.unit, s.walk, s.stage, st.event_count, st.closed,
              date_trunc('second', CASE WHEN s.open THEN now() - ((s.i * 7919) % 777600) * interval '1 second'
                                        ELSE now() - interval '10 days' - (s.i::float8 / $1::int) * interval '355 days' END) - s.stage * $2::int * interval '1 hour' AS received_at
       FROM (SELECT i, ($3::text[])[1 + i % 4] AS unit, (i % 3 = 0)::int AS walk, i % 10 = 0 AS open,
                    CASE WHEN i % 10 = 0 THEN (i / 10) % (m.last) ELSE m.last END AS stage
             FROM generate_series(1, $1::int) AS i
             CROSS JOIN LATERAL (SELECT max(stage) AS last FROM tpl_stages WHERE walk = (i % 3 = 0)::int) m) s
       JOIN tpl_stages st ON st.walk = s.walk AND st.stage = s.stage`,
      [count, gapHours, demoCommunes],
    );
    await q('CREATE UNIQUE INDEX ON seed (id)');
    const at = (step: string) => `(s.received_at + ${step} * ${gapHours} * interval '1 hour')`;

    // Vietnamese names: 12 family names × 6 middle × 20 given.
    const applicant = `jsonb_build_object('fullName',
        (ARRAY['Nguyễn','Trần','Lê','Phạm','Hoàng','Huỳnh','Phan','Vũ','Võ','Đặng','Bùi','Đỗ'])[1 + s.i % 12] || ' ' ||
        (ARRAY['Văn','Thị','Hữu','Minh','Thu','Đức'])[1 + (s.i / 12) % 6] || ' ' ||
        (ARRAY['An','Bình','Cúc','Dũng','Giang','Hà','Hạnh','Hoa','Hùng','Khánh','Lan','Long','Mai','Nam','Ngọc','Phúc','Quang','Sơn','Thảo','Tuấn'])[1 + (s.i / 72) % 20],
        'idNumber', lpad((27000000000 + s.i)::text, 12, '0'))`;
    await q(
      `INSERT INTO dossiers (id, receipt_code, procedure_code, procedure_version, state, status_code, snapshot, applicant, data, receiving_unit, competent_unit, current_unit,
                             outcome, received_at, due_at, step_due_at, closed_at, updated_at, version, event_seq, channel)
       SELECT s.id, u.code || '-' || to_char(s.received_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYMMDD') || '-' ||
                    lpad((coalesce(rs.last, 0) + row_number() OVER (PARTITION BY s.unit, (s.received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date ORDER BY s.i))::text, 4, '0'),
              $1, pv.version, st.state, st.status_code, st.snapshot, ${applicant}, st.data, s.unit, s.unit, s.unit,
              st.outcome, s.received_at,
              ${at('st.due_step')} + st.due_seconds * interval '1 second', ${at('st.step_due_step')} + st.step_due_seconds * interval '1 second',
              CASE WHEN st.closed THEN ${at('s.stage')} END, ${at('s.stage')}, st.version, st.event_count, CASE WHEN s.i % 3 = 1 THEN 'online' ELSE 'desk' END
       FROM seed s JOIN tpl_stages st ON st.walk = s.walk AND st.stage = s.stage JOIN units u ON u.id = s.unit
       LEFT JOIN receipt_sequences rs ON rs.unit_id = s.unit AND rs.day = (s.received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
       CROSS JOIN (SELECT max(version) AS version FROM procedure_versions WHERE code = $1 AND status = 'published') pv`,
      [templateProcedure],
    );
    // New receptions continue the numbering (the templates' numbers came first).
    await q(
      `INSERT INTO receipt_sequences (unit_id, day, last)
       SELECT receiving_unit, (received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, count(*) FROM dossiers GROUP BY 1, 2
       ON CONFLICT (unit_id, day) DO UPDATE SET last = GREATEST(receipt_sequences.last, EXCLUDED.last)`,
    );

    // Events, one seq at a time: each chains to the hash of the one inserted before it.
    const maxSeq = Math.max(...tpl.events.map((e) => e.seq as number));
    for (let seq = 1; seq <= maxSeq; seq += 1) {
      await q(
        `INSERT INTO dossier_events (dossier_id, seq, type, actor_id, actor_role, unit_id, at, from_state, to_state, status_code, comment, payload, payload_hash, prev_hash, hash)
         SELECT x.dossier_id, x.seq, x.type, x.actor_id, x.actor_role, x.unit_id, x.at, x.from_state, x.to_state, x.status_code, x.comment, x.payload, x.payload_hash, x.prev_hash,
                pg_temp.sha(${eventBody})
         FROM (SELECT y.*, pg_temp.sha(pg_temp.canon_flat(y.payload)) AS payload_hash
               FROM (SELECT s.id AS dossier_id, e.seq, e.type, usr.id AS actor_id, e.actor_role, s.unit AS unit_id, ${at('e.step')} AS at,
                            e.from_state, e.to_state, e.status_code, e.comment, prev.hash AS prev_hash,
                            CASE
                              WHEN e.type = 'ATTACHMENT_ADDED' THEN e.payload || jsonb_build_object('attachmentId', s.attachment_id::text)
                              WHEN e.type = 'DUE_DATE_CHANGED' THEN e.payload || jsonb_build_object('to', pg_temp.iso(d.due_at))
                              WHEN e.payload ? 'currentUnit' THEN e.payload || jsonb_build_object('currentUnit', s.unit)
                              ELSE e.payload END AS payload
                     FROM seed s
                     JOIN dossiers d ON d.id = s.id
                     JOIN tpl_events e ON e.walk = s.walk AND e.seq = $1 AND e.seq <= s.event_count
                     JOIN users usr ON usr.username = e.actor_role || '.' || s.unit
                     LEFT JOIN dossier_events prev ON prev.dossier_id = s.id AND prev.seq = $1 - 1) y) x`,
        [seq],
      );
    }
    await q(`UPDATE dossiers d SET event_hash = e.hash FROM dossier_events e WHERE e.dossier_id = d.id AND e.seq = d.event_seq`);

    await q(
      `INSERT INTO dossier_steps (dossier_id, state, unit_id, entered_at, due_at, left_at)
       SELECT s.id, t.state, s.unit, ${at('t.enter_step')}, ${at('t.enter_step')} + t.due_seconds * interval '1 second',
              CASE WHEN t.leave_step <= s.stage THEN ${at('t.leave_step')} END
       FROM seed s JOIN tpl_steps t ON t.walk = s.walk AND t.enter_step <= s.stage
       ORDER BY s.i, t.enter_step`,
    );
    await q(
      `INSERT INTO dossier_attachments (id, dossier_id, document_id, file_name, media_type, size, sha256, uploaded_by, unit_id, uploaded_at, event_seq)
       SELECT s.attachment_id, s.id, $1, $2, $3, $4, $5, usr.id, s.unit, ${at('e.step')}, e.seq
       FROM seed s JOIN tpl_events e ON e.walk = s.walk AND e.type = 'ATTACHMENT_ADDED' AND e.seq <= s.event_count
       JOIN users usr ON usr.username = 'receiver.' || s.unit`,
      [attached.document_id, attached.file_name, attached.media_type, attached.size, attached.sha256],
    );
    await analyzeSeeded((sql) => q(sql), ['dossiers', 'dossier_events', 'dossier_steps', 'dossier_attachments', 'receipt_sequences']);
    const counts = (await q(
      `SELECT (SELECT count(*) FROM dossiers)::int AS dossiers, (SELECT count(*) FROM dossiers WHERE closed_at IS NULL)::int AS open,
              (SELECT count(*) FROM dossier_events)::int AS events, (SELECT count(*) FROM dossier_steps)::int AS steps, (SELECT count(*) FROM dossier_attachments)::int AS attachments`,
    )).rows[0] as Omit<SeedFigures, 'seconds'>;
    return { seconds: (performance.now() - t0) / 1000, ...counts };
  } finally {
    await client.end();
  }
}
