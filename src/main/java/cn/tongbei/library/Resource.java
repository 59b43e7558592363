package cn.tongbei.library;

import cn.tongbei.access.AccessPolicy.ResourceRef;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/**
 * A library resource as stored: its metadata (the values users see), who shared it where, its processing
 * and review state, and its counters.
 */
public record Resource(long id, long blobId, String objectKey, long sizeBytes, String mime, String sha256,
        long ownerId, String ownerName, long groupId, Long schoolId, String schoolName, String fileName,
        Metadata meta, String status, String statusReason, String reviewState, String reviewReason, long downloads,
        int ratingSum, int ratingCount, int favorites, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    /** The descriptive fields a teacher fills in (and may edit later). */
    public record Metadata(String title, String description, String stage, String grade, String subject,
            String edition, String volume, String unit, String section, Long catalogueId, String type,
            List<String> tags, String licence, String visibility) {}

    /** The seven kinds of resource (资源类型). */
    public static final List<String> TYPES = List.of("教案", "课件", "学案", "试题", "微课", "素材", "单元设计");

    /** Who may see it: private, my school, my group, public. */
    public static final List<String> VISIBILITIES = List.of("private", "school", "group", "public");

    /** The school stages (学段). */
    public static final List<String> STAGES = List.of("小学", "初中", "高中");

    static Resource from(Row r) {
        String[] tags = r.getArrayOfStrings("tags");
        return new Resource(r.getLong("id"), r.getLong("blob_id"), r.getString("object_key"), r.getLong("size_bytes"),
                r.getString("mime"), r.getString("sha256"), r.getLong("owner_id"), r.getString("owner_name"),
                r.getLong("group_id"), r.getLong("school_id"), r.getString("school_name"), r.getString("file_name"),
                new Metadata(r.getString("title"), r.getString("description"), r.getString("stage"),
                        r.getString("grade"), r.getString("subject"), r.getString("edition"), r.getString("volume"),
                        r.getString("unit"), r.getString("section"), r.getLong("catalogue_id"), r.getString("type"),
                        tags == null ? List.of() : Arrays.asList(tags), r.getString("licence"),
                        r.getString("visibility")),
                r.getString("status"), r.getString("status_reason"), r.getString("review_state"),
                r.getString("review_reason"), r.getLong("downloads"), r.getInteger("rating_sum"),
                r.getInteger("rating_count"), r.getInteger("favorites"), r.getOffsetDateTime("created_at"),
                r.getOffsetDateTime("updated_at"));
    }

    /** What authorization needs to know about it. */
    public ResourceRef ref() {
        return new ResourceRef(ownerId, groupId, schoolId, meta.visibility(), reviewState);
    }

    /** The stage (学段) a grade belongs to, or null. */
    public static String stageOf(String grade) {
        if (grade == null) {
            return null;
        }
        return switch (grade) {
            case "一年级", "二年级", "三年级", "四年级", "五年级", "六年级" -> "小学";
            case "七年级", "八年级", "九年级" -> "初中";
            case "高一", "高二", "高三" -> "高中";
            default -> null;
        };
    }

    public double rating() {
        return ratingCount == 0 ? 0 : Math.round(ratingSum * 10.0 / ratingCount) / 10.0;
    }

    /**
     * What a list or a search hit shows of it (no storage or review details). The search index keeps this, encoded,
     * in each document, so that a page of hits is answered from the index alone.
     */
    public JsonObject summary() {
        return new JsonObject().put("id", id).put("title", meta.title()).put("description", meta.description())
                .put("stage", meta.stage()).put("grade", meta.grade()).put("subject", meta.subject())
                .put("edition", meta.edition()).put("volume", meta.volume()).put("unit", meta.unit())
                .put("type", meta.type()).put("tags", new JsonArray(meta.tags())).put("visibility", meta.visibility())
                .put("fileName", fileName).put("size", sizeBytes).put("mime", mime).put("status", status)
                .put("reviewState", reviewState).put("owner", owner()).put("school", school())
                .put("downloads", downloads).put("rating", rating()).put("ratingCount", ratingCount)
                .put("favorites", favorites).put("createdAt", createdAt.toString());
    }

    private JsonObject owner() {
        return new JsonObject().put("id", ownerId).put("displayName", ownerName);
    }

    private JsonObject school() {
        return schoolId == null ? null : new JsonObject().put("id", schoolId).put("name", schoolName);
    }

    /** The summary with the resource page's details (catalogue place, licence, hash, reasons, group, update). */
    public JsonObject toJson() {
        return summary().put("section", meta.section()).put("catalogueId", meta.catalogueId())
                .put("licence", meta.licence()).put("sha256", sha256).put("statusReason", statusReason)
                .put("reviewReason", reviewReason).put("groupId", groupId).put("updatedAt", updatedAt.toString());
    }
}
