-- Comments on lesson plans, anchored to a text range. The anchor is stored at a revision and moved to the
-- head with transformPosition when read, so a comment stays on its text while others edit around it.
CREATE TABLE plan_comment (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    plan_id          bigint      NOT NULL REFERENCES lesson_plan (id),
    parent_id        bigint      REFERENCES plan_comment (id),
    author_id        bigint      NOT NULL REFERENCES app_user (id),
    body             text        NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
    anchor_revision  integer,
    anchor_index     integer,
    anchor_length    integer,
    quote            text        NOT NULL DEFAULT '',
    resolved         boolean     NOT NULL DEFAULT false,
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX plan_comment_plan ON plan_comment (plan_id, id);
