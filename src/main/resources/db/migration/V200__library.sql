-- Shared courseware library (优质课程资源库): stored files, resources and their metadata, the textbook
-- catalogue, favorites, ratings, review settings and the administrator-extendable synonym list.

-- One stored file per distinct content (SHA-256): identical uploads share it.
CREATE TABLE library_blob (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sha256      text        NOT NULL UNIQUE,
    object_key  text        NOT NULL UNIQUE,
    size_bytes  bigint      NOT NULL CHECK (size_bytes > 0),
    mime        text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE library_resource (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    blob_id         bigint      NOT NULL REFERENCES library_blob (id),
    owner_id        bigint      NOT NULL REFERENCES app_user (id),
    group_id        bigint      NOT NULL REFERENCES edu_group (id),
    school_id       bigint      REFERENCES school (id),
    file_name       text        NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
    title           text        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    description     text        NOT NULL DEFAULT '',
    stage           text,
    grade           text,
    subject         text,
    edition         text,
    volume          text,
    unit            text,
    section         text,
    catalogue_id    bigint,
    type            text        NOT NULL CHECK (type IN ('教案', '课件', '学案', '试题', '微课', '素材', '单元设计')),
    tags            text[]      NOT NULL DEFAULT '{}',
    licence         text        NOT NULL DEFAULT 'CC BY-NC-SA 4.0',
    visibility      text        NOT NULL CHECK (visibility IN ('private', 'school', 'group', 'public')),
    status          text        NOT NULL DEFAULT 'processing' CHECK (status IN ('processing', 'ready', 'failed')),
    status_reason   text,
    review_state    text        NOT NULL DEFAULT 'approved'
                                CHECK (review_state IN ('pending', 'approved', 'rejected')),
    review_reason   text,
    reviewed_by     bigint      REFERENCES app_user (id),
    downloads       bigint      NOT NULL DEFAULT 0,
    rating_sum      integer     NOT NULL DEFAULT 0,
    rating_count    integer     NOT NULL DEFAULT 0,
    favorites       integer     NOT NULL DEFAULT 0,
    text_chars      integer     NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX library_resource_group ON library_resource (group_id, created_at DESC);
CREATE INDEX library_resource_owner ON library_resource (owner_id);
CREATE INDEX library_resource_blob ON library_resource (blob_id);
CREATE INDEX library_resource_review ON library_resource (group_id, review_state);

-- Extracted text (and its bge-small-zh embedding) kept apart from the metadata row (it can be large; only the indexer reads it).
CREATE TABLE library_text (
    resource_id  bigint PRIMARY KEY REFERENCES library_resource (id) ON DELETE CASCADE,
    body         text   NOT NULL,
    embedding    real[]
);

CREATE TABLE library_favorite (
    resource_id  bigint      NOT NULL REFERENCES library_resource (id) ON DELETE CASCADE,
    user_id      bigint      NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    at           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (resource_id, user_id)
);

CREATE TABLE library_rating (
    resource_id  bigint      NOT NULL REFERENCES library_resource (id) ON DELETE CASCADE,
    user_id      bigint      NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    stars        smallint    NOT NULL CHECK (stars BETWEEN 1 AND 5),
    at           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (resource_id, user_id)
);

-- Per-group library rules: whether group-wide or public sharing waits for a research lead's approval.
CREATE TABLE library_group_settings (
    group_id        bigint  PRIMARY KEY REFERENCES edu_group (id),
    require_review  boolean NOT NULL DEFAULT false
);

-- The textbook catalogue tree: 学科 → 教材版本 → 册 → 章 → 节, per education group.
CREATE TABLE library_catalogue (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    group_id   bigint NOT NULL REFERENCES edu_group (id),
    parent_id  bigint REFERENCES library_catalogue (id) ON DELETE CASCADE,
    level      text   NOT NULL CHECK (level IN ('subject', 'edition', 'volume', 'unit', 'section')),
    name       text   NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    position   integer NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX library_catalogue_unique ON library_catalogue (group_id, coalesce(parent_id, 0), name);

-- Synonym groups administrators extend (道法 = 道德与法治); terms are matched as whole query tokens.
CREATE TABLE library_synonym (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    terms     text[] NOT NULL CHECK (cardinality(terms) >= 2),
    added_by  bigint REFERENCES app_user (id),
    at        timestamptz NOT NULL DEFAULT now()
);
