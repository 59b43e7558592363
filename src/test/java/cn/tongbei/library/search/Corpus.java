package cn.tongbei.library.search;

import cn.tongbei.access.Principal;
import cn.tongbei.access.Role;
import cn.tongbei.library.Resource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The relevance fixture: a small K-12 corpus and graded queries (src/test/resources/library/). */
final class Corpus {
    private Corpus() {}

    /** A document of the corpus with its text. */
    record Doc(Resource resource, String text) {}

    /** A query of some kind with graded judgments (id → 1..3). */
    record Judged(String kind, String query, Map<Long, Integer> grades) {}

    static Resource resource(long id, String title, String subject, String grade, String edition, String type,
            List<String> tags, String visibility, long owner, long group, Long school, String review) {
        OffsetDateTime t = OffsetDateTime.parse("2026-01-01T00:00:00Z").plusMinutes(id);
        return new Resource(id, id, "k" + id, 100, "application/pdf", "h" + id, owner, "教师" + owner, group, school,
                school == null ? null : "学校" + school, title + ".pdf",
                new Resource.Metadata(title, "", Resource.stageOf(grade), grade, subject, edition, null, null, null,
                        null, type, tags, "CC BY", visibility),
                "ready", null, review, null, id % 7, 0, 0, 0, t, t);
    }

    static List<Doc> docs() {
        List<Doc> out = new ArrayList<>();
        for (String[] f : rows("corpus.tsv")) {
            out.add(new Doc(resource(Long.parseLong(f[0]), f[1], f[2], f[3], f[4], f[5], Arrays.asList(f[6].split(",")),
                    "public", 1, 1, 10L, "approved"), f[7]));
        }
        return out;
    }

    static List<Judged> queries() {
        List<Judged> out = new ArrayList<>();
        for (String[] f : rows("queries.tsv")) {
            Map<Long, Integer> grades = new LinkedHashMap<>();
            for (String g : f[2].split(" ")) {
                String[] kv = g.split(":");
                grades.put(Long.parseLong(kv[0]), Integer.parseInt(kv[1]));
            }
            out.add(new Judged(f[0], f[1], grades));
        }
        return out;
    }

    /** Someone who sees every public resource. */
    static Principal reader() {
        return new Principal(500, "reader", "reader", 1L, 10L, List.of(new Principal.Grant(Role.TEACHER, 1L, 10L)),
                List.of());
    }

    private static List<String[]> rows(String name) {
        try (var in = Corpus.class.getResourceAsStream("/library/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> l.split("\t")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** nDCG@10 of a ranking against graded judgments. */
    static double ndcg(List<Long> ranking, Map<Long, Integer> grades) {
        double dcg = 0;
        for (int i = 0; i < Math.min(10, ranking.size()); i++) {
            int g = grades.getOrDefault(ranking.get(i), 0);
            dcg += (Math.pow(2, g) - 1) / (Math.log(i + 2) / Math.log(2));
        }
        List<Integer> ideal = grades.values().stream().sorted((a, b) -> b - a).toList();
        double idcg = 0;
        for (int i = 0; i < Math.min(10, ideal.size()); i++) {
            idcg += (Math.pow(2, ideal.get(i)) - 1) / (Math.log(i + 2) / Math.log(2));
        }
        return idcg == 0 ? 0 : dcg / idcg;
    }
}
