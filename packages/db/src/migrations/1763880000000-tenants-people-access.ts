import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The role the apps connect as: not the owner of the tables, so row-level security applies to it. */
export const APP_ROLE = 'bufor_app';

/** The tenant tables as this migration made them (frozen: later migrations add theirs to TENANT_TABLES). */
const TENANT_TABLES_OF_THIS_MIGRATION = [
  'job_probes',
  'user_groups',
  'user_group_members',
  'folders',
  'folder_grants',
  'documents',
  'api_keys',
  'ksef_credentials',
  'audit_events',
] as const;

export class TenantsPeopleAccess1763880000000 implements MigrationInterface {
  name = 'TenantsPeopleAccess1763880000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "api_keys" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "prefix" character varying(16) NOT NULL, "key_hash" character(64) NOT NULL, "scopes" character varying(32) array NOT NULL, "created_by" uuid, "expires_at" TIMESTAMP WITH TIME ZONE, "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5c8a79801b44bd27b79228e1dad" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "api_keys_prefix_idx" ON "api_keys" ("prefix")`);
    await q.query(`CREATE INDEX "api_keys_tenant_idx" ON "api_keys" ("tenant_id")`);
    await q.query(
      `CREATE TABLE "audit_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "actor_user_id" uuid, "actor_api_key_id" uuid, "action" character varying(64) NOT NULL, "target_type" character varying(32) NOT NULL, "target_id" character varying(64), "before" jsonb, "after" jsonb, "ip" character varying(64), "correlation_id" character varying(100), "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_910f64d901a5c3e9878f0d4a407" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "audit_events_tenant_at_idx" ON "audit_events" ("tenant_id", "at")`);
    await q.query(
      `CREATE TABLE "folders" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "parent_id" uuid, "name" character varying(200) NOT NULL, "system_key" character varying(32), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8578bd31b0e7f6d6c2480dbbca8" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "folders_tenant_system_key_idx" ON "folders" ("tenant_id", "system_key") WHERE "system_key" IS NOT NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "folders_tenant_parent_name_idx" ON "folders" ("tenant_id", "parent_id", "name")`,
    );
    await q.query(
      `CREATE TABLE "documents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "folder_id" uuid NOT NULL, "direction" character varying(8) NOT NULL, "kind" character varying(16) NOT NULL, "status" character varying(16) NOT NULL, "number" character varying(256) NOT NULL, "seller_nip" character varying(10), "seller_name" character varying(512) NOT NULL, "buyer_nip" character varying(10), "buyer_name" character varying(512) NOT NULL, "issue_date" date NOT NULL, "sale_date" date, "currency" character(3) NOT NULL DEFAULT 'PLN', "net_total" numeric(18,2) NOT NULL, "vat_total" numeric(18,2) NOT NULL, "gross_total" numeric(18,2) NOT NULL, "ksef_number" character varying(64), "ksef_accepted_at" TIMESTAMP WITH TIME ZONE, "xml_key" character varying(512), "pdf_key" character varying(512), "upo_key" character varying(512), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ac51aa5181ee2036f5ca482857c" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "documents_tenant_ksef_idx" ON "documents" ("tenant_id", "ksef_number") WHERE "ksef_number" IS NOT NULL`,
    );
    await q.query(`CREATE INDEX "documents_tenant_number_idx" ON "documents" ("tenant_id", "number")`);
    await q.query(`CREATE INDEX "documents_tenant_buyer_idx" ON "documents" ("tenant_id", "buyer_nip")`);
    await q.query(`CREATE INDEX "documents_tenant_seller_idx" ON "documents" ("tenant_id", "seller_nip")`);
    await q.query(`CREATE INDEX "documents_tenant_issue_idx" ON "documents" ("tenant_id", "issue_date", "id")`);
    await q.query(
      `CREATE INDEX "documents_tenant_folder_issue_idx" ON "documents" ("tenant_id", "folder_id", "issue_date", "id")`,
    );
    await q.query(
      `CREATE TABLE "user_groups" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "description" character varying(1000), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ea7760dc75ee1bf0b09ab9b3289" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "user_groups_tenant_name_idx" ON "user_groups" ("tenant_id", "name")`);
    await q.query(
      `CREATE TABLE "user_group_members" ("group_id" uuid NOT NULL, "user_id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_df1fd0cc48111f3bc8f945046ab" PRIMARY KEY ("group_id", "user_id"))`,
    );
    await q.query(`CREATE INDEX "user_group_members_user_idx" ON "user_group_members" ("tenant_id", "user_id")`);
    await q.query(
      `CREATE TABLE "folder_grants" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "folder_id" uuid NOT NULL, "user_id" uuid, "group_id" uuid, "permission" character varying(8) NOT NULL, "document_kinds" character varying(16) array, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ffb3f5e5a4e65f3da8a68586a03" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "folder_grants_group_idx" ON "folder_grants" ("tenant_id", "group_id")`);
    await q.query(`CREATE INDEX "folder_grants_user_idx" ON "folder_grants" ("tenant_id", "user_id")`);
    await q.query(`CREATE INDEX "folder_grants_tenant_folder_idx" ON "folder_grants" ("tenant_id", "folder_id")`);
    await q.query(
      `CREATE TABLE "ksef_credentials" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "method" character varying(24) NOT NULL, "secret_envelope" text, "details" jsonb NOT NULL DEFAULT '{}', "expires_at" TIMESTAMP WITH TIME ZONE, "last_success_at" TIMESTAMP WITH TIME ZONE, "last_error" character varying(2000), "last_error_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4d0d12663ce15e6914c02d49481" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "ksef_credentials_tenant_idx" ON "ksef_credentials" ("tenant_id")`);
    await q.query(
      `CREATE TABLE "user_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "tenant_id" uuid, "purpose" character varying(16) NOT NULL, "token_hash" character(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_63764db9d9aaa4af33e07b2f4bf" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "user_tokens_token_hash_idx" ON "user_tokens" ("token_hash")`);
    await q.query(`CREATE INDEX "user_tokens_user_idx" ON "user_tokens" ("user_id")`);
    await q.query(`ALTER TABLE "tenants" ADD "registered_address" jsonb`);
    await q.query(`ALTER TABLE "tenants" ADD "correspondence_address" jsonb`);
    await q.query(`ALTER TABLE "tenants" ADD "eori" character varying(17)`);
    await q.query(`ALTER TABLE "tenants" ADD "taxpayer_status" character varying(16) NOT NULL DEFAULT 'active'`);
    await q.query(`ALTER TABLE "tenants" ADD "contact_email" character varying(320)`);
    await q.query(`ALTER TABLE "tenants" ADD "ksef_environment" character varying(4) NOT NULL DEFAULT 'SIM'`);
    await q.query(`ALTER TABLE "users" ADD "is_platform_operator" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "memberships" ADD "disabled_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(
      `ALTER TABLE "api_keys" ADD CONSTRAINT "FK_3ac18429c8d27858d79432e0dda" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "folders" ADD CONSTRAINT "FK_9d2442d00527b798fefeae83f0f" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "folders" ADD CONSTRAINT "FK_938a930768697b6ece215667d8e" FOREIGN KEY ("parent_id") REFERENCES "folders"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "documents" ADD CONSTRAINT "FK_5109a94ccfd3f39bf4a7a1e1fa6" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "documents" ADD CONSTRAINT "FK_e0ccba38ea80d444e2f4614d7cd" FOREIGN KEY ("folder_id") REFERENCES "folders"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "user_groups" ADD CONSTRAINT "FK_7a34395fd173b036574016850f4" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "user_group_members" ADD CONSTRAINT "FK_0ff9c9893bced1f20a11c992c16" FOREIGN KEY ("group_id") REFERENCES "user_groups"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "user_group_members" ADD CONSTRAINT "FK_32ba1d353e99d14130486cd34cf" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "folder_grants" ADD CONSTRAINT "FK_4c525b9ee6f9945c999167f3421" FOREIGN KEY ("folder_id") REFERENCES "folders"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "folder_grants" ADD CONSTRAINT "FK_e13cd85097611d1282070785807" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "folder_grants" ADD CONSTRAINT "FK_f08ace6b4ffa8b7b2c6174d65b7" FOREIGN KEY ("group_id") REFERENCES "user_groups"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "ksef_credentials" ADD CONSTRAINT "FK_3994527ce8f8c0d163ad4f6548c" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "user_tokens" ADD CONSTRAINT "FK_9e144a67be49e5bba91195ef5de" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "folders_tenant_root_name_idx" ON "folders" ("tenant_id", "name") WHERE "parent_id" IS NULL`,
    );

    // Second wall behind the repositories: a row of a tenant table is visible and writable only inside a
    // transaction whose bufor.tenant_id is that tenant (TenantScope). Not FORCEd: the owner (migrations, seed,
    // the definer functions below) is not confined; the apps connect as APP_ROLE, which is.
    for (const table of TENANT_TABLES_OF_THIS_MIGRATION) {
      await q.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await q.query(
        `CREATE POLICY "${table}_tenant" ON "${table}" USING ("tenant_id" = NULLIF(current_setting('bufor.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('bufor.tenant_id', true), '')::uuid)`,
      );
    }

    // An integration authenticates before its tenant is known: the key is found by its public prefix only.
    await q.query(
      `CREATE FUNCTION bufor_api_key_by_prefix(key_prefix varchar) RETURNS SETOF api_keys LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$ SELECT * FROM api_keys WHERE prefix = key_prefix $$`,
    );
    await q.query(`REVOKE ALL ON FUNCTION bufor_api_key_by_prefix(varchar) FROM PUBLIC`);

    // Every tenant has the system folder "Nieprzypisane" (unassigned) from its first moment, however it is created.
    await q.query(
      `CREATE FUNCTION bufor_create_system_folders() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$ BEGIN INSERT INTO folders (tenant_id, parent_id, name, system_key) VALUES (NEW.id, NULL, 'Nieprzypisane', 'unassigned'); RETURN NEW; END $$`,
    );
    await q.query(
      `CREATE TRIGGER tenants_system_folders AFTER INSERT ON tenants FOR EACH ROW EXECUTE FUNCTION bufor_create_system_folders()`,
    );
    await q.query(
      `INSERT INTO folders (tenant_id, parent_id, name, system_key) SELECT id, NULL, 'Nieprzypisane', 'unassigned' FROM tenants`,
    );

    await grantAppRole(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS tenants_system_folders ON tenants`);
    await q.query(`DROP FUNCTION IF EXISTS bufor_create_system_folders()`);
    await q.query(`DROP FUNCTION IF EXISTS bufor_api_key_by_prefix(varchar)`);
    for (const table of [
      'user_tokens',
      'ksef_credentials',
      'folder_grants',
      'user_group_members',
      'user_groups',
      'documents',
      'folders',
      'audit_events',
      'api_keys',
    ]) {
      await q.query(`DROP TABLE "${table}"`);
    }
    await q.query(`ALTER TABLE "job_probes" DISABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE "memberships" DROP COLUMN "disabled_at"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "is_platform_operator"`);
    for (const column of [
      'ksef_environment',
      'contact_email',
      'taxpayer_status',
      'eori',
      'correspondence_address',
      'registered_address',
    ]) {
      await q.query(`ALTER TABLE "tenants" DROP COLUMN "${column}"`);
    }
  }
}

/**
 * Lets the app role use every table and sequence, now and for tables later migrations create. The role is made by
 * the set-up (scripts/lib/services.sh, or the platform's database provisioning); without it this is a no-op.
 */
export async function grantAppRole(q: QueryRunner): Promise<void> {
  const exists = (await q.query(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [APP_ROLE])) as unknown[];
  if (exists.length === 0) return;
  await q.query(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`);
  await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP_ROLE}`);
  await q.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE}`);
  await q.query(`GRANT EXECUTE ON FUNCTION bufor_api_key_by_prefix(varchar) TO ${APP_ROLE}`);
  await q.query(
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${APP_ROLE}`,
  );
  await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${APP_ROLE}`);
}
