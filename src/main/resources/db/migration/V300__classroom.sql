-- Synchronized classroom (同步课堂): scheduled sessions, invited classrooms, observers, the event log.

CREATE TABLE class_session (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    group_id             bigint      NOT NULL REFERENCES edu_group (id),
    master_id            bigint      NOT NULL REFERENCES app_user (id),
    title                text        NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
    subject              text        NOT NULL DEFAULT '',
    starts_at            timestamptz NOT NULL,
    duration_minutes     integer     NOT NULL CHECK (duration_minutes BETWEEN 5 AND 480),
    courseware_key       text,
    courseware_name      text,
    page_count           integer     NOT NULL DEFAULT 0,
    library_resource_id  bigint,
    status               text        NOT NULL DEFAULT 'SCHEDULED' CHECK (status IN ('SCHEDULED', 'LIVE', 'ENDED')),
    created_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX class_session_group ON class_session (group_id, starts_at);
CREATE INDEX class_session_master ON class_session (master_id, starts_at);

-- An invited remote classroom: a terminal account at a member school, optionally its assistant teacher.
CREATE TABLE class_session_classroom (
    session_id    bigint  NOT NULL REFERENCES class_session (id) ON DELETE CASCADE,
    terminal_id   bigint  NOT NULL REFERENCES app_user (id),
    school_id     bigint  NOT NULL REFERENCES school (id),
    assistant_id  bigint  REFERENCES app_user (id),
    name          text    NOT NULL,
    join_code     text    NOT NULL UNIQUE CHECK (join_code ~ '^[0-9]{6}$'),
    PRIMARY KEY (session_id, terminal_id)
);
CREATE INDEX class_session_classroom_terminal ON class_session_classroom (terminal_id);
CREATE INDEX class_session_classroom_assistant ON class_session_classroom (assistant_id);

CREATE TABLE class_session_observer (
    session_id  bigint NOT NULL REFERENCES class_session (id) ON DELETE CASCADE,
    user_id     bigint NOT NULL REFERENCES app_user (id),
    PRIMARY KEY (session_id, user_id)
);
CREATE INDEX class_session_observer_user ON class_session_observer (user_id);

-- The reliable event log: one row per sequenced event, written in order by the session's single writer.
CREATE TABLE class_event (
    session_id    bigint      NOT NULL REFERENCES class_session (id) ON DELETE CASCADE,
    seq           bigint      NOT NULL CHECK (seq > 0),
    type          text        NOT NULL,
    actor_id      bigint,
    classroom_id  bigint,
    cmd_id        text,
    body          jsonb       NOT NULL,
    at_ms         bigint      NOT NULL,
    PRIMARY KEY (session_id, seq)
);
CREATE UNIQUE INDEX class_event_command ON class_event (session_id, actor_id, cmd_id) WHERE cmd_id IS NOT NULL;

-- Periodic snapshots of the reduced state, so loading a long session does not replay from the start.
CREATE TABLE class_snapshot (
    session_id  bigint      NOT NULL REFERENCES class_session (id) ON DELETE CASCADE,
    seq         bigint      NOT NULL,
    state       jsonb       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (session_id, seq)
);

-- Observers' notes for lesson review (评课), anchored to the sequence they were written at.
CREATE TABLE class_note (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    session_id  bigint      NOT NULL REFERENCES class_session (id) ON DELETE CASCADE,
    author_id   bigint      NOT NULL REFERENCES app_user (id),
    at_seq      bigint      NOT NULL DEFAULT 0,
    body        text        NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX class_note_session ON class_note (session_id, id);
