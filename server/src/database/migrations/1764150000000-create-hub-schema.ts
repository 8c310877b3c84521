import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The hub's first schema: people, calendar, projects with their approval items,
 * the append-only tracking card (R5), numbered notices (R17) and the
 * exactly-once record of deemed consents (R14). Only PostgreSQL 15 features.
 */
export class CreateHubSchema1764150000000 implements MigrationInterface {
  name = 'CreateHubSchema1764150000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);

    // One clock for every instance: the database's, shifted only by the test clock.
    await q.query(`
      CREATE TABLE hub_clock (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        offset_ms bigint NOT NULL DEFAULT 0 CHECK (offset_ms >= 0)
      )`);
    await q.query(`INSERT INTO hub_clock DEFAULT VALUES`);
    await q.query(`
      CREATE FUNCTION hub_now() RETURNS timestamptz LANGUAGE sql VOLATILE AS $$
        SELECT clock_timestamp() + offset_ms * interval '1 millisecond' FROM hub_clock
      $$`);

    await q.query(`
      CREATE TABLE departments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        name_en text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL UNIQUE,
        display_name text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin','leader','window','liaison','applicant')),
        department_id uuid REFERENCES departments(id),
        password_hash text NOT NULL,
        CHECK ((role = 'liaison') = (department_id IS NOT NULL))
      )`);
    await q.query(`
      CREATE TABLE sessions (
        token_hash text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);

    await q.query(`
      CREATE TABLE calendar_years (
        year int PRIMARY KEY,
        status text NOT NULL CHECK (status IN ('published','provisional'))
      )`);
    await q.query(`
      CREATE TABLE calendar_days (
        date date PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('holiday','workday')),
        name text NOT NULL
      )`);
    await q.query(`CREATE TABLE settings (key text PRIMARY KEY, value jsonb NOT NULL)`);

    // Per kind and year, gapless: the counter row is locked until the issuing transaction ends.
    await q.query(`
      CREATE TABLE number_counters (
        kind text NOT NULL,
        year int NOT NULL,
        last int NOT NULL,
        PRIMARY KEY (kind, year)
      )`);

    await q.query(`
      CREATE TABLE projects (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        owner jsonb NOT NULL,
        category text NOT NULL CHECK (category IN ('national_key','provincial_key','city_key','free_agency','leader_directed')),
        preconditions jsonb NOT NULL,
        investment_amount numeric(20,2) NOT NULL CHECK (investment_amount > 0),
        investment_currency text NOT NULL CHECK (investment_currency IN ('CNY','USD')),
        report_to_higher boolean NOT NULL,
        mega boolean NOT NULL,
        status text NOT NULL CHECK (status IN ('registered','in_channel')),
        registered_at timestamptz NOT NULL,
        registered_by uuid NOT NULL REFERENCES users(id),
        seal_number text UNIQUE,
        sealed_by uuid REFERENCES users(id),
        sealed_at timestamptz,
        lead_department_id uuid REFERENCES departments(id),
        CHECK ((status = 'in_channel') = (seal_number IS NOT NULL))
      )`);

    await q.query(`
      CREATE TABLE approval_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES projects(id),
        department_id uuid NOT NULL REFERENCES departments(id),
        is_lead boolean NOT NULL,
        status text NOT NULL CHECK (status IN ('awaiting_acceptance','in_review','approved','rejected','deemed_consent')),
        accepted_at timestamptz,
        accepted_by uuid REFERENCES users(id),
        due_at timestamptz,
        provisional boolean NOT NULL DEFAULT false,
        deadline_version int NOT NULL DEFAULT 0,
        decided_at timestamptz,
        decided_by uuid REFERENCES users(id),
        basis text,
        notice_number text,
        UNIQUE (project_id, department_id),
        CHECK (status = 'awaiting_acceptance' OR due_at IS NOT NULL)
      )`);
    // The engine's work list: only running items, ordered by due instant.
    await q.query(`CREATE INDEX approval_items_running_due ON approval_items (due_at) WHERE status = 'in_review'`);
    await q.query(`CREATE INDEX approval_items_project ON approval_items (project_id)`);

    await q.query(`
      CREATE TABLE notices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL,
        year int NOT NULL,
        serial int NOT NULL,
        number text NOT NULL UNIQUE,
        project_id uuid NOT NULL REFERENCES projects(id),
        item_id uuid REFERENCES approval_items(id),
        issued_at timestamptz NOT NULL,
        content jsonb NOT NULL,
        content_hash text NOT NULL,
        UNIQUE (kind, year, serial)
      )`);

    // R14 exactly once: a second firing of the same deadline cannot be stored.
    await q.query(`
      CREATE TABLE deemed_consents (
        item_id uuid NOT NULL REFERENCES approval_items(id),
        deadline_version int NOT NULL,
        cause text NOT NULL CHECK (cause IN ('timeout')),
        due_at timestamptz NOT NULL,
        fired_at timestamptz NOT NULL,
        notice_id uuid NOT NULL REFERENCES notices(id),
        PRIMARY KEY (item_id, deadline_version)
      )`);

    await q.query(`
      CREATE TABLE card_entries (
        position bigint PRIMARY KEY,
        project_id uuid NOT NULL REFERENCES projects(id),
        seq int NOT NULL,
        at timestamptz NOT NULL,
        actor jsonb,
        action text NOT NULL,
        before jsonb,
        after jsonb NOT NULL,
        detail jsonb NOT NULL,
        prev_hash text NOT NULL,
        hash text NOT NULL,
        UNIQUE (project_id, seq)
      )`);

    // R5/R17: card entries and notices are append-only, whatever the application does.
    await q.query(`
      CREATE FUNCTION forbid_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of ['card_entries', 'notices', 'deemed_consents']) {
      await q.query(
        `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION forbid_rewrite()`,
      );
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION forbid_rewrite()`);
    }

    // @socket.io/postgres-adapter stores payloads over 8,000 bytes here (NOTIFY's limit).
    await q.query(`
      CREATE TABLE socket_io_attachments (
        id bigserial UNIQUE,
        created_at timestamptz DEFAULT now(),
        payload bytea
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'socket_io_attachments',
      'card_entries',
      'deemed_consents',
      'notices',
      'approval_items',
      'projects',
      'number_counters',
      'settings',
      'calendar_days',
      'calendar_years',
      'sessions',
      'users',
      'departments',
      'hub_clock',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${t} CASCADE`);
    }
    await q.query(`DROP FUNCTION IF EXISTS forbid_rewrite()`);
    await q.query(`DROP FUNCTION IF EXISTS hub_now()`);
  }
}
