package cn.tongbei.library;

import cn.tongbei.groups.Vocabulary;
import cn.tongbei.platform.http.Fields;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Reads and validates a resource's metadata, from a multipart upload's form fields or a JSON edit. Values are
 * the names users see (数学, 七年级, 人教版, 教案); an edit changes only the fields it sends.
 */
final class MetadataForm {
    static final String[] FIELDS = {"title", "description", "stage", "grade", "subject", "edition", "volume", "unit",
            "section", "catalogueId", "type", "tags", "licence", "visibility"};
    private static final String DEFAULT_LICENCE = "CC BY-NC-SA 4.0";

    private MetadataForm() {}

    /** Multipart form fields as the JSON an edit would send ({@code tags} split on commas, 、 or spaces). */
    static JsonObject fromForm(MultiMap form) {
        JsonObject json = new JsonObject();
        for (String name : form.names()) {
            String value = form.get(name);
            if ("tags".equals(name)) {
                JsonArray tags = new JsonArray();
                form.getAll(name).forEach(v -> Arrays.stream(v.split("[,，、;；\\s]+")).filter(t -> !t.isBlank())
                        .forEach(tags::add));
                json.put(name, tags);
            } else if ("catalogueId".equals(name)) {
                json.put(name, value.isBlank() ? null : value.trim());
            } else {
                json.put(name, value);
            }
        }
        return json;
    }

    /** The metadata after applying {@code body} to {@code base} (null for a new resource). */
    static Resource.Metadata read(JsonObject body, Resource.Metadata base, String defaultTitle) {
        Fields f = Fields.of(body).allowOnly(FIELDS);
        String title = pick(f.optionalString("title", 200), base, Resource.Metadata::title, defaultTitle);
        if (title == null || title.isBlank()) {
            f.fail("title", "required");
        }
        String grade = oneOf(f, "grade", Vocabulary.GRADES, base, Resource.Metadata::grade);
        String stage = oneOf(f, "stage", Resource.STAGES, base, Resource.Metadata::stage);
        if (stage == null || body.containsKey("grade")) {
            stage = Resource.stageOf(grade) == null ? stage : Resource.stageOf(grade);
        }
        Resource.Metadata m = new Resource.Metadata(title,
                pick(f.optionalString("description", 2000), base, Resource.Metadata::description, ""),
                stage, grade,
                oneOf(f, "subject", Vocabulary.SUBJECTS, base, Resource.Metadata::subject),
                pick(f.optionalString("edition", 50), base, Resource.Metadata::edition, null),
                pick(f.optionalString("volume", 50), base, Resource.Metadata::volume, null),
                pick(f.optionalString("unit", 100), base, Resource.Metadata::unit, null),
                pick(f.optionalString("section", 100), base, Resource.Metadata::section, null),
                catalogueId(f, body, base),
                required(f, oneOf(f, "type", Resource.TYPES, base, Resource.Metadata::type), "type"),
                tags(f, base),
                pick(f.optionalString("licence", 100), base, Resource.Metadata::licence, DEFAULT_LICENCE),
                required(f, oneOf(f, "visibility", Resource.VISIBILITIES, base, Resource.Metadata::visibility),
                        "visibility"));
        f.validate();
        return m;
    }

    private static String pick(String sent, Resource.Metadata base, Function<Resource.Metadata, String> old,
            String fallback) {
        if (sent != null) {
            return sent.isBlank() && fallback == null ? null : sent;
        }
        return base != null ? old.apply(base) : fallback;
    }

    private static String oneOf(Fields f, String name, List<String> allowed, Resource.Metadata base,
            Function<Resource.Metadata, String> old) {
        String value = f.optionalString(name, 50);
        if (value == null || value.isBlank()) {
            return value == null && base != null ? old.apply(base) : null;
        }
        if (!allowed.contains(value)) {
            return f.fail(name, "one_of", String.join(", ", allowed));
        }
        return value;
    }

    private static String required(Fields f, String value, String name) {
        if (value == null) {
            f.fail(name, "required");
        }
        return value;
    }

    private static Long catalogueId(Fields f, JsonObject body, Resource.Metadata base) {
        if (!body.containsKey("catalogueId")) {
            return base == null ? null : base.catalogueId();
        }
        Object raw = body.getValue("catalogueId");
        if (raw == null) {
            return null;
        }
        try {
            long id = raw instanceof Number n ? n.longValue() : Long.parseLong(raw.toString().trim());
            return id > 0 ? id : f.fail("catalogueId", "invalid_format");
        } catch (NumberFormatException e) {
            return f.fail("catalogueId", "invalid_format");
        }
    }

    private static List<String> tags(Fields f, Resource.Metadata base) {
        List<String> tags = f.optionalStrings("tags", 20, 30);
        if (tags != null) {
            return tags;
        }
        return base == null ? List.of() : base.tags();
    }
}
