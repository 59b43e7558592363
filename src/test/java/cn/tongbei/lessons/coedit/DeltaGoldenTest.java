package cn.tongbei.lessons.coedit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The Java Delta agrees with quill-delta 5.1 on every golden vector (see delta-golden/generate.mjs). */
@DisplayName("Delta agrees with the reference quill-delta")
class DeltaGoldenTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TestFactory
    @DisplayName("on every golden case: compose, apply, transform both ways, transformPosition, invert, diff")
    Stream<DynamicTest> golden() throws Exception {
        JsonNode root;
        try (InputStream in = getClass().getResourceAsStream("/delta-golden/golden.json")) {
            root = MAPPER.readTree(in);
        }
        assertTrue(root.get("cases").size() > 500, "golden file has its cases");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : root.get("cases")) {
            tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> check(c)));
        }
        return tests.stream();
    }

    private static void check(JsonNode c) throws Exception {
        Delta doc = read(c.get("doc"));
        Delta a = read(c.get("a"));
        Delta b = read(c.get("b"));
        expect(c, "compose", () -> a.compose(b));
        expect(c, "applyA", () -> doc.compose(a));
        expect(c, "transformTrue", () -> a.transform(b, true));
        expect(c, "transformFalse", () -> a.transform(b, false));
        expect(c, "invert", () -> a.invert(doc));
        for (JsonNode p : c.get("positions")) {
            int index = p.get("index").asInt();
            assertEquals(p.get("withPriority").asInt(), a.transformPosition(index, true), "position with priority");
            assertEquals(p.get("withoutPriority").asInt(), a.transformPosition(index, false), "position");
        }
        JsonNode diff = c.get("diff");
        if (!diff.isObject()) {
            Delta target = read(c.get("applyA"));
            expect(c, "diff", () -> doc.diff(target));
            Delta d = doc.diff(target);
            assertEquals(withoutNulls(target), withoutNulls(doc.compose(d)), "diff turns the document into the target");
            assertEquals(d, Delta.of(d.ops()).chop(), "diff is canonical");
        }
    }

    @TestFactory
    @DisplayName("diff is exactly quill-delta's (fast-diff with semantic cleanup, and with a cursor) on every diff case")
    Stream<DynamicTest> goldenDiff() throws Exception {
        JsonNode root;
        try (InputStream in = getClass().getResourceAsStream("/delta-golden/golden.json")) {
            root = MAPPER.readTree(in);
        }
        assertTrue(root.get("diffCases").size() > 700, "golden file has its diff cases");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : root.get("diffCases")) {
            tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> {
                Delta a = read(c.get("a"));
                Delta b = read(c.get("b"));
                expect(c, "diff", () -> a.diff(b));
                if (c.has("cursor")) {
                    int cursor = c.get("cursor").asInt();
                    expect(c, "diffCursor", () -> a.diff(b, cursor));
                }
                JsonNode want = c.get("diff");
                if (!(want.isObject() && want.has("error"))) {
                    assertEquals(withoutNulls(b), withoutNulls(a.compose(a.diff(b))), "diff turns a into b");
                }
            }));
        }
        return tests.stream();
    }

    private static void expect(JsonNode c, String field, Supplier<Delta> op) throws Exception {
        JsonNode want = c.get(field);
        if (want.isObject() && want.has("error")) {
            assertThrows(RuntimeException.class, op::get, field + " throws like quill-delta");
            return;
        }
        JsonNode got = MAPPER.readTree(DeltaJson.write(op.get()));
        assertEquals(want, got, field);
    }

    /** Documents may carry {@code null} attributes (quill-delta keeps them on inserted ops); they mean nothing. */
    static Delta withoutNulls(Delta doc) {
        Delta out = new Delta();
        for (Op op : doc.ops()) {
            java.util.Map<String, Object> attrs = op.attributes() == null
                    ? null
                    : new java.util.LinkedHashMap<>(op.attributes());
            if (attrs != null) {
                attrs.values().removeIf(java.util.Objects::isNull);
            }
            out.push(op.withAttributes(attrs));
        }
        return out;
    }

    private static Delta read(JsonNode ops) throws Exception {
        return DeltaJson.read(MAPPER.treeToValue(ops, Object.class));
    }
}
