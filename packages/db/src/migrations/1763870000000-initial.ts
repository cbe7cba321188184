import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1763870000000 implements MigrationInterface {
  name = 'Initial1763870000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "tenants" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "nip" character varying(10) NOT NULL, "slug" character varying(63) NOT NULL, "name" character varying(512) NOT NULL, "plan" character varying(16) NOT NULL DEFAULT 'demo', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_d243cdeb9528df1e348b610f5fd" UNIQUE ("nip"), CONSTRAINT "UQ_2310ecc5cb8be427097154b18fc" UNIQUE ("slug"), CONSTRAINT "PK_53be67a04681c66b87ee27c9321" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(320) NOT NULL, "display_name" character varying(200) NOT NULL, "password_hash" character varying(255), "disabled_at" TIMESTAMP WITH TIME ZONE, "failed_logins" integer NOT NULL DEFAULT '0', "locked_until" TIMESTAMP WITH TIME ZONE, "last_login_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_97672ac88f789774dd47f7c8be3" UNIQUE ("email"), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE TABLE "memberships" ("tenant_id" uuid NOT NULL, "user_id" uuid NOT NULL, "role" character varying(16) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7496a942c4958ee034f803461e8" PRIMARY KEY ("tenant_id", "user_id"))`,
    );
    await q.query(`CREATE INDEX "memberships_user_idx" ON "memberships" ("user_id")`);
    await q.query(
      `CREATE TABLE "job_probes" ("id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "runs" integer NOT NULL DEFAULT '1', "worker_id" character varying(200) NOT NULL, "completed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_010209e55f04cfe5b2f13772a76" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `ALTER TABLE "job_probes" ADD CONSTRAINT "FK_bc2fdcfe807d0241b01949ef825" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "memberships" ADD CONSTRAINT "FK_a9c14741084d57ac0ec0cb52af3" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "memberships" ADD CONSTRAINT "FK_7c1e2fdfed4f6838e0c05ae5051" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `CREATE TABLE "auth_sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "last_seen_at" TIMESTAMP WITH TIME ZONE, "user_agent" character varying(500), "ip" character varying(64), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_641507381f32580e8479efc36cd" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "auth_sessions_token_hash_idx" ON "auth_sessions" ("token_hash")`);
    await q.query(`CREATE INDEX "auth_sessions_user_idx" ON "auth_sessions" ("user_id")`);
    await q.query(
      `ALTER TABLE "auth_sessions" ADD CONSTRAINT "FK_50ccaa6440288a06f0ba693ccc6" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "auth_sessions"`);
    await q.query(`DROP TABLE "job_probes"`);
    await q.query(`DROP TABLE "memberships"`);
    await q.query(`DROP TABLE "users"`);
    await q.query(`DROP TABLE "tenants"`);
  }
}
