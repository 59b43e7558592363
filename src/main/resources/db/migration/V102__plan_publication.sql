-- Publishing the common plan (共案) to the library as a 教案: the resource it became, who published it and when.
-- publishing_at is a short claim so two concurrent publishes cannot both create a resource.
ALTER TABLE lesson_plan
    ADD COLUMN library_resource_id bigint,
    ADD COLUMN published_by        bigint REFERENCES app_user (id),
    ADD COLUMN published_at        timestamptz,
    ADD COLUMN publishing_at       timestamptz;
