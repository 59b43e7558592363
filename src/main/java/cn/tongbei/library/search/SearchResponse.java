package cn.tongbei.library.search;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * A search's response body, encoded where the search ran (a worker), so that the event loop only sends it:
 * {@code {"total", "hits": [{…summary, "score", "highlights": {"title", "body"}}], "facets": {dim: [{"value",
 * "count"}]}}}. A hit's summary fields are the index's encoded summary, copied as they are.
 */
final class SearchResponse {
    private static final JsonFactory JSON = new JsonFactory();

    private SearchResponse() {}

    static Buffer encode(SearchResult result) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192 + 2048 * result.hits().size());
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("total", result.total());
            g.writeArrayFieldStart("hits");
            for (SearchResult.Hit h : result.hits()) {
                hit(g, h);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("facets");
            for (Map.Entry<String, List<SearchResult.FacetCount>> dim : result.facets().entrySet()) {
                g.writeArrayFieldStart(dim.getKey());
                for (SearchResult.FacetCount c : dim.getValue()) {
                    g.writeStartObject();
                    g.writeStringField("value", c.value());
                    g.writeNumberField("count", c.count());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Buffer.buffer(out.toByteArray());
    }

    private static void hit(JsonGenerator g, SearchResult.Hit h) throws IOException {
        g.writeStartObject();
        g.writeNumberField("score", h.score());
        g.writeObjectFieldStart("highlights");
        g.writeStringField("title", h.titleHighlight());
        g.writeArrayFieldStart("body");
        for (String passage : h.bodyHighlights()) {
            g.writeString(passage);
        }
        g.writeEndArray();
        g.writeEndObject();
        // the summary is a JSON object encoded at indexing: its members follow the two written above
        String summary = h.summary().strip();
        if (summary.length() > 2 && summary.charAt(0) == '{' && summary.charAt(summary.length() - 1) == '}') {
            g.writeRaw(',');
            g.writeRaw(summary, 1, summary.length() - 2);
        } else {
            g.writeNumberField("id", h.id());
        }
        g.writeEndObject();
    }
}
