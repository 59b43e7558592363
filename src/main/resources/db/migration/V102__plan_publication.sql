-- Publishing the common plan (共案) to the library as a 教案: the resource it became, who published it and when.
-- publishing_at is a short claim so two concurrent publishes cannot both create a resource.
ALTER TABLE lesson_plan
    ADD COLUMN library_resource_id bigint,
    ADD COLUMN published_by        bigint REFERENCES app_user (id),
    ADD COLUMN published_at        timestamptz,
    ADD COLUMN publishing_at       timestamptz;

-- The key signing image tickets (?t=… on plan image URLs, for <img> elements that cannot send a bearer
-- token). One row, written by the first node to start, shared by every node of a cluster.
CREATE TABLE lessons_image_key (
    id  integer PRIMARY KEY CHECK (id = 1),
    key bytea   NOT NULL
);
