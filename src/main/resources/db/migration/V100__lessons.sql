-- Joint lesson preparation (集体备课): prep activities, lesson plans and their co-edited documents.

-- A co-edited Quill document: its change log is append-only, (doc_id, revision) is the arbiter.
CREATE TABLE coedit_doc (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE coedit_change (
    doc_id      bigint      NOT NULL REFERENCES coedit_doc (id),
    revision    integer     NOT NULL CHECK (revision >= 1),
    client_id   text        NOT NULL,
    seq         bigint      NOT NULL,
    author_id   bigint      REFERENCES app_user (id),
    delta       jsonb       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (doc_id, revision),
    UNIQUE (doc_id, client_id, seq)
);

-- Periodic snapshots (document content at a revision); loading = latest snapshot + tail of changes.
CREATE TABLE coedit_snapshot (
    doc_id      bigint      NOT NULL REFERENCES coedit_doc (id),
    revision    integer     NOT NULL CHECK (revision >= 0),
    content     jsonb       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (doc_id, revision)
);

-- Named versions ("研讨后") reference a revision; they never copy or rewrite history.
CREATE TABLE coedit_version (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    doc_id      bigint      NOT NULL REFERENCES coedit_doc (id),
    revision    integer     NOT NULL,
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    created_by  bigint      REFERENCES app_user (id),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX coedit_version_doc ON coedit_version (doc_id);

CREATE TABLE prep_activity (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    group_id      bigint      NOT NULL REFERENCES edu_group (id),
    team_id       bigint      NOT NULL REFERENCES team (id),
    topic         text        NOT NULL CHECK (length(topic) BETWEEN 1 AND 200),
    content_unit  text        NOT NULL DEFAULT '',
    starts_at     timestamptz NOT NULL,
    duration_min  integer     NOT NULL DEFAULT 90 CHECK (duration_min BETWEEN 5 AND 600),
    place         text        NOT NULL DEFAULT '',
    online        boolean     NOT NULL DEFAULT false,
    repeat_days   integer[]   NOT NULL DEFAULT '{}',
    repeat_until  date,
    lead_id       bigint      NOT NULL REFERENCES app_user (id),
    status        text        NOT NULL DEFAULT 'PLANNED' CHECK (status IN ('PLANNED', 'DONE', 'CANCELLED')),
    notes         text        NOT NULL DEFAULT '',
    created_by    bigint      NOT NULL REFERENCES app_user (id),
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX prep_activity_team ON prep_activity (team_id, starts_at);

CREATE TABLE prep_participant (
    activity_id  bigint NOT NULL REFERENCES prep_activity (id) ON DELETE CASCADE,
    user_id      bigint NOT NULL REFERENCES app_user (id),
    PRIMARY KEY (activity_id, user_id)
);
CREATE INDEX prep_participant_user ON prep_participant (user_id);

-- A lesson plan: the common plan of an activity (DRAFT → DISCUSSION → COMMON) or a personal plan forked
-- from it (PERSONAL → REFLECTED). One co-edited document per plan holds all seven sections.
CREATE TABLE lesson_plan (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    activity_id      bigint      NOT NULL REFERENCES prep_activity (id),
    parent_id        bigint      REFERENCES lesson_plan (id),
    owner_id         bigint      NOT NULL REFERENCES app_user (id),
    doc_id           bigint      NOT NULL UNIQUE REFERENCES coedit_doc (id),
    title            text        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    subject          text        NOT NULL DEFAULT '',
    grade            text        NOT NULL DEFAULT '',
    edition          text        NOT NULL DEFAULT '',
    unit             text        NOT NULL DEFAULT '',
    lesson           text        NOT NULL DEFAULT '',
    class_hours      integer     NOT NULL DEFAULT 1 CHECK (class_hours BETWEEN 1 AND 20),
    state            text        NOT NULL CHECK (state IN ('DRAFT', 'DISCUSSION', 'COMMON', 'PERSONAL', 'REFLECTED')),
    common_revision  integer,
    created_at       timestamptz NOT NULL DEFAULT now(),
    CHECK ((parent_id IS NULL) = (state IN ('DRAFT', 'DISCUSSION', 'COMMON')))
);
CREATE UNIQUE INDEX lesson_plan_one_common ON lesson_plan (activity_id) WHERE parent_id IS NULL;
CREATE UNIQUE INDEX lesson_plan_one_personal ON lesson_plan (parent_id, owner_id) WHERE parent_id IS NOT NULL;

CREATE TABLE plan_transition (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    plan_id     bigint      NOT NULL REFERENCES lesson_plan (id),
    from_state  text,
    to_state    text        NOT NULL,
    actor_id    bigint      NOT NULL REFERENCES app_user (id),
    revision    integer,
    at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX plan_transition_plan ON plan_transition (plan_id);
