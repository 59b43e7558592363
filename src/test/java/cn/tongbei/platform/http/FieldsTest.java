package cn.tongbei.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FieldsTest {
    enum Mode {
        TIGHT, ALLIANCE
    }

    @Test
    @DisplayName("every problem is reported at once, one per field")
    void collects_all() {
        Fields f = Fields.of(new JsonObject().put("name", "   ").put("mode", "LOOSE").put("tags", "x")
                .put("long", "超".repeat(101)));
        f.requiredString("name", 1, 100);
        f.requiredEnum("mode", Mode.class);
        f.optionalStrings("tags", 5, 10);
        f.optionalString("long", 100);
        f.requiredString("missing", 1, 10);
        ApiException e = assertThrows(ApiException.class, f::validate);
        assertEquals(400, e.status());
        assertEquals(Map.of("name", "required", "mode", "one_of", "tags", "must_be_array", "long", "too_long",
                "missing", "required"), e.fieldCodes());
    }

    @Test
    @DisplayName("problems in a nested object are reported under its name")
    void nested() {
        Fields f = Fields.of(new JsonObject().put("leadSchool", new JsonObject().put("name", "")));
        Fields lead = f.object("leadSchool");
        lead.requiredString("name", 1, 10);
        lead.requiredEnum("kind", Mode.class);
        assertNull(f.object("missing"));
        assertEquals(Map.of("leadSchool.name", "required", "leadSchool.kind", "required", "missing", "required"),
                assertThrows(ApiException.class, f::validate).fieldCodes());
    }

    @Test
    @DisplayName("strings are trimmed, lengths count characters not UTF-16 units, control characters are refused")
    void strings() {
        Fields f = Fields.of(new JsonObject().put("a", "  七年级数学  ").put("emoji", "😀".repeat(10))
                .put("ctl", "a\u0000b"));
        assertEquals("七年级数学", f.requiredString("a", 1, 5));
        assertEquals("😀".repeat(10), f.requiredString("emoji", 1, 10));
        assertNull(f.requiredString("ctl", 1, 10));
        assertEquals(Map.of("ctl", "control_characters"), assertThrows(ApiException.class, f::validate).fieldCodes());
    }

    @Test
    @DisplayName("enums are case-insensitive; string lists are de-duplicated")
    void enums_and_lists() {
        Fields f = Fields.of(new JsonObject().put("mode", "alliance").put("s", new JsonArray(List.of("数学", "数学",
                "物理"))));
        assertEquals(Mode.ALLIANCE, f.requiredEnum("mode", Mode.class));
        assertEquals(List.of("数学", "物理"), f.optionalStrings("s", 5, 10));
        f.validate();
    }

    @Test
    @DisplayName("messages follow the request language and name the arguments")
    void messages() {
        assertEquals("最多 5 个字符", Messages.text(Locale.SIMPLIFIED_CHINESE, "field.too_long", List.of(5)));
        assertEquals("At most 5 characters", Messages.text(Locale.ENGLISH, "field.too_long", List.of(5)));
        assertEquals("紧密型集团最多 3 所成员校，当前已有 3 所，不能再添加", Messages.text(Locale.SIMPLIFIED_CHINESE,
                "member_cap_reached", List.of(Mode.TIGHT, 3, 3)));
    }

    @Test
    @DisplayName("unknown failures map to 500, known statuses to their own codes")
    void error_mapping() {
        assertEquals(500, ErrorHandler.toApiException(new IllegalStateException("boom"), -1).status());
        assertEquals(413, ErrorHandler.toApiException(null, 413).status());
        assertEquals(400, ErrorHandler.toApiException(new io.vertx.core.json.DecodeException("x"), -1).status());
        assertEquals("payload_too_large", ErrorHandler.toApiException(null, 413).code());
    }
}
