-- Platform foundation: education groups, schools, users and their roles, teams, sessions, audit.

CREATE TABLE edu_group (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name            text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    mode            text        NOT NULL CHECK (mode IN ('TIGHT', 'ALLIANCE', 'TRUSTEESHIP')),
    description     text        NOT NULL DEFAULT '',
    lead_school_id  bigint,
    created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE school (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    group_id    bigint      NOT NULL REFERENCES edu_group (id),
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    kind        text        NOT NULL CHECK (kind IN ('URBAN', 'RURAL', 'NEW', 'WEAK')),
    address     text        NOT NULL DEFAULT '',
    is_lead     boolean     NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (group_id, name)
);
CREATE UNIQUE INDEX school_one_lead_per_group ON school (group_id) WHERE is_lead;

ALTER TABLE edu_group ADD CONSTRAINT edu_group_lead_school_fk FOREIGN KEY (lead_school_id) REFERENCES school (id);

CREATE TABLE app_user (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username       text        NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9_.-]{3,32}$'),
    display_name   text        NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
    password_hash  text        NOT NULL,
    group_id       bigint      REFERENCES edu_group (id),
    school_id      bigint      REFERENCES school (id),
    stage          text        CHECK (stage IN ('NOVICE', 'RISING', 'BACKBONE', 'MATURE', 'SENIOR')),
    subjects       text[]      NOT NULL DEFAULT '{}',
    token_version  integer     NOT NULL DEFAULT 0,
    disabled       boolean     NOT NULL DEFAULT false,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX app_user_group ON app_user (group_id);
CREATE INDEX app_user_school ON app_user (school_id);

-- A role held in a scope: GROUP_ADMIN in a group (group_id NULL: may create groups), SCHOOL_ADMIN,
-- TEACHER, TERMINAL and OBSERVER in a school of a group. RESEARCH_LEAD is derived from team leadership.
CREATE TABLE role_grant (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     bigint NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    role        text   NOT NULL CHECK (role IN ('GROUP_ADMIN', 'SCHOOL_ADMIN', 'TEACHER', 'TERMINAL', 'OBSERVER')),
    group_id    bigint REFERENCES edu_group (id),
    school_id   bigint REFERENCES school (id),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX role_grant_unique ON role_grant (user_id, role, coalesce(group_id, 0), coalesce(school_id, 0));
CREATE INDEX role_grant_group ON role_grant (group_id);

-- 学科教研组 (SUBJECT) and 年级备课组 (PREP); members may come from any school of the group.
CREATE TABLE team (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    group_id     bigint      NOT NULL REFERENCES edu_group (id),
    kind         text        NOT NULL CHECK (kind IN ('SUBJECT', 'PREP')),
    name         text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    subject      text        NOT NULL,
    grade        text,
    description  text        NOT NULL DEFAULT '',
    created_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (group_id, name),
    CHECK (kind = 'SUBJECT' OR grade IS NOT NULL)
);

CREATE TABLE team_member (
    team_id    bigint NOT NULL REFERENCES team (id) ON DELETE CASCADE,
    user_id    bigint NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    role       text   NOT NULL DEFAULT 'MEMBER' CHECK (role IN ('MEMBER', 'LEAD')),
    joined_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_member_user ON team_member (user_id);

-- Refresh tokens: only the SHA-256 is kept. A family is one login; rotation spends a token and issues the
-- next in the same family; presenting a spent token revokes the whole family.
CREATE TABLE refresh_token (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id      bigint      NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    token_hash   text        NOT NULL UNIQUE,
    family_id    uuid        NOT NULL,
    expires_at   timestamptz NOT NULL,
    spent_at     timestamptz,
    revoked_at   timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refresh_token_family ON refresh_token (family_id);
CREATE INDEX refresh_token_user ON refresh_token (user_id);

CREATE TABLE login_attempt (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username   text        NOT NULL,
    address    text        NOT NULL,
    success    boolean     NOT NULL,
    at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_attempt_user ON login_attempt (username, at);
CREATE INDEX login_attempt_address ON login_attempt (address, at);

CREATE TABLE audit_event (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    actor_id    bigint REFERENCES app_user (id),
    group_id    bigint REFERENCES edu_group (id),
    action      text        NOT NULL,
    target      text        NOT NULL,
    detail      jsonb       NOT NULL DEFAULT '{}',
    at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_event_group ON audit_event (group_id, at);
