-- Schema of the co2-calculator backend tables that seed-random writes, reads or must coexist
-- with (PostgreSQL 15), reproduced from the project spec schema.md (Alembic head d88cd2f143bf).
--
-- Load it ONCE into an EMPTY database, in ONE transaction, so a failure leaves nothing behind:
--     psql -v ON_ERROR_STOP=1 -1 -f sql/schema.sql "$URL"
-- (A libpq PQexec of the whole file is also a single implicit transaction.)
-- There are deliberately no IF NOT EXISTS guards: a second load must fail loudly instead of
-- silently keeping a schema that might differ from this one.
--
-- Conventions, as the Alembic migration produces them:
--   * every `id` is SERIAL (integer + sequence <table>_id_seq) and the primary key;
--   * single-column indexes are named ix_<table>_<column>; foreign keys keep PostgreSQL's
--     default names <table>_<column>_fkey (spelled out here so they cannot drift);
--   * column order is the documented creation order (COPY without a column list relies on it).

-- pg_trgm backs the GIN trigram index on locations.keywords.
CREATE EXTENSION pg_trgm;

-- ---------------------------------------------------------------------------------------------
-- Enum types (labels are the Python enum *names*)
-- ---------------------------------------------------------------------------------------------
CREATE TYPE user_provider_enum AS ENUM ('ACCRED', 'DEFAULT', 'TEST');
CREATE TYPE role_name_enum AS ENUM
    ('CO2_USER_STD', 'CO2_USER_PRINCIPAL', 'CO2_BACKOFFICE_METIER', 'CO2_SUPERADMIN');
CREATE TYPE carbon_report_type_enum AS ENUM ('Calculator', 'Simulator_Explore', 'Simulator_Plan');
CREATE TYPE dataentrystatusenum AS ENUM ('PENDING', 'VALIDATED', 'REJECTED');
CREATE TYPE transportmodeenum AS ENUM ('plane', 'train');

-- ---------------------------------------------------------------------------------------------
-- units
-- ---------------------------------------------------------------------------------------------
CREATE TABLE units (
    provider                        user_provider_enum NOT NULL,
    institutional_code              varchar NOT NULL,
    institutional_id                varchar,
    name                            varchar NOT NULL,
    label_fr                        varchar,
    label_en                        varchar,
    level                           integer NOT NULL,
    parent_institutional_code       varchar,
    parent_institutional_id         varchar,
    path_institutional_code         varchar,
    path_institutional_id           varchar,
    path_name                       varchar,
    unit_type_id                    integer,
    unit_type_label                 varchar,
    principal_user_institutional_id varchar,
    is_active                       boolean NOT NULL,          -- no server default
    id                              SERIAL NOT NULL,
    CONSTRAINT units_pkey PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ix_units_institutional_code ON units (institutional_code);
CREATE UNIQUE INDEX ix_units_institutional_id ON units (institutional_id);
CREATE INDEX ix_units_name ON units (name);
CREATE INDEX ix_units_level ON units (level);
CREATE INDEX ix_units_parent_institutional_code ON units (parent_institutional_code);
CREATE INDEX ix_units_path_institutional_code ON units (path_institutional_code);
CREATE INDEX ix_units_principal_user_institutional_id ON units (principal_user_institutional_id);
CREATE INDEX ix_units_id ON units (id);

-- ---------------------------------------------------------------------------------------------
-- users
-- ---------------------------------------------------------------------------------------------
CREATE TABLE users (
    roles_raw          json,                                    -- list of {role, on} objects
    last_login         timestamp without time zone,
    id                 SERIAL NOT NULL,
    institutional_id   varchar NOT NULL,
    provider           user_provider_enum NOT NULL,
    email              varchar NOT NULL,
    display_name       varchar,
    "function"         varchar,
    last_roles_sync_at timestamp with time zone,
    CONSTRAINT users_pkey PRIMARY KEY (id)
);
CREATE INDEX ix_users_id ON users (id);
CREATE UNIQUE INDEX ix_users_institutional_id ON users (institutional_id);
CREATE UNIQUE INDEX ix_users_email ON users (email);

-- ---------------------------------------------------------------------------------------------
-- unit_users (link table; composite PK, no id)
-- ---------------------------------------------------------------------------------------------
CREATE TABLE unit_users (
    unit_id integer NOT NULL,
    user_id integer NOT NULL,
    role    role_name_enum NOT NULL,
    CONSTRAINT unit_users_pkey PRIMARY KEY (unit_id, user_id),
    CONSTRAINT unit_users_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES units (id),
    CONSTRAINT unit_users_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id)
);
CREATE INDEX ix_unit_users_role ON unit_users (role);

-- ---------------------------------------------------------------------------------------------
-- year_configuration (composite PK, no id)
-- ---------------------------------------------------------------------------------------------
CREATE TABLE year_configuration (
    is_started              boolean NOT NULL,
    configuration_completed timestamp with time zone,
    config                  json NOT NULL DEFAULT '{}',
    year                    integer NOT NULL,
    provider                user_provider_enum NOT NULL,
    updated_at              timestamp without time zone NOT NULL,
    CONSTRAINT year_configuration_pkey PRIMARY KEY (year, provider)
);

-- ---------------------------------------------------------------------------------------------
-- carbon_projects
-- ---------------------------------------------------------------------------------------------
CREATE TABLE carbon_projects (
    unit_id                     integer NOT NULL,
    carbon_report_type          carbon_report_type_enum NOT NULL,
    start_year                  integer,
    end_year                    integer,
    name                        varchar,
    is_viewable_by_unit_members boolean NOT NULL,
    id                          SERIAL NOT NULL,
    CONSTRAINT carbon_projects_pkey PRIMARY KEY (id),
    CONSTRAINT carbon_projects_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES units (id),
    CONSTRAINT uq_carbon_projects_unit_type UNIQUE (unit_id, carbon_report_type)
);
CREATE INDEX ix_carbon_projects_unit_id ON carbon_projects (unit_id);
CREATE INDEX ix_carbon_projects_start_year ON carbon_projects (start_year);
CREATE INDEX ix_carbon_projects_end_year ON carbon_projects (end_year);
CREATE INDEX ix_carbon_projects_name ON carbon_projects (name);
CREATE INDEX ix_carbon_projects_id ON carbon_projects (id);

-- ---------------------------------------------------------------------------------------------
-- carbon_reports
-- ---------------------------------------------------------------------------------------------
CREATE TABLE carbon_reports (
    year                integer NOT NULL,
    reference_year      integer,
    unit_id             integer NOT NULL,
    carbon_project_id   integer,
    last_updated        integer,
    completion_progress varchar,
    overall_status      integer NOT NULL,   -- 0 = not started; NO server default on purpose
    stats               json,
    id                  SERIAL NOT NULL,
    CONSTRAINT carbon_reports_pkey PRIMARY KEY (id),
    CONSTRAINT carbon_reports_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES units (id),
    CONSTRAINT carbon_reports_carbon_project_id_fkey
        FOREIGN KEY (carbon_project_id) REFERENCES carbon_projects (id),
    CONSTRAINT uq_carbon_reports_project_year UNIQUE (carbon_project_id, year)
);
CREATE INDEX ix_carbon_reports_unit_id ON carbon_reports (unit_id);
CREATE INDEX ix_carbon_reports_carbon_project_id ON carbon_reports (carbon_project_id);

-- ---------------------------------------------------------------------------------------------
-- carbon_report_modules
-- ---------------------------------------------------------------------------------------------
CREATE TABLE carbon_report_modules (
    module_type_id   integer NOT NULL,      -- 1..8, no FK
    status           integer NOT NULL,      -- ModuleStatus 0/1/2
    carbon_report_id integer NOT NULL,
    last_updated     integer,
    stats            json,
    id               SERIAL NOT NULL,
    CONSTRAINT carbon_report_modules_pkey PRIMARY KEY (id),
    CONSTRAINT carbon_report_modules_carbon_report_id_fkey
        FOREIGN KEY (carbon_report_id) REFERENCES carbon_reports (id),
    CONSTRAINT uq_carbon_report_module UNIQUE (carbon_report_id, module_type_id)
);
CREATE INDEX ix_carbon_report_modules_module_type_id ON carbon_report_modules (module_type_id);
CREATE INDEX ix_carbon_report_modules_carbon_report_id ON carbon_report_modules (carbon_report_id);
CREATE INDEX idx_crm_report_type_status
    ON carbon_report_modules (carbon_report_id, module_type_id, status);

-- ---------------------------------------------------------------------------------------------
-- data_ingestion_jobs
-- Not described by schema.md: the real table has many more columns, but only its id is
-- needed here, as the target of factors.last_seen_job_id. The seeder never touches it.
-- ---------------------------------------------------------------------------------------------
CREATE TABLE data_ingestion_jobs (
    id SERIAL NOT NULL,
    CONSTRAINT data_ingestion_jobs_pkey PRIMARY KEY (id)
);

-- ---------------------------------------------------------------------------------------------
-- factors (read by the seeder)
-- ---------------------------------------------------------------------------------------------
CREATE TABLE factors (
    emission_type_id   integer NOT NULL,
    data_entry_type_id integer NOT NULL,
    classification     jsonb,               -- jsonb: the identity indexes use classification::text
    "values"           json,
    year               integer,
    id                 SERIAL NOT NULL,
    last_seen_job_id   integer,
    CONSTRAINT factors_pkey PRIMARY KEY (id),
    CONSTRAINT factors_last_seen_job_id_fkey
        FOREIGN KEY (last_seen_job_id) REFERENCES data_ingestion_jobs (id) ON DELETE SET NULL
);
CREATE INDEX ix_factors_emission_type_id ON factors (emission_type_id);
CREATE INDEX ix_factors_data_entry_type_id ON factors (data_entry_type_id);
CREATE INDEX ix_factors_year ON factors (year);
CREATE INDEX ix_factors_id ON factors (id);
CREATE INDEX ix_factors_last_seen_job_id ON factors (last_seen_job_id);
CREATE INDEX ix_factors_data_entry_type_year ON factors (data_entry_type_id, year);
-- Factor identity: one row per (entry type, [year,] emission type, classification).
CREATE UNIQUE INDEX uq_factor_identity
    ON factors (data_entry_type_id, year, emission_type_id, ((classification)::text))
    WHERE year IS NOT NULL;
CREATE UNIQUE INDEX uq_factor_identity_no_year
    ON factors (data_entry_type_id, emission_type_id, ((classification)::text))
    WHERE year IS NULL;

-- ---------------------------------------------------------------------------------------------
-- data_entries: 7 secondary indexes + 1 FK
-- ---------------------------------------------------------------------------------------------
CREATE TABLE data_entries (
    data_entry_type_id      integer NOT NULL,   -- no FK
    carbon_report_module_id integer NOT NULL,
    data                    json,               -- json, NOT jsonb (key order/spacing preserved)
    status                  dataentrystatusenum,
    id                      SERIAL NOT NULL,
    year                    integer,
    unit_id                 integer,
    source                  integer,            -- DataEntrySourceEnum
    created_by_id           integer,
    created_at              timestamp without time zone NOT NULL,   -- no default
    updated_at              timestamp without time zone NOT NULL,   -- no default
    CONSTRAINT data_entries_pkey PRIMARY KEY (id),
    CONSTRAINT data_entries_carbon_report_module_id_fkey
        FOREIGN KEY (carbon_report_module_id) REFERENCES carbon_report_modules (id)
);
CREATE INDEX ix_data_entries_data_entry_type_id ON data_entries (data_entry_type_id);
CREATE INDEX ix_data_entries_carbon_report_module_id ON data_entries (carbon_report_module_id);
CREATE INDEX ix_data_entries_id ON data_entries (id);
CREATE INDEX ix_data_entries_year ON data_entries (year);
CREATE INDEX ix_data_entries_unit_id ON data_entries (unit_id);
CREATE INDEX ix_data_entries_source ON data_entries (source);
CREATE INDEX ix_data_entries_created_by_id ON data_entries (created_by_id);

-- ---------------------------------------------------------------------------------------------
-- data_entry_emissions: 5 secondary indexes + 2 FKs (both ON DELETE CASCADE)
-- ---------------------------------------------------------------------------------------------
CREATE TABLE data_entry_emissions (
    data_entry_id     integer NOT NULL,
    emission_type_id  integer NOT NULL,
    primary_factor_id integer,
    kg_co2eq          double precision NOT NULL,
    additional_value  double precision,
    scope             integer,
    meta              json,
    computed_at       timestamp with time zone NOT NULL,
    id                SERIAL NOT NULL,
    CONSTRAINT data_entry_emissions_pkey PRIMARY KEY (id),
    CONSTRAINT data_entry_emissions_data_entry_id_fkey
        FOREIGN KEY (data_entry_id) REFERENCES data_entries (id) ON DELETE CASCADE,
    CONSTRAINT data_entry_emissions_primary_factor_id_fkey
        FOREIGN KEY (primary_factor_id) REFERENCES factors (id) ON DELETE CASCADE
);
CREATE INDEX ix_data_entry_emissions_data_entry_id ON data_entry_emissions (data_entry_id);
CREATE INDEX ix_data_entry_emissions_emission_type_id ON data_entry_emissions (emission_type_id);
CREATE INDEX ix_data_entry_emissions_primary_factor_id ON data_entry_emissions (primary_factor_id);
CREATE INDEX ix_data_entry_emissions_computed_at ON data_entry_emissions (computed_at);
CREATE INDEX ix_data_entry_emissions_id ON data_entry_emissions (id);

-- ---------------------------------------------------------------------------------------------
-- locations (airports and train stations; reference table read by the travel formulas)
-- ---------------------------------------------------------------------------------------------
CREATE TABLE locations (
    transport_mode transportmodeenum NOT NULL,
    name           varchar(255) NOT NULL,
    airport_size   varchar,
    latitude       double precision NOT NULL,
    longitude      double precision NOT NULL,
    continent      varchar(2),
    country_code   varchar(2),
    iata_code      varchar(3),
    municipality   varchar(255),
    keywords       varchar(255),
    id             SERIAL NOT NULL,
    natural_key    varchar(500) NOT NULL,
    CONSTRAINT locations_pkey PRIMARY KEY (id)
);
CREATE INDEX ix_locations_transport_mode ON locations (transport_mode);
CREATE INDEX ix_locations_name ON locations (name);
CREATE INDEX ix_locations_continent ON locations (continent);
CREATE INDEX ix_locations_country_code ON locations (country_code);
CREATE INDEX ix_locations_iata_code ON locations (iata_code);
CREATE INDEX ix_locations_municipality ON locations (municipality);
CREATE INDEX ix_locations_keywords ON locations USING gin (keywords gin_trgm_ops);
CREATE UNIQUE INDEX uq_location_natural_key ON locations (natural_key);

-- ---------------------------------------------------------------------------------------------
-- building_rooms (reference table read by the building formulas)
-- ---------------------------------------------------------------------------------------------
CREATE TABLE building_rooms (
    building_location         varchar NOT NULL,
    building_name             varchar NOT NULL,
    room_name                 varchar NOT NULL,
    room_type                 varchar,
    room_surface_square_meter double precision,
    id                        SERIAL NOT NULL,
    CONSTRAINT building_rooms_pkey PRIMARY KEY (id)
);
CREATE INDEX ix_building_rooms_building_location ON building_rooms (building_location);
CREATE INDEX ix_building_rooms_building_name ON building_rooms (building_name);
CREATE INDEX ix_building_rooms_room_name ON building_rooms (room_name);
CREATE INDEX ix_building_rooms_id ON building_rooms (id);

-- ---------------------------------------------------------------------------------------------
-- audit_documents (hash-chained versions of audited entities; app-state.md §5). Not in
-- schema.md: reproduced from the application's audit migrations (add_new_audit_table,
-- handled_it -> handled_ids with the change-type enum, changed_by -> integer, sync status
-- fields and their enum values, the one-current-version unique index).
-- ---------------------------------------------------------------------------------------------
CREATE TYPE audit_change_type_enum AS ENUM
    ('CREATE', 'READ', 'UPDATE', 'DELETE', 'ROLLBACK', 'TRANSFER');
CREATE TYPE sync_status_enum AS ENUM
    ('PENDING', 'SYNCING', 'SYNCED', 'FAILED', 'SKIPPED', 'RETRY_QUEUED');
CREATE TABLE audit_documents (
    entity_type    varchar NOT NULL,
    entity_id      integer NOT NULL,
    version        integer NOT NULL,
    is_current     boolean NOT NULL,
    data_snapshot  json,
    data_diff      json,
    change_type    audit_change_type_enum NOT NULL,
    change_reason  varchar,
    changed_by     integer,
    changed_at     timestamp without time zone NOT NULL,
    handler_id     varchar NOT NULL,
    handled_ids    json,
    ip_address     varchar NOT NULL,
    route_path     varchar,
    route_payload  json,
    previous_hash  varchar,
    current_hash   varchar NOT NULL,
    id             SERIAL NOT NULL,
    sync_status    sync_status_enum NOT NULL DEFAULT 'PENDING',
    sync_error     varchar,
    synced_at      timestamp without time zone,
    CONSTRAINT audit_documents_pkey PRIMARY KEY (id)
);
CREATE INDEX ix_audit_documents_entity_id ON audit_documents (entity_id);
CREATE INDEX ix_audit_documents_entity_type ON audit_documents (entity_type);
CREATE INDEX ix_audit_documents_id ON audit_documents (id);
CREATE INDEX ix_audit_documents_version ON audit_documents (version);
CREATE UNIQUE INDEX audit_document_one_current_idx
    ON audit_documents (entity_id, entity_type) WHERE is_current = true;
